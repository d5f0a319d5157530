/// The one-dimensional 8-bit passes, Pillow's fixed-point arithmetic: for each output sample
/// `acc = 2^21 + sum(sample * weight)` in `Int32` (wrapping, so the order of the sum does not
/// matter), result `clamp(acc >> 22, 0, 255)` with an arithmetic shift.
///
/// Integer sums are exact in any order, which frees the inner loops to be vectorized: the
/// horizontal pass splits each 22-bit weight `k` as `k = high * 2^15 + low`
/// (``NarrowSplitWeights``), and the sums of `sample * low` and `sample * high` are
/// `Int16 x Int16 -> Int32` dot products, which the compiler turns into packed multiply-adds
/// (`pmaddwd` on x86-64, `smlal` on ARM); `high` is zero outside a short central run of taps.
enum ResamplingPass8 {
    /// Clamps a fixed-point accumulator to an 8-bit sample: `min(max(acc >> 22, 0), 255)`.
    @inline(__always)
    static func clip(_ acc: Int32) -> UInt8 {
        let v = acc >> 22
        return v < 0 ? 0 : (v > 255 ? 255 : UInt8(truncatingIfNeeded: v))
    }

    /// The horizontal pass over `rowCount` rows.
    ///
    /// Each row's used columns are widened to `Int16` and de-interleaved into one plane per
    /// channel (``splitRow(_:count:channels:into:planeStride:)``); each output sample is then
    /// `2^21 + sum(p * low) + (sum(p * high) << 15)` with ``NarrowSplitWeights``, the second sum
    /// only over the short run of taps whose weight needs more than 15 bits
    /// (``NarrowSplitWeights/taps(_:_:_:_:_:_:)``). Three-channel rows share the weight loads
    /// between the channels (``NarrowSplitWeights/taps3(_:_:_:_:_:_:_:)``).
    ///
    /// - Parameters:
    ///   - src: interleaved samples, `srcRowSamples` per row; row `r` of the pass is source row
    ///     `rowStart + r`; output `i` reads source pixels `axis.first[i] - columnOffset ..<` that
    ///     plus `axis.counts[i]`.
    ///   - weights: the split weights of `axis` (``NarrowSplitWeights``).
    ///   - dst: `rowCount` rows of `axis.outputCount * channels` samples.
    static func horizontal(
        src: UnsafeBufferPointer<UInt8>, srcRowSamples: Int, rowStart: Int, rowCount: Int,
        columnOffset: Int, channels: Int, axis: ResamplingAxis, weights: NarrowSplitWeights,
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
                weights.highStart.withUnsafeBufferPointer { highStart in
                    weights.highCount.withUnsafeBufferPointer { highCount in
                        weights.low.withUnsafeBufferPointer { low in
                            weights.high.withUnsafeBufferPointer { high in
                                let lp = low.baseAddress!, hp = high.baseAddress!
                                for r in 0..<rowCount {
                                    let row = s + (rowStart &+ r) &* srcRowSamples + u0 &* channels
                                    let out = d + r &* dstRow
                                    splitRow(
                                        row, count: usedCount, channels: channels, into: planes,
                                        planeStride: planeStride)
                                    for i in 0..<outW {
                                        let off = first[i] &- used.lowerBound
                                        let n = padded[i], hn = highCount[i], hs = highStart[i]
                                        let wl = lp + i &* stride, wh = hp + i &* stride
                                        let o = out + i &* channels
                                        if channels == 3 {
                                            let t = NarrowSplitWeights.taps3(
                                                planes + off, planeStride, wl, wh, n, hs, hn)
                                            o[0] = clip((1 << 21) &+ t.0)
                                            o[1] = clip((1 << 21) &+ t.1)
                                            o[2] = clip((1 << 21) &+ t.2)
                                        } else {
                                            for c in 0..<channels {
                                                let p = planes + (c &* planeStride &+ off)
                                                let acc = (1 << 21) &+ NarrowSplitWeights.taps(p, wl, wh, n, hs, hn)
                                                o[c] = clip(acc)
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Widens `count` pixels of `channels` interleaved samples at `row` into `channels` planes
    /// of `Int16`, plane `c` at `planes + c * planeStride`.
    ///
    /// Three-channel rows go through ``splitRGBVector(_:count:into:planeStride:)`` or
    /// ``splitRGBScalar(_:from:count:into:planeStride:)`` as ``KernelChoice/vector`` says; the
    /// other channel counts are plain loops (one-channel rows a widening loop, which the
    /// compiler vectorizes).
    @inline(__always)
    static func splitRow(
        _ row: UnsafePointer<UInt8>, count: Int, channels: Int,
        into planes: UnsafeMutablePointer<Int16>, planeStride: Int
    ) {
        switch channels {
        case 1:
            for x in 0..<count { planes[x] = Int16(row[x]) }
        case 2:
            let p1 = planes + planeStride
            for x in 0..<count {
                planes[x] = Int16(row[2 &* x]); p1[x] = Int16(row[2 &* x &+ 1])
            }
        case 3:
            if KernelChoice.vector {
                splitRGBVector(row, count: count, into: planes, planeStride: planeStride)
            } else {
                splitRGBScalar(row, from: 0, count: count, into: planes, planeStride: planeStride)
            }
        default:
            let p1 = planes + planeStride, p2 = p1 + planeStride, p3 = p2 + planeStride
            for x in 0..<count {
                let b = row + 4 &* x
                planes[x] = Int16(b[0]); p1[x] = Int16(b[1])
                p2[x] = Int16(b[2]); p3[x] = Int16(b[3])
            }
        }
    }

    /// Pixels `start ..< count` of a three-channel row into three `Int16` planes, one pixel a
    /// step.
    @inline(__always)
    static func splitRGBScalar(
        _ row: UnsafePointer<UInt8>, from start: Int, count: Int,
        into planes: UnsafeMutablePointer<Int16>, planeStride: Int
    ) {
        let p1 = planes + planeStride, p2 = p1 + planeStride
        var x = start
        while x < count {
            let b = row + 3 &* x
            planes[x] = Int16(b[0]); p1[x] = Int16(b[1]); p2[x] = Int16(b[2])
            x &+= 1
        }
    }

    /// ``splitRGBScalar(_:from:count:into:planeStride:)`` eight pixels a step: two overlapping
    /// 16-byte loads cover the 24 bytes, widened to three `SIMD8<Int16>`, and each channel's
    /// lanes are picked by constant indices (which the compiler lowers to word shuffles on
    /// SSE2, about 7.5 instructions per pixel against about 8 for the scalar loop); the last
    /// `count % 8` pixels go through the scalar loop.
    @inline(__always)
    static func splitRGBVector(
        _ row: UnsafePointer<UInt8>, count: Int,
        into planes: UnsafeMutablePointer<Int16>, planeStride: Int
    ) {
        let p1 = planes + planeStride, p2 = p1 + planeStride
        var x = 0
        while x &+ 8 <= count {
            let b = UnsafeRawPointer(row + 3 &* x)
            let v0 = b.loadUnaligned(as: SIMD16<UInt8>.self)
            let v1 = b.loadUnaligned(fromByteOffset: 8, as: SIMD16<UInt8>.self)
            let w0 = SIMD8<Int16>(truncatingIfNeeded: v0.lowHalf)
            let w1 = SIMD8<Int16>(truncatingIfNeeded: v0.highHalf)
            let w2 = SIMD8<Int16>(truncatingIfNeeded: v1.highHalf)
            let c0 = SIMD8<Int16>(w0[0], w0[3], w0[6], w1[1], w1[4], w1[7], w2[2], w2[5])
            let c1 = SIMD8<Int16>(w0[1], w0[4], w0[7], w1[2], w1[5], w2[0], w2[3], w2[6])
            let c2 = SIMD8<Int16>(w0[2], w0[5], w1[0], w1[3], w1[6], w2[1], w2[4], w2[7])
            UnsafeMutableRawPointer(planes + x).storeBytes(of: c0, as: SIMD8<Int16>.self)
            UnsafeMutableRawPointer(p1 + x).storeBytes(of: c1, as: SIMD8<Int16>.self)
            UnsafeMutableRawPointer(p2 + x).storeBytes(of: c2, as: SIMD8<Int16>.self)
            x &+= 8
        }
        splitRGBScalar(row, from: x, count: count, into: planes, planeStride: planeStride)
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
