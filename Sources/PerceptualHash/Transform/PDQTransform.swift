/// PDQ's partial 2-D DCT: the 16x16 lowest non-DC frequencies of a 64x64 `Float` plane, in
/// exactly the `Float` operations of Meta's C++ reference (`dct64To16`).
///
/// The matrix `D` is 16 rows by 64 columns: `D[i][j] = Float(s * cos(pi / 128 * (i + 1) *
/// (2j + 1)))` with `s = Double(Float(sqrt(2 / 64)))`, the product taken in `Double` and
/// rounded to `Float` once (rows are frequencies 1 to 16; frequency 0, the mean, is skipped).
/// The output is `B = (D A) Dᵀ`: first `T[i][j] = Σₖ D[i][k] A[k][j]`, then
/// `B[i][j] = Σₖ T[i][k] D[j][k]`, each sum in `Float` starting from `0` and adding the terms
/// one at a time for `k = 0, 1, ..., 63`, every product rounded before its addition (no fused
/// multiply-add). The loops run over several `j` at once in SIMD lanes; each lane performs
/// the same operations in the same order as the scalar loop, so the results are identical.
enum PDQTransform {
    /// `D`, row-major (`D[i][j]` at `i * 64 + j`), 1,024 values.
    static let matrix: [Float] = {
        let scale = Double(Float((2.0 / 64.0).squareRoot()))
        var d = [Float](repeating: 0, count: 16 * 64)
        for i in 0..<16 {
            for j in 0..<64 {
                // cos(pi * (i + 1) * (2j + 1) / 128), correctly rounded to Double.
                let c = CosinePi.value((i + 1) * (2 * j + 1), over: 128)
                d[i * 64 + j] = Float(scale * c)
            }
        }
        return d
    }()

    /// `Dᵀ`, 64 rows of 16: `transposed[k * 16 + j] = D[j][k]`.
    static let transposed: [Float] = {
        var t = [Float](repeating: 0, count: 64 * 16)
        for j in 0..<16 {
            for k in 0..<64 { t[k * 16 + j] = matrix[j * 64 + k] }
        }
        return t
    }()

    /// The 16x16 output `B` (row-major, `B[i][j]` at `i * 16 + j`) of a 64x64 row-major plane.
    ///
    /// - Precondition: `plane.count == 4096`.
    static func forward(_ plane: [Float]) -> [Float] {
        precondition(plane.count == 64 * 64, "PDQ's DCT takes 64x64 values, not \(plane.count)")
        let d = matrix, dt = transposed
        // T = D A: 16 rows of 64, eight columns j per SIMD lane group.
        var t = [Float](repeating: 0, count: 16 * 64)
        plane.withUnsafeBufferPointer { a in
            d.withUnsafeBufferPointer { d in
                t.withUnsafeMutableBufferPointer { t in
                    for i in 0..<16 {
                        for jb in stride(from: 0, to: 64, by: 16) {
                            var sum = SIMD16<Float>(repeating: 0)
                            for k in 0..<64 {
                                let column = load16(a, at: k * 64 + jb)
                                let product = SIMD16<Float>(repeating: d[i * 64 + k]) * column
                                sum = sum + product
                            }
                            store16(sum, t, at: i * 64 + jb)
                        }
                    }
                }
            }
        }
        // B = T Dᵀ: B[i][j] = Σₖ T[i][k] D[j][k], all 16 j in one SIMD16.
        var b = [Float](repeating: 0, count: 256)
        t.withUnsafeBufferPointer { t in
            dt.withUnsafeBufferPointer { dt in
                b.withUnsafeMutableBufferPointer { b in
                    for i in 0..<16 {
                        var sum = SIMD16<Float>(repeating: 0)
                        for k in 0..<64 {
                            let row = load16(dt, at: k * 16)
                            let product = SIMD16<Float>(repeating: t[i * 64 + k]) * row
                            sum = sum + product
                        }
                        store16(sum, b, at: i * 16)
                    }
                }
            }
        }
        return b
    }

    /// Sixteen consecutive values of `buffer` from `offset`.
    @inline(__always)
    static func load16(_ buffer: UnsafeBufferPointer<Float>, at offset: Int) -> SIMD16<Float> {
        precondition(offset >= 0 && offset + 16 <= buffer.count)
        return UnsafeRawPointer(buffer.baseAddress.unsafelyUnwrapped + offset)
            .loadUnaligned(as: SIMD16<Float>.self)
    }

    /// Writes `value` to sixteen consecutive values of `buffer` from `offset`.
    @inline(__always)
    static func store16(_ value: SIMD16<Float>, _ buffer: UnsafeMutableBufferPointer<Float>, at offset: Int) {
        precondition(offset >= 0 && offset + 16 <= buffer.count)
        UnsafeMutableRawPointer(buffer.baseAddress.unsafelyUnwrapped + offset)
            .storeBytes(of: value, as: SIMD16<Float>.self)
    }
}
