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
                current.withUnsafeBufferPointer {
                    plan.applyToColumns($0.baseAddress!, columns: n, to: buffer.baseAddress!)
                }
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
    /// `s*x1 + s*x0`, detail `(-s)*x1 + s*x0`, along axis 0 then axis 1. Inverse, per
    /// coefficient pair `(a, d)`: `y0 = s*a + s*d`, `y1 = s*a + (-s)*d`, along axis 1 then
    /// axis 0. Each level is computed one `2 x 2` block at a time (the operations of the two
    /// 1-D passes on that block, in their order), without intermediate planes.
    ///
    /// - Precondition: `side` is a power of two and `plane.count == side * side`.
    static func removingCoarsestHaarApproximation(_ plane: [Double], side: Int) -> [Double] {
        let (details, _) = haarDetails(plane, side: side)
        var current = [Double](repeating: 0, count: 1), n = 1
        for band in details.reversed() {
            current = inverseHaarLevel(current, band, side: n)
            n *= 2
        }
        return current
    }

    /// ``removingCoarsestHaarApproximation(_:side:)`` followed by `levels >= 1` Haar
    /// approximation levels, with the last inverse level and the first approximation level
    /// fused block by block (the same operations, without the full-size plane between them).
    static func haarApproximationAfterRemoval(_ plane: [Double], side: Int, levels: Int) -> [Double] {
        precondition(levels >= 1 && side >> levels >= 1, "bad Haar levels")
        let (details, _) = haarDetails(plane, side: side)
        var current = [Double](repeating: 0, count: 1), n = 1
        for band in details.reversed().dropLast() {
            current = inverseHaarLevel(current, band, side: n)
            n *= 2
        }
        current = inverseHaarLevel(current, details[0], side: n, approximateAgain: true)
        for _ in 1..<levels {
            current = haarLowPass(current, side: n)
            n /= 2
        }
        return current
    }

    /// The detail bands `(ad, da, dd)` of every level of a full Haar decomposition, finest
    /// first, and the final `1 x 1` approximation.
    private static func haarDetails(_ plane: [Double], side: Int) -> (details: [[Double]], approximation: Double) {
        precondition(side >= 1 && side & (side - 1) == 0 && plane.count == side * side, "bad Haar plane")
        var details: [[Double]] = []
        var current = plane, n = side
        while n > 1 {
            let h = n / 2
            var aa = [Double](repeating: 0, count: h * h)
            var band = [Double](repeating: 0, count: 3 * h * h)  // ad, da, dd interleaved per block
            let s = WaveletFilterBank.haar.decompositionLow[0]
            current.withUnsafeBufferPointer { x in
                aa.withUnsafeMutableBufferPointer { aa in
                    band.withUnsafeMutableBufferPointer { band in
                        for k in 0..<h {
                            let r0 = x.baseAddress! + 2 * k * n, r1 = r0 + n
                            for l in 0..<h {
                                let x00 = r0[2 * l], x01 = r0[2 * l + 1], x10 = r1[2 * l], x11 = r1[2 * l + 1]
                                let l0 = s * x10 + s * x00, l1 = s * x11 + s * x01
                                let h0 = -s * x10 + s * x00, h1 = -s * x11 + s * x01
                                let i = k * h + l
                                aa[i] = s * l1 + s * l0
                                band[3 * i] = -s * l1 + s * l0
                                band[3 * i + 1] = s * h1 + s * h0
                                band[3 * i + 2] = -s * h1 + s * h0
                            }
                        }
                    }
                }
            }
            details.append(band)
            current = aa
            n = h
        }
        return (details, current[0])
    }

    /// One inverse Haar level: the `n x n` approximation and the interleaved detail bands give
    /// the `2n x 2n` plane, or, with `approximateAgain`, that plane's next Haar approximation
    /// (`n x n`) computed block by block without storing the plane.
    private static func inverseHaarLevel(
        _ approximation: [Double], _ band: [Double], side n: Int, approximateAgain: Bool = false
    ) -> [Double] {
        let s = WaveletFilterBank.haar.reconstructionLow[0]
        let m = 2 * n
        let count = approximateAgain ? n * n : m * m
        return [Double](unsafeUninitializedCapacity: count) { out, written in
            approximation.withUnsafeBufferPointer { a in
                band.withUnsafeBufferPointer { band in
                    for k in 0..<n {
                        for l in 0..<n {
                            let i = k * n + l
                            let aa = a[i], ad = band[3 * i], da = band[3 * i + 1], dd = band[3 * i + 2]
                            // Axis 1: row k of 'a' and of 'd', columns 2l and 2l + 1.
                            let a0 = s * aa + s * ad, a1 = s * aa + -s * ad
                            let d0 = s * da + s * dd, d1 = s * da + -s * dd
                            // Axis 0: rows 2k and 2k + 1.
                            let x00 = s * a0 + s * d0, x10 = s * a0 + -s * d0
                            let x01 = s * a1 + s * d1, x11 = s * a1 + -s * d1
                            if approximateAgain {
                                let l0 = s * x10 + s * x00, l1 = s * x11 + s * x01
                                out[i] = s * l1 + s * l0
                            } else {
                                out[2 * k * m + 2 * l] = x00
                                out[2 * k * m + 2 * l + 1] = x01
                                out[(2 * k + 1) * m + 2 * l] = x10
                                out[(2 * k + 1) * m + 2 * l + 1] = x11
                            }
                        }
                    }
                }
            }
            written = count
        }
    }

    /// One Haar level's approximation only (`'aa'`), for an even side `n`: `n/2 x n/2`.
    private static func haarLowPass(_ x: [Double], side n: Int) -> [Double] {
        let s = WaveletFilterBank.haar.decompositionLow[0]
        let h = n / 2
        return [Double](unsafeUninitializedCapacity: h * h) { out, written in
            x.withUnsafeBufferPointer { x in
                for k in 0..<h {
                    let r0 = x.baseAddress! + 2 * k * n, r1 = r0 + n
                    for l in 0..<h {
                        let l0 = s * r1[2 * l] + s * r0[2 * l], l1 = s * r1[2 * l + 1] + s * r0[2 * l + 1]
                        out[k * h + l] = s * l1 + s * l0
                    }
                }
            }
            written = h * h
        }
    }
}
