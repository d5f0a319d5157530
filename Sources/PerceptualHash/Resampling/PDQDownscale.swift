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
/// The passes run over many columns (or, transposed, eight rows) at once in SIMD lanes;
/// ``reduce(_:shortcut64:)`` streams the image through them without full-size planes, and
/// its second pass filters only the 64 columns decimation reads. Every kept value goes
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
        let count = image.pixelCount
        return [Float](unsafeUninitializedCapacity: count) { out, initialized in
            lumaRows(image, from: 0, count: image.height, into: out)
            initialized = count
        }
    }

    /// Writes the luma of rows `first ..< first + count` of `image` to `out` (row-major,
    /// `count * width` values from its start).
    static func lumaRows(
        _ image: PixelBuffer, from first: Int, count rowCount: Int, into out: UnsafeMutableBufferPointer<Float>
    ) {
        let red = LumaTables.red, green = LumaTables.green, blue = LumaTables.blue
        let channels = image.format.channelCount
        let start = first * image.width
        let count = rowCount * image.width
        precondition(out.count >= count && first + rowCount <= image.height)
        image.samples.withUnsafeBufferPointer { s in
            if image.format.isGray {
                let gray = LumaTables.gray
                for p in 0..<count { out[p] = gray[Int(s[(start + p) * channels])] }
            } else {
                for p in 0..<count {
                    let o = (start + p) * channels
                    let sum = red[Int(s[o])] + green[Int(s[o + 1])]
                    out[p] = Float(sum + blue[Int(s[o + 2])])
                }
            }
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
    /// The plane is taken by value and filtered in place (no copy when the caller passes its
    /// last reference). The streamed ``reduce(_:shortcut64:)`` gives the same values.
    ///
    /// - Precondition: `luma.count == width * height`, both sides at least 1.
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

    /// The same 64x64 plane as ``reduce(_:width:height:shortcut64:)`` of `luma(image)`,
    /// streamed: luma and the first row pass run eight rows at a time, the first column pass
    /// consumes rows as they come (keeping only the last `window + 8` filtered rows for its
    /// subtractions), and the second row pass keeps only the 64 decimated columns. Memory is
    /// `O(width * (height / 128 + 24) + height * 64)` floats instead of two full planes; every
    /// value sees the same operations in the same order.
    static func reduce(_ image: PixelBuffer, shortcut64: Bool = true) -> [Float] {
        let width = image.width, height = image.height
        if shortcut64 && width == side && height == side { return luma(image) }
        let rowWindow = windowSize(length: width), columnWindow = windowSize(length: height)
        let columns = (0..<side).map { decimationIndex($0, length: width) }
        let rows = (0..<side).map { decimationIndex($0, length: height) }
        let half = (columnWindow + 2) / 2
        // Rows still to be subtracted plus the eight rows of one block.
        let slots = columnWindow + 8

        var workspace = RowWorkspace(width: width)
        var block = [Float](repeating: 0, count: 8 * width)        // luma of up to 8 rows
        var ring = [Float](repeating: 0, count: slots * width)     // row-filtered rows by r % slots
        var sums = [Float](repeating: 0, count: width)
        var pending = [Float](repeating: 0, count: 8 * width)      // column-filtered rows awaiting pass 2
        var pendingCount = 0, pendingStart = 0
        var picked = [Float](repeating: 0, count: height * side)
        var count = 0

        // Pass 2 along rows on the pending rows, keeping the decimated columns.
        func flush() {
            guard pendingCount > 0 else { return }
            var kept = [Float](repeating: 0, count: pendingCount * side)
            boxAlongRows(
                pending, width: width, height: pendingCount, window: rowWindow, keeping: columns,
                into: &kept, workspace: &workspace)
            for k in 0..<(pendingCount * side) { picked[pendingStart * side + k] = kept[k] }
            pendingStart += pendingCount
            pendingCount = 0
        }
        // One output row of pass 1 along columns: sums / count.
        func emit() {
            sums.withUnsafeMutableBufferPointer { s in
                pending.withUnsafeMutableBufferPointer { p in divide(s, by: count, into: p, at: pendingCount * width) }
            }
            pendingCount += 1
            if pendingCount == 8 { flush() }
        }

        var y0 = 0
        while y0 < height {
            let n = min(8, height - y0)
            block.withUnsafeMutableBufferPointer { lumaRows(image, from: y0, count: n, into: $0) }
            // Pass 1 along rows, each filtered row straight into its ring slot.
            ring.withUnsafeMutableBufferPointer { o in
                forEachFilteredRow(
                    block, width: width, height: n, window: rowWindow, workspace: &workspace,
                    { y, strip in
                        for l in 0..<8 {
                            let slot = ((y0 + y + l) % slots) * width
                            for x in 0..<width { o[slot + x] = strip[x][l] }
                        }
                    },
                    { y, row in
                        let slot = ((y0 + y) % slots) * width
                        for x in 0..<width { o[slot + x] = row[x] }
                    })
            }
            for t in 0..<n {
                let r = y0 + t
                let slot = (r % slots) * width
                ring.withUnsafeBufferPointer { ringBuffer in
                    sums.withUnsafeMutableBufferPointer { s in
                        addRow(ringBuffer, at: slot, to: s)
                        if r >= columnWindow {
                            subtractRow(ringBuffer, at: ((r - columnWindow) % slots) * width, from: s)
                        }
                    }
                }
                if r < columnWindow { count += 1 }
                if r >= half - 1 { emit() }
            }
            y0 += n
        }
        for t in 0..<(half - 1) {
            let lag = height - columnWindow + t
            ring.withUnsafeBufferPointer { ringBuffer in
                sums.withUnsafeMutableBufferPointer { s in
                    subtractRow(ringBuffer, at: (lag % slots) * width, from: s)
                }
            }
            count -= 1
            emit()
        }
        flush()

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
        _ input: [Float], width: Int, height: Int, window: Int, workspace: inout RowWorkspace,
        _ deliver8: (Int, UnsafeMutableBufferPointer<SIMD8<Float>>) -> Void,
        _ deliver: (Int, UnsafeMutableBufferPointer<Float>) -> Void
    ) {
        precondition(workspace.row.count == width && input.count >= width * height)
        input.withUnsafeBufferPointer { i in
            workspace.stripIn.withUnsafeMutableBufferPointer { si in
                workspace.stripOut.withUnsafeMutableBufferPointer { so in
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
                    workspace.row.withUnsafeMutableBufferPointer { r in
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

    /// Scratch vectors for the row passes, reused across calls.
    struct RowWorkspace {
        var stripIn: [SIMD8<Float>]
        var stripOut: [SIMD8<Float>]
        var row: [Float]

        init(width: Int) {
            stripIn = [SIMD8<Float>](repeating: .zero, count: width)
            stripOut = [SIMD8<Float>](repeating: .zero, count: width)
            row = [Float](repeating: 0, count: width)
        }
    }

    /// Box-filters the first `height` rows of a plane `width` wide.
    static func boxAlongRows(
        _ input: [Float], into output: inout [Float], width: Int, height: Int, window: Int
    ) {
        var workspace = RowWorkspace(width: width)
        boxAlongRows(input, into: &output, width: width, height: height, window: window, workspace: &workspace)
    }

    /// Box-filters the first `height` rows of a plane `width` wide, with reusable scratch.
    static func boxAlongRows(
        _ input: [Float], into output: inout [Float], width: Int, height: Int, window: Int,
        workspace: inout RowWorkspace
    ) {
        output.withUnsafeMutableBufferPointer { o in
            forEachFilteredRow(
                input, width: width, height: height, window: window, workspace: &workspace,
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
        var workspace = RowWorkspace(width: width)
        boxAlongRows(
            input, width: width, height: height, window: window, keeping: columns, into: &output,
            workspace: &workspace)
    }

    /// ``boxAlongRows(_:width:height:window:keeping:into:)`` with reusable scratch.
    static func boxAlongRows(
        _ input: [Float], width: Int, height: Int, window: Int, keeping columns: [Int],
        into output: inout [Float], workspace: inout RowWorkspace
    ) {
        let kept = columns.count
        output.withUnsafeMutableBufferPointer { o in
            forEachFilteredRow(
                input, width: width, height: height, window: window, workspace: &workspace,
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
