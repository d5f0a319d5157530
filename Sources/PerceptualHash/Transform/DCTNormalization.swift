/// The scaling of a discrete cosine transform, named as in SciPy.
///
/// For a length-`N` input `x`, the DCT-II computed by ``DCT/forward(_:normalization:)`` is
///
/// | case | `y[0]` | `y[k]`, `k >= 1` |
/// |---|---|---|
/// | ``unnormalized`` | `2 * S(0)` | `2 * S(k)` |
/// | ``orthonormal`` | `sqrt(1 / (4N)) * 2 * S(0)` | `sqrt(1 / (2N)) * 2 * S(k)` |
///
/// where `S(k) = sum_{n=0}^{N-1} x[n] * cos(pi * k * (2n + 1) / (2N))`.
///
/// ``unnormalized`` is `scipy.fftpack.dct(x, type=2)` (`norm=None`), the transform ImageHash's
/// `phash` uses. ``orthonormal`` is `norm="ortho"`: the transform matrix is orthogonal, so the
/// sum of squares is preserved (Parseval) and the inverse is the transpose. The two differ by a
/// uniform factor except for `k = 0`, so a hash that thresholds at a median of coefficients
/// including DC gives different bits under them.
///
/// The inverse (DCT-III) of each normalization undoes the forward transform of the same
/// normalization exactly in exact arithmetic: ``DCT/inverse(_:normalization:)``.
public enum DCTNormalization: Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// SciPy's default scaling: `y[k] = 2 * sum_n x[n] * cos(pi * k * (2n + 1) / (2N))`.
    case unnormalized
    /// SciPy's `norm="ortho"`: the unnormalized values times `sqrt(1/(4N))` for `k = 0` and
    /// `sqrt(1/(2N))` for `k >= 1`.
    case orthonormal

    /// The Swift spelling of the case, for example `"orthonormal"`.
    public var description: String {
        switch self {
        case .unnormalized: "unnormalized"
        case .orthonormal: "orthonormal"
        }
    }
}
