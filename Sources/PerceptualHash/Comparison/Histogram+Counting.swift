extension Histogram {
    /// Counts the pixel values of `image`: gray or R, G, B, of the whole image or of each cell
    /// of a `gridSize` x `gridSize` grid, in `binCount` bins per segment.
    ///
    /// - Gray (``Channels/gray(_:)``): an RGB(A) image is converted with
    ///   ``PixelBuffer/grayscale(_:)`` first; a gray image's own values are counted (the
    ///   conversion does not apply). Alpha is ignored.
    /// - RGB (``Channels/rgb``): three segments per cell, R, G, B; a gray image counts each gray
    ///   value as R = G = B. Alpha is ignored.
    /// - Value `v` goes to bin `v * binCount / 256` (integer division), as OpenCV's
    ///   `calcHist(..., [binCount], [0, 256])`; cells as described in ``Histogram``.
    ///
    /// ```swift
    /// let gray = Histogram(image)                                    // 256 gray bins, rec601
    /// let rgb = Histogram(image, channels: .rgb, binCount: 64)       // 3 x 64 bins
    /// let regional = Histogram(image, binCount: 16, gridSize: 4)     // 16 cells x 16 bins
    /// ```
    ///
    /// - Precondition: `1...256 ~= binCount`, `1...64 ~= gridSize`.
    /// - Complexity: O(`pixelCount` + `counts.count`); one pass over the samples (after the gray
    ///   conversion of an RGB image for a gray histogram, which allocates one gray plane), a
    ///   scratch table of 3,072 counters reused for every cell, and the output array.
    public init(
        _ image: PixelBuffer, channels: Channels = .gray(.rec601), binCount: Int = 256, gridSize: Int = 1
    ) {
        Histogram.checkParameters(binCount: binCount, gridSize: gridSize)
        let segments = channels.count
        var out = [Int](repeating: 0, count: gridSize * gridSize * segments * binCount)

        // The plane to read, its samples per pixel, and how many channels of it are counted.
        let source: PixelBuffer
        let counted: Int
        switch (channels, image.format.isGray) {
        case (.gray(let conversion), false):
            source = image.grayscale(conversion)
            counted = 1
        case (.gray, true), (.rgb, true):
            source = image
            counted = 1
        case (.rgb, false):
            source = image
            counted = 3
        }
        let stride = source.format.channelCount
        let width = source.width, height = source.height

        withUnsafeTemporaryAllocation(of: Int.self, capacity: 12 * 256) { scratch in
            let table = scratch.baseAddress!
            source.withUnsafeBufferPointer { samples in
                out.withUnsafeMutableBufferPointer { dst in
                    let base = samples.baseAddress!
                    let rowStride = width * stride
                    for row in 0..<gridSize {
                        let y0 = row * height / gridSize, y1 = (row + 1) * height / gridSize
                        for column in 0..<gridSize {
                            let x0 = column * width / gridSize, x1 = (column + 1) * width / gridSize
                            guard y1 > y0, x1 > x0 else { continue }
                            UnsafeMutableBufferPointer(rebasing: scratch[0..<(counted == 1 ? 4 : 12) * 256])
                                .initialize(repeating: 0)
                            let origin = base + y0 * rowStride + x0 * stride
                            let segment = (row * gridSize + column) * segments * binCount
                            if counted == 1 {
                                Histogram.tallyOne(
                                    origin, rowStride: rowStride, pixelStride: stride,
                                    columns: x1 - x0, rows: y1 - y0, table: table)
                                for v in 0..<256 {
                                    let n = table[v] &+ table[256 &+ v] &+ table[512 &+ v] &+ table[768 &+ v]
                                    let bin = segment &+ (v &* binCount) >> 8
                                    for s in 0..<segments { dst[bin &+ s &* binCount] &+= n }
                                }
                            } else {
                                Histogram.tallyThree(
                                    origin, rowStride: rowStride, pixelStride: stride,
                                    columns: x1 - x0, rows: y1 - y0, table: table)
                                for c in 0..<3 {
                                    let t = table + c &* 1024
                                    let base = segment &+ c &* binCount
                                    for v in 0..<256 {
                                        dst[base &+ (v &* binCount) >> 8] &+=
                                            t[v] &+ t[256 &+ v] &+ t[512 &+ v] &+ t[768 &+ v]
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        self.init(uncheckedCounts: out, channels: channels, binCount: binCount, gridSize: gridSize)
    }

    /// Counts the first sample of each pixel of a `columns` x `rows` rectangle into four
    /// interleaved 256-entry tables (`table[0..<1024]`, zeroed by the caller); four tables keep
    /// runs of equal values from serializing on one counter.
    private static func tallyOne(
        _ origin: UnsafePointer<UInt8>, rowStride: Int, pixelStride: Int, columns: Int, rows: Int,
        table: UnsafeMutablePointer<Int>
    ) {
        let s = pixelStride
        for r in 0..<rows {
            var p = origin + r &* rowStride
            var x = 0
            while x &+ 4 <= columns {
                table[Int(p[0])] &+= 1
                table[256 &+ Int(p[s])] &+= 1
                table[512 &+ Int(p[2 &* s])] &+= 1
                table[768 &+ Int(p[3 &* s])] &+= 1
                p += 4 &* s
                x &+= 4
            }
            while x < columns {
                table[Int(p[0])] &+= 1
                p += s
                x &+= 1
            }
        }
    }

    /// Counts the first three samples (R, G, B) of each pixel of a rectangle into twelve
    /// 256-entry tables (`table[0..<3072]`, zeroed by the caller): R in tables 0...3, G in 4...7,
    /// B in 8...11, pixel `x` going to table `x % 4` of its channel.
    private static func tallyThree(
        _ origin: UnsafePointer<UInt8>, rowStride: Int, pixelStride: Int, columns: Int, rows: Int,
        table: UnsafeMutablePointer<Int>
    ) {
        let s = pixelStride
        let r = table, g = table + 1024, b = table + 2048
        for y in 0..<rows {
            var p = origin + y &* rowStride
            var x = 0
            while x &+ 4 <= columns {
                r[Int(p[0])] &+= 1
                g[Int(p[1])] &+= 1
                b[Int(p[2])] &+= 1
                let q = p + s
                r[256 &+ Int(q[0])] &+= 1
                g[256 &+ Int(q[1])] &+= 1
                b[256 &+ Int(q[2])] &+= 1
                let t = q + s
                r[512 &+ Int(t[0])] &+= 1
                g[512 &+ Int(t[1])] &+= 1
                b[512 &+ Int(t[2])] &+= 1
                let u = t + s
                r[768 &+ Int(u[0])] &+= 1
                g[768 &+ Int(u[1])] &+= 1
                b[768 &+ Int(u[2])] &+= 1
                p = u + s
                x &+= 4
            }
            while x < columns {
                r[Int(p[0])] &+= 1
                g[Int(p[1])] &+= 1
                b[Int(p[2])] &+= 1
                p += s
                x &+= 1
            }
        }
    }
}
