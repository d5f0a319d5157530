/// Meta's PDQ hash: 256 bits from the signs of a 16x16 block of DCT coefficients of a 64x64
/// luma downscale, relative to their median; plus a quality score from the same pass.
///
/// Bit for bit the output of `pdqhash.compute` (the `pdqhash` 0.2.8 Python bindings of Meta's
/// C++ reference in facebook/ThreatExchange, `pdq/cpp`), including its quality score. Steps
/// (Meta, "The TMK+PDQF Video-Hashing Algorithm and the PDQ Image-Hashing Algorithm", 2019,
/// <https://github.com/facebook/ThreatExchange/blob/main/hashing/hashing.pdf>):
/// 1. luma `Float((0.299 r + 0.587 g) + 0.114 b)` computed in `Double` (as `pdqhash` computes
///    it with NumPy), gray pixels as `r = g = b`, alpha ignored;
/// 2. an image narrower or shorter than ``minimumDimension`` (5) pixels gives the all-zero
///    fingerprint and quality 0; a 64x64 image is used as it is; any other size goes through
///    two passes of box filters (rows, then columns; window `ceil(side / 128)`) and is
///    decimated to 64x64 at the pixel centres (see the Resampling stage's `PDQDownscale`);
/// 3. quality: for every vertically and horizontally adjacent pair `(u, v)` of the 64x64
///    plane, `d = Int(((u - v) * 100) / 255)` in `Float`, truncated; quality is
///    `min(100, Σ|d| / 90)` (integer division);
/// 4. the 16x16 DCT block of frequencies 1 to 16 on each axis, in `Float` with the reference's
///    summation order (the Transform stage's `PDQTransform`);
/// 5. the median `m`: the 128th smallest of the 256 coefficients, found by Torben Mogensen's
///    bisection as the reference does; coefficient `k = 16 * row + column` is "set" when it is
///    greater than `m`. With ties at the median fewer than 128 bits are set.
///
/// Bit order: coefficient `k` is fingerprint bit `255 - k`. Then ``Fingerprint/description``
/// is the 64-digit hex form of hash lists and of the reference's `Hash256::format()`, and bit
/// `i` is element `i` of the array `pdqhash.compute` returns.
///
/// Match threshold: the reference recommends treating a distance of at most 31
/// (``matchDistance``) as a match, and discarding hashes whose quality is 49 or less.
/// ``recommendedThreshold(falsePositiveRate:)`` gives thresholds measured on photographs
/// like the other hashers' (90 at 1e-4 per pair), looser and with more recall.
///
/// ```swift
/// let pdq = PDQHash()
/// let (fingerprint, quality) = pdq.hashWithQuality(of: image)
/// print(fingerprint)   // 64 hex digits
/// if quality >= 50, fingerprint.distance(to: other) <= PDQHash.matchDistance { print("match") }
/// ```
///
/// Cost: one pass over the pixels; the downscale is streamed in strips of eight rows, so
/// besides the image it keeps about `width * (height / 128 + 50) + height * 128` `Float`
/// values.
public struct PDQHash: ImageHasher, Hashable {
    /// The eight symmetries of the square, in the order `pdqhash.compute_dihedral` returns them.
    public enum Dihedral: Int, Sendable, Hashable, CaseIterable {
        /// The image as it is.
        case original
        /// Rotated 90 degrees counter-clockwise.
        case rotate90
        /// Rotated 180 degrees.
        case rotate180
        /// Rotated 270 degrees counter-clockwise (90 clockwise).
        case rotate270
        /// Mirrored top to bottom (rows reversed).
        case flipX
        /// Mirrored left to right (columns reversed).
        case flipY
        /// Transposed about the main diagonal.
        case flipPlus1
        /// Transposed about the anti-diagonal.
        case flipMinus1
    }

    /// The smallest width and height that is hashed; smaller images give the all-zero
    /// fingerprint and quality 0.
    public static let minimumDimension = 5

    /// The largest distance the reference treats as a match: 31 of 256 bits.
    public static let matchDistance = 31

    /// A PDQ hasher. PDQ has no settings.
    public init() {}

    /// Always 256.
    public var bitCount: Int { 256 }

    /// The PDQ fingerprint of `image` (see the type's description).
    public func fingerprint(of image: PixelBuffer) -> Fingerprint {
        hashWithQuality(of: image).fingerprint
    }

    /// The PDQ fingerprint of `image` and its quality, `0 ... 100`, from one pass: what
    /// `pdqhash.compute` returns. Images smaller than ``minimumDimension`` on a side give the
    /// all-zero fingerprint and quality 0.
    public func hashWithQuality(of image: PixelBuffer) -> (fingerprint: Fingerprint, quality: Int) {
        guard let (plane, quality) = Self.downscaled(image, shortcut64: true) else {
            return (Fingerprint(bitCount: 256), 0)
        }
        return (Self.bits(of: PDQTransform.forward(plane)), quality)
    }

    /// The fingerprints of the eight dihedral transforms of `image` (indexed by
    /// ``Dihedral/rawValue``, in ``Dihedral/allCases`` order) from one DCT, and the quality:
    /// what `pdqhash.compute_dihedral` returns. The fingerprint for ``Dihedral/rotate90`` is (up
    /// to the rounding of the downscale) the fingerprint of the image rotated 90 degrees.
    ///
    /// As in the reference, this path has no 64x64 shortcut: a 64x64 image is box-filtered
    /// with window 1, whose running sums round, so its ``Dihedral/original`` fingerprint can
    /// differ in a few bits from ``hashWithQuality(of:)``'s. For every other size the two agree.
    public func dihedralHashes(of image: PixelBuffer) -> (fingerprints: [Fingerprint], quality: Int) {
        guard let (plane, quality) = Self.downscaled(image, shortcut64: false) else {
            return ([Fingerprint](repeating: Fingerprint(bitCount: 256), count: 8), 0)
        }
        let block = PDQTransform.forward(plane)
        let hashes = Dihedral.allCases.map { Self.bits(of: Self.transform(block, $0)) }
        return (hashes, quality)
    }

    // MARK: - Steps

    /// The 64x64 plane and its quality, or `nil` below the minimum size.
    private static func downscaled(_ image: PixelBuffer, shortcut64: Bool) -> ([Float], Int)? {
        guard image.width >= minimumDimension, image.height >= minimumDimension else { return nil }
        let plane = PDQDownscale.reduce(image, shortcut64: shortcut64)
        return (plane, quality(of: plane))
    }

    /// The reference's quality score of a 64x64 plane (step 3 of the type's description),
    /// eight pairs at a time in SIMD lanes (each lane performs the scalar
    /// ``gradient(_:_:)``'s operations; the integer total does not depend on the order).
    static func quality(of plane: [Float]) -> Int {
        precondition(plane.count == 64 * 64)
        var total = SIMD8<Int32>()
        plane.withUnsafeBufferPointer { p in
            let base = UnsafeRawPointer(p.baseAddress!)
            @inline(__always) func load(_ k: Int) -> SIMD8<Float> {
                base.loadUnaligned(fromByteOffset: k &* 4, as: SIMD8<Float>.self)
            }
            for i in 0..<63 {
                for j in stride(from: 0, to: 64, by: 8) {
                    total &+= gradients(load(i &* 64 &+ j), load((i &+ 1) &* 64 &+ j))
                }
            }
            // Horizontal pairs (j, j + 1), j < 63: the last group's lane 7 would pair
            // column 63 with the next row and is masked out.
            let lastGroup = SIMD8<Int32>(-1, -1, -1, -1, -1, -1, -1, 0)
            for i in 0..<64 {
                for j in stride(from: 0, to: 56, by: 8) {
                    total &+= gradients(load(i &* 64 &+ j), load(i &* 64 &+ j &+ 1))
                }
                let u = load(i &* 64 &+ 56)
                var v = SIMD8<Float>()
                for l in 0..<7 { v[l] = p[i &* 64 &+ 57 &+ l] }
                v[7] = u[7]
                total &+= gradients(u, v) & lastGroup
            }
        }
        return min(100, Int(total.wrappedSum()) / 90)
    }

    /// ``gradient(_:_:)`` of eight pairs.
    @inline(__always)
    private static func gradients(_ u: SIMD8<Float>, _ v: SIMD8<Float>) -> SIMD8<Int32> {
        let difference = u - v
        let scaled = difference * 100
        let quotient = scaled / 255
        var truncated = SIMD8<Int32>()
        for l in 0..<8 { truncated[l] = Int32(quotient[l]) }  // |quotient| <= 100
        let sign = truncated &>> 31
        return (truncated ^ sign) &- sign
    }

    /// `|Int(((u - v) * 100) / 255)|`, each operation rounded to `Float`.
    @inline(__always)
    static func gradient(_ u: Float, _ v: Float) -> Int {
        let difference = u - v
        let scaled = difference * 100
        return abs(Int(scaled / 255))
    }

    /// The 16x16 block seen after a dihedral transform: rotations and flips of the image
    /// only transpose the block and negate the coefficients of odd (0-based: even) frequencies.
    static func transform(_ a: [Float], _ symmetry: Dihedral) -> [Float] {
        // Output (r, c) reads a[r][c] or a[c][r]; its sign depends on the parity of r and c.
        // Row/column index i stands for frequency i + 1, so index parity is the opposite of
        // frequency parity.
        var b = [Float](repeating: 0, count: 256)
        for r in 0..<16 {
            for c in 0..<16 {
                let straight = a[r * 16 + c], crossed = a[c * 16 + r]
                let value: Float
                switch symmetry {
                case .original: value = straight
                case .rotate90: value = r & 1 == 1 ? crossed : -crossed
                case .rotate180: value = (r + c) & 1 == 1 ? -straight : straight
                case .rotate270: value = c & 1 == 1 ? crossed : -crossed
                case .flipX: value = r & 1 == 1 ? straight : -straight
                case .flipY: value = c & 1 == 1 ? straight : -straight
                case .flipPlus1: value = crossed
                case .flipMinus1: value = (r + c) & 1 == 1 ? -crossed : crossed
                }
                b[r * 16 + c] = value
            }
        }
        return b
    }

    /// Bit `255 - k` set where coefficient `k` exceeds the median (step 5).
    static func bits(of block: [Float]) -> Fingerprint {
        let median = torbenMedian(block)
        var words = SIMD4<UInt64>(repeating: 0)
        for k in 0..<256 where block[k] > median {
            let bit = 255 - k
            words[bit >> 6] |= 1 << UInt64(63 - bit & 63)
        }
        var fingerprint = Fingerprint(bitCount: 256)
        for w in 0..<4 { fingerprint.setWord(w, to: words[w]) }
        return fingerprint
    }

    /// Torben Mogensen's median by bisection on values: narrows `[low, high]` until at most
    /// `(n + 1) / 2` values lie strictly on each side of the midpoint, then returns the largest
    /// value below it, the midpoint itself, or the smallest value above it, whichever is the
    /// `(n + 1) / 2`-th smallest. For n = 256: the 128th smallest value.
    ///
    /// - Precondition: `values` is not empty and holds no NaN.
    static func torbenMedian(_ values: [Float]) -> Float {
        precondition(!values.isEmpty)
        var low = values[0], high = values[0]
        for v in values.dropFirst() {
            if v < low { low = v }
            if v > high { high = v }
        }
        let half = (values.count + 1) / 2
        while true {
            let guess = (low + high) / 2
            var less = 0, greater = 0, equal = 0
            var belowMax = low, aboveMin = high
            for v in values {
                if v < guess {
                    less += 1
                    if v > belowMax { belowMax = v }
                } else if v > guess {
                    greater += 1
                    if v < aboveMin { aboveMin = v }
                } else {
                    equal += 1
                }
            }
            if less <= half && greater <= half {
                if less >= half { return belowMax }
                if less + equal >= half { return guess }
                return aboveMin
            }
            if less > greater { high = belowMax } else { low = aboveMin }
        }
    }
}
