/// The wavelet hash (wHash): the signs of a gray image's coarse wavelet approximation relative
/// to its median, ImageHash's `whash`.
///
/// Steps, for a hash size `N` (a power of two) and an image scale `S` (a power of two, at
/// least `N`):
/// 1. gray by ``HashPreprocessing/conversion``, resize to `S x S` by
///    ``HashPreprocessing/filter``; each sample `p` becomes the `Double` `p / 255`;
/// 2. with ``removesCoarsestHaarApproximation`` (the default): a full Haar decomposition
///    (`log2(S)` levels), its single coarsest approximation coefficient set to zero, and the
///    inverse transform: the plane minus its mean, with PyWavelets' rounding;
/// 3. `log2(S) - log2(N)` decomposition levels with ``wavelet`` and symmetric signal extension,
///    keeping the approximation: an `N x N` block for ``Wavelet/haar``, a `(N + 6) x (N + 6)`
///    block for ``Wavelet/daubechies4`` (each db4 level maps a side `n` to `(n + 7) / 2`);
/// 4. threshold `t`: the median of the block (for an even count `(a + b) / 2` of the two
///    middle values, as `numpy.median`); bit `i` (row-major) is `coefficient[i] > t`.
///
/// Every operation of steps 2 and 3 is PyWavelets' (see `WaveletTransform2D`), in the same
/// order, so the coefficients equal PyWavelets' bit for bit and coefficients next to the
/// median decide the same bits.
///
/// With the default automatic scale, `S` is the largest power of two not above the image's
/// shorter side, and at least `N`: ImageHash's default. For ``Wavelet/daubechies4`` the
/// automatic scale is at least `8 N` as well, which keeps the block at `(N + 6) x (N + 6)`
/// on every image. ImageHash instead transforms images whose shorter side is under `8 N`
/// (64 pixels for `N = 8`) at the smaller scale, and its db4 hash of such an image is shorter
/// (for `N = 8`: 13 x 13, 11 x 11 or 8 x 8 bits instead of 14 x 14), so it cannot be compared with
/// the hashes of larger images anyway. Give ``imageScale`` explicitly to reproduce it there.
///
/// The defaults, `WaveletHash()`, reproduce ImageHash 4.3.2's `whash(image)` (`hash_size=8`,
/// `mode='haar'`, `remove_max_haar_ll=True`) bit for bit with PyWavelets 1.9;
/// `WaveletHash(wavelet: .daubechies4)` reproduces `whash(image, mode='db4')` on images whose
/// shorter side is at least 64 pixels.
///
/// Cost: the resize to `S x S` and about `3 S^2` Haar coefficients per pass; `S` grows with
/// the image (1024 for a 1920 x 1080 photo), so this hash is slower than ``DCTHash``. Working
/// memory is at most about `25 S^2` bytes (`Double` planes: 26 MB at `S = 1024`, 1.7 GB at
/// `S = 8192`, the largest automatic scale within ``ImageLimits/default``); a fixed
/// ``imageScale`` bounds it.
///
/// ```swift
/// let f = WaveletHash().fingerprint(of: image)     // 64 bits, ImageHash's whash
/// print(f)                                          // e.g. "00007ececc4efefc"
/// ```
public struct WaveletHash: ImageHasher, Hashable {
    /// The wavelet of the final decomposition (step 3).
    public enum Wavelet: Sendable, Hashable, CaseIterable, CustomStringConvertible {
        /// Haar (ImageHash's `mode='haar'`, the default): each level halves the side.
        case haar
        /// Daubechies 4, eight taps (ImageHash's `mode='db4'`): each level maps a side `n` to
        /// `(n + 7) / 2`.
        case daubechies4

        /// The Swift spelling of the case.
        public var description: String { self == .haar ? "haar" : "daubechies4" }

        var bank: WaveletFilterBank { self == .haar ? .haar : .daubechies4 }
    }

    /// `N`: the side of the Haar block, a power of two, at least 2.
    public let size: Int
    /// `S`, the side of the resized image; `nil` for the automatic scale (see the type's
    /// description).
    public let imageScale: Int?
    /// The wavelet of step 3.
    public let wavelet: Wavelet
    /// Whether step 2 runs (ImageHash's `remove_max_haar_ll`, default `true`).
    public var removesCoarsestHaarApproximation: Bool
    /// The gray conversion and resize in front of the transform.
    public var preprocessing: HashPreprocessing

    /// A wavelet hash; the defaults reproduce ImageHash 4.3.2's `whash(image,
    /// hash_size=size)`.
    ///
    /// - Precondition: `size` is a power of two, at least 2; `imageScale`, when given, is a
    ///   power of two and at least `size`.
    public init(
        size: Int = 8,
        imageScale: Int? = nil,
        wavelet: Wavelet = .haar,
        removesCoarsestHaarApproximation: Bool = true,
        preprocessing: HashPreprocessing = .imageHash
    ) {
        precondition(size >= 2 && size & (size - 1) == 0, "hash size must be a power of two, at least 2, not \(size)")
        if let imageScale {
            precondition(
                imageScale >= size && imageScale & (imageScale - 1) == 0 && imageScale <= 1 << 20,
                "imageScale must be a power of two from \(size) to 2^20, not \(imageScale)")
        }
        self.size = size
        self.imageScale = imageScale
        self.wavelet = wavelet
        self.removesCoarsestHaarApproximation = removesCoarsestHaarApproximation
        self.preprocessing = preprocessing
    }

    /// The side of the coefficient block: `size` for Haar; for db4 `size + 6` (or, with a
    /// fixed ``imageScale`` below `8 * size`, the side after its fewer levels).
    public var blockSide: Int {
        guard wavelet == .daubechies4 else { return size }
        let scale = imageScale ?? 8 * size
        var n = scale
        for _ in 0..<Self.log2(scale / size) { n = (n + 7) / 2 }
        return n
    }

    /// `blockSide * blockSide`.
    public var bitCount: Int { blockSide * blockSide }

    /// The image scale `S` this hasher uses for an image of `width x height` pixels.
    public func scale(forWidth width: Int, height: Int) -> Int {
        if let imageScale { return imageScale }
        var natural = 1
        while natural <= min(width, height) / 2 { natural *= 2 }
        let least = wavelet == .daubechies4 ? 8 * size : size
        return max(natural, least)
    }

    /// The wavelet hash of `image` (see the type's description).
    public func fingerprint(of image: PixelBuffer) -> Fingerprint {
        let scale = scale(forWidth: image.width, height: image.height)
        let pixels = preprocessing.reducedGray(image, width: scale, height: scale)
        var plane = Self.unitScale.withUnsafeBufferPointer { table in pixels.map { table[Int($0)] } }
        let levels = Self.log2(scale / size)
        let block: [Double]
        if removesCoarsestHaarApproximation, wavelet == .haar, levels >= 1 {
            block = WaveletTransform2D.haarApproximationAfterRemoval(plane, side: scale, levels: levels)
        } else {
            if removesCoarsestHaarApproximation {
                plane = WaveletTransform2D.removingCoarsestHaarApproximation(plane, side: scale)
            }
            block =
                WaveletTransform2D.approximation(of: plane, side: scale, bank: wavelet.bank, levels: levels)
                .coefficients
        }
        return DCTHash.bits(of: block, threshold: .median, dcTerm: .included)
    }

    /// `Double(p) / 255` for every byte `p` (the same correctly rounded quotients, looked up).
    private static let unitScale: [Double] = (0..<256).map { Double($0) / 255 }

    /// `log2(v)` of a power of two.
    private static func log2(_ v: Int) -> Int { v.trailingZeroBitCount }
}
