/// A plan for the separable two-dimensional DCT-II of a `rows x columns` row-major plane, and
/// its inverse, in `Double` and `Float`.
///
/// The forward transform is the 1-D ``DCT`` applied to every column (along the row index,
/// NumPy's axis 0), then to every row of the result (axis 1): exactly
/// `scipy.fftpack.dct(scipy.fftpack.dct(a, axis=0, norm=...), axis=1, norm=...)`, the transform
/// of ImageHash's `phash`. In the output, row index `u` is the vertical frequency and column
/// index `v` the horizontal one:
///
/// `Y[u][v] = 4 * sum_r sum_c a[r][c] cos(pi u (2r+1) / (2R)) cos(pi v (2c+1) / (2C))`
/// (unnormalized), each axis scaled as ``DCTNormalization`` describes for ``DCTNormalization/orthonormal``.
///
/// Every column of the first pass is computed with the same operations as the 1-D
/// ``DCT/forward(_:normalization:)`` (several columns share SIMD registers, one per lane), so
/// the exact zeros carry over: a constant plane gives `0.0` everywhere but `Y[0][0]`, a plane
/// constant along each row or each column gives zeros outside the first column or row, and a
/// plane mirror-symmetric top to bottom (left to right) gives zeros at odd `u` (odd `v`).
///
/// ```swift
/// let plan = DCT2D(rows: 32, columns: 32)
/// let corner = plan.forwardTopLeft(plane, rows: 8, columns: 8)   // phash's 8 x 8 block
/// ```
public struct DCT2D: Sendable {
    /// The number of rows `R >= 1` of the planes this plan transforms.
    public var rows: Int { columnTransform.count }
    /// The number of columns `C >= 1` of the planes this plan transforms.
    public var columns: Int { rowTransform.count }

    /// The 1-D plan of length `rows`, applied to each column.
    public let columnTransform: DCT
    /// The 1-D plan of length `columns`, applied to each row.
    public let rowTransform: DCT

    /// How the `Double` forward transform is computed (``DCTAlgorithm``); both 1-D plans use it.
    public var algorithm: DCTAlgorithm { columnTransform.algorithm }

    /// Builds the plan for `rows x columns` planes with the default ``DCTAlgorithm/butterfly``.
    ///
    /// - Precondition: `rows >= 1` and `columns >= 1`.
    public init(rows: Int, columns: Int) {
        self.init(rows: rows, columns: columns, algorithm: .butterfly)
    }

    /// Builds the plan for `rows x columns` planes whose `Double` forward transform uses
    /// `algorithm`.
    ///
    /// With ``DCTAlgorithm/scipyFFTPack``, ``forward(_:normalization:)-([Double],_)`` is bit for
    /// bit `scipy.fftpack.dct(scipy.fftpack.dct(a, axis=0), axis=1)` (SciPy 1.17), and every
    /// top-left block is bit for bit the corresponding block of that full result.
    ///
    /// ```swift
    /// let plan = DCT2D(rows: 32, columns: 32, algorithm: .scipyFFTPack)
    /// let block = plan.forwardTopLeft(plane, rows: 8, columns: 8)   // ImageHash's phash block
    /// ```
    ///
    /// - Precondition: `rows >= 1`, `columns >= 1`, and `algorithm` supports both lengths
    ///   (``DCTAlgorithm/supports(count:)``).
    public init(rows: Int, columns: Int, algorithm: DCTAlgorithm) {
        precondition(rows >= 1 && columns >= 1, "DCT2D(rows: \(rows), columns: \(columns)): sizes must be at least 1")
        columnTransform = DCT(count: rows, algorithm: algorithm)
        rowTransform = rows == columns ? columnTransform : DCT(count: columns, algorithm: algorithm)
    }
}

// MARK: - Transforms

extension DCT2D {
    /// The 2-D DCT-II of the row-major `rows x columns` `plane` (columns first, then rows), a
    /// row-major `rows x columns` result, in the arithmetic of `Scalar` (``DCTScalar``:
    /// `Double` with the plan's ``algorithm``, `Float` with the butterfly operations, eight
    /// columns or rows at a time).
    ///
    /// - Precondition: `plane.count == rows * columns`.
    /// - Complexity: about `(R C^2 + C R^2) / 3` multiply-adds.
    public func forward<Scalar: DCTScalar>(
        _ plane: [Scalar], normalization: DCTNormalization = .unnormalized
    ) -> [Scalar] {
        forwardTopLeft(plane, rows: rows, columns: columns, normalization: normalization)
    }

    /// The top-left `k x l` block (row-major) of ``forward(_:normalization:)``: coefficients
    /// `Y[u][v]` for `u < k`, `v < l`, computing only what they need (the column pass produces
    /// `k` frequencies, the row pass runs on those `k` rows only).
    ///
    /// Bit for bit equal to the corresponding entries of the full transform of the same
    /// `Scalar`: every coefficient is computed by the same operations in the same order.
    ///
    /// ```swift
    /// let plan = DCT2D(rows: 32, columns: 32)
    /// let block = plan.forwardTopLeft(plane, rows: 8, columns: 8)   // 64 values, DC first
    /// ```
    ///
    /// - Precondition: `plane.count == rows * columns`, `1 <= k <= rows`, `1 <= l <= columns`.
    public func forwardTopLeft<Scalar: DCTScalar>(
        _ plane: [Scalar], rows k: Int, columns l: Int, normalization: DCTNormalization = .unnormalized
    ) -> [Scalar] {
        checkBlock(planeCount: plane.count, k: k, l: l)
        return [Scalar](unsafeUninitializedCapacity: k * l) { buffer, initialized in
            plane.withUnsafeBufferPointer {
                forwardTopLeftUnchecked($0, into: buffer, rows: k, columns: l, normalization: normalization)
            }
            initialized = k * l
        }
    }

    /// ``forwardTopLeft(_:rows:columns:normalization:)`` into caller-provided memory of
    /// `k * l` values.
    ///
    /// - Precondition: `plane.count == rows * columns`, `1 <= k <= rows`, `1 <= l <= columns`,
    ///   `output.count == k * l`.
    public func forwardTopLeft<Scalar: DCTScalar>(
        _ plane: Span<Scalar>, into output: inout MutableSpan<Scalar>,
        rows k: Int, columns l: Int, normalization: DCTNormalization = .unnormalized
    ) {
        checkBlock(planeCount: plane.count, k: k, l: l)
        precondition(
            output.count == k * l, "DCT2D.forwardTopLeft: output has \(output.count) values, expected \(k) x \(l)")
        plane.withUnsafeBufferPointer { p in
            output.withUnsafeMutableBufferPointer {
                forwardTopLeftUnchecked(p, into: $0, rows: k, columns: l, normalization: normalization)
            }
        }
    }

    /// The inverse of ``forward(_:normalization:)`` with the same `normalization`: the 1-D
    /// ``DCT/inverse(_:normalization:)`` along each row, then along each column.
    ///
    /// - Precondition: `coefficients.count == rows * columns`.
    public func inverse<Scalar: DCTScalar>(
        _ coefficients: [Scalar], normalization: DCTNormalization = .unnormalized
    ) -> [Scalar] {
        precondition(
            coefficients.count == rows * columns,
            "DCT2D.inverse: \(coefficients.count) values for a \(rows) x \(columns) plan")
        let c = columnTransform.inverseScale(normalization)
        let r = rowTransform.inverseScale(normalization)
        return [Scalar](unsafeUninitializedCapacity: rows * columns) { buffer, initialized in
            coefficients.withUnsafeBufferPointer { input in
                Scalar.dispatch(
                    input, buffer,
                    double: { input, output in
                        columnTransform.doubleTable.withUnsafeBufferPointer { columnTable in
                            rowTransform.doubleTable.withUnsafeBufferPointer { rowTable in
                                Self.inverse2D(
                                    SIMD4<Double>.self, input.baseAddress!, into: output.baseAddress!,
                                    rows: rows, columns: columns,
                                    columnLayout: columnTransform.layout, columnTable: columnTable.baseAddress!,
                                    columnScale: c, rowLayout: rowTransform.layout,
                                    rowTable: rowTable.baseAddress!, rowScale: r)
                            }
                        }
                    },
                    float: { input, output in
                        columnTransform.floatTable.withUnsafeBufferPointer { columnTable in
                            rowTransform.floatTable.withUnsafeBufferPointer { rowTable in
                                Self.inverse2D(
                                    SIMD8<Float>.self, input.baseAddress!, into: output.baseAddress!,
                                    rows: rows, columns: columns,
                                    columnLayout: columnTransform.layout, columnTable: columnTable.baseAddress!,
                                    columnScale: (Float(c.dc), Float(c.ac)), rowLayout: rowTransform.layout,
                                    rowTable: rowTable.baseAddress!, rowScale: (Float(r.dc), Float(r.ac)))
                            }
                        }
                    })
            }
            initialized = rows * columns
        }
    }

    /// The top-left block of checked, non-overlapping buffers.
    func forwardTopLeftUnchecked<Scalar: DCTScalar>(
        _ plane: UnsafeBufferPointer<Scalar>, into output: UnsafeMutableBufferPointer<Scalar>,
        rows k: Int, columns l: Int, normalization: DCTNormalization
    ) {
        let cs = columnTransform.forwardScale(normalization)
        let rs = rowTransform.forwardScale(normalization)
        Scalar.dispatch(
            plane, output,
            double: { plane, output in
                if case .sciPy(let columnPlan) = columnTransform.forwardEngine,
                    case .sciPy(let rowPlan) = rowTransform.forwardEngine
                {
                    Self.forward2DSciPy(
                        plane.baseAddress!, into: output.baseAddress!, rows: rows, columns: columns,
                        keepRows: k, keepColumns: l, columnPlan: columnPlan, rowPlan: rowPlan,
                        columnScale: cs, rowScale: rs)
                    return
                }
                columnTransform.doubleTable.withUnsafeBufferPointer { columnTable in
                    rowTransform.doubleTable.withUnsafeBufferPointer { rowTable in
                        Self.forward2D(
                            SIMD4<Double>.self, plane.baseAddress!, into: output.baseAddress!,
                            rows: rows, columns: columns, keepRows: k, keepColumns: l,
                            columnLayout: columnTransform.layout, columnTable: columnTable.baseAddress!,
                            columnScale: cs, rowLayout: rowTransform.layout, rowTable: rowTable.baseAddress!,
                            rowScale: rs)
                    }
                }
            },
            float: { plane, output in
                columnTransform.floatTable.withUnsafeBufferPointer { columnTable in
                    rowTransform.floatTable.withUnsafeBufferPointer { rowTable in
                        Self.forward2D(
                            SIMD8<Float>.self, plane.baseAddress!, into: output.baseAddress!,
                            rows: rows, columns: columns, keepRows: k, keepColumns: l,
                            columnLayout: columnTransform.layout, columnTable: columnTable.baseAddress!,
                            columnScale: cs.map { (dc: Float($0.dc), ac: Float($0.ac)) },
                            rowLayout: rowTransform.layout, rowTable: rowTable.baseAddress!,
                            rowScale: rs.map { (dc: Float($0.dc), ac: Float($0.ac)) })
                    }
                }
            })
    }
}

// MARK: - Drivers

extension DCT2D {
    func checkBlock(planeCount: Int, k: Int, l: Int) {
        precondition(
            planeCount == rows * columns,
            "DCT2D: plane has \(planeCount) values, plan is \(rows) x \(columns)")
        precondition(
            k >= 1 && k <= rows && l >= 1 && l <= columns,
            "DCT2D: block \(k) x \(l) not within 1...\(rows) x 1...\(columns)")
    }

    /// Column pass (`keepRows` frequencies of every column, `V.laneCount` columns at a time)
    /// into a `keepRows x columns` intermediate, then row pass over those rows
    /// (`keepColumns` frequencies, `V.laneCount` rows at a time). Lanes past the plane's edge
    /// carry zeros and are discarded.
    @inline(__always)
    static func forward2D<V: DCTLane>(
        _: V.Type, _ input: UnsafePointer<V.Element>, into output: UnsafeMutablePointer<V.Element>,
        rows: Int, columns: Int, keepRows: Int, keepColumns: Int,
        columnLayout: DCTLayout, columnTable: UnsafePointer<V.Element>,
        columnScale: (dc: V.Element, ac: V.Element)?,
        rowLayout: DCTLayout, rowTable: UnsafePointer<V.Element>,
        rowScale: (dc: V.Element, ac: V.Element)?
    ) {
        let width = V.laneCount
        let longest = Swift.max(rows, columns)
        withUnsafeTemporaryAllocation(of: V.Element.self, capacity: keepRows * columns) { middleBuffer in
            withUnsafeTemporaryAllocation(of: V.self, capacity: 3 * longest) { laneBuffer in
                let middle = middleBuffer.baseAddress!
                let work = laneBuffer.baseAddress!
                let out = work + longest
                let scratch = out + longest
                // Columns.
                var c0 = 0
                while c0 < columns {
                    let w = Swift.min(width, columns - c0)
                    if w == width {
                        for r in 0..<rows { work[r] = V.load(input + r * columns + c0) }
                    } else {
                        for r in 0..<rows {
                            var v = V.zero
                            for i in 0..<w { v[lane: i] = input[r * columns + c0 + i] }
                            work[r] = v
                        }
                    }
                    columnLayout.forward(work, into: out, outputCount: keepRows, scratch: scratch, table: columnTable)
                    if let s = columnScale {
                        out[0] = out[0] * s.dc
                        for u in 1..<keepRows { out[u] = out[u] * s.ac }
                    }
                    if w == width {
                        for u in 0..<keepRows { out[u].store(middle + u * columns + c0) }
                    } else {
                        for u in 0..<keepRows {
                            for i in 0..<w { middle[u * columns + c0 + i] = out[u][lane: i] }
                        }
                    }
                    c0 += width
                }
                // Rows.
                var r0 = 0
                while r0 < keepRows {
                    let w = Swift.min(width, keepRows - r0)
                    for c in 0..<columns {
                        var v = V.zero
                        for i in 0..<w { v[lane: i] = middle[(r0 + i) * columns + c] }
                        work[c] = v
                    }
                    rowLayout.forward(work, into: out, outputCount: keepColumns, scratch: scratch, table: rowTable)
                    if let s = rowScale {
                        out[0] = out[0] * s.dc
                        for v in 1..<keepColumns { out[v] = out[v] * s.ac }
                    }
                    for v in 0..<keepColumns {
                        let o = out[v]
                        for i in 0..<w { output[(r0 + i) * keepColumns + v] = o[lane: i] }
                    }
                    r0 += width
                }
            }
        }
    }

    /// The SciPy-exact forward transform: every column transformed in full (four columns per
    /// `SIMD4` lane group, as pocketfft's vectorized axis loop does), the first `keepRows`
    /// frequencies kept, then those rows transformed and the first `keepColumns` kept. Each
    /// 1-D transform computes all its outputs, so the kept values are exactly those of the
    /// full 2-D result.
    static func forward2DSciPy(
        _ input: UnsafePointer<Double>, into output: UnsafeMutablePointer<Double>,
        rows: Int, columns: Int, keepRows: Int, keepColumns: Int,
        columnPlan: SciPyDCTPlan, rowPlan: SciPyDCTPlan,
        columnScale: (dc: Double, ac: Double)?, rowScale: (dc: Double, ac: Double)?
    ) {
        typealias V = SIMD4<Double>
        let width = V.laneCount
        let longest = Swift.max(rows, columns)
        withUnsafeTemporaryAllocation(of: Double.self, capacity: keepRows * columns) { middleBuffer in
            withUnsafeTemporaryAllocation(of: V.self, capacity: 2 * longest) { laneBuffer in
                let middle = middleBuffer.baseAddress!
                let work = laneBuffer.baseAddress!
                let scratch = work + longest
                // Columns (axis 0).
                var c0 = 0
                while c0 < columns {
                    let w = Swift.min(width, columns - c0)
                    if w == width {
                        for r in 0..<rows { work[r] = V.load(input + r * columns + c0) }
                    } else {
                        for r in 0..<rows {
                            var v = V.zero
                            for i in 0..<w { v[i] = input[r * columns + c0 + i] }
                            work[r] = v
                        }
                    }
                    columnPlan.forward(work, scratch: scratch)
                    if let s = columnScale {
                        work[0] = work[0] * s.dc
                        for u in 1..<keepRows { work[u] = work[u] * s.ac }
                    }
                    for u in 0..<keepRows {
                        let v = work[u]
                        for i in 0..<w { middle[u * columns + c0 + i] = v[i] }
                    }
                    c0 += width
                }
                // Rows (axis 1) of the kept frequencies.
                var r0 = 0
                while r0 < keepRows {
                    let w = Swift.min(width, keepRows - r0)
                    for c in 0..<columns {
                        var v = V.zero
                        for i in 0..<w { v[i] = middle[(r0 + i) * columns + c] }
                        work[c] = v
                    }
                    rowPlan.forward(work, scratch: scratch)
                    if let s = rowScale {
                        work[0] = work[0] * s.dc
                        for v in 1..<keepColumns { work[v] = work[v] * s.ac }
                    }
                    for v in 0..<keepColumns {
                        let o = work[v]
                        for i in 0..<w { output[(r0 + i) * keepColumns + v] = o[i] }
                    }
                    r0 += width
                }
            }
        }
    }

    /// Inverse rows (undoing the second forward pass), then inverse columns.
    @inline(__always)
    static func inverse2D<V: DCTLane>(
        _: V.Type, _ input: UnsafePointer<V.Element>, into output: UnsafeMutablePointer<V.Element>,
        rows: Int, columns: Int,
        columnLayout: DCTLayout, columnTable: UnsafePointer<V.Element>,
        columnScale: (dc: V.Element, ac: V.Element),
        rowLayout: DCTLayout, rowTable: UnsafePointer<V.Element>,
        rowScale: (dc: V.Element, ac: V.Element)
    ) {
        let width = V.laneCount
        let longest = Swift.max(rows, columns)
        withUnsafeTemporaryAllocation(of: V.Element.self, capacity: rows * columns) { middleBuffer in
            withUnsafeTemporaryAllocation(of: V.self, capacity: 5 * longest) { laneBuffer in
                let middle = middleBuffer.baseAddress!
                let work = laneBuffer.baseAddress!
                let out = work + longest
                let scratch = out + longest
                // Rows.
                var r0 = 0
                while r0 < rows {
                    let w = Swift.min(width, rows - r0)
                    for c in 0..<columns {
                        var v = V.zero
                        for i in 0..<w { v[lane: i] = input[(r0 + i) * columns + c] }
                        work[c] = v * (c == 0 ? rowScale.dc : rowScale.ac)
                    }
                    rowLayout.transpose(work, into: out, scratch: scratch, table: rowTable)
                    for c in 0..<columns {
                        let o = out[c]
                        for i in 0..<w { middle[(r0 + i) * columns + c] = o[lane: i] }
                    }
                    r0 += width
                }
                // Columns.
                var c0 = 0
                while c0 < columns {
                    let w = Swift.min(width, columns - c0)
                    for r in 0..<rows {
                        var v = V.zero
                        for i in 0..<w { v[lane: i] = middle[r * columns + c0 + i] }
                        work[r] = v * (r == 0 ? columnScale.dc : columnScale.ac)
                    }
                    columnLayout.transpose(work, into: out, scratch: scratch, table: columnTable)
                    for r in 0..<rows {
                        let o = out[r]
                        for i in 0..<w { output[r * columns + c0 + i] = o[lane: i] }
                    }
                    c0 += width
                }
            }
        }
    }
}
