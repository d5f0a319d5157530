/// Which views robust matching hashes, for references and for queries, and how it prepares
/// the image before taking them.
///
/// Matching is asymmetric: a reference (an image you store) is hashed under many views, one
/// per edit it could have gone through (``referenceVariants``), and a query (an image you look
/// up) under a few (``queryVariants``). Their distance is the smallest Hamming distance over
/// all pairs (``RobustFingerprint/distance(to:)``), so an index of references answers a query
/// with one radius search per query view.
///
/// Before any view, both sides trim uniform borders (``trim``), then reduce the picture inside
/// to a gray plane whose longer side is at most ``workingSide`` (area averaging, Rec. 601
/// luma); every view is resampled from that plane to a ``thumbnailSide`` square (bilinear) and
/// hashed.
///
/// ```swift
/// let robust = RobustHasher(PDQHash(), configuration: .standard)
/// let stored = robust.referenceFingerprint(of: original)
/// let probe = robust.queryFingerprint(of: editedCopy)
/// if probe.matches(stored, within: RobustHasher<PDQHash>.recommendedPDQThreshold) { print("same photo") }
/// ```
public struct RobustConfiguration: Sendable, Hashable, Codable {
    /// Border trimming applied to both sides first, or `nil` to hash the whole frame.
    public var trim: BorderTrim?
    /// The side of the square thumbnail every view is resampled to, at least 8. 64 suits PDQ
    /// and 64-pixel hashers; 32 suits `DCTHash(size: 8)`.
    public var thumbnailSide: Int
    /// The longer side of the gray plane the views are taken from, at least `thumbnailSide`.
    public var workingSide: Int
    /// The views stored for a reference.
    public var referenceVariants: [RobustVariant]
    /// The views hashed for a query.
    public var queryVariants: [RobustVariant]

    /// A configuration from explicit lists.
    ///
    /// - Precondition: `thumbnailSide >= 8`, `workingSide >= thumbnailSide`, and both lists
    ///   are non-empty.
    public init(
        trim: BorderTrim? = .standard, thumbnailSide: Int = 64, workingSide: Int? = nil,
        referenceVariants: [RobustVariant], queryVariants: [RobustVariant]
    ) {
        let working = workingSide ?? 2 * thumbnailSide
        precondition(thumbnailSide >= 8, "thumbnailSide \(thumbnailSide) is below 8")
        precondition(working >= thumbnailSide, "workingSide \(working) is below thumbnailSide \(thumbnailSide)")
        precondition(
            !referenceVariants.isEmpty && !queryVariants.isEmpty, "a configuration needs at least one view per side")
        self.trim = trim
        self.thumbnailSide = thumbnailSide
        self.workingSide = working
        self.referenceVariants = referenceVariants
        self.queryVariants = queryVariants
    }

    /// A configuration built from families of views.
    ///
    /// References get: the whole image under each of `fullSymmetries`; then, each under every
    /// one of `partialSymmetries`: centred crops cutting each of `centredCrops` percent from
    /// all four sides, one-sided crops cutting each of `sideCrops` percent from one side (four
    /// views per amount), corner crops cutting each of `cornerCrops` percent from two adjacent
    /// sides (four views per amount), and, for each angle of `rotations`, the view turned by that angle
    /// with `rotationCrop` percent cut from every side (enough to leave out the corners a
    /// rotated copy fills). A view listed twice is kept once, at its first place. Queries get the whole image, when `rotations` is not empty its
    /// centre with `rotationCrop` percent cut from every side, then, for each of
    /// `querySideCrops`, the four one-sided crops cutting that percent from one side (left,
    /// top, right, bottom).
    public init(
        trim: BorderTrim? = .standard, thumbnailSide: Int = 64,
        fullSymmetries: [DihedralTransform] = DihedralTransform.allCases,
        partialSymmetries: [DihedralTransform] = [.original, .flipY],
        centredCrops: [Int] = [], sideCrops: [Int] = [], cornerCrops: [Int] = [], rotations: [Int] = [],
        rotationCrop: Int = 14, querySideCrops: [Int] = []
    ) {
        var reference = fullSymmetries.map { RobustVariant(symmetry: $0) }
        var views: [RobustVariant] = []
        for c in centredCrops { views.append(RobustVariant(left: c, top: c, right: c, bottom: c)) }
        for c in sideCrops {
            views += [RobustVariant(left: c), RobustVariant(top: c), RobustVariant(right: c), RobustVariant(bottom: c)]
        }
        for c in cornerCrops {
            views += [
                RobustVariant(left: c, top: c), RobustVariant(top: c, right: c),
                RobustVariant(left: c, bottom: c), RobustVariant(right: c, bottom: c),
            ]
        }
        for angle in rotations {
            views.append(
                RobustVariant(
                    left: rotationCrop, top: rotationCrop, right: rotationCrop, bottom: rotationCrop, rotation: angle))
        }
        var seen = Set(reference)
        for view in views {
            for s in partialSymmetries where seen.insert(view.with(s)).inserted { reference.append(view.with(s)) }
        }
        var query = [RobustVariant.identity]
        if !rotations.isEmpty {
            query.append(
                RobustVariant(left: rotationCrop, top: rotationCrop, right: rotationCrop, bottom: rotationCrop))
        }
        for c in querySideCrops {
            query += [RobustVariant(left: c), RobustVariant(top: c), RobustVariant(right: c), RobustVariant(bottom: c)]
        }
        self.init(trim: trim, thumbnailSide: thumbnailSide, referenceVariants: reference, queryVariants: query)
    }

    /// The default, the best trade-off measured on photographs (Documentation/Robust.md):
    /// border trimming; the whole image under all 8 symmetries; then, as it is and mirrored:
    /// centred crops of 8 and 16% per side, one-sided crops of 10, 20 and 30%, corner crops
    /// (two adjacent sides) of 10 and 20%, and the centre (14% cut per side) turned by -15,
    /// -10, -5, 0, 5, 10 and 15 degrees. 66 reference views from 30 thumbnails. Queries: the
    /// whole image, its centre (14% cut per side) and the four one-sided crops of 10% (6 views,
    /// all among the reference views). Queries made with the earlier two-view set (whole and
    /// centre) still compare with these references, with less recall on uneven crops.
    public static let standard = RobustConfiguration(
        centredCrops: [8, 16], sideCrops: [10, 20, 30], cornerCrops: [10, 20],
        rotations: [-15, -10, -5, 0, 5, 10, 15], querySideCrops: [10])

    /// Only the 8 symmetries of the whole (trimmed) image on the reference side; the query is
    /// the trimmed image.
    public static let dihedralOnly = RobustConfiguration()

    /// This configuration with thumbnails of `side` pixels (32 suits 32-pixel hashers such as
    /// `DCTHash(size: 8)`), the working plane scaled in proportion (at least `side`), the same
    /// trimming and views.
    ///
    /// - Precondition: `side >= 8`.
    public func withThumbnailSide(_ side: Int) -> RobustConfiguration {
        RobustConfiguration(
            trim: trim, thumbnailSide: side, workingSide: max(side, workingSide * side / thumbnailSide),
            referenceVariants: referenceVariants, queryVariants: queryVariants)
    }
}
