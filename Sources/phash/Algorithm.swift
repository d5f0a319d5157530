import PerceptualHash

/// A hashing algorithm as chosen on the command line: a name, a size, and for the DCT hashes a
/// high-frequency factor. Its `description` ("phash size=8 highfreq=4") is what a fingerprint
/// database records, so two specs are the same algorithm exactly when their descriptions are.
struct AlgorithmSpec: Hashable, Sendable, CustomStringConvertible {
    /// The algorithm names, ImageHash's first.
    enum Name: String, CaseIterable, Sendable {
        /// ImageHash `average_hash`: ``AverageHash``.
        case ahash
        /// ImageHash `phash`: ``DCTHash``.
        case phash
        /// ImageHash `dhash`: ``DifferenceHash``.
        case dhash
        /// ImageHash `dhash_vertical`: ``DifferenceHash`` with `.vertical`.
        case dhashVertical = "dhash-vertical"
        /// ImageHash `phash_simple`: ``RowDCTHash``.
        case phashSimple = "phash-simple"
        /// `AverageHash.classic`: 64 gray levels, `>=` mean.
        case ahashClassic = "ahash-classic"
        /// `DCTHash.classic`: mean threshold without the DC term.
        case phashClassic = "phash-classic"
        /// `DifferenceHash.classic`: left brighter than right gives 1.
        case dhashClassic = "dhash-classic"

        /// Whether `--highfreq` applies.
        var usesHighFrequencyFactor: Bool {
            self == .phash || self == .phashSimple || self == .phashClassic
        }

        /// The smallest high-frequency factor the hasher accepts.
        var minimumHighFrequencyFactor: Int { self == .phashSimple ? 2 : 1 }

        /// One line for `--help`.
        var summary: String {
            switch self {
            case .ahash: "average hash (ImageHash average_hash)"
            case .phash: "DCT hash (ImageHash phash)"
            case .dhash: "horizontal difference hash (ImageHash dhash)"
            case .dhashVertical: "vertical difference hash (ImageHash dhash_vertical)"
            case .phashSimple: "row-DCT hash (ImageHash phash_simple)"
            case .ahashClassic: "average hash as Krawetz describes it (64 gray levels, >= mean)"
            case .phashClassic: "DCT hash with a mean threshold that leaves out the DC term"
            case .dhashClassic: "difference hash with 'left brighter -> 1' (Krawetz)"
            }
        }
    }

    var name: Name
    /// Bits per side: the hash has `size * size` bits.
    var size: Int
    /// The DCT thumbnail is `size * highFrequencyFactor` pixels a side; 0 for the other hashes.
    var highFrequencyFactor: Int

    static let sizeRange = 2...32
    static let highFrequencyRange = 1...16

    /// ImageHash's defaults: size 8, factor 4.
    init(name: Name, size: Int = 8, highFrequencyFactor: Int = 4) {
        self.name = name
        self.size = size
        self.highFrequencyFactor = name.usesHighFrequencyFactor ? highFrequencyFactor : 0
    }

    /// Reads `--algorithm`, `--size` and `--highfreq`.
    init(arguments: ParsedArguments, defaultName: Name = .phash) throws(UsageError) {
        let names = Name.allCases.map(\.rawValue)
        let name = Name(rawValue: try arguments.choice("algorithm", of: names, default: defaultName.rawValue))!
        let size = try arguments.integer("size", in: Self.sizeRange, default: 8)
        if !name.usesHighFrequencyFactor, arguments.values["highfreq"] != nil {
            throw UsageError(message: "--highfreq applies only to phash, phash-simple and phash-classic")
        }
        let factorRange = name.minimumHighFrequencyFactor...Self.highFrequencyRange.upperBound
        let factor = try arguments.integer("highfreq", in: factorRange, default: 4)
        self.init(name: name, size: size, highFrequencyFactor: factor)
    }

    /// Parses a `description` back (as stored in a database); nil when it is not one.
    init?(description text: String) {
        let parts = text.split(separator: " ")
        guard parts.count == 2 || parts.count == 3, let name = Name(rawValue: String(parts[0])) else { return nil }
        guard parts[1].hasPrefix("size="), let size = Int(parts[1].dropFirst(5)), Self.sizeRange.contains(size)
        else { return nil }
        var factor = 0
        if name.usesHighFrequencyFactor {
            guard parts.count == 3, parts[2].hasPrefix("highfreq="), let f = Int(parts[2].dropFirst(9)),
                (name.minimumHighFrequencyFactor...Self.highFrequencyRange.upperBound).contains(f)
            else { return nil }
            factor = f
        } else if parts.count != 2 {
            return nil
        }
        self.init(name: name, size: size, highFrequencyFactor: factor)
    }

    var description: String {
        name.usesHighFrequencyFactor
            ? "\(name.rawValue) size=\(size) highfreq=\(highFrequencyFactor)"
            : "\(name.rawValue) size=\(size)"
    }

    /// The number of bits of every fingerprint.
    var bitCount: Int { size * size }

    /// The library hasher.
    func makeHasher() -> any ImageHasher {
        switch name {
        case .ahash: AverageHash(size: size)
        case .phash: DCTHash(size: size, highFrequencyFactor: highFrequencyFactor)
        case .dhash: DifferenceHash(size: size)
        case .dhashVertical: DifferenceHash(size: size, direction: .vertical)
        case .phashSimple: RowDCTHash(size: size, highFrequencyFactor: highFrequencyFactor)
        case .ahashClassic: AverageHash(size: size, grayLevels: 64, comparison: .greaterOrEqual)
        case .phashClassic:
            DCTHash(size: size, highFrequencyFactor: highFrequencyFactor, threshold: .mean, dcTerm: .excludedFromThreshold)
        case .dhashClassic: DifferenceHash(size: size, polarity: .previousBrighter)
        }
    }

    /// The recommended Hamming-distance threshold for this algorithm and size (see
    /// ``RecommendedThresholds``).
    var recommendedThreshold: Int { RecommendedThresholds.hamming(for: self) }

    /// The help text listing the algorithms.
    static var helpList: String {
        Name.allCases.map { "  \($0.rawValue + String(repeating: " ", count: max(1, 16 - $0.rawValue.count))) \($0.summary)" }
            .joined(separator: "\n")
    }
}

/// The thresholds `compare`, `dedupe` and `index search` use when none is given: the ONE place
/// to update them.
///
/// Source of the numbers: `Documentation/Benchmarks.md` does not exist yet, so these are the
/// conventional defaults. For the 64-bit hashes the common choice with ImageHash is a
/// Hamming distance of 10 (`hash1 - hash2 <= 10`), in line with Krawetz's guidance for aHash
/// and dHash ("Looks Like It", 2011: a distance over 10 is most likely a different picture).
/// For other sizes the same fraction of the bits is used: `round(10 * bits / 64)`.
/// No widely agreed threshold exists for the histogram comparisons, so `compare` reports their
/// values without a verdict (`nil` below) until the benchmarks supply them.
enum RecommendedThresholds {
    /// The distance allowed per 64 bits, by algorithm.
    static let hammingPer64Bits: [AlgorithmSpec.Name: Double] = [
        .ahash: 10, .phash: 10, .dhash: 10, .dhashVertical: 10, .phashSimple: 10,
        .ahashClassic: 10, .phashClassic: 10, .dhashClassic: 10,
    ]

    /// The threshold on the normalized-histogram distance
    /// (`HistogramComparison.distance(fromValue:)`), by comparison; absent = unknown.
    static let histogramDistance: [HistogramComparison: Double] = [:]

    /// `round(perBits * bitCount / 64)`, at least 0.
    static func hamming(for spec: AlgorithmSpec) -> Int {
        let per64 = hammingPer64Bits[spec.name] ?? 10
        return max(0, Int((per64 * Double(spec.bitCount) / 64).rounded()))
    }
}
