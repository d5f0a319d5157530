/// The average hash (aHash): one bit per pixel of a tiny gray thumbnail, set when the pixel
/// is brighter than the thumbnail's mean.
///
/// Steps (Krawetz, "Looks Like It", 2011, <https://www.hackerfactor.com/blog/index.php?/archives/432-Looks-Like-It.html>):
/// 1. gray by ``HashPreprocessing/conversion``, resize to `width x height` by
///    ``HashPreprocessing/filter``;
/// 2. optionally quantize each pixel `p` to `grayLevels` levels: `q = p * grayLevels / 256`;
/// 3. threshold `t`: the mean of the `n = width * height` values, or their median (for an even
///    count, the mean of the two middle values);
/// 4. bit `i` (row-major) is `q[i] > t` (``Comparison/greater``) or `q[i] >= t`.
///
/// All of it is exact integer arithmetic: `q > mean` is evaluated as `q * n > sum`, and
/// `q > median` as `2q > a + b`. The defaults, `AverageHash()` = `AverageHash(size: 8)`,
/// reproduce ImageHash 4.3.2's `average_hash(image, hash_size)` bit for bit; ``classic`` is the
/// variant as usually described (64 gray levels, `>=`).
///
/// A flat image gives all zeros with `.greater` (no pixel exceeds the mean) and all ones with
/// `.greaterOrEqual`.
///
/// ```swift
/// let f = AverageHash().fingerprint(of: image)     // 64 bits
/// print(f)                                          // e.g. "0000ffcfcffefefe"
/// ```
public struct AverageHash: ImageHasher, Hashable {
    /// The statistic the pixels are compared with.
    public enum Threshold: Sendable, Hashable, CaseIterable {
        /// The arithmetic mean of the thumbnail (ImageHash).
        case mean
        /// The median of the thumbnail; for an even count the mean of the two middle values.
        case median
    }

    /// How a pixel is compared with the threshold.
    public enum Comparison: Sendable, Hashable, CaseIterable {
        /// Bit set when the pixel is strictly above the threshold (ImageHash).
        case greater
        /// Bit set when the pixel is at or above the threshold (the classic description).
        case greaterOrEqual
    }

    /// The thumbnail width in pixels, at least 2 (bits per row).
    public let width: Int
    /// The thumbnail height in pixels, at least 2 (rows of bits).
    public let height: Int
    /// The gray conversion and resize in front of the hash.
    public var preprocessing: HashPreprocessing
    /// The number of gray levels the thumbnail is quantized to, 2 ... 256 (256: no quantizing).
    public var grayLevels: Int {
        didSet { precondition((2...256).contains(grayLevels), "grayLevels must be 2...256, not \(grayLevels)") }
    }
    /// Mean (ImageHash) or median.
    public var threshold: Threshold
    /// `>` (ImageHash) or `>=`.
    public var comparison: Comparison

    /// An average hash of a `size x size` thumbnail (`size * size` bits); the defaults
    /// reproduce ImageHash 4.3.2's `average_hash(image, hash_size=size)`.
    ///
    /// - Precondition: `size >= 2` (ImageHash refuses smaller sizes), `2 <= grayLevels <= 256`.
    public init(
        size: Int = 8,
        preprocessing: HashPreprocessing = .imageHash,
        grayLevels: Int = 256,
        threshold: Threshold = .mean,
        comparison: Comparison = .greater
    ) {
        self.init(
            width: size, height: size, preprocessing: preprocessing, grayLevels: grayLevels,
            threshold: threshold, comparison: comparison)
    }

    /// An average hash of a `width x height` thumbnail (`width * height` bits, row-major).
    ///
    /// - Precondition: `width >= 2`, `height >= 2`, `2 <= grayLevels <= 256`.
    public init(
        width: Int, height: Int,
        preprocessing: HashPreprocessing = .imageHash,
        grayLevels: Int = 256,
        threshold: Threshold = .mean,
        comparison: Comparison = .greater
    ) {
        precondition(width >= 2 && height >= 2, "hash size must be at least 2x2, not \(width)x\(height)")
        precondition((2...256).contains(grayLevels), "grayLevels must be 2...256, not \(grayLevels)")
        self.width = width
        self.height = height
        self.preprocessing = preprocessing
        self.grayLevels = grayLevels
        self.threshold = threshold
        self.comparison = comparison
    }

    /// The aHash as usually described: 8x8, 64 gray levels, bit = pixel >= mean (with the
    /// library's default rec601 gray and LANCZOS resize).
    public static let classic = AverageHash(size: 8, grayLevels: 64, comparison: .greaterOrEqual)

    /// `width * height`.
    public var bitCount: Int { width * height }

    /// The average hash of `image` (see the type's description for the exact steps).
    public func fingerprint(of image: PixelBuffer) -> Fingerprint {
        var pixels = preprocessing.reducedGray(image, width: width, height: height)
        if grayLevels != 256 {
            for i in pixels.indices { pixels[i] = UInt8(truncatingIfNeeded: (Int(pixels[i]) &* grayLevels) >> 8) }
        }
        return Self.thresholdBits(
            pixels, threshold: threshold, orEqual: comparison == .greaterOrEqual)
    }

    /// Bits `p > t` (or `p >= t`) with `t` the exact mean or median of `pixels`, in integer
    /// arithmetic: scaled by `n` for the mean and by 2 for the median.
    @usableFromInline
    internal static func thresholdBits(_ pixels: [UInt8], threshold: Threshold, orEqual: Bool) -> Fingerprint {
        let n = pixels.count
        var fingerprint = Fingerprint(bitCount: n)
        // Compare scale * p against limit, where t = limit / scale exactly.
        let scale: Int
        let limit: Int
        switch threshold {
        case .mean:
            scale = n
            limit = pixels.reduce(0) { $0 &+ Int($1) }
        case .median:
            var counts = [Int](repeating: 0, count: 256)
            for p in pixels { counts[Int(p)] &+= 1 }
            // The values at sorted positions (n - 1) / 2 and n / 2.
            func value(atRank rank: Int) -> Int {
                var seen = 0
                for v in 0..<256 {
                    seen &+= counts[v]
                    if seen > rank { return v }
                }
                return 255
            }
            scale = 2
            limit = value(atRank: (n - 1) / 2) + value(atRank: n / 2)
        }
        for i in 0..<n {
            let p = Int(pixels[i]) &* scale
            if orEqual ? p >= limit : p > limit { fingerprint[bit: i] = true }
        }
        return fingerprint
    }
}
