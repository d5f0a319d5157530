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
/// shorter side, and at least `N` (and at least ``minimumAutomaticScale`` when set): ImageHash's
/// rule. For ``Wavelet/daubechies4`` the block is `(N + 6) x (N + 6)` once `S >= 8 N`; an image
/// whose shorter side is under `8 N` (64 pixels for `N = 8`) is transformed at its smaller
/// scale with fewer levels and gets a shorter fingerprint, exactly as ImageHash's: for `N = 8`,
/// 13 x 13 bits at `S = 32`, 11 x 11 at `S = 16`, 8 x 8 at `S = 8` (no db4 level at all).
/// ``bitCount(forWidth:height:)`` gives the length for an image; ``bitCount`` is the length
/// for images of at least `8 N` pixels on the shorter side. Such short fingerprints cannot be
/// compared with the others (``Fingerprint/checkedDistance(to:)`` says so); a collection that
/// needs one length sets ``minimumAutomaticScale`` to `8 N`, which transforms small images at
/// `S = 8 N` (not ImageHash's bits for them, but always `(N + 6)^2` of them).
///
/// The defaults, `WaveletHash()`, reproduce ImageHash 4.3.2's `whash(image)` (`hash_size=8`,
/// `mode='haar'`, `remove_max_haar_ll=True`) bit for bit with PyWavelets 1.9;
/// `WaveletHash(wavelet: .daubechies4)` reproduces `whash(image, mode='db4')` on every image,
/// small ones included.
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
    /// The least automatic scale `S`; `nil` (the default) is ImageHash's rule, at least
    /// ``size``. Ignored when ``imageScale`` is set. `8 * size` keeps every db4 fingerprint at
    /// ``bitCount`` bits (see the type's description).
    public let minimumAutomaticScale: Int?
    /// Whether step 2 runs (ImageHash's `remove_max_haar_ll`, default `true`).
    public var removesCoarsestHaarApproximation: Bool
    /// The gray conversion and resize in front of the transform.
    public var preprocessing: HashPreprocessing

    /// A wavelet hash; the defaults reproduce ImageHash 4.3.2's `whash(image,
    /// hash_size=size)`.
    ///
    /// - Precondition: `size` is a power of two, at least 2; `imageScale` and
    ///   `minimumAutomaticScale`, when given, are powers of two from `size` to `2^20`.
    public init(
        size: Int = 8,
        imageScale: Int? = nil,
        minimumAutomaticScale: Int? = nil,
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
        if let minimumAutomaticScale {
            precondition(
                minimumAutomaticScale >= size && minimumAutomaticScale & (minimumAutomaticScale - 1) == 0
                    && minimumAutomaticScale <= 1 << 20,
                "minimumAutomaticScale must be a power of two from \(size) to 2^20, not \(minimumAutomaticScale)")
        }
        self.size = size
        self.imageScale = imageScale
        self.minimumAutomaticScale = minimumAutomaticScale
        self.wavelet = wavelet
        self.removesCoarsestHaarApproximation = removesCoarsestHaarApproximation
        self.preprocessing = preprocessing
    }

    /// The side of the coefficient block: `size` for Haar; for db4 `size + 6` (or, with a
    /// fixed ``imageScale`` below `8 * size`, the side after its fewer levels). With the
    /// automatic scale, the side for images of at least `8 * size` pixels on the shorter side.
    public var blockSide: Int { blockSide(scale: imageScale ?? max(8 * size, minimumAutomaticScale ?? size)) }

    /// `blockSide * blockSide`: the length of every fingerprint, except that with the db4
    /// wavelet and the automatic scale (no ``minimumAutomaticScale`` of at least `8 * size`)
    /// images under `8 * size` pixels on the shorter side get fewer bits
    /// (``bitCount(forWidth:height:)``).
    public var bitCount: Int { blockSide * blockSide }

    /// The length of the fingerprint of a `width x height` image: ``bitCount`` but for the
    /// shorter db4 fingerprints of small images (see the type's description).
    public func bitCount(forWidth width: Int, height: Int) -> Int {
        let side = blockSide(scale: scale(forWidth: width, height: height))
        return side * side
    }

    /// The block side at image scale `scale`.
    private func blockSide(scale: Int) -> Int {
        guard wavelet == .daubechies4 else { return size }
        var n = scale
        for _ in 0..<Self.log2(scale / size) { n = (n + 7) / 2 }
        return n
    }

    /// The image scale `S` this hasher uses for an image of `width x height` pixels.
    public func scale(forWidth width: Int, height: Int) -> Int {
        if let imageScale { return imageScale }
        var natural = 1
        while natural <= min(width, height) / 2 { natural *= 2 }
        return max(natural, minimumAutomaticScale ?? size)
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
