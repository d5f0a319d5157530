/// Accurate cosines of rational multiples of pi, for building transform tables without libm.
///
/// The core target imports only the standard library, which has no `cos`. Tables are built
/// once per plan, so this favours accuracy over speed: the argument is reduced exactly by
/// integer arithmetic to `[0, pi/4]`, and the Taylor series is summed in double-double
/// arithmetic (about 106 bits), so the rounded `Double` result is the correctly rounded value
/// except in cases closer to a rounding boundary than about 2^-100 relative.
enum CosinePi {
    /// `cos(pi * p / q)` rounded to `Double`, for `q >= 1` and any `p`.
    ///
    /// Exact results: `1` and `-1` where `p / q` is an even or odd integer, `0.0` where
    /// `p / q` is an odd multiple of 1/2, `0.5` and `-0.5` at odd multiples of 1/3 (the
    /// double-double value rounds to them).
    static func value(_ p: Int, over q: Int) -> Double {
        precondition(q >= 1, "CosinePi: denominator \(q) < 1")
        // cos has period 2 in p/q and is even: reduce p to 0...q.
        var p = p % (2 * q)
        if p < 0 { p += 2 * q }
        if p > q { p = 2 * q - p }
        // cos(pi - t) = -cos(t): reduce to 0...q/2.
        var sign = 1.0
        if 2 * p > q { p = q - p; sign = -1 }
        if p == 0 { return sign }
        if 2 * p == q { return 0 }
        // Now 0 < p/q < 1/2. For p/q > 1/4 use cos(t) = sin(pi/2 - t).
        if 4 * p > q {
            return sign * DoubleDouble.sinPi(numerator: q - 2 * p, denominator: 2 * q)
        }
        return sign * DoubleDouble.cosPi(numerator: p, denominator: q)
    }
}
