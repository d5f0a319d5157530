/// An exact index over fingerprints of one bit count, each stored with a caller's id, answering
/// "which stored fingerprints are within Hamming distance r of this one" and "which k are
/// nearest".
///
/// Four implementations return identical results and differ only in speed and memory (see
/// `Documentation/Search.md`):
///
/// | index | radius query cost | best for |
/// |---|---|---|
/// | ``LinearScanIndex`` | O(n), ~1e9 comparisons/s/core | small collections, large radii |
/// | ``MultiIndexHashIndex`` | sublinear for r well below `bitCount / 4` | large collections, small radii |
/// | ``BKTreeIndex`` | sublinear for tiny radii | incremental inserts, small r |
/// | ``VPTreeIndex`` | sublinear for tiny radii on clustered data | static clustered data |
///
/// **Entries.** An entry is a pair (fingerprint, id). Ids are `UInt32` (map them to your own
/// keys with an array); they need not be unique: inserting the same id twice keeps two
/// entries, both returned by queries, and ``remove(id:)`` removes every entry with that id.
///
/// **Results** are sorted by `(distance, id)` (see ``SearchResult``). ``nearest(to:count:)``
/// returns the first `k` entries of that order over the whole collection: ties at the k-th
/// distance are broken by the smaller id, so every index returns the same array.
///
/// **Concurrency.** Indexes are value types holding only arrays (copy-on-write) and are
/// `Sendable`: any number of tasks may query one index at once; a mutation works on the
/// mutating task's own copy. ``neighbors(of:within:)-([Fingerprint],_)`` and
/// ``nearest(to:count:)-([Fingerprint],_)`` spread a batch of queries over every core with a
/// task group.
///
/// ```swift
/// var index = MultiIndexHashIndex(bitCount: 64)
/// index.insert(try Fingerprint(hex: "d027473e388587f9"), id: 1)
/// index.insert(try Fingerprint(hex: "d027473e388587f8"), id: 2)
/// let hits = index.neighbors(of: try Fingerprint(hex: "d027473e388587f9"), within: 4)
/// // [1@0, 2@1]
/// ```
public protocol HammingIndex: Sendable {
    /// The tag written in saved files for this type.
    static var kind: HammingIndexKind { get }

    /// The number of bits of every stored fingerprint and every query.
    var bitCount: Int { get }

    /// The number of entries.
    var count: Int { get }

    /// The bytes of heap memory held by the index's arrays (capacity, not just count): the
    /// figure reported as "bytes per entry" by the benchmark.
    var byteCount: Int { get }

    /// An empty index for `bitCount`-bit fingerprints.
    ///
    /// - Precondition: `bitCount >= 1`.
    init(bitCount: Int)

    /// Builds an index from flat words in one pass, faster than inserting one by one: entry
    /// `i` has the words `words[i * w ..< (i + 1) * w]` (`w = ceil(bitCount / 64)`, the layout
    /// of ``Fingerprint/word(_:)``) and the id `ids[i]`.
    ///
    /// - Precondition: `words.count == ids.count * w`, and bits past `bitCount` in each last
    ///   word are zero.
    init(bitCount: Int, words: [UInt64], ids: [UInt32])

    /// Adds the entry `(fingerprint, id)`.
    ///
    /// - Precondition: `fingerprint.bitCount == bitCount`.
    mutating func insert(_ fingerprint: Fingerprint, id: UInt32)

    /// Removes every entry with this id and returns how many there were (0 if none).
    /// O(count) to find them.
    @discardableResult
    mutating func remove(id: UInt32) -> Int

    /// Every entry within Hamming distance `radius` of `query` (inclusive), sorted by
    /// `(distance, id)`. A negative radius returns nothing; a radius `>= bitCount` returns
    /// every entry.
    ///
    /// - Precondition: `query.bitCount == bitCount`.
    func neighbors(of query: Fingerprint, within radius: Int) -> [SearchResult]

    /// The `k` entries nearest to `query`: the first `k` of all entries sorted by
    /// `(distance, id)`; all entries when `k >= count`, none when `k <= 0`.
    ///
    /// - Precondition: `query.bitCount == bitCount`.
    func nearest(to query: Fingerprint, count k: Int) -> [SearchResult]

    /// Every entry, as flat words (layout of ``init(bitCount:words:ids:)``) and ids, in an
    /// unspecified order.
    func entries() -> (words: [UInt64], ids: [UInt32])

    /// The index in the binary file format of `Documentation/Search.md` (see ``IndexFile``).
    func serialized() -> [UInt8]

    /// Restores an index from ``serialized()`` bytes.
    ///
    /// - Throws: ``IndexFileError`` for bytes that are truncated, corrupted, of another
    ///   format, version or index kind, or that claim more entries than they hold.
    init(serialized bytes: [UInt8]) throws(IndexFileError)
}

/// The kind of index stored in a file (byte 10 of the header).
public enum HammingIndexKind: UInt8, Sendable, Hashable, CaseIterable {
    /// ``LinearScanIndex``.
    case linearScan = 1
    /// ``BKTreeIndex``.
    case bkTree = 2
    /// ``VPTreeIndex``.
    case vpTree = 3
    /// ``MultiIndexHashIndex``.
    case multiIndexHash = 4
}

extension HammingIndex {
    /// Builds an index from fingerprints and their ids (see ``init(bitCount:words:ids:)``).
    ///
    /// - Precondition: `fingerprints.count == ids.count` and every fingerprint has
    ///   `bitCount` bits.
    public init(bitCount: Int, fingerprints: [Fingerprint], ids: [UInt32]) {
        precondition(
            fingerprints.count == ids.count,
            "\(fingerprints.count) fingerprints but \(ids.count) ids")
        precondition(bitCount >= 1, "an index holds fingerprints of at least 1 bit, not \(bitCount)")
        let w = (bitCount + 63) >> 6
        var words: [UInt64] = []
        words.reserveCapacity(fingerprints.count * w)
        for f in fingerprints {
            precondition(
                f.bitCount == bitCount,
                "this index holds \(bitCount)-bit fingerprints, not \(f.bitCount)-bit ones")
            for k in 0..<w { words.append(f.word(k)) }
        }
        self.init(bitCount: bitCount, words: words, ids: ids)
    }

    /// Runs ``neighbors(of:within:)`` for every query, spreading the queries over all cores
    /// (a task group of chunks on the global concurrent executor). `result[i]` answers
    /// `queries[i]`.
    public func neighbors(of queries: [Fingerprint], within radius: Int) async -> [[SearchResult]] {
        await batch(queries) { index, q in index.neighbors(of: q, within: radius) }
    }

    /// Runs ``nearest(to:count:)`` for every query, spreading the queries over all cores.
    /// `result[i]` answers `queries[i]`.
    public func nearest(to queries: [Fingerprint], count k: Int) async -> [[SearchResult]] {
        await batch(queries) { index, q in index.nearest(to: q, count: k) }
    }

    private func batch(
        _ queries: [Fingerprint],
        _ body: @escaping @Sendable (Self, Fingerprint) -> [SearchResult]
    ) async -> [[SearchResult]] {
        if queries.isEmpty { return [] }
        let chunkSize = Swift.max(1, (queries.count + 63) / 64)
        let index = self
        return await withTaskGroup(of: (Int, [[SearchResult]]).self) { group in
            var start = 0
            while start < queries.count {
                let range = start..<Swift.min(start + chunkSize, queries.count)
                let chunk = Array(queries[range])
                group.addTask { (range.lowerBound, chunk.map { body(index, $0) }) }
                start = range.upperBound
            }
            var out = [[SearchResult]](repeating: [], count: queries.count)
            for await (first, results) in group {
                for (k, r) in results.enumerated() { out[first + k] = r }
            }
            return out
        }
    }

    /// The live entries (``entries()``) in the ``IndexFile`` format with parameter 0: the
    /// default for indexes that keep nothing but their entries (the BK- and VP-trees; a loaded
    /// index is rebuilt from the entries).
    public func serialized() -> [UInt8] {
        let (w, ids) = entries()
        return IndexFile.encode(kind: Self.kind, bitCount: bitCount, parameter: 0, words: w, ids: ids)
    }

    /// Restores an index from ``serialized()`` bytes by a bulk build from the stored entries.
    ///
    /// - Throws: ``IndexFileError`` (see ``IndexFile`` for the checks).
    public init(serialized bytes: [UInt8]) throws(IndexFileError) {
        let c = try IndexFile.decode(bytes, kind: Self.kind)
        self.init(bitCount: c.bitCount, words: c.words, ids: c.ids)
    }

    /// Writes ``serialized()`` to `path` atomically: a temporary file in the same folder is
    /// written, flushed with `fsync`, renamed over `path`, and the folder is flushed, so a
    /// crash leaves either the old file or the new one.
    ///
    /// - Throws: ``IndexFileError/io(operation:path:errno:)`` when a system call fails.
    public func save(to path: String) throws(IndexFileError) {
        try IndexFile.writeAtomically(serialized(), to: path)
    }

    /// Loads an index saved by ``save(to:)``.
    ///
    /// - Throws: ``IndexFileError``: `io` when the file cannot be read, otherwise the errors of
    ///   ``init(serialized:)``.
    public init(contentsOf path: String) throws(IndexFileError) {
        try self.init(serialized: IndexFile.read(path))
    }
}
