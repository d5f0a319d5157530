/// The difference hash (dHash): one bit per pair of neighbouring pixels of a tiny gray
/// thumbnail, set when the brightness rises from one to the next.
///
/// Steps (Krawetz, "Kind of Like That", 2013, <https://www.hackerfactor.com/blog/index.php?/archives/529-Kind-of-Like-That.html>):
/// - ``Direction/horizontal``: resize to `(width + 1) x height`; bit `(r, c)`, row-major, is
///   `p[r][c + 1] > p[r][c]` (the right neighbour is brighter);
/// - ``Direction/vertical``: resize to `width x (height + 1)`; bit `(r, c)` is
///   `p[r + 1][c] > p[r][c]` (the lower neighbour is brighter).
///
/// With ``Polarity/previousBrighter`` the comparison is reversed (`p[r][c] > p[r][c + 1]`,
/// "left brighter -> 1", as the classic article describes it). Equal neighbours give 0 either
/// way, so a flat image hashes to all zeros.
///
/// The defaults, `DifferenceHash()`, reproduce ImageHash 4.3.2's `dhash(image, hash_size=8)`;
/// `DifferenceHash(direction: .vertical)` reproduces `dhash_vertical`.
///
/// ```swift
/// let f = DifferenceHash(size: 16).fingerprint(of: image)   // 256 bits
/// ```
public struct DifferenceHash: ImageHasher, Hashable {
    /// Which neighbours are compared.
    public enum Direction: Sendable, Hashable, CaseIterable {
        /// Each pixel with the one to its right (ImageHash `dhash`).
        case horizontal
        /// Each pixel with the one below it (ImageHash `dhash_vertical`).
        case vertical
    }

    /// Which way round a difference sets a bit.
    public enum Polarity: Sendable, Hashable, CaseIterable {
        /// Bit set when the next pixel (right or lower) is brighter (ImageHash).
        case nextBrighter
        /// Bit set when the current pixel is brighter than the next (the classic description).
        case previousBrighter
    }

    /// Bits per row, at least 2.
    public let width: Int
    /// Rows of bits, at least 2.
    public let height: Int
    /// Horizontal (ImageHash `dhash`) or vertical (`dhash_vertical`).
    public var direction: Direction
    /// Next brighter -> 1 (ImageHash) or previous brighter -> 1.
    public var polarity: Polarity
    /// The gray conversion and resize in front of the hash.
    public var preprocessing: HashPreprocessing

    /// A difference hash of `size * size` bits; the defaults reproduce ImageHash 4.3.2's
    /// `dhash(image, hash_size=size)`.
    ///
    /// - Precondition: `size >= 2`.
    public init(
        size: Int = 8,
        direction: Direction = .horizontal,
        polarity: Polarity = .nextBrighter,
        preprocessing: HashPreprocessing = .imageHash
    ) {
        self.init(width: size, height: size, direction: direction, polarity: polarity, preprocessing: preprocessing)
    }

    /// A difference hash of `width * height` bits (row-major).
    ///
    /// - Precondition: `width >= 2`, `height >= 2`.
    public init(
        width: Int, height: Int,
        direction: Direction = .horizontal,
        polarity: Polarity = .nextBrighter,
        preprocessing: HashPreprocessing = .imageHash
    ) {
        precondition(width >= 2 && height >= 2, "hash size must be at least 2x2, not \(width)x\(height)")
        self.width = width
        self.height = height
        self.direction = direction
        self.polarity = polarity
        self.preprocessing = preprocessing
    }

    /// The dHash as usually described: 9x8 thumbnail, bit = left pixel brighter than right.
    public static let classic = DifferenceHash(size: 8, polarity: .previousBrighter)

    /// `width * height`.
    public var bitCount: Int { width * height }

    /// The difference hash of `image` (see the type's description).
    public func fingerprint(of image: PixelBuffer) -> Fingerprint {
        let horizontal = direction == .horizontal
        let gridWidth = horizontal ? width + 1 : width
        let p = preprocessing.reducedGray(image, width: gridWidth, height: horizontal ? height : height + 1)
        var fingerprint = Fingerprint(bitCount: bitCount)
        let step = horizontal ? 1 : gridWidth
        let nextBrighter = polarity == .nextBrighter
        for r in 0..<height {
            for c in 0..<width {
                let here = p[r * gridWidth + c], next = p[r * gridWidth + c + step]
                if nextBrighter ? next > here : here > next { fingerprint[bit: r * width + c] = true }
            }
        }
        return fingerprint
    }
}
