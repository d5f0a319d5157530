/// A way to compare two histograms (or any two non-negative vectors of equal length):
/// Euclidean distance, cosine similarity, the classic "coincidence degree", and the six
/// methods of OpenCV's `cv2.compareHist` with its exact semantics.
///
/// In the formulas `a` and `b` are the two histograms (`a` is the first argument, OpenCV's
/// `H1`), `N` is the number of bins and `S(x)` is the sum of `x` over all bins. Every sum is taken
/// in `Double`, in bin order except where stated.
///
/// | case | formula | identical inputs | more alike | symmetric | OpenCV |
/// |---|---|---|---|---|---|
/// | ``euclidean`` | `sqrt(S((a - b)^2))` | 0 | smaller | yes | (`cv2.norm(a, b, NORM_L2)`) |
/// | ``cosine`` | `S(ab) / (sqrt(S(a^2)) sqrt(S(b^2)))` | 1 | larger | yes | - |
/// | ``coincidence`` | `(1/N) S(1 - abs(a - b) / max(a, b))` | 1 | larger | yes | - |
/// | ``correlation`` | see the case | 1 | larger | yes | `HISTCMP_CORREL` (0) |
/// | ``chiSquare`` | `S((a - b)^2 / a)` | 0 | smaller | no | `HISTCMP_CHISQR` (1) |
/// | ``intersection`` | `S(min(a, b))` | `S(a)` | larger | yes | `HISTCMP_INTERSECT` (2) |
/// | ``bhattacharyya`` | `sqrt(1 - S(sqrt(ab)) / sqrt(S(a) S(b)))` | 0 | smaller | yes | `HISTCMP_BHATTACHARYYA` (3) |
/// | ``chiSquareAlternative`` | `2 S((a - b)^2 / (a + b))` | 0 | smaller | yes | `HISTCMP_CHISQR_ALT` (4) |
/// | ``kullbackLeibler`` | `S(a ln(a / b))` | 0 | smaller | no | `HISTCMP_KL_DIV` (5) |
///
/// ```swift
/// let h1: [Double] = [1, 2, 3, 0], h2: [Double] = [2, 2, 1, 1]
/// HistogramComparison.chiSquare.evaluate(h1, h2)      // 2.333...
/// HistogramComparison.bhattacharyya.evaluate(h1, h2)  // 0.37721...
/// ```
public enum HistogramComparison: Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// The Euclidean (L2) distance `sqrt(S((a - b)^2))`, as
    /// ``VectorMath/euclideanDistance(_:_:)-(Span<Double>,_)`` (8-lane SIMD sum).
    /// 0 for identical inputs; smaller is more alike.
    case euclidean
    /// The cosine similarity `S(ab) / (sqrt(S(a^2)) sqrt(S(b^2)))` in `-1...1` (`0...1` for
    /// non-negative inputs), as ``VectorMath/cosineSimilarity(_:_:)-(Span<Double>,_)``:
    /// 1 when both inputs are all zeros, 0 when exactly one is. Larger is more alike.
    case cosine
    /// The "coincidence degree" of the classic perceptual-hash articles,
    /// `(1/N) S(t)` with `t = 1 - abs(a - b) / max(a, b)`, and `t = 1` when `a == b` (so a bin
    /// empty in both counts as 1). In `0...1` for non-negative inputs; 1 for identical inputs;
    /// larger is more alike. On raw counts each bin is compared by ratio, so images of
    /// different sizes score low: use the normalized form for those.
    case coincidence
    /// OpenCV's correlation (`HISTCMP_CORREL`), Pearson's coefficient over the bins:
    /// `num = S(ab) - S(a) S(b) / N`, `den2 = (S(a^2) - S(a)^2 / N)(S(b^2) - S(b)^2 / N)`,
    /// result `num / sqrt(den2)`, or 1 when `abs(den2) <= Double.ulpOfOne` (a constant input).
    /// In `-1...1`; larger is more alike.
    case correlation
    /// OpenCV's chi-square (`HISTCMP_CHISQR`), `S((a - b)^2 / a)` over the bins with
    /// `abs(a) > Double.ulpOfOne` (others are skipped, so a bin empty in `a` adds nothing).
    /// Not symmetric; 0 for identical inputs; smaller is more alike.
    case chiSquare
    /// OpenCV's intersection (`HISTCMP_INTERSECT`), `S(min(a, b))`, not normalized: on
    /// normalized histograms it is in `0...1`, on counts in `0...min(S(a), S(b))`. Larger is
    /// more alike.
    case intersection
    /// OpenCV's Bhattacharyya distance (`HISTCMP_BHATTACHARYYA`, in fact the Hellinger
    /// distance): `sqrt(max(0, 1 - S(sqrt(ab)) * k))` with `k = 1 / sqrt(S(a) S(b))`, or `k = 1`
    /// when `abs(S(a) S(b)) <= Float.ulpOfOne`. Scale-invariant; in `0...1`; 0 for identical
    /// inputs; smaller is more alike.
    case bhattacharyya
    /// OpenCV's alternative chi-square (`HISTCMP_CHISQR_ALT`), `2 S((a - b)^2 / (a + b))` over
    /// the bins with `abs(a + b) > Double.ulpOfOne`. Symmetric; 0 for identical inputs;
    /// smaller is more alike.
    case chiSquareAlternative
    /// OpenCV's Kullback-Leibler divergence (`HISTCMP_KL_DIV`), `S(a ln(a / b'))` over the bins
    /// with `abs(a) > Double.ulpOfOne`, where `b' = b`, or `1e-10` when `abs(b) <= Double.ulpOfOne`.
    /// Not symmetric; meant for normalized histograms (then >= 0, 0 for identical inputs);
    /// smaller is more alike.
    case kullbackLeibler

    /// Whether a larger value means more alike: true for ``cosine``, ``coincidence``,
    /// ``correlation`` and ``intersection``; false for the distances and divergences.
    public var largerIsMoreSimilar: Bool {
        switch self {
        case .cosine, .coincidence, .correlation, .intersection: true
        case .euclidean, .chiSquare, .bhattacharyya, .chiSquareAlternative, .kullbackLeibler: false
        }
    }

    /// Whether `evaluate(a, b) == evaluate(b, a)` exactly: false only for ``chiSquare`` and
    /// ``kullbackLeibler``.
    public var isSymmetric: Bool { self != .chiSquare && self != .kullbackLeibler }

    /// Turns a value of this comparison, computed on *normalized* histograms (each sums to 1),
    /// into a dissimilarity that is 0 for identical histograms and grows as they differ:
    /// `1 - value` for ``cosine``, ``coincidence``, ``intersection`` (each then in `0...1`) and
    /// ``correlation`` (then in `0...2`); the value itself for the others.
    public func distance(fromValue value: Double) -> Double {
        largerIsMoreSimilar ? 1 - value : value
    }

    /// The OpenCV constant (`cv2.HISTCMP_*`) of this comparison, or `nil` for ``euclidean``,
    /// ``cosine`` and ``coincidence``, which `compareHist` does not have.
    var openCVMethod: Int? {
        switch self {
        case .correlation: 0
        case .chiSquare: 1
        case .intersection: 2
        case .bhattacharyya: 3
        case .chiSquareAlternative: 4
        case .kullbackLeibler: 5
        case .euclidean, .cosine, .coincidence: nil
        }
    }

    /// The Swift spelling of the case, for example `"chiSquare"`.
    public var description: String {
        switch self {
        case .euclidean: "euclidean"
        case .cosine: "cosine"
        case .coincidence: "coincidence"
        case .correlation: "correlation"
        case .chiSquare: "chiSquare"
        case .intersection: "intersection"
        case .bhattacharyya: "bhattacharyya"
        case .chiSquareAlternative: "chiSquareAlternative"
        case .kullbackLeibler: "kullbackLeibler"
        }
    }

    // MARK: Evaluation

    /// This comparison of two `Double` vectors of equal length (the formulas of
    /// ``HistogramComparison``; `a` is OpenCV's `H1`).
    ///
    /// On `Double` inputs that are `Float` values, the result is what `cv2.compareHist` gives
    /// on the same float32 histograms up to the order of summation (see the `Float` overload
    /// for the one float32 rounding OpenCV adds in the chi-squares).
    ///
    /// - Precondition: `a.count == b.count` and `a.count >= 1`.
    /// - Complexity: O(`a.count`), no allocation.
    public func evaluate(_ a: Span<Double>, _ b: Span<Double>) -> Double {
        a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in evaluate(pa, pb) } }
    }

    /// ``evaluate(_:_:)-(Span<Double>,_)`` on memory the caller keeps valid.
    func evaluate(_ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>) -> Double {
        HistogramComparison.checkLengths(a.count, b.count)
        let n = a.count
        switch self {
        case .euclidean:
            return VectorMath.euclideanDistance(a, b)
        case .cosine:
            return VectorMath.cosineSimilarity(a, b)
        case .coincidence:
            var s = 0.0
            for i in 0..<n {
                let x = a[i], y = b[i]
                if x != y { s += 1 - abs(x - y) / max(x, y) } else { s += 1 }
            }
            return s / Double(n)
        case .correlation:
            var s1 = 0.0, s2 = 0.0, s11 = 0.0, s12 = 0.0, s22 = 0.0
            for i in 0..<n {
                let x = a[i], y = b[i]
                s12 += x * y
                s1 += x
                s11 += x * x
                s2 += y
                s22 += y * y
            }
            return HistogramComparison.correlation(s1: s1, s2: s2, s11: s11, s12: s12, s22: s22, count: n)
        case .chiSquare:
            var s = 0.0
            for i in 0..<n {
                let d = a[i] - b[i], w = a[i]
                if abs(w) > Double.ulpOfOne { s += d * d / w }
            }
            return s
        case .chiSquareAlternative:
            var s = 0.0
            for i in 0..<n {
                let d = a[i] - b[i], w = a[i] + b[i]
                if abs(w) > Double.ulpOfOne { s += d * d / w }
            }
            return 2 * s
        case .intersection:
            var s = 0.0
            for i in 0..<n { s += min(a[i], b[i]) }
            return s
        case .bhattacharyya:
            var s = 0.0, s1 = 0.0, s2 = 0.0
            for i in 0..<n {
                let x = a[i], y = b[i]
                s += (x * y).squareRoot()
                s1 += x
                s2 += y
            }
            return HistogramComparison.bhattacharyya(sum: s, s1: s1, s2: s2)
        case .kullbackLeibler:
            var s = 0.0
            for i in 0..<n {
                let p = a[i]
                guard abs(p) > Double.ulpOfOne else { continue }
                var q = b[i]
                if abs(q) <= Double.ulpOfOne { q = 1e-10 }
                s += p * HistogramComparison.naturalLog(p / q)
            }
            return s
        }
    }

    /// This comparison of two `Float` vectors (for example float32 histograms from OpenCV):
    /// each element is converted to `Double` exactly and the `Double` overload is applied.
    ///
    /// This is `cv2.compareHist` on the same float32 arrays up to the order of summation, with
    /// one documented difference: OpenCV 5 (x86 builds, 4 float lanes) computes the chi-square
    /// terms of the last `count % 4` bins with `a - b` (and `a + b`) rounded to float32, where
    /// this computes them exactly; those terms then differ by at most 3 * 2^-24 relative.
    ///
    /// - Precondition: `a.count == b.count` and `a.count >= 1`.
    /// - Complexity: O(`a.count`); a temporary buffer of `2 * a.count` doubles (on the stack
    ///   when small).
    @_disfavoredOverload
    public func evaluate(_ a: Span<Float>, _ b: Span<Float>) -> Double {
        a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in evaluate(pa, pb) } }
    }

    /// ``evaluate(_:_:)-(Span<Float>,_)`` on memory the caller keeps valid.
    @_disfavoredOverload
    func evaluate(_ a: UnsafeBufferPointer<Float>, _ b: UnsafeBufferPointer<Float>) -> Double {
        HistogramComparison.checkLengths(a.count, b.count)
        let n = a.count
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * n) { scratch in
            for i in 0..<n {
                scratch[i] = Double(a[i])
                scratch[n &+ i] = Double(b[i])
            }
            return evaluate(
                UnsafeBufferPointer(rebasing: scratch[0..<n]), UnsafeBufferPointer(rebasing: scratch[n..<2 * n]))
        }
    }

    /// ``evaluate(_:_:)-(Span<Double>,_)`` of two arrays.
    ///
    /// ```swift
    /// HistogramComparison.correlation.evaluate([1, 2, 3, 0], [2, 2, 1, 1])   // 0.0
    /// ```
    public func evaluate(_ a: [Double], _ b: [Double]) -> Double {
        a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in evaluate(pa, pb) } }
    }

    /// ``evaluate(_:_:)-(Span<Float>,_)`` of two arrays: `cv2.compareHist` on
    /// float32 histograms.
    /// (Array literals pick the `Double` overload; this one is disfavoured.)
    @_disfavoredOverload
    public func evaluate(_ a: [Float], _ b: [Float]) -> Double {
        a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in evaluate(pa, pb) } }
    }

    // MARK: Internals

    @inline(__always)
    private static func checkLengths(_ a: Int, _ b: Int) {
        precondition(a == b, "histogram lengths differ: \(a) and \(b)")
        precondition(a >= 1, "histograms must have at least one bin")
    }

    @inline(__always)
    private static func correlation(
        s1: Double, s2: Double, s11: Double, s12: Double, s22: Double, count: Int
    ) -> Double {
        let scale = 1 / Double(count)
        let num = s12 - s1 * s2 * scale
        let den2 = (s11 - s1 * s1 * scale) * (s22 - s2 * s2 * scale)
        return abs(den2) > Double.ulpOfOne ? num / den2.squareRoot() : 1
    }

    @inline(__always)
    private static func bhattacharyya(sum: Double, s1: Double, s2: Double) -> Double {
        let p = s1 * s2
        let k = abs(p) > Double(Float.ulpOfOne) ? 1 / p.squareRoot() : 1
        return max(1 - sum * k, 0).squareRoot()
    }

    /// The natural logarithm of `x`, within 2 ulps (the core links no libm).
    ///
    /// `x = m 2^e` with `m` in `[sqrt(1/2), sqrt(2)]`; with `s = (m - 1) / (m + 1)`
    /// (`abs(s) <= 0.1716`), `ln m = 2 atanh(s) = 2 s + 2 s^3 Q(s^2)` where
    /// `Q(z) = 1/3 + z/5 + z^2/7 + ... + z^10/23` (the next term is below 2^-57 of the result);
    /// then `ln x = e ln2_hi + (ln m + e ln2_lo)` with `ln 2` split so that `e ln2_hi` is exact.
    /// Subnormals are handled (`significand`/`exponent` normalize them). 0 gives `-infinity`,
    /// a negative or NaN input NaN, `+infinity` itself.
    internal static func naturalLog(_ x: Double) -> Double {
        if x.isNaN || x < 0 { return .nan }
        if x == 0 { return -.infinity }
        if x == .infinity { return x }
        var e = Double(x.exponent)
        var m = x.significand  // in [1, 2)
        if m > 1.414_213_562_373_095_1 {
            m *= 0.5
            e += 1
        }
        let f = m - 1
        let s = f / (2 + f)
        let z = s * s
        let q0 = 1.0 / 3 + z * (1.0 / 5 + z * (1.0 / 7 + z * (1.0 / 9 + z * (1.0 / 11 + z * (1.0 / 13)))))
        let q =
            q0 + z * z * z * z * z * z * (1.0 / 15 + z * (1.0 / 17 + z * (1.0 / 19 + z * (1.0 / 21 + z * (1.0 / 23)))))
        let lnM = 2 * s + 2 * s * z * q
        let ln2Hi = 6.931_471_803_691_238_164_90e-01  // 0x3FE62E42FEE00000: 32 significant bits
        let ln2Lo = 1.908_214_929_270_587_700_02e-10
        return e * ln2Hi + (lnM + e * ln2Lo)
    }
}
