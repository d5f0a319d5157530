/// The 2-D discrete wavelet steps of ImageHash's `whash`, with the floating-point operations of
/// PyWavelets 1.9 (`pywt.wavedec2` / `pywt.waverec2`, extension mode `'symmetric'`) in the
/// same order, so that every coefficient equals PyWavelets' bit for bit.
///
/// A 2-D level is a 1-D level along axis 0 (down every column), then along axis 1 (along every
/// row) of each result, as `pywt.dwtn` does. Planes are square, row-major `[Double]`.
enum WaveletTransform2D {
    /// The approximation coefficients after `levels` levels: `pywt.wavedec2(plane, wavelet,
    /// level=levels)[0]`. Each level maps a side `n` to `(n + F - 1) / 2` for an `F`-tap filter
    /// (`n / 2` for Haar on even sides, `(n + 7) / 2` for db4). `levels = 0` returns the plane.
    ///
    /// - Precondition: `plane.count == side * side`, `side >= 1`, `levels >= 0`.
    static func approximation(
        of plane: [Double], side: Int, bank: WaveletFilterBank, levels: Int
    ) -> (coefficients: [Double], side: Int) {
        precondition(plane.count == side * side && side >= 1 && levels >= 0, "bad wavelet plane")
        var current = plane, n = side
        for _ in 0..<levels {
            if bank == .haar, n % 2 == 0 {
                current = haarLowPass(current, side: n)
                n /= 2
                continue
            }
            let plan = WaveletDownsampling(inputCount: n, filter: bank.decompositionLow)
            let m = plan.outputCount
            // Axis 0: m x n; then axis 1 of every row: m x m.
            let columns = [Double](unsafeUninitializedCapacity: m * n) { buffer, count in
                current.withUnsafeBufferPointer { plan.applyToColumns($0.baseAddress!, columns: n, to: buffer.baseAddress!) }
                count = m * n
            }
            current = [Double](unsafeUninitializedCapacity: m * m) { buffer, count in
                columns.withUnsafeBufferPointer { c in
                    for r in 0..<m { plan.apply(c.baseAddress! + r * n, to: buffer.baseAddress! + r * m) }
                }
                count = m * m
            }
            n = m
        }
        return (current, n)
    }

    /// `pywt.waverec2` of `pywt.wavedec2(plane, 'haar', level=log2(side))` with the coarsest
    /// approximation (the single `1 x 1` coefficient, a scaled image mean) set to zero:
    /// ImageHash's `remove_max_haar_ll` step. Mathematically the plane minus its mean; in
    /// floating point, the exact values PyWavelets computes.
    ///
    /// Haar level (`s = 0x1.6a09e667f3bcdp-1`), per 2-sample pair `(x0, x1)`: approximation
    /// `s*x1 + s*x0`, detail `(-s)*x1 + s*x0`. Inverse, per coefficient pair `(a, d)`:
    /// `y0 = s*a + s*d`, `y1 = s*a + (-s)*d`. Inverse levels run along axis 1, then axis 0.
    ///
    /// - Precondition: `side` is a power of two and `plane.count == side * side`.
    static func removingCoarsestHaarApproximation(_ plane: [Double], side: Int) -> [Double] {
        precondition(side >= 1 && side & (side - 1) == 0 && plane.count == side * side, "bad Haar plane")
        // Decompose, keeping the three detail bands of every level.
        var details: [(ad: [Double], da: [Double], dd: [Double])] = []
        var current = plane, n = side
        while n > 1 {
            let h = n / 2
            let (low, high) = haarColumns(current, side: n)
            let (aa, ad) = haarRows(low, rows: h, columns: n)
            let (da, dd) = haarRows(high, rows: h, columns: n)
            details.append((ad, da, dd))
            current = aa
            n = h
        }
        // Reconstruct from a zero approximation.
        current = [Double](repeating: 0, count: 1)
        for (ad, da, dd) in details.reversed() {
            let a = inverseHaarRows(current, ad, rows: n, columns: n)
            let d = inverseHaarRows(da, dd, rows: n, columns: n)
            current = inverseHaarColumns(a, d, rows: n, columns: 2 * n)
            n *= 2
        }
        return current
    }

    /// One Haar level's approximation only (`'aa'`), for an even side `n`: `n/2 x n/2`.
    private static func haarLowPass(_ x: [Double], side n: Int) -> [Double] {
        let (low, _) = haarColumns(x, side: n, lowOnly: true)
        return haarRows(low, rows: n / 2, columns: n, lowOnly: true).low
    }

    /// Axis 0 of a Haar level on an `n x n` plane: two `n/2 x n` planes (empty high when
    /// `lowOnly`).
    private static func haarColumns(_ x: [Double], side n: Int, lowOnly: Bool = false) -> (low: [Double], high: [Double]) {
        let s = WaveletFilterBank.haar.decompositionLow[0]
        let h = n / 2
        var low = [Double](repeating: 0, count: h * n)
        var high = lowOnly ? [] : [Double](repeating: 0, count: h * n)
        x.withUnsafeBufferPointer { x in
            low.withUnsafeMutableBufferPointer { lo in
                for k in 0..<h {
                    let r0 = x.baseAddress! + 2 * k * n, r1 = r0 + n, out = lo.baseAddress! + k * n
                    for c in 0..<n { out[c] = s * r1[c] + s * r0[c] }
                }
            }
            if lowOnly { return }
            high.withUnsafeMutableBufferPointer { hi in
                for k in 0..<h {
                    let r0 = x.baseAddress! + 2 * k * n, r1 = r0 + n, out = hi.baseAddress! + k * n
                    for c in 0..<n { out[c] = -s * r1[c] + s * r0[c] }
                }
            }
        }
        return (low, high)
    }

    /// Axis 1 of a Haar level on a `rows x columns` plane: two `rows x columns/2` planes.
    private static func haarRows(_ x: [Double], rows: Int, columns: Int, lowOnly: Bool = false) -> (low: [Double], high: [Double]) {
        let s = WaveletFilterBank.haar.decompositionLow[0]
        let h = columns / 2
        var low = [Double](repeating: 0, count: rows * h)
        var high = lowOnly ? [] : [Double](repeating: 0, count: rows * h)
        x.withUnsafeBufferPointer { x in
            low.withUnsafeMutableBufferPointer { lo in
                for r in 0..<rows {
                    let row = x.baseAddress! + r * columns, out = lo.baseAddress! + r * h
                    for c in 0..<h { out[c] = s * row[2 * c + 1] + s * row[2 * c] }
                }
            }
            if lowOnly { return }
            high.withUnsafeMutableBufferPointer { hi in
                for r in 0..<rows {
                    let row = x.baseAddress! + r * columns, out = hi.baseAddress! + r * h
                    for c in 0..<h { out[c] = -s * row[2 * c + 1] + s * row[2 * c] }
                }
            }
        }
        return (low, high)
    }

    /// Inverse Haar along axis 1: `rows x columns` approximation and detail planes give one
    /// `rows x 2*columns` plane.
    private static func inverseHaarRows(_ a: [Double], _ d: [Double], rows: Int, columns: Int) -> [Double] {
        let s = WaveletFilterBank.haar.reconstructionLow[0]
        return [Double](unsafeUninitializedCapacity: rows * columns * 2) { out, count in
            a.withUnsafeBufferPointer { a in
                d.withUnsafeBufferPointer { d in
                    for i in 0..<(rows * columns) {
                        out[2 * i] = s * a[i] + s * d[i]
                        out[2 * i + 1] = s * a[i] + -s * d[i]
                    }
                }
            }
            count = rows * columns * 2
        }
    }

    /// Inverse Haar along axis 0: `rows x columns` approximation and detail planes give one
    /// `2*rows x columns` plane.
    private static func inverseHaarColumns(_ a: [Double], _ d: [Double], rows: Int, columns: Int) -> [Double] {
        let s = WaveletFilterBank.haar.reconstructionLow[0]
        return [Double](unsafeUninitializedCapacity: rows * columns * 2) { out, count in
            a.withUnsafeBufferPointer { a in
                d.withUnsafeBufferPointer { d in
                    for k in 0..<rows {
                        let ar = a.baseAddress! + k * columns, dr = d.baseAddress! + k * columns
                        let even = out.baseAddress! + 2 * k * columns, odd = even + columns
                        for c in 0..<columns {
                            even[c] = s * ar[c] + s * dr[c]
                            odd[c] = s * ar[c] + -s * dr[c]
                        }
                    }
                }
            }
            count = rows * columns * 2
        }
    }
}
