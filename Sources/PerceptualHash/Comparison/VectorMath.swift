/// Euclidean (L2) distance, dot product and cosine similarity of `Float` and `Double` vectors,
/// vectorized with SIMD accumulators.
///
/// Every function takes two vectors of equal length (a length mismatch is a programmer error,
/// checked by a `precondition` that prints both lengths) and reads each element once.
///
/// ## Accumulation and accuracy
///
/// - `Float` vectors accumulate in `Float`, in 16 independent lanes (`SIMD16<Float>`, elements
///   `i`, `i + 16`, `i + 32`, ... go to lane `i % 16`), then the lanes are added and the scalar
///   tail (the last `count % 16` elements) is added in order. The result differs from an exact
///   sum by at most about `(count / 16 + 20) * Float.ulpOfOne` times the sum of the absolute
///   values of the terms (the terms being `(a - b)^2`, `a * b`, `a * a`, `b * b`); with 16 lanes
///   a 1,024-element vector sees the rounding error of a 64-term sum, not a 1,024-term one.
/// - `Double` vectors accumulate in `Double` in 8 lanes (`SIMD8<Double>`) the same way, with the
///   same bound in `Double.ulpOfOne`.
///
/// Each product is rounded before it is added (no fused multiply-add), so results do not
/// depend on the CPU's FMA support. The summation order is fixed, so a given input always gives the same result on one
/// machine; it is not the order of a plain `for` loop, so results can differ from one in the
/// last bits. Overflow follows IEEE 754: a sum of squares past `greatestFiniteMagnitude` is
/// `+infinity`.
///
/// ```swift
/// let a: [Float] = [1, 2, 3], b: [Float] = [1, 2, 5]   // array literals alone pick [Double]
/// VectorMath.euclideanDistance(a, b)   // 2
/// VectorMath.cosineSimilarity(a, a)    // 1
/// ```
///
/// - Complexity: O(`count`), no allocation.
public enum VectorMath {
    // MARK: Float

    /// The dot product `sum(a[i] * b[i])`, accumulated in `Float` lanes (see ``VectorMath``).
    /// 0 for empty vectors.
    ///
    /// - Precondition: `a.count == b.count`.
    public static func dotProduct(_ a: Span<Float>, _ b: Span<Float>) -> Float {
        a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in dotProduct(pa, pb) } }
    }

    /// ``dotProduct(_:_:)-(Span<Float>,_)`` on memory the caller keeps valid.
    static func dotProduct(_ a: UnsafeBufferPointer<Float>, _ b: UnsafeBufferPointer<Float>) -> Float {
        checkLengths(a.count, b.count)
        return sums(a, b).ab
    }

    /// The squared Euclidean distance `sum((a[i] - b[i])^2)`, accumulated in `Float` lanes
    /// (see ``VectorMath``). 0 for empty vectors.
    ///
    /// - Precondition: `a.count == b.count`.
    public static func squaredEuclideanDistance(_ a: Span<Float>, _ b: Span<Float>) -> Float {
        a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in squaredEuclideanDistance(pa, pb) } }
    }

    /// ``squaredEuclideanDistance(_:_:)-(Span<Float>,_)`` on memory the caller keeps valid.
    static func squaredEuclideanDistance(_ a: UnsafeBufferPointer<Float>, _ b: UnsafeBufferPointer<Float>) -> Float {
        checkLengths(a.count, b.count)
        let n = a.count
        guard n > 0, let pa = a.baseAddress, let pb = b.baseAddress else { return 0 }
        var acc = SIMD16<Float>()
        var i = 0
        while i &+ 16 <= n {
            let d = load16(pa + i) - load16(pb + i)
            acc += d * d
            i &+= 16
        }
        var tail: Float = 0
        while i < n {
            let d = pa[i] - pb[i]
            tail += d * d
            i &+= 1
        }
        return acc.sum() + tail
    }

    /// The Euclidean (L2) distance `sqrt(sum((a[i] - b[i])^2))`: the square root of
    /// ``squaredEuclideanDistance(_:_:)-(Span<Float>,_)``. 0 for empty vectors.
    ///
    /// - Precondition: `a.count == b.count`.
    public static func euclideanDistance(_ a: Span<Float>, _ b: Span<Float>) -> Float {
        a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in euclideanDistance(pa, pb) } }
    }

    /// ``euclideanDistance(_:_:)-(Span<Float>,_)`` on memory the caller keeps valid.
    static func euclideanDistance(_ a: UnsafeBufferPointer<Float>, _ b: UnsafeBufferPointer<Float>) -> Float {
        squaredEuclideanDistance(a, b).squareRoot()
    }

    /// The cosine similarity `sum(a*b) / (sqrt(sum(a*a)) * sqrt(sum(b*b)))`, clamped to
    /// `-1...1`, with the three sums taken in one pass in `Float` lanes (see ``VectorMath``).
    ///
    /// A zero vector has no direction; by definition the result is 1 when both vectors are
    /// all zeros (identical vectors are always similarity 1, empty vectors included) and 0
    /// when exactly one is. NaN elements give NaN.
    ///
    /// - Precondition: `a.count == b.count`.
    public static func cosineSimilarity(_ a: Span<Float>, _ b: Span<Float>) -> Float {
        a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in cosineSimilarity(pa, pb) } }
    }

    /// ``cosineSimilarity(_:_:)-(Span<Float>,_)`` on memory the caller keeps valid.
    static func cosineSimilarity(_ a: UnsafeBufferPointer<Float>, _ b: UnsafeBufferPointer<Float>) -> Float {
        checkLengths(a.count, b.count)
        let s = sums(a, b)
        return cosine(ab: s.ab, aa: s.aa, bb: s.bb)
    }

    /// ``dotProduct(_:_:)-(Span<Float>,_)`` of two arrays.
    @_disfavoredOverload
    public static func dotProduct(_ a: [Float], _ b: [Float]) -> Float {
        a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in dotProduct(pa, pb) } }
    }

    /// ``squaredEuclideanDistance(_:_:)-(Span<Float>,_)`` of two arrays.
    @_disfavoredOverload
    public static func squaredEuclideanDistance(_ a: [Float], _ b: [Float]) -> Float {
        a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in squaredEuclideanDistance(pa, pb) } }
    }

    /// ``euclideanDistance(_:_:)-(Span<Float>,_)`` of two arrays.
    ///
    /// ```swift
    /// VectorMath.euclideanDistance([0, 0] as [Float], [3, 4])   // 5
    /// ```
    @_disfavoredOverload
    public static func euclideanDistance(_ a: [Float], _ b: [Float]) -> Float {
        a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in euclideanDistance(pa, pb) } }
    }

    /// ``cosineSimilarity(_:_:)-(Span<Float>,_)`` of two arrays.
    ///
    /// ```swift
    /// VectorMath.cosineSimilarity([1, 0] as [Float], [0, 1])   // 0
    /// ```
    @_disfavoredOverload
    public static func cosineSimilarity(_ a: [Float], _ b: [Float]) -> Float {
        a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in cosineSimilarity(pa, pb) } }
    }

    // MARK: Double

    /// The dot product `sum(a[i] * b[i])`, accumulated in `Double` lanes (see ``VectorMath``).
    /// 0 for empty vectors.
    ///
    /// - Precondition: `a.count == b.count`.
    public static func dotProduct(_ a: Span<Double>, _ b: Span<Double>) -> Double {
        a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in dotProduct(pa, pb) } }
    }

    /// ``dotProduct(_:_:)-(Span<Double>,_)`` on memory the caller keeps valid.
    static func dotProduct(_ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>) -> Double {
        checkLengths(a.count, b.count)
        return sums(a, b).ab
    }

    /// The squared Euclidean distance `sum((a[i] - b[i])^2)`, accumulated in `Double` lanes
    /// (see ``VectorMath``). 0 for empty vectors.
    ///
    /// - Precondition: `a.count == b.count`.
    public static func squaredEuclideanDistance(_ a: Span<Double>, _ b: Span<Double>) -> Double {
        a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in squaredEuclideanDistance(pa, pb) } }
    }

    /// ``squaredEuclideanDistance(_:_:)-(Span<Double>,_)`` on memory the caller keeps valid.
    static func squaredEuclideanDistance(_ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>) -> Double {
        checkLengths(a.count, b.count)
        let n = a.count
        guard n > 0, let pa = a.baseAddress, let pb = b.baseAddress else { return 0 }
        var acc = SIMD8<Double>()
        var i = 0
        while i &+ 8 <= n {
            let d = load8(pa + i) - load8(pb + i)
            acc += d * d
            i &+= 8
        }
        var tail: Double = 0
        while i < n {
            let d = pa[i] - pb[i]
            tail += d * d
            i &+= 1
        }
        return acc.sum() + tail
    }

    /// The Euclidean (L2) distance `sqrt(sum((a[i] - b[i])^2))`. 0 for empty vectors.
    ///
    /// - Precondition: `a.count == b.count`.
    public static func euclideanDistance(_ a: Span<Double>, _ b: Span<Double>) -> Double {
        a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in euclideanDistance(pa, pb) } }
    }

    /// ``euclideanDistance(_:_:)-(Span<Double>,_)`` on memory the caller keeps valid.
    static func euclideanDistance(_ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>) -> Double {
        squaredEuclideanDistance(a, b).squareRoot()
    }

    /// The cosine similarity `sum(a*b) / (sqrt(sum(a*a)) * sqrt(sum(b*b)))`, clamped to
    /// `-1...1`; 1 when both vectors are all zeros, 0 when exactly one is (see the `Float`
    /// overload).
    ///
    /// - Precondition: `a.count == b.count`.
    public static func cosineSimilarity(_ a: Span<Double>, _ b: Span<Double>) -> Double {
        a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in cosineSimilarity(pa, pb) } }
    }

    /// ``cosineSimilarity(_:_:)-(Span<Double>,_)`` on memory the caller keeps valid.
    static func cosineSimilarity(_ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>) -> Double {
        checkLengths(a.count, b.count)
        let s = sums(a, b)
        return cosine(ab: s.ab, aa: s.aa, bb: s.bb)
    }

    /// ``dotProduct(_:_:)-(Span<Double>,_)`` of two arrays.
    public static func dotProduct(_ a: [Double], _ b: [Double]) -> Double {
        a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in dotProduct(pa, pb) } }
    }

    /// ``squaredEuclideanDistance(_:_:)-(Span<Double>,_)`` of two arrays.
    public static func squaredEuclideanDistance(_ a: [Double], _ b: [Double]) -> Double {
        a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in squaredEuclideanDistance(pa, pb) } }
    }

    /// ``euclideanDistance(_:_:)-(Span<Double>,_)`` of two arrays.
    public static func euclideanDistance(_ a: [Double], _ b: [Double]) -> Double {
        a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in euclideanDistance(pa, pb) } }
    }

    /// ``cosineSimilarity(_:_:)-(Span<Double>,_)`` of two arrays.
    public static func cosineSimilarity(_ a: [Double], _ b: [Double]) -> Double {
        a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in cosineSimilarity(pa, pb) } }
    }

    // MARK: Internals

    @inline(__always)
    private static func checkLengths(_ a: Int, _ b: Int) {
        precondition(a == b, "vector lengths differ: \(a) and \(b)")
    }

    @inline(__always)
    private static func load16(_ p: UnsafePointer<Float>) -> SIMD16<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Float>.self)
    }

    @inline(__always)
    private static func load8(_ p: UnsafePointer<Double>) -> SIMD8<Double> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Double>.self)
    }

    /// `sum(a*b)`, `sum(a*a)`, `sum(b*b)` in one pass, 16 `Float` lanes and a scalar tail.
    private static func sums(
        _ a: UnsafeBufferPointer<Float>, _ b: UnsafeBufferPointer<Float>
    ) -> (ab: Float, aa: Float, bb: Float) {
        let n = a.count
        guard n > 0, let pa = a.baseAddress, let pb = b.baseAddress else { return (0, 0, 0) }
        var ab = SIMD16<Float>(), aa = SIMD16<Float>(), bb = SIMD16<Float>()
        var i = 0
        while i &+ 16 <= n {
            let x = load16(pa + i), y = load16(pb + i)
            ab += x * y
            aa += x * x
            bb += y * y
            i &+= 16
        }
        var tab: Float = 0, taa: Float = 0, tbb: Float = 0
        while i < n {
            let x = pa[i], y = pb[i]
            tab += x * y
            taa += x * x
            tbb += y * y
            i &+= 1
        }
        return (ab.sum() + tab, aa.sum() + taa, bb.sum() + tbb)
    }

    /// `sum(a*b)`, `sum(a*a)`, `sum(b*b)` in one pass, 8 `Double` lanes and a scalar tail.
    internal static func sums(
        _ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>
    ) -> (ab: Double, aa: Double, bb: Double) {
        let n = a.count
        guard n > 0, let pa = a.baseAddress, let pb = b.baseAddress else { return (0, 0, 0) }
        var ab = SIMD8<Double>(), aa = SIMD8<Double>(), bb = SIMD8<Double>()
        var i = 0
        while i &+ 8 <= n {
            let x = load8(pa + i), y = load8(pb + i)
            ab += x * y
            aa += x * x
            bb += y * y
            i &+= 8
        }
        var tab: Double = 0, taa: Double = 0, tbb: Double = 0
        while i < n {
            let x = pa[i], y = pb[i]
            tab += x * y
            taa += x * x
            tbb += y * y
            i &+= 1
        }
        return (ab.sum() + tab, aa.sum() + taa, bb.sum() + tbb)
    }

    /// The cosine from the three sums, with the zero-vector rules and the clamp.
    @inline(__always)
    internal static func cosine<T: BinaryFloatingPoint>(ab: T, aa: T, bb: T) -> T {
        if aa == 0 || bb == 0 { return aa == bb ? 1 : 0 }
        let c = ab / (aa.squareRoot() * bb.squareRoot())
        if c > 1 { return 1 }
        if c < -1 { return -1 }
        return c
    }
}
