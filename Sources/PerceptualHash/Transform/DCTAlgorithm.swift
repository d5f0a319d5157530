/// How ``DCT`` and ``DCT2D`` compute the forward DCT-II: two algorithms for the same
/// mathematical transform that differ in the last bits of the result.
///
/// | case | what it is | bit-identical to |
/// |---|---|---|
/// | ``butterfly`` | even/odd splitting with correctly rounded cosine tables | itself; exact `±0.0` for every coefficient that vanishes by symmetry |
/// | ``scipyFFTPack`` | the operations of SciPy's pocketfft DCT-II (a real backward FFT with pre- and post-twiddles) | `scipy.fftpack.dct(x, type=2)` of SciPy 1.17 (`norm=None`) on x86-64 |
///
/// Both agree with the exact transform to about `1e-15` of the largest coefficient. They differ
/// where a coefficient is mathematically zero: the butterfly returns exactly `0.0`, SciPy
/// returns noise such as `-1.05e-13`. A hash that thresholds at a median of `0.0` then takes
/// its bits from the sign of that noise, so reproducing ImageHash's `phash` on every image
/// (not only on photographs) needs ``scipyFFTPack``. See `Documentation/DCT.md`.
///
/// ``scipyFFTPack`` covers the unnormalized `Double` forward transform. With
/// ``DCTNormalization/orthonormal`` it scales the SciPy-exact unnormalized values by the same
/// factors as ``butterfly`` (not bit-identical to `norm="ortho"`); `Float` transforms and all
/// inverses always use ``butterfly``. Lengths for which pocketfft switches to Bluestein's
/// algorithm (large prime factors: 191, 199, 211, 223, ...; see ``supports(count:)``) are not
/// supported.
///
/// ```swift
/// let exact = DCT(count: 32, algorithm: .scipyFFTPack)
/// let y = exact.forward(x)       // the bits of scipy.fftpack.dct(x)
/// ```
public enum DCTAlgorithm: Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Even/odd butterflies over correctly rounded tables: exact zeros by symmetry, about
    /// `N^2 / 3` multiply-adds. The default.
    case butterfly
    /// SciPy 1.17's `scipy.fftpack.dct(x, type=2)` operation for operation (pocketfft's
    /// `T_dcst23` over its radix-2/3/4/5/generic real FFT), `O(N log N)` for smooth `N`.
    case scipyFFTPack

    /// Whether a plan of length `count >= 1` can use this algorithm: always for
    /// ``butterfly``; for ``scipyFFTPack``, whenever pocketfft runs its FFTPACK-style real
    /// FFT for that length (every `count < 191`, every `count` whose largest prime factor `p`
    /// has `p * p <= count`, and most others), not when it would choose Bluestein's algorithm.
    public func supports(count: Int) -> Bool {
        switch self {
        case .butterfly: count >= 1
        case .scipyFFTPack: count >= 1 && !SciPyDCTPlan.usesBluestein(count)
        }
    }

    /// The Swift spelling of the case, for example `"scipyFFTPack"`.
    public var description: String {
        switch self {
        case .butterfly: "butterfly"
        case .scipyFFTPack: "scipyFFTPack"
        }
    }
}
