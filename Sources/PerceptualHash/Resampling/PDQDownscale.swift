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

    /// The luma of `(r, g, b)` as the streamed downscale computes it:
    /// `(Float(r) * 299 + Float(g) * 587 + Float(b) * 114) / 1000`. The products and sums are
    /// integers below 2^24, so exact, and the quotient is the correctly rounded
    /// `N / 1000`, `N = 299 r + 587 g + 114 b`. That equals the reference's luma (the `Double`
    /// formula of ``luma(_:)``, rounded to `Float`) for every byte triple: `N / 1000` is either
    /// a Float (when 125 divides `N`) or, as `1000 m` is a multiple of `2^(e - 21)` for a midpoint `m`
    /// between Floats of exponent `e`, at least `2^-32` (relative) away from every midpoint;
    /// the three `Double` roundings of nonnegative terms and of the constants move it by less
    /// than `2^-50` (relative). `PDQStagesTests` checks all 2^24 triples.
    @inline(__always)
    static func integerLuma(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Float {
        (Float(r) * 299 + Float(g) * 587 + Float(b) * 114) / 1000
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
    /// streamed in strips of eight rows held in SIMD lanes (lane `l` of element `x` is row
    /// `y0 + l`, column `x`):
    /// 1. luma of the strip as ``integerLuma(_:_:_:)`` computes it (`Float(299 r + 587 g +
    ///    114 b) / 1000`, equal to the `Double` formula for every byte triple);
    /// 2. pass 1 along rows on the eight lanes at once;
    /// 3. pass 1 along columns, row by row, over all columns at once (a ring keeps the last
    ///    `window + 8` row-filtered rows for the subtractions); each output row goes into the
    ///    lanes of the next strip of pass 2;
    /// 4. pass 2 along rows: the running sums over every sample, the division only at the 64
    ///    decimated columns;
    /// 5. pass 2 along columns on those 64 columns, then decimation.
    /// Memory is about `width * (height / 128 + 50) + height * 128` floats; every kept value sees
    /// the same operations in the same order as in the reference.
    static func reduce(_ image: PixelBuffer, shortcut64: Bool = true) -> [Float] {
        let width = image.width, height = image.height
        if shortcut64 && width == side && height == side { return luma(image) }
        let rowWindow = windowSize(length: width), columnWindow = windowSize(length: height)
        let columns = (0..<side).map { decimationIndex($0, length: width) }
        let rows = (0..<side).map { decimationIndex($0, length: height) }
        // The divisor pass 2 along rows applies at each kept column.
        let keptDivisors = columns.map { Float(boxCount(at: $0, length: width, window: rowWindow)) }
        let half = (columnWindow + 2) / 2
        let slots = columnWindow + 8  // rows still to be subtracted plus the eight of one strip

        let lanes = UnsafeMutableBufferPointer<SIMD8<Float>>.allocate(capacity: width)
        let filtered = UnsafeMutableBufferPointer<SIMD8<Float>>.allocate(capacity: width)
        let pass2 = UnsafeMutableBufferPointer<SIMD8<Float>>.allocate(capacity: width)
        let pass2Sums = UnsafeMutableBufferPointer<SIMD8<Float>>.allocate(capacity: width)
        let ring = UnsafeMutableBufferPointer<Float>.allocate(capacity: (slots + 1) * width)  // + a discard row
        let sums = UnsafeMutableBufferPointer<Float>.allocate(capacity: width)
        let pending = UnsafeMutableBufferPointer<Float>.allocate(capacity: 8 * width)
        let kept = UnsafeMutableBufferPointer<SIMD8<Float>>.allocate(capacity: side)
        let rowPointers = UnsafeMutableBufferPointer<UnsafeMutablePointer<Float>>.allocate(capacity: 8)
        let pendingRows = UnsafeMutableBufferPointer<UnsafeMutablePointer<Float>>.allocate(capacity: 8)
        defer {
            lanes.deallocate(); filtered.deallocate(); pass2.deallocate(); pass2Sums.deallocate()
            ring.deallocate(); sums.deallocate(); pending.deallocate(); kept.deallocate()
            rowPointers.deallocate(); pendingRows.deallocate()
        }
        pending.initialize(repeating: 0)
        sums.initialize(repeating: 0)
        for l in 0..<8 { pendingRows[l] = pending.baseAddress! + l * width }
        var picked = [Float](repeating: 0, count: height * side)
        var pendingCount = 0, pendingStart = 0  // column-filtered rows in `pending`
        var count = 0

        picked.withUnsafeMutableBufferPointer { picked in
            // Pass 2 along rows on the pending rows, divided at the kept columns only.
            func flush() {
                guard pendingCount > 0 else { return }
                rowsToLanes(UnsafePointer(pendingRows.baseAddress!), pass2, width: width)
                boxSumLanes(pass2, pass2Sums, length: width, window: rowWindow)
                for j in 0..<side { kept[j] = pass2Sums[columns[j]] / SIMD8(repeating: keptDivisors[j]) }
                let values = UnsafeRawPointer(kept.baseAddress!).assumingMemoryBound(to: Float.self)
                for l in 0..<pendingCount {
                    for j in 0..<side { picked[(pendingStart &+ l) &* side &+ j] = values[j &* 8 &+ l] }
                }
                pendingStart += pendingCount
                pendingCount = 0
            }
            // One output row of pass 1 along columns, `sums / count`, into the pending rows.
            func emit() {
                divide(sums, by: count, into: pending, at: pendingCount &* width)
                pendingCount += 1
                if pendingCount == 8 { flush() }
            }

            let ringBuffer = UnsafeBufferPointer(ring)
            var y0 = 0
            while y0 < height {
                let n = min(8, height - y0)
                lumaLanes(image, from: y0, count: n, into: lanes)
                boxLanes(lanes, filtered, length: width, window: rowWindow)
                for l in 0..<8 { rowPointers[l] = ring.baseAddress! + (l < n ? (y0 + l) % slots : slots) * width }
                lanesToRows(UnsafePointer(filtered.baseAddress!), UnsafePointer(rowPointers.baseAddress!), width: width)
                for l in 0..<n {
                    let r = y0 + l
                    if r >= columnWindow {
                        // The steady state in one sweep: add, subtract, divide.
                        slideAndDivide(
                            ringBuffer, adding: (r % slots) * width, subtracting: ((r - columnWindow) % slots) * width,
                            sums: sums, by: count, into: pending, at: pendingCount &* width)
                        pendingCount += 1
                        if pendingCount == 8 { flush() }
                        continue
                    }
                    addRow(ringBuffer, at: (r % slots) * width, to: sums)
                    if r >= columnWindow {
                        subtractRow(ringBuffer, at: ((r - columnWindow) % slots) * width, from: sums)
                    } else {
                        count += 1
                    }
                    if r >= half - 1 { emit() }
                }
                y0 += n
            }
            for t in 0..<(half - 1) {
                let lag = height - columnWindow + t
                subtractRow(ringBuffer, at: (lag % slots) * width, from: sums)
                count -= 1
                emit()
            }
            flush()
        }

        var columnFiltered = [Float](repeating: 0, count: height * side)
        boxAlongColumns(picked, into: &columnFiltered, width: side, height: height, window: columnWindow)
        var out = [Float](repeating: 0, count: side * side)
        for i in 0..<side {
            for j in 0..<side { out[i * side + j] = columnFiltered[rows[i] * side + j] }
        }
        return out
    }

    /// The number of samples the box filter of `window` over `length` samples divides output
    /// `index` by: the samples of `[index - (window - half), index + half - 1]` inside
    /// `0 ..< length`, `half = (window + 2) / 2`.
    static func boxCount(at index: Int, length: Int, window: Int) -> Int {
        let half = (window + 2) / 2
        return min(index + half - 1, length - 1) - max(index - (window - half), 0) + 1
    }

    /// The luma of rows `first ..< first + count` (at most 8) of `image` into the lanes of
    /// `lanes` (lane `l` of `lanes[x]` is row `first + l`; lanes past `count` repeat the
    /// strip's last row). Colour pixels go eight rows at a time through ``integerLuma(_:_:_:)``'s
    /// arithmetic in SIMD lanes: one 4-byte load per pixel and row (the last pixel of the
    /// image, whose fourth byte would lie past the samples, is done alone).
    private static func lumaLanes(
        _ image: PixelBuffer, from first: Int, count rowCount: Int, into lanes: UnsafeMutableBufferPointer<SIMD8<Float>>
    ) {
        precondition(rowCount >= 1 && rowCount <= 8 && first + rowCount <= image.height && lanes.count >= image.width)
        let width = image.width, channels = image.format.channelCount
        let stride = width * channels
        let bases = (0..<8).map { (first + min($0, rowCount - 1)) * stride }
        image.samples.withUnsafeBufferPointer { samples in
            let s = samples.baseAddress!
            if image.format.isGray {
                // Float(1000 v) / 1000 is v.
                for x in 0..<width {
                    let o = x &* channels
                    lanes[x] = SIMD8(
                        Float(s[bases[0] &+ o]), Float(s[bases[1] &+ o]), Float(s[bases[2] &+ o]),
                        Float(s[bases[3] &+ o]), Float(s[bases[4] &+ o]), Float(s[bases[5] &+ o]),
                        Float(s[bases[6] &+ o]), Float(s[bases[7] &+ o]))
                }
                return
            }
            // Pixels whose 4-byte load stays inside the samples in every row of the strip.
            let vectorEnd = min(width, (samples.count - 4 - bases[7]) / channels + 1)
            let raw = UnsafeRawPointer(s)
            let b0 = bases[0], b1 = bases[1], b2 = bases[2], b3 = bases[3]
            let b4 = bases[4], b5 = bases[5], b6 = bases[6], b7 = bases[7]
            let byte = SIMD8<UInt32>(repeating: 0xFF)
            let thousand = SIMD8<Float>(repeating: 1000)
            @inline(__always) func word(_ offset: Int) -> UInt32 {
                UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
            }
            for x in 0..<vectorEnd {
                let o = x &* channels
                let w = SIMD8<UInt32>(
                    word(b0 &+ o), word(b1 &+ o), word(b2 &+ o), word(b3 &+ o),
                    word(b4 &+ o), word(b5 &+ o), word(b6 &+ o), word(b7 &+ o))
                let r = SIMD8<Float>(SIMD8<Int32>(truncatingIfNeeded: w & byte))
                let g = SIMD8<Float>(SIMD8<Int32>(truncatingIfNeeded: (w &>> 8) & byte))
                let b = SIMD8<Float>(SIMD8<Int32>(truncatingIfNeeded: (w &>> 16) & byte))
                // Integers below 2^24: every product and sum is exact.
                lanes[x] = (r * 299 + g * 587 + b * 114) / thousand
            }
            for x in vectorEnd..<width {
                var v = SIMD8<Float>()
                for l in 0..<8 {
                    let o = bases[l] + x * channels
                    v[l] = integerLuma(s[o], s[o + 1], s[o + 2])
                }
                lanes[x] = v
            }
        }
    }

    // MARK: - Transposition

    /// Copies the eight lanes of `lanes[0 ..< width]` to eight rows: `rows[l][x] = lanes[x][l]`.
    /// Blocks of four columns go through two 4x4 transposes of SIMD4 halves.
    @inline(__always)
    private static func lanesToRows(
        _ lanes: UnsafePointer<SIMD8<Float>>, _ rows: UnsafePointer<UnsafeMutablePointer<Float>>, width: Int
    ) {
        let r0 = UnsafeMutableRawPointer(rows[0]), r1 = UnsafeMutableRawPointer(rows[1])
        let r2 = UnsafeMutableRawPointer(rows[2]), r3 = UnsafeMutableRawPointer(rows[3])
        let r4 = UnsafeMutableRawPointer(rows[4]), r5 = UnsafeMutableRawPointer(rows[5])
        let r6 = UnsafeMutableRawPointer(rows[6]), r7 = UnsafeMutableRawPointer(rows[7])
        var x = 0
        while x &+ 4 <= width {
            let v0 = lanes[x], v1 = lanes[x &+ 1], v2 = lanes[x &+ 2], v3 = lanes[x &+ 3]
            let low = transpose(v0.lowHalf, v1.lowHalf, v2.lowHalf, v3.lowHalf)
            let high = transpose(v0.highHalf, v1.highHalf, v2.highHalf, v3.highHalf)
            let offset = x &* 4
            r0.storeBytes(of: low.0, toByteOffset: offset, as: SIMD4<Float>.self)
            r1.storeBytes(of: low.1, toByteOffset: offset, as: SIMD4<Float>.self)
            r2.storeBytes(of: low.2, toByteOffset: offset, as: SIMD4<Float>.self)
            r3.storeBytes(of: low.3, toByteOffset: offset, as: SIMD4<Float>.self)
            r4.storeBytes(of: high.0, toByteOffset: offset, as: SIMD4<Float>.self)
            r5.storeBytes(of: high.1, toByteOffset: offset, as: SIMD4<Float>.self)
            r6.storeBytes(of: high.2, toByteOffset: offset, as: SIMD4<Float>.self)
            r7.storeBytes(of: high.3, toByteOffset: offset, as: SIMD4<Float>.self)
            x &+= 4
        }
        while x < width {
            let v = lanes[x]
            for l in 0..<8 { rows[l][x] = v[l] }
            x &+= 1
        }
    }

    /// The inverse of ``lanesToRows(_:_:width:)``: `lanes[x][l] = rows[l][x]`.
    @inline(__always)
    private static func rowsToLanes(
        _ rows: UnsafePointer<UnsafeMutablePointer<Float>>, _ lanes: UnsafeMutableBufferPointer<SIMD8<Float>>,
        width: Int
    ) {
        let r0 = UnsafeRawPointer(rows[0]), r1 = UnsafeRawPointer(rows[1])
        let r2 = UnsafeRawPointer(rows[2]), r3 = UnsafeRawPointer(rows[3])
        let r4 = UnsafeRawPointer(rows[4]), r5 = UnsafeRawPointer(rows[5])
        let r6 = UnsafeRawPointer(rows[6]), r7 = UnsafeRawPointer(rows[7])
        var x = 0
        while x &+ 4 <= width {
            let offset = x &* 4
            let low = transpose(
                r0.loadUnaligned(fromByteOffset: offset, as: SIMD4<Float>.self),
                r1.loadUnaligned(fromByteOffset: offset, as: SIMD4<Float>.self),
                r2.loadUnaligned(fromByteOffset: offset, as: SIMD4<Float>.self),
                r3.loadUnaligned(fromByteOffset: offset, as: SIMD4<Float>.self))
            let high = transpose(
                r4.loadUnaligned(fromByteOffset: offset, as: SIMD4<Float>.self),
                r5.loadUnaligned(fromByteOffset: offset, as: SIMD4<Float>.self),
                r6.loadUnaligned(fromByteOffset: offset, as: SIMD4<Float>.self),
                r7.loadUnaligned(fromByteOffset: offset, as: SIMD4<Float>.self))
            lanes[x] = SIMD8(lowHalf: low.0, highHalf: high.0)
            lanes[x &+ 1] = SIMD8(lowHalf: low.1, highHalf: high.1)
            lanes[x &+ 2] = SIMD8(lowHalf: low.2, highHalf: high.2)
            lanes[x &+ 3] = SIMD8(lowHalf: low.3, highHalf: high.3)
            x &+= 4
        }
        while x < width {
            var v = SIMD8<Float>()
            for l in 0..<8 { v[l] = rows[l][x] }
            lanes[x] = v
            x &+= 1
        }
    }

    /// The transpose of the 4x4 matrix whose rows are `a0 ... a3`.
    @inline(__always)
    private static func transpose(
        _ a0: SIMD4<Float>, _ a1: SIMD4<Float>, _ a2: SIMD4<Float>, _ a3: SIMD4<Float>
    ) -> (SIMD4<Float>, SIMD4<Float>, SIMD4<Float>, SIMD4<Float>) {
        let t0 = SIMD4(a0[0], a1[0], a0[1], a1[1]), t1 = SIMD4(a0[2], a1[2], a0[3], a1[3])
        let t2 = SIMD4(a2[0], a3[0], a2[1], a3[1]), t3 = SIMD4(a2[2], a3[2], a2[3], a3[3])
        return (
            SIMD4(t0[0], t0[1], t2[0], t2[1]), SIMD4(t0[2], t0[3], t2[2], t2[3]),
            SIMD4(t1[0], t1[1], t3[0], t3[1]), SIMD4(t1[2], t1[3], t3[2], t3[3])
        )
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

    /// The running sums of ``boxLanes(_:_:length:window:)`` without the divisions: `output[k]`
    /// is the sum output `k` would be divided by ``boxCount(at:length:window:)``.
    @inline(__always)
    private static func boxSumLanes(
        _ input: UnsafeMutableBufferPointer<SIMD8<Float>>, _ output: UnsafeMutableBufferPointer<SIMD8<Float>>,
        length: Int, window: Int
    ) {
        let half = (window + 2) / 2
        var sum = SIMD8<Float>(repeating: 0)
        var read = 0, lag = 0, write = 0
        for _ in 0..<(half - 1) {
            sum = sum + input[read]
            read += 1
        }
        for _ in 0..<(window - half + 1) {
            sum = sum + input[read]
            output[write] = sum
            read += 1
            write += 1
        }
        for _ in 0..<max(0, length - window) {
            sum = sum + input[read]
            sum = sum - input[lag]
            output[write] = sum
            lag += 1
            read += 1
            write += 1
        }
        for _ in 0..<(half - 1) {
            sum = sum - input[lag]
            output[write] = sum
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

    /// For every column `c`: `sums[c] = (sums[c] + rows[added + c]) - rows[subtracted + c]`,
    /// then `output[offset + c] = sums[c] / Float(count)`: ``addRow(_:at:to:)``,
    /// ``subtractRow(_:at:from:)`` and ``divide(_:by:into:at:)`` in one sweep, with the same
    /// operations in the same order for every column.
    @inline(__always)
    private static func slideAndDivide(
        _ rows: UnsafeBufferPointer<Float>, adding added: Int, subtracting subtracted: Int,
        sums: UnsafeMutableBufferPointer<Float>, by count: Int,
        into output: UnsafeMutableBufferPointer<Float>, at offset: Int
    ) {
        let n = sums.count
        precondition(added + n <= rows.count && subtracted + n <= rows.count && offset + n <= output.count)
        let divisor = Float(count)
        let new = UnsafeRawPointer(rows.baseAddress.unsafelyUnwrapped + added)
        let old = UnsafeRawPointer(rows.baseAddress.unsafelyUnwrapped + subtracted)
        let s = UnsafeMutableRawPointer(sums.baseAddress.unsafelyUnwrapped)
        let target = UnsafeMutableRawPointer(output.baseAddress.unsafelyUnwrapped + offset)
        var c = 0
        while c + 8 <= n {
            let b = c &* 4
            let sum =
                (s.loadUnaligned(fromByteOffset: b, as: SIMD8<Float>.self)
                    + new.loadUnaligned(fromByteOffset: b, as: SIMD8<Float>.self))
                - old.loadUnaligned(fromByteOffset: b, as: SIMD8<Float>.self)
            s.storeBytes(of: sum, toByteOffset: b, as: SIMD8<Float>.self)
            target.storeBytes(of: sum / SIMD8(repeating: divisor), toByteOffset: b, as: SIMD8<Float>.self)
            c += 8
        }
        while c < n {
            sums[c] = (sums[c] + rows[added + c]) - rows[subtracted + c]
            output[offset + c] = sums[c] / divisor
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
