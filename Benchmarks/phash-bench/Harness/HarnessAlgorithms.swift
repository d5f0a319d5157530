import PerceptualHash

/// What a feature extractor gives for one image: a fingerprint, a histogram, or the eight
/// dihedral PDQ fingerprints (``PDQHash/dihedralHashes(of:)`` order; element 0 is the plain one).
enum HarnessSignature: Sendable {
    case bits(Fingerprint)
    case histogram(Histogram)
    case dihedral([Fingerprint])
    /// Robust matching: the reference set and the query set of one image.
    case robust(reference: RobustFingerprint, query: RobustFingerprint)
    /// ImageHash's crop-resistant hash: one fingerprint per segment.
    case multi(MultiFingerprint)
}

/// One thing computed per image (a hash, or a histogram that several comparisons share).
struct HarnessFeature: Sendable {
    let name: String
    /// Computes the signature from the RGB image and its rec601 gray version (hashers use the
    /// gray one, which gives the same bits as the RGB one: their first step is that conversion).
    let compute: @Sendable (_ rgb: PixelBuffer, _ gray: PixelBuffer) -> HarnessSignature
    /// The full pipeline from the RGB image (what the speed section times).
    let fromRGB: @Sendable (PixelBuffer) -> HarnessSignature

    static func hasher<H: ImageHasher>(_ name: String, _ hasher: H) -> HarnessFeature {
        HarnessFeature(
            name: name,
            compute: { _, gray in .bits(hasher.fingerprint(of: gray)) },
            fromRGB: { .bits(hasher.fingerprint(of: $0)) })
    }

    /// PDQ from the RGB image (its luma is not the rec601 gray the other hashers start from).
    static let pdq = HarnessFeature(
        name: "pdq",
        compute: { rgb, _ in .bits(PDQHash().fingerprint(of: rgb)) },
        fromRGB: { .bits(PDQHash().fingerprint(of: $0)) })

    /// ColorHash from the RGB image (it classifies colours, so the gray image would not do).
    static let colorHash = HarnessFeature(
        name: "colorhash",
        compute: { rgb, _ in .bits(ColorHash().fingerprint(of: rgb)) },
        fromRGB: { .bits(ColorHash().fingerprint(of: $0)) })

    /// CropResistantHash (ImageHash's crop_resistant_hash) from the RGB image (its segment
    /// hashes start from the rec601 gray, so the gray image gives the same segments).
    static let cropResistant = HarnessFeature(
        name: "crop-resistant",
        compute: { _, gray in .multi(CropResistantHash().multiFingerprint(of: gray)) },
        fromRGB: { .multi(CropResistantHash().multiFingerprint(of: $0)) })

    /// PDQ's eight dihedral fingerprints from one DCT, from the RGB image.
    static let pdqDihedral = HarnessFeature(
        name: "pdq-dihedral",
        compute: { rgb, _ in .dihedral(PDQHash().dihedralHashes(of: rgb).fingerprints) },
        fromRGB: { .dihedral(PDQHash().dihedralHashes(of: $0).fingerprints) })

    /// Robust matching over `hasher` with `configuration`, from the RGB image. The speed
    /// section times `fromRGB`, which makes the reference set only (the larger of the two).
    static func robust<H: ImageHasher>(_ name: String, _ hasher: H, _ configuration: RobustConfiguration)
        -> HarnessFeature
    {
        let robust = RobustHasher(hasher, configuration: configuration)
        return HarnessFeature(
            name: name,
            compute: { rgb, _ in
                .robust(reference: robust.referenceFingerprint(of: rgb), query: robust.queryFingerprint(of: rgb))
            },
            fromRGB: {
                let r = robust.referenceFingerprint(of: $0); return .robust(reference: r, query: r)
            })
    }

    /// The robust configurations of the harness: the default and one without each family of
    /// views (the ablations of Documentation/Robust.md); each keeps the default's query views
    /// but `robust-two-queries` and `robust-first`.
    static let robustConfigurations: [(name: String, summary: String, configuration: RobustConfiguration)] = {
        let crops = [8, 16], sides = [10, 20, 30], corners = [10, 20], angles = [-15, -10, -5, 0, 5, 10, 15]
        let queries = [10]
        return [
            ("robust", "RobustConfiguration.standard", .standard),
            (
                "robust-two-queries", "standard references, queries whole and centre only (the earlier default)",
                RobustConfiguration(centredCrops: crops, sideCrops: sides, cornerCrops: corners, rotations: angles)
            ),
            ("robust-dihedral", "RobustConfiguration.dihedralOnly: trim + 8 symmetries", .dihedralOnly),
            (
                "robust-no-trim", "standard without border trimming",
                RobustConfiguration(
                    trim: nil, centredCrops: crops, sideCrops: sides, cornerCrops: corners, rotations: angles,
                    querySideCrops: queries)
            ),
            (
                "robust-no-rotation", "standard without the rotated views",
                RobustConfiguration(
                    centredCrops: crops, sideCrops: sides, cornerCrops: corners, rotations: [], querySideCrops: queries)
            ),
            (
                "robust-no-centred", "standard without the centred crops",
                RobustConfiguration(
                    centredCrops: [], sideCrops: sides, cornerCrops: corners, rotations: angles, querySideCrops: queries
                )
            ),
            (
                "robust-no-side", "standard without the one-sided crops",
                RobustConfiguration(
                    centredCrops: crops, sideCrops: [], cornerCrops: corners, rotations: angles, querySideCrops: queries
                )
            ),
            (
                "robust-no-corner", "standard without the corner crops",
                RobustConfiguration(
                    centredCrops: crops, sideCrops: sides, cornerCrops: [], rotations: angles, querySideCrops: queries)
            ),
            (
                "robust-no-partial-mirror", "standard, partial views not mirrored",
                RobustConfiguration(
                    partialSymmetries: [.original], centredCrops: crops, sideCrops: sides, cornerCrops: corners,
                    rotations: angles, querySideCrops: queries)
            ),
            (
                "robust-first", "first choice: crops 7, 14, 21, sides 12 and 25, no corners",
                RobustConfiguration(centredCrops: [7, 14, 21], sideCrops: [12, 25], rotations: angles)
            ),
            (
                "robust-wide", "crops 6..24 by 6, sides 10..30 by 10, corners 12 and 24",
                RobustConfiguration(
                    centredCrops: [6, 12, 18, 24], sideCrops: [10, 20, 30], cornerCrops: [12, 24], rotations: angles)
            ),
            (
                "robust-fine", "crops 5..25 by 5, sides 10..30 by 10, no corners, angles -16..16 by 4",
                RobustConfiguration(
                    centredCrops: [5, 10, 15, 20, 25], sideCrops: [10, 20, 30],
                    rotations: Array(stride(from: -16, through: 16, by: 4)))
            ),
        ]
    }()

    /// `configuration` with its first two query views only (whole and centre: the default
    /// before the one-sided query crops).
    static func twoQueries(_ configuration: RobustConfiguration) -> RobustConfiguration {
        RobustConfiguration(
            trim: configuration.trim, thumbnailSide: configuration.thumbnailSide,
            workingSide: configuration.workingSide, referenceVariants: configuration.referenceVariants,
            queryVariants: Array(configuration.queryVariants.prefix(2)))
    }

    /// Experiments on uneven crops over `DCTHash(size: 8)` with 32-pixel thumbnails (the
    /// measurements of Documentation/Robust.md, "Uneven crops: what was tried").
    static let phash8Experiments: [(name: String, summary: String, configuration: RobustConfiguration)] = {
        let standard = RobustConfiguration.standard.withThumbnailSide(32)
        func centre(_ c: Int) -> RobustVariant { RobustVariant(left: c, top: c, right: c, bottom: c) }
        // Every rectangle with each side cut by 0, 10 or 20%, as is and mirrored, added to the
        // standard views.
        var grid = standard.referenceVariants
        var seen = Set(grid)
        for l in [0, 10, 20] {
            for t in [0, 10, 20] {
                for r in [0, 10, 20] {
                    for b in [0, 10, 20] {
                        let view = RobustVariant(left: l, top: t, right: r, bottom: b)
                        for s in [DihedralTransform.original, .flipY] where seen.insert(view.with(s)).inserted {
                            grid.append(view.with(s))
                        }
                    }
                }
            }
        }
        let sides = [
            RobustVariant(left: 10), RobustVariant(top: 10), RobustVariant(right: 10), RobustVariant(bottom: 10),
        ]
        let corners = [
            RobustVariant(left: 10, top: 10), RobustVariant(top: 10, right: 10), RobustVariant(left: 10, bottom: 10),
            RobustVariant(right: 10, bottom: 10),
        ]
        func with(references: [RobustVariant]? = nil, queries: [RobustVariant]) -> RobustConfiguration {
            RobustConfiguration(
                thumbnailSide: 32, workingSide: standard.workingSide,
                referenceVariants: references ?? standard.referenceVariants, queryVariants: queries)
        }
        return [
            (
                "robust-two-queries", "queries whole and centre only (the earlier default)",
                HarnessFeature.twoQueries(standard)
            ),
            (
                "robust-grid", "standard plus every crop cutting 0, 10 or 20% per side (as is and mirrored)",
                with(references: grid, queries: standard.queryVariants)
            ),
            (
                "robust-grid-two-queries", "robust-grid references, queries whole and centre only",
                with(references: grid, queries: Array(standard.queryVariants.prefix(2)))
            ),
            (
                "robust-query-corners", "standard; queries also cut 10% from each two adjacent sides",
                with(queries: standard.queryVariants + corners)
            ),
            (
                "robust-query-centres", "standard; queries also cut 7% and 21% from every side",
                with(queries: standard.queryVariants + [centre(7), centre(21)])
            ),
        ]
    }()

    static func histogram(_ name: String, channels: Histogram.Channels, binCount: Int, gridSize: Int) -> HarnessFeature
    {
        HarnessFeature(
            name: name,
            compute: { rgb, gray in
                // A gray histogram of the gray image counts the same values as of the RGB one.
                .histogram(
                    Histogram(channels == .rgb ? rgb : gray, channels: channels, binCount: binCount, gridSize: gridSize)
                )
            },
            fromRGB: { .histogram(Histogram($0, channels: channels, binCount: binCount, gridSize: gridSize)) })
    }
}

/// One row of the comparison: a feature and how two of its signatures are compared.
struct HarnessAlgorithm: Sendable {
    let name: String
    let summary: String
    /// Index into ``HarnessAlgorithm/features``.
    let feature: Int
    /// nil for Hamming distance; the histogram comparison otherwise.
    let comparison: HistogramComparison?
    /// Whether distances are ImageHash's multi-hash score (fractional) although no histogram
    /// comparison is involved.
    var multiHashScore = false
    /// Whether distances are integers (Hamming), which decides how thresholds are placed.
    var integerDistances: Bool { comparison == nil && !multiHashScore }
    /// The largest possible distance (bits of a hash; 1 or sqrt(2) bounds for histograms).
    let maximumDistance: Double

    /// The distance of two signatures: smaller is more alike, 0 for identical signatures.
    /// Hashes: the Hamming distance. PDQ with dihedral matching: the smallest Hamming distance
    /// between any of the eight dihedral fingerprints of `a` (the original, for the positives)
    /// and the plain fingerprint of `b` (element 0 of its list). Robust rows: the smallest
    /// Hamming distance between the query set of `b` and the reference set of `a`.
    /// crop-resistant: ImageHash's score `a - b` (0 when every segment of `a` is within 16 bits
    /// of a segment of `b`, up to `a`'s segment count when none is). Histograms: `Histogram.distance(to:using:)` on the
    /// normalized histograms, that is `1 - cosine`, `1 - coincidence`, or the L2 distance,
    /// averaged over the cells of a regional histogram.
    func distance(_ a: HarnessSignature, _ b: HarnessSignature) -> Double {
        switch (a, b) {
        case (.bits(let x), .bits(let y)): Double(x.distance(to: y))
        case (.histogram(let x), .histogram(let y)): x.distance(to: y, using: comparison ?? .euclidean)
        case (.dihedral(let x), .dihedral(let y)): Double(x.map { $0.distance(to: y[0]) }.min() ?? 256)
        case (.robust(let x, _), .robust(_, let y)): Double(y.distance(to: x))
        case (.multi(let x), .multi(let y)): x.distance(to: y)
        default: preconditionFailure("signature kinds differ for \(name)")
        }
    }

    static let features: [HarnessFeature] =
        [
            .hasher("ahash8", AverageHash(size: 8)),
            .hasher("ahash16", AverageHash(size: 16)),
            .hasher("ahash-classic", AverageHash.classic),
            .hasher("phash8", DCTHash(size: 8)),
            .hasher("phash16", DCTHash(size: 16)),
            .hasher("phash-classic", DCTHash.classic),
            .hasher("rowphash8", RowDCTHash(size: 8)),
            .hasher("dhash8", DifferenceHash(size: 8)),
            .hasher("dhash16", DifferenceHash(size: 16)),
            .hasher("dhash-vertical8", DifferenceHash(size: 8, direction: .vertical)),
            .hasher("dhash-vertical16", DifferenceHash(size: 16, direction: .vertical)),
            .hasher("dhash-classic", DifferenceHash.classic),
            .hasher("whash8", WaveletHash()),
            .hasher("whash-db4", WaveletHash(minimumAutomaticScale: 64, wavelet: .daubechies4)),
            .colorHash,
            .cropResistant,
            .pdq,
            .pdqDihedral,
        ]
        + HarnessFeature.robustConfigurations.map {
            HarnessFeature.robust("pdq-\($0.name)", PDQHash(), $0.configuration)
        } + [
            .robust("phash8-robust", DCTHash(size: 8), RobustConfiguration.standard.withThumbnailSide(32)),
            .robust("phash16-robust", DCTHash(size: 16), .standard),
            .robust("ahash8-robust", AverageHash(size: 8), RobustConfiguration.standard.withThumbnailSide(32)),
            .robust("dhash8-robust", DifferenceHash(size: 8), RobustConfiguration.standard.withThumbnailSide(32)),
        ]
        + HarnessFeature.phash8Experiments.map {
            HarnessFeature.robust("phash8-\($0.name)", DCTHash(size: 8), $0.configuration)
        } + [
            .robust("phash16-robust-two-queries", DCTHash(size: 16), HarnessFeature.twoQueries(.standard)),
            .histogram("hist-gray256", channels: .gray(.rec601), binCount: 256, gridSize: 1),
            .histogram("hist-rgb32-4x4", channels: .rgb, binCount: 32, gridSize: 4),
        ]

    /// Every algorithm, in table order.
    static let all: [HarnessAlgorithm] = {
        func hash(_ name: String, _ summary: String, bits: Int) -> HarnessAlgorithm {
            HarnessAlgorithm(
                name: name, summary: summary, feature: features.firstIndex { $0.name == name }!,
                comparison: nil, maximumDistance: Double(bits))
        }
        var list = [
            hash("ahash8", "AverageHash(size: 8), ImageHash average_hash", bits: 64),
            hash("ahash16", "AverageHash(size: 16)", bits: 256),
            hash("ahash-classic", "AverageHash.classic: 64 gray levels, >= mean", bits: 64),
            hash("phash8", "DCTHash(size: 8), ImageHash phash", bits: 64),
            hash("phash16", "DCTHash(size: 16), 64x64 thumbnail", bits: 256),
            hash("phash-classic", "DCTHash.classic: > mean of the block without DC", bits: 64),
            hash("rowphash8", "RowDCTHash(size: 8), ImageHash phash_simple", bits: 64),
            hash("dhash8", "DifferenceHash(size: 8), ImageHash dhash", bits: 64),
            hash("dhash16", "DifferenceHash(size: 16)", bits: 256),
            hash("dhash-vertical8", "DifferenceHash(size: 8, direction: .vertical)", bits: 64),
            hash("dhash-vertical16", "DifferenceHash(size: 16, direction: .vertical)", bits: 256),
            hash("dhash-classic", "DifferenceHash.classic: left brighter than right", bits: 64),
            hash("whash8", "WaveletHash(), ImageHash whash (Haar)", bits: 64),
            hash(
                "whash-db4",
                "WaveletHash(wavelet: .daubechies4) with a scale of at least 64, ImageHash whash mode='db4'",
                bits: 196),
            hash("colorhash", "ColorHash(), ImageHash colorhash (binbits 3), from RGB", bits: 42),
            HarnessAlgorithm(
                name: "crop-resistant",
                summary: "CropResistantHash(), ImageHash crop_resistant_hash, its score original - copy",
                feature: features.firstIndex { $0.name == "crop-resistant" }!, comparison: nil,
                multiHashScore: true, maximumDistance: Double(300 * 300 / 501)),
            hash("pdq", "PDQHash(), Meta's PDQ (pdqhash 0.2.8), from RGB", bits: 256),
            hash(
                "pdq-dihedral",
                "PDQ, min distance over the 8 dihedral hashes of the original vs the plain hash of the other", bits: 256
            ),
        ]
        for (name, summary, _) in HarnessFeature.robustConfigurations {
            list.append(hash("pdq-\(name)", "PDQ, \(summary); query set vs reference set of the original", bits: 256))
        }
        list.append(
            hash("phash8-robust", "DCTHash(size: 8), RobustConfiguration.standard with 32-pixel thumbnails", bits: 64))
        list.append(hash("phash16-robust", "DCTHash(size: 16), RobustConfiguration.standard", bits: 256))
        list.append(
            hash(
                "ahash8-robust", "AverageHash(size: 8), RobustConfiguration.standard with 32-pixel thumbnails", bits: 64
            ))
        list.append(
            hash(
                "dhash8-robust", "DifferenceHash(size: 8), RobustConfiguration.standard with 32-pixel thumbnails",
                bits: 64))
        list.append(
            hash(
                "phash16-robust-two-queries", "DCTHash(size: 16), standard references, queries whole and centre only",
                bits: 256))
        for (name, summary, _) in HarnessFeature.phash8Experiments {
            list.append(hash("phash8-\(name)", "DCTHash(size: 8), 32-pixel thumbnails, \(summary)", bits: 64))
        }
        let histograms: [(String, String, Int)] = [
            ("hist-gray256", "global gray histogram, 256 bins", features.firstIndex { $0.name == "hist-gray256" }!),
            (
                "hist-rgb32-4x4", "4x4 grid of R, G, B histograms, 32 bins each",
                features.firstIndex { $0.name == "hist-rgb32-4x4" }!
            ),
        ]
        for (name, summary, feature) in histograms {
            for (comparison, label, bound) in [
                (HistogramComparison.euclidean, "l2", 2.0.squareRoot()),
                (.cosine, "cosine", 1.0), (.coincidence, "coincidence", 1.0),
            ] {
                list.append(
                    HarnessAlgorithm(
                        name: "\(name)-\(label)",
                        summary: "\(summary), \(label == "l2" ? "L2 distance" : "1 - \(label)")",
                        feature: feature, comparison: comparison, maximumDistance: bound))
            }
        }
        return list
    }()
}
