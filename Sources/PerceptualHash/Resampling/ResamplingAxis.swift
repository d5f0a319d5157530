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
        precondition(
            inputCount >= 1 && outputCount >= 1,
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
