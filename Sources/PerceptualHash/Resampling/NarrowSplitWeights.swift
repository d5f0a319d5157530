/// An axis's 22-bit fixed-point weights split as `k = high * 2^15 + low`: a weight that fits
/// `Int16` is `low = k`, `high = 0`; any other has `low = k & 0x7FFF` (0...32767) and
/// `high = k >> 15` (arithmetic). Either way
/// `sum(p * k) = (sum(p * high) << 15) + sum(p * low)` exactly in wrapping `Int32` arithmetic,
/// and a pair of products `p * low` (`p <= 255`) never overflows the `pmaddwd` lane.
///
/// Most taps of a large downscale have `|k| < 2^15`, so `high` is zero outside a short central
/// run; the second dot product covers only that run (``highStart`` ..< `+ highCount`), which
/// makes the pass about one `Int16` multiply-add per tap instead of two.
struct NarrowSplitWeights: Sendable {
    /// The row length of ``low`` and ``high``: the axis's stride rounded up to a multiple of 8.
    let stride: Int
    /// `low[i * stride + j]`, zero past `counts[i]`.
    let low: [Int16]
    /// `high[i * stride + j]`, zero past `counts[i]`.
    let high: [Int16]
    /// `counts[i]` rounded up to a multiple of 8.
    let padded: [Int]
    /// The first tap (a multiple of 8) of the run of output `i` where `high` may be nonzero.
    let highStart: [Int]
    /// The length (a multiple of 8, possibly 0) of that run; it ends at or before `padded[i]`.
    let highCount: [Int]

    init(axis: ResamplingAxis) {
        let k = axis.fixedWeights()
        let stride = (axis.stride &+ 7) & ~7
        let outputs = axis.outputCount
        var low = [Int16](repeating: 0, count: outputs &* stride)
        var high = [Int16](repeating: 0, count: outputs &* stride)
        var highStart = [Int](repeating: 0, count: outputs)
        var highCount = [Int](repeating: 0, count: outputs)
        for i in 0..<outputs {
            var firstHigh = -1, lastHigh = -1
            for j in 0..<axis.counts[i] {
                let w = k[i &* axis.stride &+ j]
                // |w| < 2^26 (weights below 16), so h fits Int16.
                let fits = w >= Int32(Int16.min) && w <= Int32(Int16.max)
                let h = fits ? 0 : w >> 15
                low[i &* stride &+ j] = Int16(truncatingIfNeeded: fits ? w : w & 0x7FFF)
                high[i &* stride &+ j] = Int16(truncatingIfNeeded: h)
                if h != 0 {
                    if firstHigh < 0 { firstHigh = j }
                    lastHigh = j
                }
            }
            if firstHigh >= 0 {
                let s = firstHigh & ~7
                highStart[i] = s
                highCount[i] = ((lastHigh &+ 8) & ~7) &- s
            }
        }
        self.stride = stride
        self.low = low
        self.high = high
        self.padded = axis.counts.map { ($0 &+ 7) & ~7 }
        self.highStart = highStart
        self.highCount = highCount
    }

    /// `sum(p[j] * w[j])` over `j in 0..<n`, wrapping; `n` is a multiple of 8. Runs
    /// ``dotVector(_:_:_:)`` or ``dotScalar(_:_:_:)`` as ``KernelChoice/vector`` says.
    @inline(__always)
    static func dot(_ p: UnsafePointer<Int16>, _ w: UnsafePointer<Int16>, _ n: Int) -> Int32 {
        KernelChoice.vector ? dotVector(p, w, n) : dotScalar(p, w, n)
    }

    /// ``dot(_:_:_:)`` as a plain loop (exact in any order: wrapping integer sums).
    @inline(__always)
    static func dotScalar(_ p: UnsafePointer<Int16>, _ w: UnsafePointer<Int16>, _ n: Int) -> Int32 {
        var s: Int32 = 0
        for j in 0..<n { s &+= Int32(p[j]) &* Int32(w[j]) }
        return s
    }

    /// ``dot(_:_:_:)`` eight taps per step, products added pairwise (one `pmaddwd`), two
    /// accumulators, one eight-tap step for a remainder of 8.
    @inline(__always)
    static func dotVector(_ p: UnsafePointer<Int16>, _ w: UnsafePointer<Int16>, _ n: Int) -> Int32 {
        var a = SIMD4<Int32>()
        var b = SIMD4<Int32>()
        var j = 0
        while j &+ 16 <= n {
            let v0 = SIMD8<Int32>(truncatingIfNeeded: UnsafeRawPointer(p + j).loadUnaligned(as: SIMD8<Int16>.self))
            let k0 = SIMD8<Int32>(truncatingIfNeeded: UnsafeRawPointer(w + j).loadUnaligned(as: SIMD8<Int16>.self))
            let v1 = SIMD8<Int32>(
                truncatingIfNeeded: UnsafeRawPointer(p + (j &+ 8)).loadUnaligned(as: SIMD8<Int16>.self))
            let k1 = SIMD8<Int32>(
                truncatingIfNeeded: UnsafeRawPointer(w + (j &+ 8)).loadUnaligned(as: SIMD8<Int16>.self))
            let p0 = v0 &* k0, p1 = v1 &* k1
            a &+= p0.evenHalf &+ p0.oddHalf
            b &+= p1.evenHalf &+ p1.oddHalf
            j &+= 16
        }
        if j < n {
            let v0 = SIMD8<Int32>(truncatingIfNeeded: UnsafeRawPointer(p + j).loadUnaligned(as: SIMD8<Int16>.self))
            let k0 = SIMD8<Int32>(truncatingIfNeeded: UnsafeRawPointer(w + j).loadUnaligned(as: SIMD8<Int16>.self))
            let p0 = v0 &* k0
            a &+= p0.evenHalf &+ p0.oddHalf
        }
        return (a &+ b).wrappedSum()
    }

    /// The full 22-bit sum `sum(p[j] * (high[j] * 2^15 + low[j]))` over `j in 0..<n`, wrapping,
    /// for weights `low`/`high` at `wl`/`wh` whose `high` part is zero outside
    /// `hs ..< hs + hn` (``highStart``, ``highCount``): `low` alone on either side of that run,
    /// one fused loop with both products inside it.
    @inline(__always)
    static func taps(
        _ p: UnsafePointer<Int16>, _ wl: UnsafePointer<Int16>, _ wh: UnsafePointer<Int16>,
        _ n: Int, _ hs: Int, _ hn: Int
    ) -> Int32 {
        if hn == 0 { return dot(p, wl, n) }
        let e = hs &+ hn
        let (l, h) = dot2(p + hs, wl + hs, wh + hs, hn)
        var sum = l &+ (h &<< 15)
        if hs != 0 { sum &+= dot(p, wl, hs) }
        if e != n { sum &+= dot(p + e, wl + e, n &- e) }
        return sum
    }

    /// `(sum(p[j] * a[j]), sum(p[j] * b[j]))` over `j in 0..<n`, wrapping; `n` is a multiple
    /// of 8. Runs ``dot2Vector(_:_:_:_:)`` or ``dot2Scalar(_:_:_:_:)`` as ``KernelChoice/vector``
    /// says.
    @inline(__always)
    static func dot2(
        _ p: UnsafePointer<Int16>, _ a: UnsafePointer<Int16>, _ b: UnsafePointer<Int16>, _ n: Int
    ) -> (Int32, Int32) {
        KernelChoice.vector ? dot2Vector(p, a, b, n) : dot2Scalar(p, a, b, n)
    }

    /// ``dot2(_:_:_:_:)`` as a plain loop.
    @inline(__always)
    static func dot2Scalar(
        _ p: UnsafePointer<Int16>, _ a: UnsafePointer<Int16>, _ b: UnsafePointer<Int16>, _ n: Int
    ) -> (Int32, Int32) {
        var s: Int32 = 0, t: Int32 = 0
        for j in 0..<n {
            s &+= Int32(p[j]) &* Int32(a[j]); t &+= Int32(p[j]) &* Int32(b[j])
        }
        return (s, t)
    }

    /// ``dot2(_:_:_:_:)`` with one packed multiply-add per weight vector and eight taps.
    @inline(__always)
    static func dot2Vector(
        _ p: UnsafePointer<Int16>, _ a: UnsafePointer<Int16>, _ b: UnsafePointer<Int16>, _ n: Int
    ) -> (Int32, Int32) {
        var x = SIMD4<Int32>(), y = SIMD4<Int32>()
        var j = 0
        while j < n {
            let v = SIMD8<Int32>(truncatingIfNeeded: UnsafeRawPointer(p + j).loadUnaligned(as: SIMD8<Int16>.self))
            let ka = SIMD8<Int32>(truncatingIfNeeded: UnsafeRawPointer(a + j).loadUnaligned(as: SIMD8<Int16>.self))
            let kb = SIMD8<Int32>(truncatingIfNeeded: UnsafeRawPointer(b + j).loadUnaligned(as: SIMD8<Int16>.self))
            let pa = v &* ka, pb = v &* kb
            x &+= pa.evenHalf &+ pa.oddHalf
            y &+= pb.evenHalf &+ pb.oddHalf
            j &+= 8
        }
        return (x.wrappedSum(), y.wrappedSum())
    }

    /// ``taps(_:_:_:_:_:_:)`` for the three planes `p`, `p + planeStride`, `p + 2 * planeStride`,
    /// each weight vector loaded once for the three.
    @inline(__always)
    static func taps3(
        _ p: UnsafePointer<Int16>, _ planeStride: Int, _ wl: UnsafePointer<Int16>,
        _ wh: UnsafePointer<Int16>, _ n: Int, _ hs: Int, _ hn: Int
    ) -> (Int32, Int32, Int32) {
        if hn == 0 { return dot3(p, planeStride, wl, nil, n).0 }
        let e = hs &+ hn
        let (l, h) = dot3(p + hs, planeStride, wl + hs, wh + hs, hn)
        var s0 = l.0 &+ (h.0 &<< 15), s1 = l.1 &+ (h.1 &<< 15), s2 = l.2 &+ (h.2 &<< 15)
        if hs != 0 {
            let a = dot3(p, planeStride, wl, nil, hs).0
            s0 &+= a.0; s1 &+= a.1; s2 &+= a.2
        }
        if e != n {
            let c = dot3(p + e, planeStride, wl + e, nil, n &- e).0
            s0 &+= c.0; s1 &+= c.1; s2 &+= c.2
        }
        return (s0, s1, s2)
    }

    /// For the three planes `p + c * planeStride` (`c = 0, 1, 2`): `sum(p_c[j] * a[j])` and,
    /// when `b` is given, `sum(p_c[j] * b[j])` (else zeros), over `j in 0..<n`, wrapping; `n` is
    /// a multiple of 8. Runs ``dot3Vector(_:_:_:_:_:)`` or ``dot3Scalar(_:_:_:_:_:)`` as
    /// ``KernelChoice/vector`` says.
    @inline(__always)
    static func dot3(
        _ p: UnsafePointer<Int16>, _ planeStride: Int, _ a: UnsafePointer<Int16>,
        _ b: UnsafePointer<Int16>?, _ n: Int
    ) -> ((Int32, Int32, Int32), (Int32, Int32, Int32)) {
        KernelChoice.vector ? dot3Vector(p, planeStride, a, b, n) : dot3Scalar(p, planeStride, a, b, n)
    }

    /// ``dot3(_:_:_:_:_:)`` as a plain loop.
    @inline(__always)
    static func dot3Scalar(
        _ p: UnsafePointer<Int16>, _ planeStride: Int, _ a: UnsafePointer<Int16>,
        _ b: UnsafePointer<Int16>?, _ n: Int
    ) -> ((Int32, Int32, Int32), (Int32, Int32, Int32)) {
        let q = p + planeStride, r = q + planeStride
        var s0: Int32 = 0, s1: Int32 = 0, s2: Int32 = 0
        var t0: Int32 = 0, t1: Int32 = 0, t2: Int32 = 0
        for j in 0..<n {
            let k = Int32(a[j])
            s0 &+= Int32(p[j]) &* k; s1 &+= Int32(q[j]) &* k; s2 &+= Int32(r[j]) &* k
            if let b {
                let h = Int32(b[j])
                t0 &+= Int32(p[j]) &* h; t1 &+= Int32(q[j]) &* h; t2 &+= Int32(r[j]) &* h
            }
        }
        return ((s0, s1, s2), (t0, t1, t2))
    }

    /// ``dot3(_:_:_:_:_:)`` with eight taps per step and one packed multiply-add per plane and
    /// weight vector.
    @inline(__always)
    static func dot3Vector(
        _ p: UnsafePointer<Int16>, _ planeStride: Int, _ a: UnsafePointer<Int16>,
        _ b: UnsafePointer<Int16>?, _ n: Int
    ) -> ((Int32, Int32, Int32), (Int32, Int32, Int32)) {
        let q = p + planeStride, r = q + planeStride
        var s0 = SIMD4<Int32>(), s1 = SIMD4<Int32>(), s2 = SIMD4<Int32>()
        var j = 0
        guard let b else {
            while j < n {
                let k = SIMD8<Int32>(truncatingIfNeeded: UnsafeRawPointer(a + j).loadUnaligned(as: SIMD8<Int16>.self))
                let v0 = SIMD8<Int32>(truncatingIfNeeded: UnsafeRawPointer(p + j).loadUnaligned(as: SIMD8<Int16>.self))
                let v1 = SIMD8<Int32>(truncatingIfNeeded: UnsafeRawPointer(q + j).loadUnaligned(as: SIMD8<Int16>.self))
                let v2 = SIMD8<Int32>(truncatingIfNeeded: UnsafeRawPointer(r + j).loadUnaligned(as: SIMD8<Int16>.self))
                let p0 = v0 &* k, p1 = v1 &* k, p2 = v2 &* k
                s0 &+= p0.evenHalf &+ p0.oddHalf
                s1 &+= p1.evenHalf &+ p1.oddHalf
                s2 &+= p2.evenHalf &+ p2.oddHalf
                j &+= 8
            }
            return ((s0.wrappedSum(), s1.wrappedSum(), s2.wrappedSum()), (0, 0, 0))
        }
        var t0 = SIMD4<Int32>(), t1 = SIMD4<Int32>(), t2 = SIMD4<Int32>()
        while j < n {
            let k = SIMD8<Int32>(truncatingIfNeeded: UnsafeRawPointer(a + j).loadUnaligned(as: SIMD8<Int16>.self))
            let h = SIMD8<Int32>(truncatingIfNeeded: UnsafeRawPointer(b + j).loadUnaligned(as: SIMD8<Int16>.self))
            let v0 = SIMD8<Int32>(truncatingIfNeeded: UnsafeRawPointer(p + j).loadUnaligned(as: SIMD8<Int16>.self))
            let v1 = SIMD8<Int32>(truncatingIfNeeded: UnsafeRawPointer(q + j).loadUnaligned(as: SIMD8<Int16>.self))
            let v2 = SIMD8<Int32>(truncatingIfNeeded: UnsafeRawPointer(r + j).loadUnaligned(as: SIMD8<Int16>.self))
            let p0 = v0 &* k, p1 = v1 &* k, p2 = v2 &* k
            let u0 = v0 &* h, u1 = v1 &* h, u2 = v2 &* h
            s0 &+= p0.evenHalf &+ p0.oddHalf
            s1 &+= p1.evenHalf &+ p1.oddHalf
            s2 &+= p2.evenHalf &+ p2.oddHalf
            t0 &+= u0.evenHalf &+ u0.oddHalf
            t1 &+= u1.evenHalf &+ u1.oddHalf
            t2 &+= u2.evenHalf &+ u2.oddHalf
            j &+= 8
        }
        return (
            (s0.wrappedSum(), s1.wrappedSum(), s2.wrappedSum()),
            (t0.wrappedSum(), t1.wrappedSum(), t2.wrappedSum())
        )
    }
}
