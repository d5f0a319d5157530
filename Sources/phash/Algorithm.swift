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
/// Source: `Documentation/Benchmarks.md`, "Recommended thresholds": for each algorithm the
/// largest distance with a false-positive rate <= 0.1% on the benchmark corpus (234 photos, 19
/// attacks), with the default `highfreq` 4. Measured at sizes 8 and 16 (for the classic variants
/// and phash-simple at size 8 only); for another size the threshold of the nearest measured size
/// is scaled by the ratio of the bit counts and rounded (an extrapolation, not a measurement).
/// Histograms: the distances of the 256-bin gray histograms (`Histogram.distance(to:using:)`,
/// as `compare` prints them); the benchmark measured L2, cosine and coincidence only, so the
/// other comparisons have no threshold and no verdict.
enum RecommendedThresholds {
    /// Measured thresholds by algorithm, then by size.
    static let hamming: [AlgorithmSpec.Name: [Int: Int]] = [
        .ahash: [8: 5, 16: 35],
        .ahashClassic: [8: 5],
        .phash: [8: 19, 16: 101],
        .phashClassic: [8: 15],
        .phashSimple: [8: 6],
        .dhash: [8: 14, 16: 87],
        .dhashVertical: [8: 14, 16: 82],
        .dhashClassic: [8: 14],
    ]

    /// The threshold on the normalized-histogram distance, by comparison; absent = unknown.
    static let histogramDistance: [HistogramComparison: Double] = [
        .euclidean: 0.02113,
        .cosine: 0.03293,
        .coincidence: 0.2389,
    ]

    /// The measured threshold at `spec.size`, or the nearest measured size's scaled by
    /// `spec.bitCount / (measured * measured)` and rounded; 10 bits per 64 (ImageHash's common
    /// default) if the algorithm has no measurement at all.
    static func hamming(for spec: AlgorithmSpec) -> Int {
        guard let table = hamming[spec.name], !table.isEmpty else {
            return Int((10 * Double(spec.bitCount) / 64).rounded())
        }
        if let exact = table[spec.size] { return exact }
        let nearest = table.keys.min { a, b in
            abs(a - spec.size) != abs(b - spec.size) ? abs(a - spec.size) < abs(b - spec.size) : a < b
        }!
        let scaled = Double(table[nearest]!) * Double(spec.bitCount) / Double(nearest * nearest)
        return min(spec.bitCount, max(0, Int(scaled.rounded())))
    }
}
