/// A Hamming index of robust reference sets: every fingerprint of an image's
/// ``RobustFingerprint`` is stored under the image's id, and a query set is answered per image,
/// each id once at its best distance.
///
/// `neighbors(of:within:)` runs one radius search of the underlying ``HammingIndex`` per query
/// fingerprint (two for ``RobustConfiguration/standard``) and keeps, per id, the smallest
/// distance: exactly the images whose ``RobustFingerprint/distance(to:)`` to the query set is
/// at most the radius, at that distance.
///
/// ```swift
/// let robust = RobustHasher(PDQHash())
/// var index = RobustIndex<LinearScanIndex>(bitCount: 256)
/// index.insert(robust.referenceFingerprint(of: imageA), id: 7)
/// let hits = index.neighbors(of: robust.queryFingerprint(of: imageB), within: 87)
/// ```
///
/// Memory: the underlying index's bytes per entry times the views per image (66 for the
/// standard configuration). Cost: the underlying radius query's, once per query fingerprint,
/// over `views x images` entries; at PDQ's robust threshold (about a third of the bits) the
/// sublinear indexes degenerate towards a scan (see `Documentation/Robust.md`).
public struct RobustIndex<Index: HammingIndex>: Sendable {
    /// The index holding every view's fingerprint under its image's id.
    public private(set) var index: Index

    /// An empty index for robust sets of `bitCount`-bit fingerprints.
    ///
    /// - Precondition: `bitCount >= 1`.
    public init(bitCount: Int) {
        index = Index(bitCount: bitCount)
    }

    /// A robust index over an index already filled with every view of every reference, each
    /// under its image's id (for example built in bulk with ``HammingIndex/init(bitCount:words:ids:)``
    /// from the views' words and their images' ids, repeated once per view).
    public init(_ index: Index) {
        self.index = index
    }

    /// The underlying index's ``HammingIndex/byteCount``: memory for every view of every image.
    public var byteCount: Int { index.byteCount }

    /// The bit count of every stored fingerprint.
    public var bitCount: Int { index.bitCount }

    /// Adds every fingerprint of `reference` under `id`.
    ///
    /// - Precondition: `reference.bitCount == bitCount`.
    public mutating func insert(_ reference: RobustFingerprint, id: UInt32) {
        precondition(
            reference.bitCount == bitCount, "a \(reference.bitCount)-bit set in a \(bitCount)-bit robust index")
        for f in reference.fingerprints { index.insert(f, id: id) }
    }

    /// Removes every fingerprint stored under `id`; returns how many there were.
    @discardableResult
    public mutating func remove(id: UInt32) -> Int { index.remove(id: id) }

    /// Every id whose stored set is within `radius` of `query` (the smallest Hamming distance
    /// over the pairs), once, at that distance, sorted by `(distance, id)`.
    ///
    /// - Precondition: `query.bitCount == bitCount`.
    public func neighbors(of query: RobustFingerprint, within radius: Int) -> [SearchResult] {
        precondition(query.bitCount == bitCount, "a \(query.bitCount)-bit query in a \(bitCount)-bit robust index")
        var best: [UInt32: Int] = [:]
        for f in query.fingerprints {
            for hit in index.neighbors(of: f, within: radius) {
                if let d = best[hit.id], d <= hit.distance { continue }
                best[hit.id] = hit.distance
            }
        }
        return best.map { SearchResult(id: $0.key, distance: $0.value) }.sorted()
    }
}
