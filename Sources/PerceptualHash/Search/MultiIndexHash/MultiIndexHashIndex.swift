/// Multi-index hashing (Norouzi, Punjani, Fleet, "Fast Search in Hamming Space with
/// Multi-Index Hashing", CVPR 2012, <https://arxiv.org/abs/1307.2982>): exact Hamming search
/// that is sublinear for small radii.
///
/// The `bitCount` bits are cut into `m` disjoint substrings (the first `bitCount % m` one bit
/// longer). By the pigeonhole principle an entry within distance `r` of the query is within
/// `floor(r / m)` of it on at least one substring; more precisely, with `r = m·s + a`
/// (`0 <= a < m`), within `s` on one of substrings `0 ... a` or within `s - 1` on one of the
/// others. Each substring has a table from the substring's leading key bits to the entries
/// holding them; a radius query visits, in each table, every key within that substring
/// radius of the query's key, checks the full distance of the entries found, and reports
/// each entry once (from the first table that can reach it). k-nearest queries grow the
/// radius level by level and stop as soon as no unseen entry can beat the k-th best (after
/// level `e` of table `j`, every entry within `m·e + j` has been seen).
///
/// **Layout** (CSR, no dictionaries). The entries are stored flat, sorted by table 0's
/// bucket, so table 0 needs only bucket offsets. A table's bucket is the leading
/// `min(substring length, floor(log2 n) - 1, 26)` bits of its substring (`- 3` with 4 or more
/// tables): about 2 (or 8) entries per bucket. The other tables take one of two forms:
///
/// - *Inline* (fingerprints of at most 64 bits whose bits outside every bucket number at most
///   48, when entries, slots, bucket offsets and removal marks take at most 32 bytes per entry;
///   64-bit: from 131,072 entries with `m = 2` or `3`, from about 559,000 with `m = 4`): each
///   slot of tables `1 ..< m` holds, in 6 bytes, its entry's bits outside the table's bucket,
///   so the full distance is checked where the slot is read, with no load from elsewhere.
///   Table 0's buckets are sorted by fingerprint; a match found in another table is a
///   fingerprint, mapped to its entries by binary search in its table-0 bucket. 64-bit entries
///   cost `8 + 4 + 6·(m - 1)` bytes plus the bucket offsets and removal marks.
/// - *Permutation* (otherwise): each slot is a `UInt32` position into the entries. A table's
///   key is then the first `min(substring length, bucket bits + 8)` bits of its substring, the
///   bits past the bucket (at most 8) being a tag kept in one byte beside each slot, so most
///   entries whose key is too far are skipped without touching their fingerprint (below 2^24
///   entries the tags of tables `1 ..< m` ride in the top byte of the permutation entries, so
///   one load yields position and tag).
///
/// A probe first gathers the non-empty buckets, reading a slot in every cache line of each,
/// then scans them (several slots per SIMD step), so that many memory loads are in flight at
/// once. Documentation/Search.md has the measurements behind these choices.
///
/// **Substring count.** `m = round(bitCount / log2 n)` (the paper's choice), plus one for
/// fingerprints of up to 64 bits while the average key still holds at most 64 entries (see
/// ``automaticSubstringCount(bitCount:count:)``), clamped to `1 ... min(bitCount, 64)` and at
/// least 2 when `bitCount >= 32`, then one fewer when only that many tables allow the inline
/// layout; chosen again at every rebuild while automatic; or fixed by
/// ``init(bitCount:substringCount:)``.
///
/// **Fallback.** When the keys to visit would cost more than comparing every entry (large
/// radii, small collections, k-nearest on uniformly random fingerprints whose k-th neighbour
/// is far), the query scans the entries instead; either way the result is exact.
///
/// **Updates.** Inserts go to a small unsorted buffer scanned by every query and merged by a
/// rebuild once it holds more than `max(256, 4·sqrt(n))` entries; removals mark entries and
/// rebuild once a quarter are marked (the scheme the VP-tree shares). The bulk initializer
/// builds all tables with counting sorts in O(n·m + 2^key bits).
///
/// ```swift
/// let index = MultiIndexHashIndex(bitCount: 64, words: hashes, ids: rowIDs)
/// let near = index.neighbors(of: query, within: 8)
/// ```
public struct MultiIndexHashIndex: HammingIndex {
    /// The most substrings allowed: 64.
    public static let maximumSubstringCount = 64

    /// Tables `1 ..< m` in one of the two layouts (table 0 is the entries themselves).
    enum Layout: Sendable {
        case permutation(PermutationTables)
        case inline(InlineTables)
    }

    /// The entries in table-0 order, the insert buffer and the removal marks.
    var store: BufferedEntries
    /// The substring count the caller fixed, or nil for the automatic count.
    var requestedSubstringCount: Int?
    /// The production settings, or what a test chose.
    var tuning: Tuning
    /// The tables of the current build, `m` of them.
    var tables: [Table] = []
    /// Every table's `2^bucketBits + 1` bucket offsets, concatenated.
    var directories: [UInt32] = []
    /// Tables `1 ..< m`.
    var layout: Layout = .permutation(PermutationTables())

    /// Whether the tables use the inline layout.
    var isInline: Bool {
        if case .inline = layout { return true }
        return false
    }

    /// ``HammingIndexKind/multiIndexHash``.
    public static var kind: HammingIndexKind { .multiIndexHash }

    /// The number of bits of every fingerprint.
    public var bitCount: Int { store.bitCount }
    /// The number of entries.
    public var count: Int { store.count }
    /// The number of substrings (tables) of the current build.
    public var substringCount: Int { tables.count }

    /// Heap bytes held: entries (`8 w + 4` each), `m - 1` permutations (4 bytes each) and
    /// `m` tags (1 byte each) or, inline, `m - 1` slots of 6 bytes, the bucket offsets, the
    /// insert buffer and the removal marks.
    public var byteCount: Int {
        let tableBytes: Int
        switch layout {
        case .permutation(let p): tableBytes = p.byteCount
        case .inline(let i): tableBytes = i.byteCount
        }
        return store.byteCount + directories.capacity * 4 + tableBytes
    }

    /// An empty index with an automatic substring count.
    public init(bitCount: Int) {
        self.init(bitCount: bitCount, words: [], ids: [])
    }

    /// An empty index that always uses `substringCount` substrings.
    ///
    /// - Precondition: `1 <= substringCount <= min(bitCount, 64)`.
    public init(bitCount: Int, substringCount: Int) {
        self.init(bitCount: bitCount, words: [], ids: [], substringCount: substringCount)
    }

    /// Builds the tables with counting sorts, O(n · m + 2^key bits), automatic substring count.
    public init(bitCount: Int, words: [UInt64], ids: [UInt32]) {
        self.init(bitCount: bitCount, words: words, ids: ids, substringCount: nil)
    }

    /// Builds an index with `substringCount` substrings (`nil`: automatic, see above).
    ///
    /// - Precondition: `1 <= substringCount <= min(bitCount, 64)`.
    public init(bitCount: Int, words: [UInt64], ids: [UInt32], substringCount: Int?) {
        self.init(bitCount: bitCount, words: words, ids: ids, substringCount: substringCount, tuning: Tuning())
    }

    /// Builds an index with the given tuning (tests).
    init(bitCount: Int, words: [UInt64], ids: [UInt32], substringCount: Int?, tuning: Tuning) {
        let storage = FingerprintStorage(bitCount: bitCount, words: words, ids: ids)
        if let m = substringCount {
            precondition(
                m >= 1 && m <= min(bitCount, Self.maximumSubstringCount),
                "a \(bitCount)-bit index takes 1 to \(min(bitCount, Self.maximumSubstringCount)) substrings, not \(m)")
        }
        store = BufferedEntries(built: FingerprintStorage(bitCount: bitCount))
        requestedSubstringCount = substringCount
        var tuning = tuning
        tuning.packLimit = min(tuning.packLimit, 1 << 24)
        self.tuning = tuning
        build(from: storage)
    }

    // MARK: Updates

    /// Adds the entry to the insert buffer; rebuilds when the buffer is full.
    public mutating func insert(_ fingerprint: Fingerprint, id: UInt32) {
        if store.insert(fingerprint, id: id) { rebuild() }
    }

    /// Removes every entry with `id` (O(n)); rebuilds once a quarter of the tables is marked.
    @discardableResult
    public mutating func remove(id: UInt32) -> Int {
        let (n, rebuild) = store.remove(id: id, rebuildDenominator: 4)
        if rebuild { self.rebuild() }
        return n
    }

    /// Every live entry: table order, then the insert buffer.
    public func entries() -> (words: [UInt64], ids: [UInt32]) {
        let out = store.live()
        return (out.words, out.ids)
    }

    // MARK: Queries

    /// Every entry within `radius`, sorted by `(distance, id)`: probes the tables (or scans,
    /// when probing would cost more) and scans the insert buffer.
    public func neighbors(of query: Fingerprint, within radius: Int) -> [SearchResult] {
        let q = store.main.queryWords(query)
        guard radius >= 0 else { return [] }
        var out: [PackedResult] = []
        q.withUnsafeBufferPointer { q in
            store.pending.scan(q, within: radius, removed: nil, into: &out)
            let m = tables.count
            let s = radius / m
            let a = radius % m
            var visits = 0
            for j in 0..<m {
                visits = min(visits + Self.bucketVisits(tables[j], low: 0, high: j <= a ? s : s - 1), Int.max / 4)
            }
            if visits.multipliedReportingOverflow(by: tuning.probeCost).partialValue > store.main.count
                || visits > Int.max / 64
            {
                store.main.scan(q, within: radius, removed: store.removedMarks, into: &out)
                return
            }
            switch layout {
            case .inline(let tables): probeRadiusInline(tables, q[0], radius: radius, s: s, a: a, into: &out)
            case .permutation(let tables): probeRadius(tables, q, radius: radius, s: s, a: a, into: &out)
            }
        }
        return SearchResult.sortedResults(&out)
    }

    /// The first `k` entries by `(distance, id)`: probes level by level, falling back to a scan
    /// once probing has cost a quarter of one.
    public func nearest(to query: Fingerprint, count k: Int) -> [SearchResult] {
        let q = store.main.queryWords(query)
        guard k > 0 else { return [] }
        var top = TopK(k: k)
        q.withUnsafeBufferPointer { q in
            store.pending.scan(q, removed: nil, into: &top)
            let finished: Bool
            switch layout {
            case .inline(let tables): finished = probeNearestInline(tables, q[0], into: &top)
            case .permutation(let tables): finished = probeNearest(tables, q, into: &top)
            }
            if !finished {
                top = TopK(k: k)
                store.pending.scan(q, removed: nil, into: &top)
                store.main.scan(q, removed: store.removedMarks, into: &top)
            }
        }
        return top.results()
    }

    // MARK: Persistence

    /// The live entries in the ``IndexFile`` format, kind ``HammingIndexKind/multiIndexHash``,
    /// with the caller-set substring count (0 when automatic) as the parameter.
    public func serialized() -> [UInt8] {
        let (w, ids) = entries()
        return IndexFile.encode(
            kind: Self.kind, bitCount: bitCount, parameter: UInt32(requestedSubstringCount ?? 0),
            words: w, ids: ids)
    }

    /// Restores an index from ``serialized()`` bytes.
    ///
    /// - Throws: ``IndexFileError`` (see ``IndexFile`` for the checks).
    public init(serialized bytes: [UInt8]) throws(IndexFileError) {
        let c = try IndexFile.decode(bytes, kind: Self.kind)
        self.init(
            bitCount: c.bitCount, words: c.words, ids: c.ids,
            substringCount: c.parameter == 0 ? nil : Int(c.parameter))
    }
}
