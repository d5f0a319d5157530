/// The exact baseline: compares the query with every entry.
///
/// Entries are stored flat (one `[UInt64]` of words, one `[UInt32]` of ids); a query XORs and
/// counts bits eight 64-bit fingerprints at a time with SIMD (two at a time for 256 bits), at
/// memory speed. Use it for collections up to about 100,000 entries, for large radii (where
/// no index can prune), and as the reference the other indexes are tested against.
///
/// - Complexity: ``neighbors(of:within:)`` and ``nearest(to:count:)`` are O(n · w) for
///   `w = ceil(bitCount / 64)` (plus O(k log k) for the results); ``insert(_:id:)`` is O(w)
///   amortized; ``remove(id:)`` is O(n). Memory: `8 w + 4` bytes per entry.
///
/// ```swift
/// let index = LinearScanIndex(bitCount: 64, words: [0xd027473e388587f9], ids: [7])
/// index.nearest(to: try Fingerprint(hex: "d027473e388587f8"), count: 1)  // [7@1]
/// ```
public struct LinearScanIndex: HammingIndex {
    var storage: FingerprintStorage

    /// ``HammingIndexKind/linearScan``.
    public static var kind: HammingIndexKind { .linearScan }

    public var bitCount: Int { storage.bitCount }
    public var count: Int { storage.count }
    public var byteCount: Int { storage.byteCount }

    public init(bitCount: Int) {
        storage = FingerprintStorage(bitCount: bitCount)
    }

    public init(bitCount: Int, words: [UInt64], ids: [UInt32]) {
        storage = FingerprintStorage(bitCount: bitCount, words: words, ids: ids)
    }

    public mutating func insert(_ fingerprint: Fingerprint, id: UInt32) {
        storage.append(fingerprint, id: id)
    }

    @discardableResult
    public mutating func remove(id: UInt32) -> Int {
        storage.removeAll(id: id)
    }

    public func neighbors(of query: Fingerprint, within radius: Int) -> [SearchResult] {
        let q = storage.queryWords(query)
        guard radius >= 0 else { return [] }
        var out: [PackedResult] = []
        q.withUnsafeBufferPointer { q in storage.scan(q, within: radius, removed: nil, into: &out) }
        return SearchResult.sortedResults(&out)
    }

    public func nearest(to query: Fingerprint, count k: Int) -> [SearchResult] {
        let q = storage.queryWords(query)
        guard k > 0 else { return [] }
        var top = TopK(k: k)
        q.withUnsafeBufferPointer { q in storage.scan(q, removed: nil, into: &top) }
        return top.results()
    }

    /// The number of entries within `radius` of `query`, without building the result list
    /// (the benchmark's raw comparison speed).
    public func count(within radius: Int, of query: Fingerprint) -> Int {
        let q = storage.queryWords(query)
        guard radius >= 0 else { return 0 }
        var out: [PackedResult] = []
        q.withUnsafeBufferPointer { q in storage.scan(q, within: radius, removed: nil, into: &out) }
        return out.count
    }

    public func entries() -> (words: [UInt64], ids: [UInt32]) {
        (storage.words, storage.ids)
    }

    public func serialized() -> [UInt8] {
        IndexFile.encode(
            kind: Self.kind, bitCount: bitCount, parameter: 0, words: storage.words, ids: storage.ids)
    }

    public init(serialized bytes: [UInt8]) throws(IndexFileError) {
        let c = try IndexFile.decode(bytes, kind: Self.kind)
        self.init(bitCount: c.bitCount, words: c.words, ids: c.ids)
    }
}
