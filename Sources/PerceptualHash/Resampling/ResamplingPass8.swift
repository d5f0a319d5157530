/// The one-dimensional 8-bit passes, Pillow's fixed-point arithmetic: for each output sample
/// `acc = 2^21 + sum(sample * weight)` in `Int32` (wrapping, so the order of the sum does not
/// matter), result `clamp(acc >> 22, 0, 255)` with an arithmetic shift.
enum ResamplingPass8 {
    /// Clamps a fixed-point accumulator to an 8-bit sample: `min(max(acc >> 22, 0), 255)`.
    @inline(__always)
    static func clip(_ acc: Int32) -> UInt8 {
        let v = acc >> 22
        return v < 0 ? 0 : (v > 255 ? 255 : UInt8(truncatingIfNeeded: v))
    }

    /// The horizontal pass over `rowCount` rows.
    ///
    /// - Parameters:
    ///   - src: interleaved samples, `srcRowSamples` per row; row `r` of the pass is source row
    ///     `rowStart + r`; output `i` reads source pixels `axis.first[i] - columnOffset ..<` that
    ///     plus `axis.counts[i]`.
    ///   - dst: `rowCount` rows of `axis.outputCount * channels` samples.
    static func horizontal(
        src: UnsafeBufferPointer<UInt8>, srcRowSamples: Int, rowStart: Int, rowCount: Int,
        columnOffset: Int, channels: Int, axis: ResamplingAxis, weights: [Int32],
        dst: UnsafeMutableBufferPointer<UInt8>
    ) {
        let outW = axis.outputCount
        let dstRow = outW * channels
        let stride = axis.stride
        axis.first.withUnsafeBufferPointer { first in
        axis.counts.withUnsafeBufferPointer { counts in
        weights.withUnsafeBufferPointer { k in
            for r in 0..<rowCount {
                let srow = (rowStart + r) * srcRowSamples
                let drow = r * dstRow
                for i in 0..<outW {
                    let start = srow + (first[i] - columnOffset) * channels
                    let n = counts[i]
                    let kb = i * stride
                    for c in 0..<channels {
                        var acc: Int32 = 1 << 21
                        for j in 0..<n {
                            acc &+= Int32(src[start + j * channels + c]) &* k[kb + j]
                        }
                        dst[drow + i * channels + c] = clip(acc)
                    }
                }
            }
        }
        }
        }
    }

    /// The vertical pass over the samples `sampleStart ..< sampleStart + sampleCount` of each row.
    ///
    /// Output row `i` reads source rows `axis.first[i] - rowOffset ..<` that plus `axis.counts[i]`;
    /// it is written to `dst` at `i * dstRowSamples`, sample `s` of the range at index `s`.
    static func vertical(
        src: UnsafeBufferPointer<UInt8>, srcRowSamples: Int, rowOffset: Int,
        sampleStart: Int, sampleCount: Int, axis: ResamplingAxis, weights: [Int32],
        dst: UnsafeMutableBufferPointer<UInt8>, dstRowSamples: Int
    ) {
        let stride = axis.stride
        let acc = UnsafeMutablePointer<Int32>.allocate(capacity: max(sampleCount, 1))
        defer { acc.deallocate() }
        axis.first.withUnsafeBufferPointer { first in
        axis.counts.withUnsafeBufferPointer { counts in
        weights.withUnsafeBufferPointer { k in
            for i in 0..<axis.outputCount {
                acc.update(repeating: 1 << 21, count: sampleCount)
                let n = counts[i]
                for j in 0..<n {
                    let w = k[i * stride + j]
                    let row = (first[i] - rowOffset + j) * srcRowSamples + sampleStart
                    for s in 0..<sampleCount {
                        acc[s] &+= Int32(src[row + s]) &* w
                    }
                }
                let drow = i * dstRowSamples
                for s in 0..<sampleCount { dst[drow + s] = clip(acc[s]) }
            }
        }
        }
        }
    }
}
