/// A plan for the one-dimensional discrete cosine transform of length `count`: DCT-II
/// (``forward(_:normalization:)``) and its inverse, DCT-III (``inverse(_:normalization:)``),
/// in `Double` and `Float` (``DCTScalar``).
///
/// Build a plan once and reuse it: the initializer computes the cosine tables (about
/// `count^2 / 3` entries in each precision); transforms allocate only their result.
///
/// The forward transform is SciPy's `scipy.fftpack.dct(x, type=2, norm=...)`:
/// `y[k] = 2 * sum_{n=0}^{N-1} x[n] * cos(pi * k * (2n + 1) / (2N))`, scaled as
/// ``DCTNormalization`` describes.
///
/// **Exact zeros.** Coefficients that vanish by symmetry come out as exactly zero (`0.0` or
/// `-0.0`, which compare equal): every `k >= 1` for a constant input, every odd `k` for a
/// mirror-symmetric input (`x[n] == x[N-1-n]`), every even `k` for an antisymmetric input,
/// for every `N`. (SciPy's FFT-based transform does this for the even lengths ImageHash uses
/// but leaves `1e-14` noise for some odd lengths.)
///
/// **Accuracy.** The algorithm splits `x[n] ± x[N-1-n]` recursively and sums the remaining
/// dense products in order; the tables are correctly rounded. Results agree with the
/// `O(N^2)` definition to about `1e-15` of the largest coefficient magnitude for the sizes
/// hashes use (see `Documentation/DCT.md`).
///
/// **Cost.** About `N^2 / 3` multiply-adds per transform (`N = 32`: 341).
///
/// **Algorithm.** The above describes the default ``DCTAlgorithm/butterfly``. A plan made with
/// ``DCTAlgorithm/scipyFFTPack`` computes the `Double` forward transform with SciPy 1.17's
/// operations instead, bit for bit `scipy.fftpack.dct(x)` (no exact zeros: coefficients that
/// vanish by symmetry carry SciPy's rounding noise); see ``DCTAlgorithm`` for what it covers.
///
/// ```swift
/// let dct = DCT(count: 8)
/// let y = dct.forward([1, 1, 1, 1, 1, 1, 1, 1])   // [16, 0, 0, 0, 0, 0, 0, 0]
/// let x = dct.inverse(y)                          // [1, 1, 1, 1, 1, 1, 1, 1]
/// ```
public struct DCT: Sendable {
    /// The transform length `N >= 1`.
    public var count: Int { layout.count }

    /// How the `Double` forward transform is computed (``DCTAlgorithm``).
    public let algorithm: DCTAlgorithm

    /// How the `Double` forward transform runs: the butterfly tables below, or SciPy's
    /// operations.
    enum ForwardEngine: Sendable {
        /// ``DCTAlgorithm/butterfly``: `layout` and `doubleTable`.
        case butterfly
        /// ``DCTAlgorithm/scipyFFTPack``: pocketfft's real FFT, bit for bit.
        case sciPy(SciPyDCTPlan)
    }

    /// The butterfly plan; always present (the inverse and the `Float` transforms use it).
    let layout: DCTLayout
    let doubleTable: [Double]
    let floatTable: [Float]
    /// The engine of the `Double` forward transform, from ``algorithm``.
    let forwardEngine: ForwardEngine

    /// Builds the plan for inputs of `count` values with the default
    /// ``DCTAlgorithm/butterfly`` algorithm.
    ///
    /// - Precondition: `count >= 1`.
    /// - Complexity: `O(count^2)` time and memory (about `count^2 / 3` table entries in
    ///   `Double` and in `Float`).
    public init(count: Int) {
        self.init(count: count, algorithm: .butterfly)
    }

    /// Builds the plan for inputs of `count` values whose `Double` forward transform uses
    /// `algorithm`.
    ///
    /// ```swift
    /// let plan = DCT(count: 32, algorithm: .scipyFFTPack)   // scipy.fftpack.dct, bit for bit
    /// ```
    ///
    /// - Precondition: `count >= 1` and `algorithm.supports(count: count)`.
    /// - Complexity: `O(count^2)` time and memory for the butterfly tables (always built: the
    ///   inverse and `Float` transforms use them), plus `O(count log count)` for the SciPy plan.
    public init(count: Int, algorithm: DCTAlgorithm) {
        precondition(count >= 1, "DCT(count: \(count)): count must be at least 1")
        precondition(
            algorithm.supports(count: count),
            "DCT(count: \(count), algorithm: \(algorithm)): pocketfft would use Bluestein's algorithm for this length")
        self.algorithm = algorithm
        layout = DCTLayout(count: count)
        doubleTable = layout.makeTable()
        floatTable = doubleTable.map { Float($0) }
        switch algorithm {
        case .butterfly: forwardEngine = .butterfly
        case .scipyFFTPack: forwardEngine = .sciPy(SciPyDCTPlan(count: count))
        }
    }

    /// The factor ``DCTNormalization/orthonormal`` applies to `y[0]`: `sqrt(1 / (4N))`.
    var orthonormalDCScale: Double { DoubleDouble.squareRoot(1 / Double(4 * count)) }
    /// The factor ``DCTNormalization/orthonormal`` applies to `y[k]`, `k >= 1`:
    /// `sqrt(1 / (2N))`.
    var orthonormalACScale: Double { DoubleDouble.squareRoot(1 / Double(2 * count)) }

    /// The factors `(k = 0, k >= 1)` by which the unnormalized forward transform is scaled.
    func forwardScale(_ normalization: DCTNormalization) -> (dc: Double, ac: Double)? {
        switch normalization {
        case .unnormalized: nil
        case .orthonormal: (orthonormalDCScale, orthonormalACScale)
        }
    }

    /// The factors `(k = 0, k >= 1)` by which the coefficients are multiplied before the
    /// transposed unnormalized matrix is applied, so that the result inverts the forward
    /// transform of `normalization`.
    func inverseScale(_ normalization: DCTNormalization) -> (dc: Double, ac: Double) {
        switch normalization {
        case .unnormalized: (1 / Double(4 * count), 1 / Double(2 * count))
        case .orthonormal: (orthonormalDCScale, orthonormalACScale)
        }
    }
}

// MARK: - Transforms

extension DCT {
    /// The DCT-II of `x`: `y[k] = 2 * sum_n x[n] * cos(pi * k * (2n + 1) / (2N))`, scaled by
    /// `normalization` (SciPy's `scipy.fftpack.dct(x, type=2, norm=...)`), in the arithmetic of
    /// `Scalar` (``DCTScalar``: `Double` with the plan's ``algorithm``, `Float` with the
    /// butterfly operations).
    ///
    /// ```swift
    /// DCT(count: 2).forward([1, 3])                               // [8, -2.8284271247461903]
    /// DCT(count: 2).forward([1, 3], normalization: .orthonormal)  // [2.8284271247461903, -1.4142135623730951]
    /// DCT(count: 2).forward([1, 3] as [Float])                    // [8.0, -2.828427]
    /// ```
    ///
    /// - Precondition: `x.count == count`.
    /// - Complexity: about `count^2 / 3` multiply-adds.
    public func forward<Scalar: DCTScalar>(
        _ x: [Scalar], normalization: DCTNormalization = .unnormalized
    ) -> [Scalar] {
        precondition(x.count == count, "DCT.forward: input has \(x.count) values, plan count is \(count)")
        return [Scalar](unsafeUninitializedCapacity: count) { buffer, initialized in
            x.withUnsafeBufferPointer { forwardUnchecked($0, into: buffer, normalization: normalization) }
            initialized = count
        }
    }

    /// The first `output.count` DCT-II coefficients of `input` (see
    /// ``forward(_:normalization:)``), computing only what they need. Each coefficient is bit
    /// for bit the one the full transform gives.
    ///
    /// ```swift
    /// let x: [Double] = [1, 3, 5, 7]
    /// var first = [Double](repeating: 0, count: 2)
    /// var out = first.mutableSpan
    /// DCT(count: 4).forward(x.span, into: &out)   // first == [32, -12.617288119595798]
    /// ```
    ///
    /// - Precondition: `input.count == count` and `1 <= output.count <= count`.
    public func forward<Scalar: DCTScalar>(
        _ input: Span<Scalar>, into output: inout MutableSpan<Scalar>,
        normalization: DCTNormalization = .unnormalized
    ) {
        precondition(input.count == count, "DCT.forward: input has \(input.count) values, plan count is \(count)")
        precondition(
            output.count >= 1 && output.count <= count,
            "DCT.forward: output has \(output.count) values, must be in 1...\(count)")
        input.withUnsafeBufferPointer { i in
            output.withUnsafeMutableBufferPointer { forwardUnchecked(i, into: $0, normalization: normalization) }
        }
    }

    /// The inverse of ``forward(_:normalization:)`` with the same `normalization` (a DCT-III):
    /// `x[n] = c * (y[0] + 2 * sum_{k>=1} y[k] * cos(pi * k * (2n + 1) / (2N)))` with
    /// `c = 1 / (2N)` for ``DCTNormalization/unnormalized`` (SciPy's `idct(y) / (2N)`), and
    /// `x[n] = sqrt(1/N) y[0] + sqrt(2/N) * sum_{k>=1} y[k] * cos(...)` for
    /// ``DCTNormalization/orthonormal`` (SciPy's `idct(y, norm="ortho")`); always the butterfly
    /// operations, in the arithmetic of `Scalar`.
    ///
    /// In `Double`, `inverse(forward(x))` equals `x` up to rounding (about `1e-15` relative to
    /// the largest magnitude).
    ///
    /// - Precondition: `y.count == count`.
    public func inverse<Scalar: DCTScalar>(
        _ y: [Scalar], normalization: DCTNormalization = .unnormalized
    ) -> [Scalar] {
        precondition(y.count == count, "DCT.inverse: input has \(y.count) values, plan count is \(count)")
        return [Scalar](unsafeUninitializedCapacity: count) { buffer, initialized in
            y.withUnsafeBufferPointer { inverseUnchecked($0, into: buffer, normalization: normalization) }
            initialized = count
        }
    }

    /// ``inverse(_:normalization:)`` into caller-provided memory.
    ///
    /// - Precondition: `input.count == count` and `output.count == count`.
    public func inverse<Scalar: DCTScalar>(
        _ input: Span<Scalar>, into output: inout MutableSpan<Scalar>,
        normalization: DCTNormalization = .unnormalized
    ) {
        precondition(input.count == count, "DCT.inverse: input has \(input.count) values, plan count is \(count)")
        precondition(output.count == count, "DCT.inverse: output has \(output.count) values, plan count is \(count)")
        input.withUnsafeBufferPointer { i in
            output.withUnsafeMutableBufferPointer { inverseUnchecked(i, into: $0, normalization: normalization) }
        }
    }

    /// The forward transform of checked buffers (`output` may be `input`'s memory).
    func forwardUnchecked<Scalar: DCTScalar>(
        _ input: UnsafeBufferPointer<Scalar>, into output: UnsafeMutableBufferPointer<Scalar>,
        normalization: DCTNormalization
    ) {
        let scale = forwardScale(normalization)
        Scalar.dispatch(
            input, output,
            double: { input, output in
                switch forwardEngine {
                case .sciPy(let plan):
                    Self.forwardSciPy(plan, input, into: output, scale: scale)
                case .butterfly:
                    doubleTable.withUnsafeBufferPointer { table in
                        Self.forward1D(layout, input, into: output, scale: scale, table: table.baseAddress!)
                    }
                }
            },
            float: { input, output in
                floatTable.withUnsafeBufferPointer { table in
                    Self.forward1D(
                        layout, input, into: output, scale: scale.map { (dc: Float($0.dc), ac: Float($0.ac)) },
                        table: table.baseAddress!)
                }
            })
    }

    /// The inverse transform of checked buffers (`output` may be `input`'s memory).
    func inverseUnchecked<Scalar: DCTScalar>(
        _ input: UnsafeBufferPointer<Scalar>, into output: UnsafeMutableBufferPointer<Scalar>,
        normalization: DCTNormalization
    ) {
        let s = inverseScale(normalization)
        Scalar.dispatch(
            input, output,
            double: { input, output in
                doubleTable.withUnsafeBufferPointer { table in
                    Self.inverse1D(layout, input, into: output, scale: s, table: table.baseAddress!)
                }
            },
            float: { input, output in
                floatTable.withUnsafeBufferPointer { table in
                    Self.inverse1D(
                        layout, input, into: output, scale: (Float(s.dc), Float(s.ac)), table: table.baseAddress!)
                }
            })
    }
}

// MARK: - Scalar drivers

extension DCT {
    @inline(__always)
    static func forward1D<T: DCTLane>(
        _ layout: DCTLayout, _ input: UnsafeBufferPointer<T>, into output: UnsafeMutableBufferPointer<T>,
        scale: (dc: T.Element, ac: T.Element)?, table: UnsafePointer<T.Element>
    ) where T.Element == T {
        let n = layout.count
        let k = output.count
        withUnsafeTemporaryAllocation(of: T.self, capacity: 2 * n) { buffer in
            let work = buffer.baseAddress!
            let scratch = work + n
            for i in 0..<n { work[i] = input[i] }
            layout.forward(work, into: output.baseAddress!, outputCount: k, scratch: scratch, table: table)
        }
        if let scale {
            output[0] = output[0] * scale.dc
            for i in 1..<k { output[i] = output[i] * scale.ac }
        }
    }

    static func forwardSciPy(
        _ plan: SciPyDCTPlan, _ input: UnsafeBufferPointer<Double>, into output: UnsafeMutableBufferPointer<Double>,
        scale: (dc: Double, ac: Double)?
    ) {
        let n = plan.count
        let k = output.count
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * n) { buffer in
            let work = buffer.baseAddress!
            for i in 0..<n { work[i] = input[i] }
            plan.forward(work, scratch: work + n)
            for i in 0..<k { output[i] = work[i] }
        }
        if let scale {
            output[0] = output[0] * scale.dc
            for i in 1..<k { output[i] = output[i] * scale.ac }
        }
    }

    @inline(__always)
    static func inverse1D<T: DCTLane>(
        _ layout: DCTLayout, _ input: UnsafeBufferPointer<T>, into output: UnsafeMutableBufferPointer<T>,
        scale: (dc: T.Element, ac: T.Element), table: UnsafePointer<T.Element>
    ) where T.Element == T {
        let n = layout.count
        withUnsafeTemporaryAllocation(of: T.self, capacity: 4 * n) { buffer in
            let y = buffer.baseAddress!
            let scratch = y + n
            y[0] = input[0] * scale.dc
            for i in 1..<n { y[i] = input[i] * scale.ac }
            layout.transpose(y, into: output.baseAddress!, scratch: scratch, table: table)
        }
    }
}
