/// ImageHash's `phash_simple`: a DCT hash that transforms only the rows of the thumbnail.
///
/// Steps: gray and resize to `(size * highFrequencyFactor)`-pixel square (as ``DCTHash``);
/// the unnormalized 1-D DCT-II of every row (`scipy.fftpack.dct(p)`, last axis); the block of
/// rows `0 ..< size` and coefficients `1 ... size` (the DC column skipped); threshold = the
/// mean of the block (its sum in NumPy's pairwise order divided by `size * size`); bit `i`,
/// row-major, is `coefficient[i] > mean`.
///
/// The defaults reproduce ImageHash 4.3.2's `phash_simple(image, hash_size=size,
/// highfreq_factor=highFrequencyFactor)` bit for bit on every image: the transform is
/// ``DCTAlgorithm/scipyFFTPack`` (SciPy's own rounding, including its noise at coefficients
/// that vanish by symmetry) and the mean is summed in NumPy's order (pairwise, see
/// `NumPySum`). It is weaker than ``DCTHash`` (no vertical frequencies); it exists to query
/// databases built with it.
///
/// ```swift
/// let f = RowDCTHash().fingerprint(of: image)     // 64 bits
/// ```
public struct RowDCTHash: ImageHasher, Hashable {
    /// Rows kept and coefficients kept per row, at least 2.
    public let size: Int
    /// The thumbnail side is `size * highFrequencyFactor`; at least 2 so that coefficients
    /// `1 ... size` exist.
    public let highFrequencyFactor: Int
    /// The gray conversion and resize in front of the transform.
    public var preprocessing: HashPreprocessing
    /// The DCT algorithm: ``DCTAlgorithm/scipyFFTPack`` (ImageHash's bits) unless the
    /// initializer was given another, or the thumbnail side is a length SciPy transforms with
    /// Bluestein's algorithm (``DCTAlgorithm/supports(count:)``), where the butterfly is used.
    public let transform: DCTAlgorithm
    /// The 1-D plan for one row.
    private let plan: DCT

    /// A row-DCT hash of `size * size` bits; the defaults reproduce ImageHash's
    /// `phash_simple(image, hash_size=8, highfreq_factor=4)`.
    ///
    /// - Precondition: `size >= 2`, `highFrequencyFactor >= 2`.
    public init(
        size: Int = 8, highFrequencyFactor: Int = 4, preprocessing: HashPreprocessing = .imageHash,
        transform: DCTAlgorithm = .scipyFFTPack
    ) {
        precondition(size >= 2, "hash size must be at least 2, not \(size)")
        precondition(highFrequencyFactor >= 2, "highFrequencyFactor must be at least 2, not \(highFrequencyFactor)")
        self.size = size
        self.highFrequencyFactor = highFrequencyFactor
        self.preprocessing = preprocessing
        let side = size * highFrequencyFactor
        self.transform = transform.supports(count: side) ? transform : .butterfly
        self.plan = DCT(count: side, algorithm: self.transform)
    }

    /// `size * size`.
    public var bitCount: Int { size * size }

    /// Two hashers are equal when their settings are.
    public static func == (a: RowDCTHash, b: RowDCTHash) -> Bool {
        a.size == b.size && a.highFrequencyFactor == b.highFrequencyFactor && a.preprocessing == b.preprocessing
            && a.transform == b.transform
    }

    /// Hashes the settings.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(size)
        hasher.combine(highFrequencyFactor)
        hasher.combine(preprocessing)
        hasher.combine(transform)
    }

    /// The row-DCT hash of `image` (see the type's description).
    public func fingerprint(of image: PixelBuffer) -> Fingerprint {
        let side = size * highFrequencyFactor
        let pixels = preprocessing.reducedGray(image, width: side, height: side)
        var block: [Double] = []
        block.reserveCapacity(size * size)
        for r in 0..<size {
            let row = plan.forward(pixels[r * side..<(r + 1) * side].map(Double.init))
            block.append(contentsOf: row[1...size])
        }
        let mean = block.withUnsafeBufferPointer { NumPySum.meanOfSlice($0.baseAddress!, rows: size, columns: size) }
        var fingerprint = Fingerprint(bitCount: bitCount)
        for (i, v) in block.enumerated() where v > mean { fingerprint[bit: i] = true }
        return fingerprint
    }
}
