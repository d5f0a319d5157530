/// Sine and cosine in `Double` for the resampling kernels, without the C library.
///
/// The core module imports only the standard library, which has no trigonometric functions.
/// These are accurate to within one unit in the last place for `|t| <= 2^19 * pi/2` (every
/// argument a kernel produces is below 10): the argument is reduced by the nearest multiple
/// `n` of `pi/2` in extra precision (`pi/2` split into three 33-bit parts and a tail, each
/// `n * part` exact, the differences kept exactly, the remainder as a head and a tail), then the classic minimax
/// polynomials of degree 13 (sine) and 14 (cosine) on `[-pi/4, pi/4]`, with the low part of the
/// remainder folded in to first order, give the result. They agree with glibc's `sin`/`cos` on
/// almost every argument; where they differ it is by one unit in the last place, far below what
/// the 22-bit fixed-point weights of the 8-bit path can see.
enum ResamplingMath {
    // pi/2 = p1 + p2 + p3 + p3t: three 33-bit parts (so n * part is exact for |n| < 2^20) and
    // a tail.
    static let pio2Part1: Double = 1.57079632673412561417e+00
    static let pio2Part2: Double = 6.07710050630396597660e-11
    static let pio2Part3: Double = 2.02226624871116645580e-21
    static let pio2Part3Tail: Double = 8.47842766036889956997e-32
    static let twoOverPi: Double = 6.36619772367581382433e-01

    // Minimax coefficients of sin(r) = r + r^3 (S1 + r^2 S2 + ...) on [-pi/4, pi/4].
    static let s1: Double = -1.66666666666666324348e-01
    static let s2: Double = 8.33333333332248946124e-03
    static let s3: Double = -1.98412698298579493134e-04
    static let s4: Double = 2.75573137070700676789e-06
    static let s5: Double = -2.50507602534068634195e-08
    static let s6: Double = 1.58969099521155010221e-10
    // Minimax coefficients of cos(r) = 1 - r^2/2 + r^4 (C1 + r^2 C2 + ...) on [-pi/4, pi/4].
    static let c1: Double = 4.16666666666666019037e-02
    static let c2: Double = -1.38888888888741095749e-03
    static let c3: Double = 2.48015872894767294178e-05
    static let c4: Double = -2.75573143513906633035e-07
    static let c5: Double = 2.08757232129817482790e-09
    static let c6: Double = -1.13596475577881948265e-11

    /// `sin(r + y)` for `|r| <= pi/4`, `|y|` below half an ulp of `r`.
    static func kernelSin(_ x: Double, _ y: Double) -> Double {
        let z = x * x
        let v = z * x
        let r = s2 + z * (s3 + z * (s4 + z * (s5 + z * s6)))
        if y == 0 { return x + v * (s1 + z * r) }
        return x - ((z * (0.5 * y - v * r) - y) - v * s1)
    }

    /// `cos(r + y)` for `|r| <= pi/4`, `|y|` below half an ulp of `r`.
    static func kernelCos(_ x: Double, _ y: Double) -> Double {
        let z = x * x
        let r = z * (c1 + z * (c2 + z * (c3 + z * (c4 + z * (c5 + z * c6)))))
        let hz = 0.5 * z
        let w = 1.0 - hz
        return w + (((1.0 - w) - hz) + (z * r - x * y))
    }

    /// Reduces `t >= 0` to `n` and `r = head + tail` with `t = n pi/2 + r`, `|r| <~ pi/4`,
    /// `r` accurate to about 2^-100 absolute (so even `sin(k pi)`, about 1e-16, keeps full
    /// relative precision).
    static func reduce(_ t: Double) -> (n: Int, head: Double, tail: Double) {
        if t <= 0.785398163397448279 { return (0, t, 0) }
        let n = Int(t * twoOverPi + 0.5)
        let fn = Double(n)
        let a = t - fn * pio2Part1  // exact
        let (r1, e1) = twoDifference(a, fn * pio2Part2)
        let (r2, e2) = twoDifference(r1, fn * pio2Part3)
        let tail = (e1 + e2) - fn * pio2Part3Tail
        let head = r2 + tail
        return (n, head, tail - (head - r2))
    }

    /// `a - b` as an unevaluated sum `s + e` with `s = fl(a - b)` (Knuth's TwoSum).
    static func twoDifference(_ a: Double, _ b: Double) -> (Double, Double) {
        let s = a - b
        let bb = a - s
        let e = (a - (s + bb)) + (bb - b)
        return (s, e)
    }

    /// The sine of `t` (radians). Precondition-free; accurate for `|t| < 2^19 pi/2`; NaN and
    /// infinities give NaN.
    static func sin(_ t: Double) -> Double {
        guard t.isFinite else { return .nan }
        let a = t < 0 ? -t : t
        let (n, r, y) = reduce(a)
        let s: Double
        switch n & 3 {
        case 0: s = kernelSin(r, y)
        case 1: s = kernelCos(r, y)
        case 2: s = -kernelSin(r, y)
        default: s = -kernelCos(r, y)
        }
        return t < 0 ? -s : s
    }

    /// The cosine of `t` (radians). Accurate for `|t| < 2^19 pi/2`; NaN and infinities give NaN.
    static func cos(_ t: Double) -> Double {
        guard t.isFinite else { return .nan }
        let a = t < 0 ? -t : t
        let (n, r, y) = reduce(a)
        switch n & 3 {
        case 0: return kernelCos(r, y)
        case 1: return -kernelSin(r, y)
        case 2: return -kernelCos(r, y)
        default: return kernelSin(r, y)
        }
    }

    /// `sinc(x) = sin(t) / t` with `t = x * pi` (rounded to `Double` first, as Pillow computes
    /// it), and `sinc(0) = 1`.
    static func sinc(_ x: Double) -> Double {
        if x == 0 { return 1 }
        let t = x * Double.pi
        return sin(t) / t
    }
}
