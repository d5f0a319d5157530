/// The DCT hash ("pHash"): the signs of the lowest frequencies of a gray thumbnail, relative
/// to their median.
///
/// Steps (Zauner, "Implementation and Benchmarking of Perceptual Image Hash Functions", 2010,
/// <https://www.phash.org/docs/pubs/thesis_zauner.pdf>; Krawetz, "Looks Like It", 2011):
/// 1. gray by ``HashPreprocessing/conversion``, resize to
///    `(width * highFrequencyFactor) x (height * highFrequencyFactor)` by
///    ``HashPreprocessing/filter``;
/// 2. the unnormalized 2-D DCT-II of that plane in `Double` by ``transform`` (``DCT2D``: along columns, then
///    along rows, exactly as `scipy.fftpack.dct(scipy.fftpack.dct(p, axis=0), axis=1)`), of
///    which only the top-left `height x width` block is computed (row index = vertical
///    frequency, DC at `(0, 0)`);
/// 3. threshold `t`: the median of the block (for an even count, `(a + b) / 2` of the two
///    middle values, as `numpy.median`) or its mean (the sum in row-major order divided by
///    the count);
/// 4. bit `i` (row-major over the block) is `coefficient[i] > t`.
///
/// ``dcTerm`` controls the DC coefficient: included in the threshold and the bits (ImageHash),
/// left out of the threshold only (Krawetz's description), or left out of both (the
/// fingerprint then has `width * height - 1` bits).
///
/// The defaults, `DCTHash()`, reproduce ImageHash 4.3.2's `phash(image, hash_size=8,
/// highfreq_factor=4)` bit for bit on every image, including flat, mirror-symmetric and
/// upscaled tiny images: the transform is ``DCTAlgorithm/scipyFFTPack``, SciPy's exact
/// operations, so coefficients that vanish mathematically carry SciPy's own rounding noise and
/// its sign decides the same bits when the median is zero. A flat image gives
/// `8000000000000000` (only the DC coefficient is above the median of zero). With
/// `transform: .butterfly`, such coefficients are exact zeros instead (see ``DCTAlgorithm``).
///
/// ```swift
/// let hasher = DCTHash()                      // 64 bits, ImageHash's phash
/// let f = hasher.fingerprint(of: image)
/// ```
public struct DCTHash: ImageHasher, Hashable {
    /// The statistic the coefficients are compared with.
    public enum Threshold: Sendable, Hashable, CaseIterable {
        /// The median of the block (ImageHash).
        case median
        /// The arithmetic mean of the block (the classic description).
        case mean
    }

    /// What happens to the DC coefficient (the block's `(0, 0)` entry, the image's mean).
    public enum DCTerm: Sendable, Hashable, CaseIterable {
        /// Part of the threshold and of the bits (ImageHash).
        case included
        /// Left out of the threshold; still gives bit 0 (Krawetz: "compute the average value
        /// of the DCT excluding the first term", then set all 64 bits).
        case excludedFromThreshold
        /// Left out of the threshold and of the bits: `width * height - 1` bits, row-major
        /// over the block without `(0, 0)`.
        case dropped
    }

    /// Horizontal frequencies kept (bits per row of the block), at least 2.
    public let width: Int
    /// Vertical frequencies kept (rows of the block), at least 2.
    public let height: Int
    /// The thumbnail is `highFrequencyFactor` times the block on each side; at least 1.
    public let highFrequencyFactor: Int
    /// Median (ImageHash) or mean.
    public var threshold: Threshold
    /// How the DC coefficient is treated.
    public var dcTerm: DCTerm
    /// The gray conversion and resize in front of the transform.
    public var preprocessing: HashPreprocessing
    /// The DCT algorithm: ``DCTAlgorithm/scipyFFTPack`` (ImageHash's bits) unless the
    /// initializer was given another, or a thumbnail side is a length SciPy transforms with
    /// Bluestein's algorithm (``DCTAlgorithm/supports(count:)``), where the butterfly is used.
    public let transform: DCTAlgorithm
    /// The transform plan, made once per hasher.
    private let plan: DCT2D

    /// A DCT hash of a `size x size` block of a `(size * highFrequencyFactor)`-pixel square
    /// thumbnail; the defaults reproduce ImageHash 4.3.2's
    /// `phash(image, hash_size=size, highfreq_factor=highFrequencyFactor)`.
    ///
    /// - Precondition: `size >= 2`, `highFrequencyFactor >= 1`.
    public init(
        size: Int = 8,
        highFrequencyFactor: Int = 4,
        threshold: Threshold = .median,
        dcTerm: DCTerm = .included,
        preprocessing: HashPreprocessing = .imageHash,
        transform: DCTAlgorithm = .scipyFFTPack
    ) {
        self.init(
            width: size, height: size, highFrequencyFactor: highFrequencyFactor,
            threshold: threshold, dcTerm: dcTerm, preprocessing: preprocessing, transform: transform)
    }

    /// A DCT hash of a `height x width` block of a
    /// `(width * highFrequencyFactor) x (height * highFrequencyFactor)` thumbnail.
    ///
    /// - Precondition: `width >= 2`, `height >= 2`, `highFrequencyFactor >= 1`.
    public init(
        width: Int, height: Int,
        highFrequencyFactor: Int = 4,
        threshold: Threshold = .median,
        dcTerm: DCTerm = .included,
        preprocessing: HashPreprocessing = .imageHash,
        transform: DCTAlgorithm = .scipyFFTPack
    ) {
        precondition(width >= 2 && height >= 2, "hash size must be at least 2x2, not \(width)x\(height)")
        precondition(highFrequencyFactor >= 1, "highFrequencyFactor must be at least 1, not \(highFrequencyFactor)")
        self.width = width
        self.height = height
        self.highFrequencyFactor = highFrequencyFactor
        self.threshold = threshold
        self.dcTerm = dcTerm
        self.preprocessing = preprocessing
        let rows = height * highFrequencyFactor, columns = width * highFrequencyFactor
        self.transform =
            transform.supports(count: rows) && transform.supports(count: columns) ? transform : .butterfly
        self.plan = DCT2D(rows: rows, columns: columns, algorithm: self.transform)
    }

    /// The pHash as usually described: 32x32 thumbnail, top-left 8x8 DCT block, bit =
    /// coefficient > mean of the block without the DC term (all 64 bits kept).
    public static let classic = DCTHash(size: 8, threshold: .mean, dcTerm: .excludedFromThreshold)

    /// `width * height`, or one less when the DC term is ``DCTerm/dropped``.
    public var bitCount: Int { dcTerm == .dropped ? width * height - 1 : width * height }

    /// Two hashers are equal when their settings are; the plan follows from them.
    public static func == (a: DCTHash, b: DCTHash) -> Bool {
        a.width == b.width && a.height == b.height && a.highFrequencyFactor == b.highFrequencyFactor
            && a.threshold == b.threshold && a.dcTerm == b.dcTerm && a.preprocessing == b.preprocessing
            && a.transform == b.transform
    }

    /// Hashes the settings (see ``==(_:_:)``).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(width)
        hasher.combine(height)
        hasher.combine(highFrequencyFactor)
        hasher.combine(threshold)
        hasher.combine(dcTerm)
        hasher.combine(preprocessing)
        hasher.combine(transform)
    }

    /// The DCT hash of `image` (see the type's description).
    public func fingerprint(of image: PixelBuffer) -> Fingerprint {
        Self.bits(of: coefficientBlock(of: image), threshold: threshold, dcTerm: dcTerm)
    }

    /// Steps 1 and 2 of the type's description: the row-major `height x width` top-left block
    /// of the thumbnail's DCT, DC first.
    internal func coefficientBlock(of image: PixelBuffer) -> [Double] {
        let side = (width * highFrequencyFactor, height * highFrequencyFactor)
        let pixels = preprocessing.reducedGray(image, width: side.0, height: side.1)
        let plane = pixels.map(Double.init)
        return plan.forwardTopLeft(plane, rows: height, columns: width)
    }

    /// Thresholds a row-major coefficient block (see the type's description, steps 3 and 4).
    @usableFromInline
    internal static func bits(of block: [Double], threshold: Threshold, dcTerm: DCTerm) -> Fingerprint {
        let values = dcTerm == .included ? block[...] : block[1...]
        let t: Double
        switch threshold {
        case .median:
            let sorted = values.sorted()
            let n = sorted.count
            t = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
        case .mean:
            var sum = 0.0
            for v in values { sum += v }
            t = sum / Double(values.count)
        }
        let kept = dcTerm == .dropped ? block[1...] : block[...]
        var fingerprint = Fingerprint(bitCount: kept.count)
        for (i, v) in kept.enumerated() where v > t { fingerprint[bit: i] = true }
        return fingerprint
    }
}
