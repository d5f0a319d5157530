/// The roots of unity `exp(2 pi i k / n)` exactly as pocketfft (SciPy 1.17) rounds them.
///
/// pocketfft does not round `cos(2 pi k / n)` directly. It forms the angle step
/// `ang = Double(0.25L * pi / n)` in x87 extended precision (a 64-bit significand, rounded to
/// nearest, then rounded again to `Double`), evaluates libm `cos` and `sin` of the `Double`
/// products `Double(8k') * ang` for `8k'` reduced to the first octant (so each argument lies
/// in `[0, pi/4]`), and then, to keep the table small, builds every entry as the complex
/// product of two stored values: `v1[k & mask] * v2[k >> shift]`, each part one `Double`
/// expression `a.re * b.re - a.im * b.im`, `a.re * b.im + a.im * b.re` (no fused operations).
/// Entries with `2k > n` are the conjugates of entry `n - k`.
///
/// This type repeats those steps. The core has no libm, so the cosines and sines of the
/// `Double` arguments come from ``DoubleDouble`` series rounded once (the correctly rounded
/// value). glibc's `cos`/`sin` are not always correctly rounded: for tables up to length
/// 1024 (every DCT length up to 256) its 63 differing results are carried in
/// ``GlibcSinCosExceptions``, so those tables are bit-identical to SciPy's on x86-64 glibc
/// 2.36. Longer tables may differ from SciPy's in the last bit of a few entries.
struct UnitRootTable {
    let count: Int
    private let mask: Int
    private let shift: Int
    private let low: [(re: Double, im: Double)]
    private let high: [(re: Double, im: Double)]

    /// The table for `n >= 1` roots.
    init(count n: Int) {
        precondition(n >= 1, "UnitRootTable: count \(n) must be at least 1")
        count = n
        let step = Self.angleStep(n)
        let halfCount = (n + 2) / 2
        var shift = 1
        while (1 << shift) * (1 << shift) < halfCount { shift += 1 }
        self.shift = shift
        mask = (1 << shift) - 1
        var low: [(re: Double, im: Double)] = [(1, 0)]
        for i in 1...mask { low.append(Self.octantRoot(i, of: n, step: step)) }
        var high: [(re: Double, im: Double)] = [(1, 0)]
        let highCount = (halfCount + mask) / (mask + 1)
        if highCount > 1 {
            for i in 1..<highCount { high.append(Self.octantRoot(i * (mask + 1), of: n, step: step)) }
        }
        self.low = low
        self.high = high
    }

    /// `exp(2 pi i k / n)` for `0 <= k <= n`, rounded as pocketfft rounds it.
    subscript(k: Int) -> (re: Double, im: Double) {
        if 2 * k <= count {
            let a = low[k & mask], b = high[k >> shift]
            return (a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re)
        }
        let j = count - k
        let a = low[j & mask], b = high[j >> shift]
        return (a.re * b.re - a.im * b.im, -(a.re * b.im + a.im * b.re))
    }

    /// `pi / (4n)` as pocketfft gets it: `0.25L * pi / n` in x87 extended precision (pi
    /// rounded to a 64-bit significand, the quotient rounded to 64 bits, to nearest even),
    /// then converted to `Double` (rounded to nearest even again).
    static func angleStep(_ n: Int) -> Double {
        precondition(n >= 1 && n < 1 << 40, "UnitRootTable.angleStep: n = \(n) out of range")
        // pi to 64 significant bits: 0xC90FDAA22168C234C4C6... rounds up to ...C235; times 2^-62.
        let piSignificand: UInt128 = 0xC90F_DAA2_2168_C235
        // pi / (4n) = piSignificand * 2^-64 / n = (piSignificand << 64) / n * 2^-128.
        let numerator = piSignificand << 64
        let quotient = numerator / UInt128(n)
        let inexact = numerator % UInt128(n) != 0
        var shift = (128 - quotient.leadingZeroBitCount) - 64  // >= 24 for n < 2^40
        let dropped = quotient & ((1 << shift) - 1)
        let half: UInt128 = 1 << (shift - 1)
        var extended = quotient >> shift
        if dropped > half || (dropped == half && (inexact || extended & 1 == 1)) { extended += 1 }
        if extended == 1 << 64 {
            extended >>= 1
            shift += 1
        }
        // Extended (64-bit significand) to Double (53 bits).
        let tail = extended & 0x7FF
        var significand = extended >> 11
        if tail > 0x400 || (tail == 0x400 && significand & 1 == 1) { significand += 1 }
        return Double(sign: .plus, exponent: shift + 11 - 128, significand: Double(significand))
    }

    /// pocketfft's evaluation of `exp(2 pi i x / n)` (its `calc`): `8x` folded into the first
    /// octant, then `cos`/`sin` of `Double(folded) * step` with the signs and swaps of the
    /// octant.
    static func octantRoot(_ x: Int, of n: Int, step: Double) -> (re: Double, im: Double) {
        var x = x << 3
        if x < 4 * n {  // upper half plane
            if x < 2 * n {  // first quadrant
                if x < n { let (c, s) = cosSin(Double(x) * step); return (c, s) }
                let (c, s) = cosSin(Double(2 * n - x) * step)
                return (s, c)
            }
            x -= 2 * n  // second quadrant
            if x < n { let (c, s) = cosSin(Double(x) * step); return (-s, c) }
            let (c, s) = cosSin(Double(2 * n - x) * step)
            return (-c, s)
        }
        x = 8 * n - x
        if x < 2 * n {  // fourth quadrant
            if x < n { let (c, s) = cosSin(Double(x) * step); return (c, -s) }
            let (c, s) = cosSin(Double(2 * n - x) * step)
            return (s, -c)
        }
        x -= 2 * n  // third quadrant
        if x < n { let (c, s) = cosSin(Double(x) * step); return (-s, -c) }
        let (c, s) = cosSin(Double(2 * n - x) * step)
        return (-c, -s)
    }

    /// `cos(a)` and `sin(a)` as glibc returns them, for `0 <= a <= pi/4 + 1e-15`: the
    /// correctly rounded values (double-double series, rounded once), except at the arguments
    /// listed in ``GlibcSinCosExceptions``, where glibc's result is one unit in the last place
    /// away and the listed value is used.
    static func cosSin(_ a: Double) -> (Double, Double) {
        if a == 0 { return (1, 0) }
        let x = DoubleDouble(a)
        let c = DoubleDouble.series(x, first: 0)
        let s = DoubleDouble.series(x, first: 1)
        return (
            GlibcSinCosExceptions.value(of: a, sine: false) ?? c.hi + c.lo,
            GlibcSinCosExceptions.value(of: a, sine: true) ?? s.hi + s.lo
        )
    }
}
