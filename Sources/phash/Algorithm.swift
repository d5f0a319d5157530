import PerceptualHash

/// A hashing algorithm as chosen on the command line: a name, a size, and for the DCT hashes a
/// high-frequency factor. Its `description` ("phash size=8 highfreq=4", or "pdq" alone) is what
/// a fingerprint database records, so two specs are the same algorithm exactly when their
/// descriptions are. PDQ has no settings: its size is always 16 (256 bits), its factor 0.
/// colorhash has none either: ImageHash's default `binbits=3`, 42 bits (its size is recorded
/// as 3). whash and whash-db4 take power-of-two sizes only.
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
        /// Meta's PDQ: ``PDQHash``, 256 bits, with a quality score.
        case pdq
        /// ImageHash `whash`: ``WaveletHash`` (Haar), `size * size` bits.
        case whash
        /// ImageHash `whash(mode='db4')`: ``WaveletHash`` with `.daubechies4`,
        /// `(size + 6)^2` bits; the automatic scale is at least `8 * size` so that every image
        /// has that many bits (ImageHash gives images under `8 * size` pixels shorter hashes).
        case whashDB4 = "whash-db4"
        /// ImageHash `colorhash`: ``ColorHash`` with 3 bits per bin, 42 bits.
        case colorhash

        /// Whether `--highfreq` applies.
        var usesHighFrequencyFactor: Bool {
            self == .phash || self == .phashSimple || self == .phashClassic
        }

        /// Whether `--size` applies (every algorithm but pdq and colorhash, whose sizes are fixed).
        var hasSize: Bool { self != .pdq && self != .colorhash }

        /// Whether `--size` must be a power of two (the wavelet hashes).
        var needsPowerOfTwoSize: Bool { self == .whash || self == .whashDB4 }

        /// What a fixed-size algorithm says when given `--size`.
        var fixedSizeNote: String {
            self == .pdq
                ? "PDQ has no settings: always 256 bits" : "colorhash uses ImageHash's binbits=3: always 42 bits"
        }

        /// Whether a database of this algorithm is written as version 3 (algorithms that a
        /// phash reading only versions 1 and 2 does not know).
        var needsDatabaseVersion3: Bool { self == .pdq || self == .whash || self == .whashDB4 || self == .colorhash }

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
            case .pdq: "Meta's PDQ, 256 bits, with a quality score 0...100 (pdqhash 0.2.8)"
            case .whash: "wavelet hash, Haar (ImageHash whash); power-of-two sizes"
            case .whashDB4: "wavelet hash, Daubechies 4 (ImageHash whash mode='db4'), (size+6)^2 bits"
            case .colorhash: "colour-class hash, 42 bits (ImageHash colorhash, binbits=3)"
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

    /// The side of PDQ's 16x16 bit block: pdq's fixed size.
    static let pdqSize = 16

    /// colorhash's bits per bin (ImageHash's default `binbits`), recorded as its size.
    static let colorHashBinBits = 3

    /// ImageHash's defaults: size 8, factor 4. For pdq, `size` is ignored (always 16) and the
    /// factor is 0.
    init(name: Name, size: Int = 8, highFrequencyFactor: Int = 4) {
        self.name = name
        self.size = name.hasSize ? size : name == .pdq ? Self.pdqSize : Self.colorHashBinBits
        self.highFrequencyFactor = name.usesHighFrequencyFactor ? highFrequencyFactor : 0
    }

    /// Reads `--algorithm`, `--size` and `--highfreq`; `--size` or `--highfreq` with pdq is a
    /// usage error.
    init(arguments: ParsedArguments, defaultName: Name = .phash) throws(UsageError) {
        if arguments.values["algorithm"] == CropResistantCommand.name {
            throw UsageError(message: CropResistantCommand.refusal)
        }
        let names = Name.allCases.map(\.rawValue)
        let name = Name(rawValue: try arguments.choice("algorithm", of: names, default: defaultName.rawValue))!
        if !name.hasSize {
            for option in ["size", "highfreq"] where arguments.values[option] != nil {
                throw UsageError(message: "--\(option) does not apply to \(name.rawValue) (\(name.fixedSizeNote))")
            }
            self.init(name: name)
            return
        }
        let size = try arguments.integer("size", in: Self.sizeRange, default: 8)
        if name.needsPowerOfTwoSize, size & (size - 1) != 0 {
            throw UsageError(
                message: "--size for \(name.rawValue) must be a power of two (2, 4, 8, 16 or 32), not \(size)")
        }
        if !name.usesHighFrequencyFactor, arguments.values["highfreq"] != nil {
            throw UsageError(message: "--highfreq applies only to phash, phash-simple and phash-classic")
        }
        let factorRange = name.minimumHighFrequencyFactor...Self.highFrequencyRange.upperBound
        let factor = try arguments.integer("highfreq", in: factorRange, default: 4)
        self.init(name: name, size: size, highFrequencyFactor: factor)
    }

    /// Parses a `description` back (as stored in a database); nil when it is not one.
    init?(description text: String) {
        if let name = Name(rawValue: text), !name.hasSize {
            self.init(name: name)
            return
        }
        let parts = text.split(separator: " ")
        guard parts.count == 2 || parts.count == 3, let name = Name(rawValue: String(parts[0])), name.hasSize
        else { return nil }
        guard parts[1].hasPrefix("size="), let size = Int(parts[1].dropFirst(5)), Self.sizeRange.contains(size),
            !name.needsPowerOfTwoSize || size & (size - 1) == 0
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
        if !name.hasSize { return name.rawValue }
        return name.usesHighFrequencyFactor
            ? "\(name.rawValue) size=\(size) highfreq=\(highFrequencyFactor)"
            : "\(name.rawValue) size=\(size)"
    }

    /// The number of bits of every fingerprint.
    var bitCount: Int {
        switch name {
        case .colorhash: 14 * size
        case .whashDB4: (size + 6) * (size + 6)
        default: size * size
        }
    }

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
            DCTHash(
                size: size, highFrequencyFactor: highFrequencyFactor, threshold: .mean, dcTerm: .excludedFromThreshold)
        case .dhashClassic: DifferenceHash(size: size, polarity: .previousBrighter)
        case .pdq: PDQHash()
        case .whash: WaveletHash(size: size)
        case .whashDB4: WaveletHash(size: size, minimumAutomaticScale: 8 * size, wavelet: .daubechies4)
        case .colorhash: ColorHash(binBits: size)
        }
    }

    /// The recommended Hamming-distance threshold for this algorithm and size at
    /// ``RecommendedThresholds/defaultFalsePositiveRate`` (see ``RecommendedThresholds``).
    var recommendedThreshold: Int { RecommendedThresholds.hamming(for: self) }

    /// The help text listing the algorithms.
    static var helpList: String {
        Name.allCases.map {
            "  \($0.rawValue + String(repeating: " ", count: max(1, 16 - $0.rawValue.count))) \($0.summary)"
        }
        .joined(separator: "\n")
    }
}

/// The thresholds `compare`, `dedupe` and `index search` use when none is given: the ONE place
/// to update them.
///
/// Hashes: the library's `recommendedThreshold(falsePositiveRate:)` of the algorithm's hasher
/// at ``defaultFalsePositiveRate`` (1e-4 per pair of unrelated photos), see
/// `Documentation/Benchmarks.md`, "Thresholds for a false-positive rate" (measured at sizes 4,
/// 6, 8, 12, 16, 24 and 32 with the default `highfreq` 4; other sizes interpolated).
/// pdq is measured at its one size (256 bits) the same way (`phash-bench thresholds --pdq`);
/// ``helpText`` also names the reference's stricter match distance, `PDQHash.matchDistance`.
/// Histograms: the distances of the 256-bin gray histograms (`Histogram.distance(to:using:)`,
/// as `compare` prints them) at FPR <= 0.1% on the benchmark corpus (Benchmarks.md,
/// "Recommended thresholds"); the benchmark measured L2, cosine and coincidence only, so the
/// other comparisons have no threshold and no verdict.
enum RecommendedThresholds {
    /// The per-pair false-positive rate the default hash thresholds stand for.
    static let defaultFalsePositiveRate = 1e-4

    /// The stricter rate `helpText` suggests for large collections.
    static let strictFalsePositiveRate = 1e-6

    /// The threshold on the normalized-histogram distance, by comparison; absent = unknown.
    static let histogramDistance: [HistogramComparison: Double] = [
        .euclidean: 0.02113,
        .cosine: 0.03293,
        .coincidence: 0.2389,
    ]

    /// The library's recommended threshold of `spec`'s hasher at `falsePositiveRate` per pair.
    static func hamming(for spec: AlgorithmSpec, falsePositiveRate: Double = defaultFalsePositiveRate) -> Int {
        let size = spec.size, factor = spec.highFrequencyFactor, rate = falsePositiveRate
        switch spec.name {
        case .ahash:
            return AverageHash(size: size).recommendedThreshold(falsePositiveRate: rate)
        case .ahashClassic:
            return AverageHash(size: size, grayLevels: 64, comparison: .greaterOrEqual)
                .recommendedThreshold(falsePositiveRate: rate)
        case .phash:
            return DCTHash(size: size, highFrequencyFactor: factor).recommendedThreshold(falsePositiveRate: rate)
        case .phashClassic:
            return DCTHash(size: size, highFrequencyFactor: factor, threshold: .mean, dcTerm: .excludedFromThreshold)
                .recommendedThreshold(falsePositiveRate: rate)
        case .phashSimple:
            return RowDCTHash(size: size, highFrequencyFactor: factor).recommendedThreshold(falsePositiveRate: rate)
        case .dhash:
            return DifferenceHash(size: size).recommendedThreshold(falsePositiveRate: rate)
        case .dhashVertical:
            return DifferenceHash(size: size, direction: .vertical).recommendedThreshold(falsePositiveRate: rate)
        case .dhashClassic:
            return DifferenceHash(size: size, polarity: .previousBrighter).recommendedThreshold(falsePositiveRate: rate)
        case .pdq:
            return PDQHash().recommendedThreshold(falsePositiveRate: rate)
        case .whash:
            return WaveletHash(size: size).recommendedThreshold(falsePositiveRate: rate)
        case .whashDB4:
            return WaveletHash(size: size, wavelet: .daubechies4).recommendedThreshold(falsePositiveRate: rate)
        case .colorhash:
            return ColorHash(binBits: size).recommendedThreshold(falsePositiveRate: rate)
        }
    }

    /// `n * (n - 1) / 2 * rate`, the expected false pairs among `n` unrelated images.
    static func expectedFalsePairs(images n: Int, falsePositiveRate rate: Double) -> Double {
        Double(n) * Double(n - 1) / 2 * rate
    }

    /// `x` for a sentence: below 1 with one decimal ("0.5"), otherwise rounded to two
    /// significant digits with thousands separators ("5,000", "500,000").
    static func approximate(_ x: Double) -> String {
        if x < 1 { return String(Double((x * 10).rounded()) / 10) }
        var scale = 1.0
        while x / scale >= 100 { scale *= 10 }
        var digits = String(Int((x / scale).rounded() * scale)), out = ""
        while digits.count > 3 { out = "," + digits.suffix(3) + out; digits = String(digits.dropLast(3)) }
        return digits + out
    }

    /// The sentences for `--help` of `dedupe`, `compare` and `index search`: what the default
    /// hash thresholds stand for, the false pairs they imply at 1,000, 10,000 and 100,000
    /// images, and the size-8 values at the default and at the strict rate (computed from the
    /// library, so they cannot go stale). Lines of at most 92 characters, no indentation.
    static var helpText: String {
        func pairs(_ rate: Double) -> String {
            [1_000, 10_000, 100_000].map { approximate(expectedFalsePairs(images: $0, falsePositiveRate: rate)) }
                .joined(separator: " / ")
        }
        let names: [AlgorithmSpec.Name] = [.phash, .dhash, .dhashVertical, .ahash, .phashSimple]
        func values(_ rate: Double) -> String {
            names.map { "\($0.rawValue) \(hamming(for: AlgorithmSpec(name: $0), falsePositiveRate: rate))" }
                .joined(separator: ", ")
        }
        let pdq = AlgorithmSpec(name: .pdq)
        let zero = AlgorithmSpec.Name.allCases.filter { hamming(for: AlgorithmSpec(name: $0)) == 0 }.map(\.rawValue)
        let zeroNote =
            zero.isEmpty
            ? ""
            : """

            At size 8, \(zero.joined(separator: ", ")) reach 1e-4 only at 0 (identical fingerprints).
            """
        return """
            Default hash thresholds stand for a false-positive rate of 1e-4 per pair of
            unrelated photos (the library's recommendedThreshold(falsePositiveRate: 1e-4),
            fitted to the lower tail of the distances of 27,261 photo pairs with a 95% margin;
            Documentation/Benchmarks.md). A collection of n images has n(n-1)/2 pairs: expect
            about \(pairs(defaultFalsePositiveRate)) false pairs among 1,000 / 10,000 / 100,000 images.
            Size 8 at 1e-4: \(values(defaultFalsePositiveRate)).
            For large collections give a stricter threshold, e.g. the 1e-6 one (about
            \(pairs(strictFalsePositiveRate)) false pairs): \(values(strictFalsePositiveRate)).\(zeroNote)
            pdq (256 bits, measured the same way): \(hamming(for: pdq)) at 1e-4, \(hamming(for: pdq, falsePositiveRate: strictFalsePositiveRate)) at 1e-6. Meta's reference
            matches at distance <= \(PDQHash.matchDistance) (give --threshold or --radius \(PDQHash.matchDistance)): stricter, finds fewer copies.
            """
    }
}

extension ParsedArguments {
    /// The most `--min-quality` accepts: PDQ's quality scale is 0...100.
    static let qualityRange = 0...100

    /// `--min-quality Q` for `algorithm`: nil when absent (no image is skipped for its
    /// quality); a usage error when Q is not in 0...100 or the algorithm is not pdq (the only
    /// one with a quality score).
    func minimumQuality(for algorithm: AlgorithmSpec) throws(UsageError) -> Int? {
        guard values["min-quality"] != nil else { return nil }
        guard algorithm.name == .pdq else {
            throw UsageError(
                message: "--min-quality applies only to --algorithm pdq (the only hash with a quality score), "
                    + "not \(algorithm.name.rawValue)")
        }
        return try integer("min-quality", in: Self.qualityRange, default: 0)
    }
}
