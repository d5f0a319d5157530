/// PDQ's luma and its 64x64 downscale (a two-pass Jarosz tent filter, then decimation), in
/// exactly the `Float` operations of Meta's C++ reference as the `pdqhash` 0.2.8 bindings run it.
///
/// - Luma: `Float((Double(r) * 0.299 + Double(g) * 0.587) + Double(b) * 0.114)`, each product
///   and sum rounded to `Double` (NumPy's float64 arithmetic in `pdqhash.compute`), then rounded
///   to `Float` once. Gray pixels are treated as `r = g = b`; alpha is ignored.
/// - Window sizes: along rows `(width + 127) / 128`, along columns `(height + 127) / 128`
///   (integer division), that is half of one 64th of the side, rounded up.
/// - Two passes of: a box filter along every row, then along every column. The box filter is
///   the reference's running sum in `Float`: for window `w` and half window `h = (w + 2) / 2`,
///   the sum starts at `0`; the first `h - 1` samples are added; output `i` for
///   `i = 0 ..< w - h + 1` adds sample `i + h - 1` and divides the sum by the number of samples
///   in it; each later output adds the sample `h - 1` ahead, then subtracts the sample `w - h + 1`
///   behind (`sum += next; sum -= old`, in that order) and divides by `w`; the last `h - 1`
///   outputs only subtract, dividing by the shrinking count. Rounding in the running sum is
///   therefore part of the result (even a window of 1 is not an exact copy).
/// - Decimation: output `(i, j)` is the filtered sample at row
///   `Int((Double(i) + 0.5) * Double(height) / 64)` and column
///   `Int((Double(j) + 0.5) * Double(width) / 64)`.
/// - A 64x64 image skips filter and decimation (the luma is the 64x64 plane) when the
///   reference's single-hash path does (not in its dihedral path).
///
/// The passes run over many columns (or, transposed, eight rows) at once in SIMD lanes, and
/// the last pass keeps only the 64 columns decimation reads; every kept value goes
/// through the same operations in the same order as in the reference.
enum PDQDownscale {
    /// The side PDQ downscales to.
    static let side = 64

    /// The reference's box-filter window for a side of `length` samples downscaled to 64.
    static func windowSize(length: Int) -> Int {
        (length + 2 * side - 1) / (2 * side)
    }

    /// The input index decimation reads for output index `index` of 64, along a side of `length`.
    static func decimationIndex(_ index: Int, length: Int) -> Int {
        Int((Double(index) + 0.5) * Double(length) / Double(side))
    }

    /// The luma plane (row-major, `width * height` values) of `image`.
    static func luma(_ image: PixelBuffer) -> [Float] {
        let red = LumaTables.red, green = LumaTables.green, blue = LumaTables.blue
        let channels = image.format.channelCount
        let count = image.pixelCount
        return [Float](unsafeUninitializedCapacity: count) { out, initialized in
            image.samples.withUnsafeBufferPointer { s in
                if image.format.isGray {
                    let gray = LumaTables.gray
                    for p in 0..<count { out[p] = gray[Int(s[p * channels])] }
                } else {
                    for p in 0..<count {
                        let o = p * channels
                        let sum = red[Int(s[o])] + green[Int(s[o + 1])]
                        out[p] = Float(sum + blue[Int(s[o + 2])])
                    }
                }
            }
            initialized = count
        }
    }

    /// `Double(v) * weight` for every byte `v`, one table per channel.
    private enum LumaTables {
        static let red = (0..<256).map { Double($0) * 0.299 }
        static let green = (0..<256).map { Double($0) * 0.587 }
        static let blue = (0..<256).map { Double($0) * 0.114 }
        /// The luma of `r = g = b = v`.
        static let gray: [Float] = (0..<256).map { Float((red[$0] + green[$0]) + blue[$0]) }
    }

    /// The 64x64 plane (row-major) the reference makes from a `width x height` luma plane.
    /// With `shortcut64` (the reference's single-hash path) a 64x64 plane is returned as it
    /// is; without it (its dihedral path) it is filtered like any other size.
    ///
    /// - Precondition: `luma.count == width * height`, both sides at least 1.
    /// The plane is taken by value and filtered in place (no copy when the caller passes its
    /// last reference).
    static func reduce(_ luma: consuming [Float], width: Int, height: Int, shortcut64: Bool = true) -> [Float] {
        precondition(width >= 1 && height >= 1 && luma.count == width * height)
        if shortcut64 && width == side && height == side { return luma }
        let rowWindow = windowSize(length: width), columnWindow = windowSize(length: height)
        let columns = (0..<side).map { decimationIndex($0, length: width) }
        let rows = (0..<side).map { decimationIndex($0, length: height) }

        var plane = luma
        // Every value is written by the first row pass before it is read.
        var scratch = [Float](unsafeUninitializedCapacity: width * height) { _, n in n = width * height }
        // Pass 1, in full.
        boxAlongRows(plane, into: &scratch, width: width, height: height, window: rowWindow)
        boxAlongColumns(scratch, into: &plane, width: width, height: height, window: columnWindow)
        scratch = []
        // Pass 2: rows in full (the running sums need every sample), kept at the 64
        // decimated columns only; then columns on those 64 columns.
        var picked = [Float](repeating: 0, count: height * side)
        boxAlongRows(plane, width: width, height: height, window: rowWindow, keeping: columns, into: &picked)
        plane = []
        var filtered = [Float](repeating: 0, count: height * side)
        boxAlongColumns(picked, into: &filtered, width: side, height: height, window: columnWindow)
        var out = [Float](repeating: 0, count: side * side)
        for i in 0..<side {
            for j in 0..<side { out[i * side + j] = filtered[rows[i] * side + j] }
        }
        return out
    }

    // MARK: - Box filter

    /// The reference's running-sum box filter of one vector of `length` samples read at
    /// `input[start + k * stride]`, written at `output[start + k * stride]`.
    @inline(__always)
    private static func box(
        _ input: UnsafeBufferPointer<Float>, _ output: UnsafeMutableBufferPointer<Float>,
        start: Int, stride: Int, length: Int, window: Int
    ) {
        let half = (window + 2) / 2
        var sum: Float = 0
        var count = 0
        var read = start, lag = start, write = start
        for _ in 0..<(half - 1) {
            sum += input[read]
            count += 1
            read += stride
        }
        for _ in 0..<(window - half + 1) {
            sum += input[read]
            count += 1
            output[write] = sum / Float(count)
            read += stride
            write += stride
        }
        for _ in 0..<max(0, length - window) {
            sum += input[read]
            sum -= input[lag]
            output[write] = sum / Float(count)
            lag += stride
            read += stride
            write += stride
        }
        for _ in 0..<(half - 1) {
            sum -= input[lag]
            count -= 1
            output[write] = sum / Float(count)
            lag += stride
            write += stride
        }
    }

    /// The running-sum box filter of ``box(_:_:start:stride:length:window:)`` on eight vectors
    /// at once: lane `l` of `input[k]` is sample `k` of vector `l`. Each lane sees the same
    /// operations in the same order as the scalar filter.
    @inline(__always)
    private static func boxLanes(
        _ input: UnsafeMutableBufferPointer<SIMD8<Float>>, _ output: UnsafeMutableBufferPointer<SIMD8<Float>>,
        length: Int, window: Int
    ) {
        let half = (window + 2) / 2
        var sum = SIMD8<Float>(repeating: 0)
        var count = 0
        var read = 0, lag = 0, write = 0
        for _ in 0..<(half - 1) {
            sum = sum + input[read]
            count += 1
            read += 1
        }
        for _ in 0..<(window - half + 1) {
            sum = sum + input[read]
            count += 1
            output[write] = sum / SIMD8(repeating: Float(count))
            read += 1
            write += 1
        }
        let divisor = SIMD8<Float>(repeating: Float(count))
        for _ in 0..<max(0, length - window) {
            sum = sum + input[read]
            sum = sum - input[lag]
            output[write] = sum / divisor
            lag += 1
            read += 1
            write += 1
        }
        for _ in 0..<(half - 1) {
            sum = sum - input[lag]
            count -= 1
            output[write] = sum / SIMD8(repeating: Float(count))
            lag += 1
            write += 1
        }
    }

    /// Box-filters every row of a `width x height` plane and hands each filtered row to
    /// `deliver(y, row)`. Rows go eight at a time through ``boxLanes(_:_:length:window:)``
    /// (transposed into SIMD lanes), the last `height % 8` through the scalar filter.
    @inline(__always)
    private static func forEachFilteredRow(
        _ input: [Float], width: Int, height: Int, window: Int,
        _ deliver8: (Int, UnsafeMutableBufferPointer<SIMD8<Float>>) -> Void,
        _ deliver: (Int, UnsafeMutableBufferPointer<Float>) -> Void
    ) {
        var stripIn = [SIMD8<Float>](repeating: .zero, count: width)
        var stripOut = [SIMD8<Float>](repeating: .zero, count: width)
        var row = [Float](repeating: 0, count: width)
        input.withUnsafeBufferPointer { i in
            stripIn.withUnsafeMutableBufferPointer { si in
                stripOut.withUnsafeMutableBufferPointer { so in
                    var y = 0
                    while y + 8 <= height {
                        let base = y * width
                        for x in 0..<width {
                            si[x] = SIMD8(
                                i[base + x], i[base + width + x], i[base + 2 * width + x],
                                i[base + 3 * width + x], i[base + 4 * width + x], i[base + 5 * width + x],
                                i[base + 6 * width + x], i[base + 7 * width + x])
                        }
                        boxLanes(si, so, length: width, window: window)
                        deliver8(y, so)
                        y += 8
                    }
                    row.withUnsafeMutableBufferPointer { r in
                        while y < height {
                            let rowInput = UnsafeBufferPointer(rebasing: i[(y * width)..<(y * width + width)])
                            box(rowInput, r, start: 0, stride: 1, length: width, window: window)
                            deliver(y, r)
                            y += 1
                        }
                    }
                }
            }
        }
    }

    /// Box-filters every row of a `width x height` plane.
    static func boxAlongRows(
        _ input: [Float], into output: inout [Float], width: Int, height: Int, window: Int
    ) {
        output.withUnsafeMutableBufferPointer { o in
            forEachFilteredRow(
                input, width: width, height: height, window: window,
                { y, strip in
                    for x in 0..<width {
                        let v = strip[x]
                        for l in 0..<8 { o[(y + l) * width + x] = v[l] }
                    }
                },
                { y, row in
                    for x in 0..<width { o[y * width + x] = row[x] }
                })
        }
    }

    /// Box-filters every row of a `width x height` plane and keeps, per row, the outputs at
    /// `columns` (`output[y * columns.count + j]` is row `y`'s output at `columns[j]`).
    static func boxAlongRows(
        _ input: [Float], width: Int, height: Int, window: Int, keeping columns: [Int],
        into output: inout [Float]
    ) {
        let kept = columns.count
        output.withUnsafeMutableBufferPointer { o in
            forEachFilteredRow(
                input, width: width, height: height, window: window,
                { y, strip in
                    for j in 0..<kept {
                        let v = strip[columns[j]]
                        for l in 0..<8 { o[(y + l) * kept + j] = v[l] }
                    }
                },
                { y, row in
                    for j in 0..<kept { o[y * kept + j] = row[columns[j]] }
                })
        }
    }

    /// Box-filters every column of a `width x height` plane: all columns advance together,
    /// one row at a time, eight lanes per SIMD step; each column's sum sees the same
    /// operations in the same order as ``box(_:_:start:stride:length:window:)``.
    static func boxAlongColumns(
        _ input: [Float], into output: inout [Float], width: Int, height: Int, window: Int
    ) {
        let half = (window + 2) / 2
        var sums = [Float](repeating: 0, count: width)
        input.withUnsafeBufferPointer { i in
            output.withUnsafeMutableBufferPointer { o in
                sums.withUnsafeMutableBufferPointer { s in
                    var count = 0
                    var read = 0, lag = 0, write = 0
                    for _ in 0..<(half - 1) {
                        addRow(i, at: read * width, to: s)
                        count += 1
                        read += 1
                    }
                    for _ in 0..<(window - half + 1) {
                        addRow(i, at: read * width, to: s)
                        count += 1
                        divide(s, by: count, into: o, at: write * width)
                        read += 1
                        write += 1
                    }
                    for _ in 0..<max(0, height - window) {
                        addRow(i, at: read * width, to: s)
                        subtractRow(i, at: lag * width, from: s)
                        divide(s, by: count, into: o, at: write * width)
                        lag += 1
                        read += 1
                        write += 1
                    }
                    for _ in 0..<(half - 1) {
                        subtractRow(i, at: lag * width, from: s)
                        count -= 1
                        divide(s, by: count, into: o, at: write * width)
                        lag += 1
                        write += 1
                    }
                }
            }
        }
    }

    /// `sums[c] += input[offset + c]` for every column `c`.
    @inline(__always)
    private static func addRow(
        _ input: UnsafeBufferPointer<Float>, at offset: Int, to sums: UnsafeMutableBufferPointer<Float>
    ) {
        let n = sums.count
        let source = UnsafeRawPointer(input.baseAddress.unsafelyUnwrapped + offset)
        let target = UnsafeMutableRawPointer(sums.baseAddress.unsafelyUnwrapped)
        var c = 0
        while c + 8 <= n {
            let a = target.loadUnaligned(fromByteOffset: c * 4, as: SIMD8<Float>.self)
            let b = source.loadUnaligned(fromByteOffset: c * 4, as: SIMD8<Float>.self)
            target.storeBytes(of: a + b, toByteOffset: c * 4, as: SIMD8<Float>.self)
            c += 8
        }
        while c < n {
            sums[c] += input[offset + c]
            c += 1
        }
    }

    /// `sums[c] -= input[offset + c]` for every column `c`.
    @inline(__always)
    private static func subtractRow(
        _ input: UnsafeBufferPointer<Float>, at offset: Int, from sums: UnsafeMutableBufferPointer<Float>
    ) {
        let n = sums.count
        let source = UnsafeRawPointer(input.baseAddress.unsafelyUnwrapped + offset)
        let target = UnsafeMutableRawPointer(sums.baseAddress.unsafelyUnwrapped)
        var c = 0
        while c + 8 <= n {
            let a = target.loadUnaligned(fromByteOffset: c * 4, as: SIMD8<Float>.self)
            let b = source.loadUnaligned(fromByteOffset: c * 4, as: SIMD8<Float>.self)
            target.storeBytes(of: a - b, toByteOffset: c * 4, as: SIMD8<Float>.self)
            c += 8
        }
        while c < n {
            sums[c] -= input[offset + c]
            c += 1
        }
    }

    /// `output[offset + c] = sums[c] / Float(count)` for every column `c`.
    @inline(__always)
    private static func divide(
        _ sums: UnsafeMutableBufferPointer<Float>, by count: Int,
        into output: UnsafeMutableBufferPointer<Float>, at offset: Int
    ) {
        let n = sums.count
        let divisor = Float(count)
        let source = UnsafeRawPointer(sums.baseAddress.unsafelyUnwrapped)
        let target = UnsafeMutableRawPointer(output.baseAddress.unsafelyUnwrapped + offset)
        var c = 0
        while c + 8 <= n {
            let a = source.loadUnaligned(fromByteOffset: c * 4, as: SIMD8<Float>.self)
            target.storeBytes(of: a / SIMD8(repeating: divisor), toByteOffset: c * 4, as: SIMD8<Float>.self)
            c += 8
        }
        while c < n {
            output[offset + c] = sums[c] / divisor
            c += 1
        }
    }
}
