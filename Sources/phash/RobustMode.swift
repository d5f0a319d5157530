import Foundation
import PerceptualHash

/// What a robust database (format version 4) records about its robust fingerprints: how many
/// per entry, and which hasher and views made them.
///
/// The tag is `robust1-` and 8 lowercase hex digits: the CRC-32 (`IndexFile.crc32`) of the
/// text `<algorithm>\n<configuration>`, where `<algorithm>` is `AlgorithmSpec.description`
/// and `<configuration>` is the robust configuration encoded by `JSONEncoder` with sorted
/// keys (trimming, thumbnail and working sides, every reference and query view). Two
/// databases share a tag exactly when (but for a CRC collision, about 1 in 4 billion) they
/// were made by the same hasher settings under the same views; a phash whose default views
/// changed computes another tag and refuses an old robust database instead of comparing sets
/// that do not correspond.
struct RobustDatabaseTag: Hashable, Sendable {
    /// Fingerprints per entry: the configuration's reference views.
    var viewCount: Int
    /// `robust1-` and 8 hex digits.
    var configuration: String

    /// The tag this phash uses for `algorithm` (with ``RobustMode/configuration(for:)``).
    init(algorithm: AlgorithmSpec) {
        let configuration = RobustMode.configuration(for: algorithm)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding plain value types into JSON does not fail.
        let json = (try? encoder.encode(configuration)).map { Array($0) } ?? []
        let crc = IndexFile.crc32(Array("\(algorithm.description)\n".utf8) + json)
        let digits = String(crc, radix: 16)
        viewCount = configuration.referenceVariants.count
        self.configuration = "robust1-" + String(repeating: "0", count: 8 - digits.count) + digits
    }

    /// A tag read from a file.
    init(viewCount: Int, configuration: String) {
        self.viewCount = viewCount
        self.configuration = configuration
    }

    /// Whether `text` has the tag's form: `robust1-` and 8 lowercase hex digits.
    static func isWellFormed(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.count == 16 && text.hasPrefix("robust1-")
            && bytes[8...].allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}

/// The `--robust` option of `compare`, `dedupe` and `index`: the configuration per algorithm,
/// the default thresholds, and the symmetric distance of two images.
enum RobustMode {
    /// The robust configuration for `algorithm`: ``RobustConfiguration/standard``, with
    /// 32-pixel thumbnails for hashes of at most 8x8 bits (as `phash hash --robust` and
    /// `phash distances --robust`).
    static func configuration(for algorithm: AlgorithmSpec) -> RobustConfiguration {
        DistancesCommand.robustConfiguration(algorithm)
    }

    /// The library's recommended robust threshold for `algorithm`, or nil when none was
    /// measured: pdq (`RobustHasher<PDQHash>.recommendedPDQThreshold`), phash with size 8 or
    /// 16 and the default high-frequency factor 4 (`recommendedDCTHash8Threshold`,
    /// `recommendedDCTHash16Threshold`), dhash and ahash with size 8
    /// (`recommendedDifferenceHash8Threshold`, `recommendedAverageHash8Threshold`).
    static func recommendedThreshold(for algorithm: AlgorithmSpec) -> Int? {
        switch algorithm.name {
        case .pdq: return RobustHasher<PDQHash>.recommendedPDQThreshold
        case .phash where algorithm.highFrequencyFactor == 4 && algorithm.size == 8:
            return RobustHasher<DCTHash>.recommendedDCTHash8Threshold
        case .phash where algorithm.highFrequencyFactor == 4 && algorithm.size == 16:
            return RobustHasher<DCTHash>.recommendedDCTHash16Threshold
        case .dhash where algorithm.size == 8: return RobustHasher<DifferenceHash>.recommendedDifferenceHash8Threshold
        case .ahash where algorithm.size == 8: return RobustHasher<AverageHash>.recommendedAverageHash8Threshold
        default: return nil
        }
    }

    /// The algorithms and sizes that have a recommended robust threshold, for messages.
    static let measuredList = "pdq, phash --size 8, phash --size 16, dhash --size 8, ahash --size 8"

    /// The recommended robust thresholds, for `--help` (from the library's constants).
    static var thresholdsText: String {
        "pdq \(RobustHasher<PDQHash>.recommendedPDQThreshold) of 256 bits; phash --size 8: "
            + "\(RobustHasher<DCTHash>.recommendedDCTHash8Threshold) of 64; phash --size 16: "
            + "\(RobustHasher<DCTHash>.recommendedDCTHash16Threshold) of 256; dhash --size 8: "
            + "\(RobustHasher<DifferenceHash>.recommendedDifferenceHash8Threshold) of 64; ahash --size 8: "
            + "\(RobustHasher<AverageHash>.recommendedAverageHash8Threshold) of 64"
    }

    /// The default threshold, or a usage error naming the option to give.
    static func defaultThreshold(for algorithm: AlgorithmSpec, option: String) throws(UsageError) -> Int {
        guard let t = recommendedThreshold(for: algorithm) else {
            throw UsageError(
                message: "no robust threshold was measured for \(algorithm); give --\(option) "
                    + "(measured: \(measuredList); calibrate with 'phash distances --robust')")
        }
        return t
    }

    /// The distance `compare --robust` and `dedupe --robust` use for two images: the smaller of
    /// the two directions, query set of one against reference set of the other (robust
    /// matching is asymmetric; the minimum makes it symmetric and finds a copy whichever of
    /// the two is the edited one).
    static func symmetricDistance(
        _ a: (reference: RobustFingerprint, query: RobustFingerprint),
        _ b: (reference: RobustFingerprint, query: RobustFingerprint)
    ) -> Int {
        min(a.query.distance(to: b.reference), b.query.distance(to: a.reference))
    }

    /// The reference and query sets of one image.
    static func sets(_ signature: DistancesCommand.Signature) -> (
        reference: RobustFingerprint, query: RobustFingerprint
    ) {
        guard case .robust(let reference, let query) = signature else { preconditionFailure("a plain signature") }
        return (reference, query)
    }
}
