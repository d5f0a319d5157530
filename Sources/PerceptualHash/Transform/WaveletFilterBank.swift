/// The four filters of an orthogonal discrete wavelet, as PyWavelets stores them
/// (`pywt.Wavelet(name).filter_bank`: decomposition low-pass and high-pass, reconstruction
/// low-pass and high-pass), each coefficient the same `Double` PyWavelets uses.
///
/// The values are facts taken from PyWavelets 1.9.0, written as hexadecimal literals so that
/// every bit is explicit.
struct WaveletFilterBank: Sendable, Hashable {
    /// Decomposition low-pass filter (`dec_lo`): gives the approximation coefficients.
    let decompositionLow: [Double]
    /// Decomposition high-pass filter (`dec_hi`): gives the detail coefficients.
    let decompositionHigh: [Double]
    /// Reconstruction low-pass filter (`rec_lo`).
    let reconstructionLow: [Double]
    /// Reconstruction high-pass filter (`rec_hi`).
    let reconstructionHigh: [Double]

    /// The number of taps of every filter.
    var length: Int { decompositionLow.count }

    /// Haar (`'haar'`, `'db1'`): `s = 0x1.6a09e667f3bcdp-1` (sqrt(1/2) rounded to `Double`);
    /// `dec_lo = [s, s]`, `dec_hi = [-s, s]`, `rec_lo = [s, s]`, `rec_hi = [s, -s]`.
    static let haar: WaveletFilterBank = {
        let s = 0x1.6a09e667f3bcdp-1
        return WaveletFilterBank(
            decompositionLow: [s, s], decompositionHigh: [-s, s],
            reconstructionLow: [s, s], reconstructionHigh: [s, -s])
    }()

    /// Daubechies 4 (`'db4'`), eight taps per filter.
    static let daubechies4: WaveletFilterBank = {
        let h: [Double] = [
            -0x1.5b41730b72e29p-7, 0x1.0d60ac768117bp-5, 0x1.f94e2196383a9p-6, -0x1.7f0c1b7c604d4p-3,
            -0x1.ca7c6f9db5bfbp-6, 0x1.4302cdd3de43ap-1, 0x1.6e005ea45d748p-1, 0x1.d7d052af15ec0p-3,
        ]
        // dec_hi[k] = (-1)^(k+1) dec_lo[7 - k]; rec_lo = reversed dec_lo; rec_hi = reversed dec_hi.
        let g = (0..<8).map { k in k % 2 == 0 ? -h[7 - k] : h[7 - k] }
        return WaveletFilterBank(
            decompositionLow: h, decompositionHigh: g,
            reconstructionLow: h.reversed(), reconstructionHigh: g.reversed())
    }()
}
