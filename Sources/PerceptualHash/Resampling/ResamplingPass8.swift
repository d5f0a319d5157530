/// The one-dimensional 8-bit passes, Pillow's fixed-point arithmetic: for each output sample
/// `acc = 2^21 + sum(sample * weight)` in `Int32` (wrapping, so the order of the sum does not
/// matter), result `clamp(acc >> 22, 0, 255)` with an arithmetic shift.
///
/// Integer sums are exact in any order, which frees the inner loops to be vectorized: each
/// 22-bit weight `k` is split as `k = high * 2^11 + low` (``ResamplingAxis/splitFixedWeights()``),
/// and the sums of `sample * high` and `sample * low` are `Int16 x Int16 -> Int32` dot products,
/// which the compiler turns into packed multiply-adds (`pmaddwd` on x86-64, `smlal` on ARM).
enum ResamplingPass8 {
    /// Clamps a fixed-point accumulator to an 8-bit sample: `min(max(acc >> 22, 0), 255)`.
    @inline(__always)
    static func clip(_ acc: Int32) -> UInt8 {
        let v = acc >> 22
        return v < 0 ? 0 : (v > 255 ? 255 : UInt8(truncatingIfNeeded: v))
    }

    /// `2^21 + sum(p[j] * (high[j] * 2^11 + low[j]))` over `j in 0..<n`, wrapping; `n` is a
    /// multiple of 8.
    ///
    /// Eight taps per step: the `Int16` lanes widened to `Int32`, multiplied, and adjacent
    /// products added pairwise, which is exactly one packed multiply-add (`pmaddwd`). Debug
    /// builds use the equivalent scalar loop instead (the sum is exact in any order), because
    /// unoptimized generic SIMD code is about a hundred times slower; `swift test -c release`
    /// exercises the vector loop.
    @inline(__always)
    static func dot(
        _ p: UnsafePointer<Int16>, _ high: UnsafePointer<Int16>, _ low: UnsafePointer<Int16>, _ n: Int
    ) -> Int32 {
        #if DEBUG
        var hs: Int32 = 0
        var ls: Int32 = 0
        for j in 0..<n {
            let v = Int32(p[j])
            hs &+= v &* Int32(high[j])
            ls &+= v &* Int32(low[j])
        }
        return (1 << 21) &+ (hs &<< 11) &+ ls
        #else
        var h = SIMD4<Int32>()
        var l = SIMD4<Int32>()
        var j = 0
        while j < n {
            let v = SIMD8<Int32>(truncatingIfNeeded: UnsafeRawPointer(p + j).loadUnaligned(as: SIMD8<Int16>.self))
            let a = SIMD8<Int32>(truncatingIfNeeded: UnsafeRawPointer(high + j).loadUnaligned(as: SIMD8<Int16>.self))
            let b = SIMD8<Int32>(truncatingIfNeeded: UnsafeRawPointer(low + j).loadUnaligned(as: SIMD8<Int16>.self))
            let pa = v &* a
            let pb = v &* b
            h &+= pa.evenHalf &+ pa.oddHalf
            l &+= pb.evenHalf &+ pb.oddHalf
            j &+= 8
        }
        return (1 << 21) &+ (h.wrappedSum() &<< 11) &+ l.wrappedSum()
        #endif
    }

    /// The horizontal pass over `rowCount` rows.
    ///
    /// - Parameters:
    ///   - src: interleaved samples, `srcRowSamples` per row; row `r` of the pass is source row
    ///     `rowStart + r`; output `i` reads source pixels `axis.first[i] - columnOffset ..<` that
    ///     plus `axis.counts[i]`.
    ///   - weights: the split weights of `axis` (``SplitWeights``).
    ///   - dst: `rowCount` rows of `axis.outputCount * channels` samples.
    static func horizontal(
        src: UnsafeBufferPointer<UInt8>, srcRowSamples: Int, rowStart: Int, rowCount: Int,
        columnOffset: Int, channels: Int, axis: ResamplingAxis, weights: SplitWeights,
        dst: UnsafeMutableBufferPointer<UInt8>
    ) {
        let outW = axis.outputCount
        let dstRow = outW &* channels
        let stride = weights.stride
        let used = axis.usedInputRange
        let u0 = used.lowerBound &- columnOffset
        let usedCount = used.count
        // One row of the used columns, de-interleaved into `channels` planes of Int16, each
        // followed by zeros so that the tap loops can run to a multiple of 8.
        let planeStride = usedCount &+ 8
        let planes = UnsafeMutablePointer<Int16>.allocate(capacity: planeStride &* channels)
        planes.initialize(repeating: 0, count: planeStride &* channels)
        defer { planes.deallocate() }
        guard let s = src.baseAddress, let d = dst.baseAddress else { return }
        axis.first.withUnsafeBufferPointer { first in
        weights.padded.withUnsafeBufferPointer { padded in
        weights.high.withUnsafeBufferPointer { kh in
        weights.low.withUnsafeBufferPointer { kl in
            let khp = kh.baseAddress!, klp = kl.baseAddress!
            for r in 0..<rowCount {
                let row = s + (rowStart &+ r) &* srcRowSamples + u0 &* channels
                let out = d + r &* dstRow
                switch channels {
                case 1:
                    for x in 0..<usedCount { planes[x] = Int16(row[x]) }
                case 2:
                    let p1 = planes + planeStride
                    for x in 0..<usedCount {
                        planes[x] = Int16(row[2 &* x]); p1[x] = Int16(row[2 &* x &+ 1])
                    }
                case 3:
                    let p1 = planes + planeStride, p2 = p1 + planeStride
                    for x in 0..<usedCount {
                        let b = row + 3 &* x
                        planes[x] = Int16(b[0]); p1[x] = Int16(b[1]); p2[x] = Int16(b[2])
                    }
                default:
                    let p1 = planes + planeStride, p2 = p1 + planeStride, p3 = p2 + planeStride
                    for x in 0..<usedCount {
                        let b = row + 4 &* x
                        planes[x] = Int16(b[0]); p1[x] = Int16(b[1])
                        p2[x] = Int16(b[2]); p3[x] = Int16(b[3])
                    }
                }
                for i in 0..<outW {
                    let off = first[i] &- used.lowerBound
                    let n = padded[i]
                    let wh = khp + i &* stride, wl = klp + i &* stride
                    for c in 0..<channels {
                        out[i &* channels &+ c] = clip(dot(planes + (c &* planeStride &+ off), wh, wl, n))
                    }
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
        guard let s = src.baseAddress, let d = dst.baseAddress else { return }
        axis.first.withUnsafeBufferPointer { first in
        axis.counts.withUnsafeBufferPointer { counts in
        weights.withUnsafeBufferPointer { k in
            for i in 0..<axis.outputCount {
                acc.update(repeating: 1 << 21, count: sampleCount)
                for j in 0..<counts[i] {
                    let w = k[i * stride + j]
                    let row = s + (first[i] - rowOffset + j) * srcRowSamples + sampleStart
                    for x in 0..<sampleCount { acc[x] &+= Int32(row[x]) &* w }
                }
                let out = d + i * dstRowSamples
                for x in 0..<sampleCount { out[x] = clip(acc[x]) }
            }
        }
        }
        }
    }
}
