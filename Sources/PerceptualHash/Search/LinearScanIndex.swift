/// The exact baseline: compares the query with every entry.
///
/// Entries are stored flat (one `[UInt64]` of words, one `[UInt32]` of ids); a query XORs and
/// counts bits eight 64-bit fingerprints at a time with SIMD (two at a time for 256 bits), at
/// memory speed; 64-bit radius queries up to radius 10 first reject pairs of entries with one
/// popcount of the AND of their XORs with the query (a lower bound of both distances). Use it for collections up to about 100,000 entries, for large radii (where
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

    /// The number of bits of every fingerprint.
    public var bitCount: Int { storage.bitCount }
    /// The number of entries.
    public var count: Int { storage.count }
    /// Heap bytes held: `8 w + 4` per entry (array capacity).
    public var byteCount: Int { storage.byteCount }

    /// An empty index for `bitCount`-bit fingerprints (see ``HammingIndex/init(bitCount:)``).
    public init(bitCount: Int) {
        storage = FingerprintStorage(bitCount: bitCount)
    }

    /// Stores the entries as given, O(n) (see ``HammingIndex/init(bitCount:words:ids:)``).
    public init(bitCount: Int, words: [UInt64], ids: [UInt32]) {
        storage = FingerprintStorage(bitCount: bitCount, words: words, ids: ids)
    }

    /// Appends the entry; O(w) amortized.
    public mutating func insert(_ fingerprint: Fingerprint, id: UInt32) {
        storage.append(fingerprint, id: id)
    }

    /// Removes every entry with `id` (moving the last entries into the gaps); O(n).
    @discardableResult
    public mutating func remove(id: UInt32) -> Int {
        storage.removeAll(id: id)
    }

    /// Every entry within `radius`, sorted by `(distance, id)` (see ``HammingIndex/neighbors(of:within:)``); O(n · w).
    public func neighbors(of query: Fingerprint, within radius: Int) -> [SearchResult] {
        let q = storage.queryWords(query)
        guard radius >= 0 else { return [] }
        var out: [PackedResult] = []
        q.withUnsafeBufferPointer { q in storage.scan(q, within: radius, removed: nil, into: &out) }
        return SearchResult.sortedResults(&out)
    }

    /// The first `k` entries by `(distance, id)` (see ``HammingIndex/nearest(to:count:)``); O(n · w + n log k) worst case.
    public func nearest(to query: Fingerprint, count k: Int) -> [SearchResult] {
        let q = storage.queryWords(query)
        guard k > 0 else { return [] }
        var top = TopK(k: k)
        q.withUnsafeBufferPointer { q in storage.scan(q, removed: nil, into: &top) }
        return top.results()
    }

    /// The number of entries within `radius` of `query`, without sorting or unpacking the
    /// matches (the benchmark's raw comparison speed). O(n · w).
    public func count(within radius: Int, of query: Fingerprint) -> Int {
        let q = storage.queryWords(query)
        guard radius >= 0 else { return 0 }
        var out: [PackedResult] = []
        q.withUnsafeBufferPointer { q in storage.scan(q, within: radius, removed: nil, into: &out) }
        return out.count
    }

    /// Every entry, in storage order.
    public func entries() -> (words: [UInt64], ids: [UInt32]) {
        (storage.words, storage.ids)
    }

    /// The entries in the ``IndexFile`` format, kind ``HammingIndexKind/linearScan``.
    public func serialized() -> [UInt8] {
        IndexFile.encode(
            kind: Self.kind, bitCount: bitCount, parameter: 0, words: storage.words, ids: storage.ids)
    }

    /// Restores an index from ``serialized()`` bytes.
    ///
    /// - Throws: ``IndexFileError`` (see ``IndexFile`` for the checks).
    public init(serialized bytes: [UInt8]) throws(IndexFileError) {
        let c = try IndexFile.decode(bytes, kind: Self.kind)
        self.init(bitCount: c.bitCount, words: c.words, ids: c.ids)
    }
}
