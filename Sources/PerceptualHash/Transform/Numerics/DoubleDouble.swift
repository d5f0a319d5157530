/// A minimal unevaluated sum `hi + lo` with `|lo| <= ulp(hi) / 2`: the extra precision of
/// ``CosinePi``, the roots of unity of the SciPy plan and the orthonormal DCT scales.
struct DoubleDouble {
    var hi: Double
    var lo: Double

    init(_ hi: Double, _ lo: Double = 0) {
        self.hi = hi
        self.lo = lo
    }

    /// pi to about 107 bits.
    static let pi = DoubleDouble(3.141592653589793116, 1.2246467991473532e-16)

    private static func quickTwoSum(_ a: Double, _ b: Double) -> DoubleDouble {
        let s = a + b
        return DoubleDouble(s, b - (s - a))
    }

    private static func twoSum(_ a: Double, _ b: Double) -> (Double, Double) {
        let s = a + b
        let bb = s - a
        return (s, (a - (s - bb)) + (b - bb))
    }

    static func + (x: DoubleDouble, y: DoubleDouble) -> DoubleDouble {
        let (s, e) = twoSum(x.hi, y.hi)
        let (t, f) = twoSum(x.lo, y.lo)
        let a = quickTwoSum(s, e + t)
        return quickTwoSum(a.hi, a.lo + f)
    }

    static prefix func - (x: DoubleDouble) -> DoubleDouble { DoubleDouble(-x.hi, -x.lo) }

    /// Veltkamp's split of `a` into two halves of 26 significant bits each, `a = hi + lo`.
    private static func split(_ a: Double) -> (Double, Double) {
        let c = 134_217_729.0 * a  // 2^27 + 1
        let hi = c - (c - a)
        return (hi, a - hi)
    }

    /// Dekker's exact product: `a * b = p + e` exactly (no fused multiply-add, which would
    /// need libm when unoptimized).
    static func twoProduct(_ a: Double, _ b: Double) -> (Double, Double) {
        let p = a * b
        let (ah, al) = split(a)
        let (bh, bl) = split(b)
        let e = ((ah * bh - p) + ah * bl + al * bh) + al * bl
        return (p, e)
    }

    static func * (x: DoubleDouble, y: DoubleDouble) -> DoubleDouble {
        let (p, e) = twoProduct(x.hi, y.hi)
        return quickTwoSum(p, e + (x.hi * y.lo + x.lo * y.hi))
    }

    /// `x / d` for a small positive integer-valued `d`.
    static func / (x: DoubleDouble, d: Double) -> DoubleDouble {
        let q1 = x.hi / d
        let (p, e) = twoProduct(q1, d)
        let r = ((x.hi - p) - e + x.lo) / d
        return quickTwoSum(q1, r)
    }

    /// `p / q` as a double-double, for integers below 2^53.
    static func ratio(_ p: Int, _ q: Int) -> DoubleDouble {
        let pd = Double(p), qd = Double(q)
        let hi = pd / qd
        let (p, e) = twoProduct(hi, qd)
        let rem = (pd - p) - e  // p - hi * q, exact
        return quickTwoSum(hi, rem / qd)
    }

    /// Sums `sum_{k>=0} (-1)^k x^(2k+first) / (2k+first)!` for |x| <= pi/4 (first = 0 or 1).
    static func series(_ x: DoubleDouble, first: Int) -> DoubleDouble {
        let x2 = x * x
        var term = first == 0 ? DoubleDouble(1) : x
        var sum = term
        var n = first
        while n < 40 {
            term = -(term * x2) / Double((n + 1) * (n + 2))
            n += 2
            sum = sum + term
        }
        return sum
    }

    /// `sqrt(a)` for a finite `a > 0`, correctly rounded except in cases within about 2^-100
    /// of a rounding boundary. (`Double.squareRoot()` calls libm's `sqrt` in unoptimized
    /// builds, and the core target links only the standard library.)
    static func squareRoot(_ a: Double) -> Double {
        precondition(a > 0 && a.isFinite, "squareRoot(\(a)): argument must be positive and finite")
        var r = Double(sign: .plus, exponent: a.exponent / 2, significand: 1)
        for _ in 0..<8 { r = 0.5 * (r + a / r) }
        let (p, e) = twoProduct(r, r)
        return r + ((a - p) - e) / (2 * r)
    }

    /// `cos(pi * p / q)` for `0 <= p / q <= 1/4`.
    static func cosPi(numerator p: Int, denominator q: Int) -> Double {
        let s = series(ratio(p, q) * pi, first: 0)
        return s.hi + s.lo
    }

    /// `sin(pi * p / q)` for `0 <= p / q <= 1/4`.
    static func sinPi(numerator p: Int, denominator q: Int) -> Double {
        let s = series(ratio(p, q) * pi, first: 1)
        return s.hi + s.lo
    }
}
