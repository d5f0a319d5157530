/// The convolution weights of one axis of a resize: for every output sample, the first input
/// sample it reads, how many it reads, and their weights. Computed once per call and shared by
/// every row (or column) of the pass.
///
/// The computation is Pillow's, step by step, in `Double`:
///
/// - `scale = in / out`, `filterscale = max(scale, 1)`, `support = filter.support * filterscale`,
///   `ss = 1 / filterscale`;
/// - output `i`: `center = (i + 0.5) * scale`,
///   `first = max(0, Int(center - support + 0.5))`, `end = min(in, Int(center + support + 0.5))`
///   (`Int(_:)` truncates), `count = end - first`;
/// - tap `j` in `0..<count`: `w[j] = k(((first + j) - center + 0.5) * ss)`, then every `w[j]` is
///   divided by their sum (summed in tap order) unless that sum is 0.
///
/// The 8-bit path turns the weights into 22-bit fixed point with ``fixedWeights``.
struct ResamplingAxis: Sendable {
    /// The fixed-point precision of the 8-bit path: weights are scaled by `2^22`.
    static let precisionBits = 22

    /// The number of input samples along the axis.
    let inputCount: Int
    /// The number of output samples along the axis.
    let outputCount: Int
    /// The row length of ``weights``: `Int(ceil(support)) * 2 + 1`, at least every `counts[i]`.
    let stride: Int
    /// `first[i]`: the first input sample output `i` reads.
    let first: [Int]
    /// `counts[i]`: the number of input samples output `i` reads (at least 1).
    let counts: [Int]
    /// `weights[i * stride + j]`: the normalised weight of input `first[i] + j` in output `i`;
    /// zero for `j >= counts[i]`.
    let weights: [Double]

    /// Computes the weights of `filter` (not ``ResamplingFilter/nearest``) for resizing
    /// `inputCount` samples to `outputCount`.
    init(filter: ResamplingFilter, inputCount: Int, outputCount: Int) {
        precondition(filter != .nearest, "nearest neighbour has no convolution weights")
        precondition(inputCount >= 1 && outputCount >= 1,
                     "axis sizes must be at least 1, got \(inputCount) -> \(outputCount)")
        self.inputCount = inputCount
        self.outputCount = outputCount
        // Pillow passes the source extent as a C float: exact below 2^24.
        let scale = Double(Float(inputCount)) / Double(outputCount)
        let filterscale = max(scale, 1)
        let support = filter.support * filterscale
        // ceil(support), without the C library: support is positive and far below 2^52.
        let whole = Int(support)
        let stride = (Double(whole) < support ? whole + 1 : whole) * 2 + 1
        self.stride = stride
        let ss = 1.0 / filterscale
        var first = [Int](repeating: 0, count: outputCount)
        var counts = [Int](repeating: 0, count: outputCount)
        var weights = [Double](repeating: 0, count: outputCount * stride)
        for i in 0..<outputCount {
            let center = (Double(i) + 0.5) * scale
            let lo = max(0, Int(center - support + 0.5))
            let hi = min(inputCount, Int(center + support + 0.5))
            let n = hi - lo
            let base = i * stride
            var sum = 0.0
            for j in 0..<n {
                let w = filter.kernel((Double(lo + j) - center + 0.5) * ss)
                weights[base + j] = w
                sum += w
            }
            if sum != 0 {
                for j in 0..<n { weights[base + j] /= sum }
            }
            first[i] = lo
            counts[i] = n
        }
        self.first = first
        self.counts = counts
        self.weights = weights
    }

    /// The weights in 22-bit fixed point, laid out as ``weights``: `Int32(w * 2^22 + 0.5)` for
    /// `w >= 0`, `Int32(w * 2^22 - 0.5)` for `w < 0` (rounding half away from zero, truncating
    /// the shifted value).
    func fixedWeights() -> [Int32] {
        let one = Double(1 << ResamplingAxis.precisionBits)
        return weights.map { w in
            w < 0 ? Int32(-0.5 + w * one) : Int32(0.5 + w * one)
        }
    }

    /// The fixed-point weights split for the vectorized 8-bit passes (``SplitWeights``).
    func splitFixedWeights() -> SplitWeights {
        let k = fixedWeights()
        // Rows padded with zero weights to a multiple of 8 taps.
        let stride = (self.stride &+ 7) & ~7
        var high = [Int16](repeating: 0, count: outputCount * stride)
        var low = [Int16](repeating: 0, count: outputCount * stride)
        var fits = true
        for i in 0..<outputCount {
            for j in 0..<counts[i] {
                let w = k[i &* self.stride &+ j]
                let h = w >> 11
                if h < Int32(Int16.min) || h > Int32(Int16.max) { fits = false }
                high[i &* stride &+ j] = Int16(truncatingIfNeeded: h)
                low[i &* stride &+ j] = Int16(truncatingIfNeeded: w & 0x7FF)
            }
        }
        precondition(fits, "resampling weight out of range (|w| >= 16): \(inputCount) -> \(outputCount)")
        let padded = counts.map { ($0 &+ 7) & ~7 }
        return SplitWeights(stride: stride, high: high, low: low, padded: padded)
    }

    /// The input range every output reads: `first[0] ..< first[last] + counts[last]`.
    var usedInputRange: Range<Int> {
        first[0]..<(first[outputCount - 1] + counts[outputCount - 1])
    }
}

/// The input sample each output sample copies under nearest-neighbour resampling, as Pillow
/// computes it: `x = scale / 2` with `scale = in / out`, then `index[i] = Int(x)` (truncating)
/// and `x += scale` for the next output; indices are clamped to `in - 1`.
func nearestIndices(inputCount: Int, outputCount: Int) -> [Int] {
    let scale = Double(Float(inputCount)) / Double(outputCount)
    var x = 0.0 + scale * 0.5
    var out = [Int](repeating: 0, count: outputCount)
    for i in 0..<outputCount {
        out[i] = min(inputCount - 1, max(0, Int(x)))
        x += scale
    }
    return out
}

/// One axis's 22-bit fixed-point weights split into two 16-bit halves for
/// `Int16 x Int16 -> Int32` multiply-adds: `k = high * 2^11 + low` with `low = k & 0x7FF`
/// (0...2047) and `high = k >> 11` (arithmetic), so that
/// `sum(p * k) = (sum(p * high) << 11) + sum(p * low)` exactly in wrapping `Int32` arithmetic.
/// `high` fits `Int16` whenever `|k| < 2^26` (a normalised weight below 16; the largest any
/// filter produces is about 1.3).
struct SplitWeights: Sendable {
    /// The row length of ``high`` and ``low``: the axis's stride rounded up to a multiple of 8.
    let stride: Int
    /// `high[i * stride + j]`, zero past `counts[i]`.
    let high: [Int16]
    /// `low[i * stride + j]`, zero past `counts[i]`.
    let low: [Int16]
    /// `counts[i]` rounded up to a multiple of 8 (at most ``stride``): the tap loop length.
    let padded: [Int]
}
