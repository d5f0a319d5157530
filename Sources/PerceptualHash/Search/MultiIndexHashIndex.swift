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
///   cost `8 + 4 + 6·(m - 1)` bytes plus the bucket offsets and removal marks: 31.2 bytes per
///   entry at 1 million (`m = 4`), 27.5 at 10 million (`m = 3`).
/// - *Permutation* (otherwise): each slot is a `UInt32` position into the entries. A table's
///   key is then the first `min(substring length, bucket bits + 8)` bits of its substring, the
///   bits past the bucket (at most 8) being a tag kept in one byte beside each slot, so most
///   entries whose key is too far are skipped without touching their fingerprint (below 2^24
///   entries the tags of tables `1 ..< m` ride in the top byte of the permutation entries, so
///   one load yields position and tag).
///
/// A probe first gathers the non-empty buckets, reading a slot in every cache line of each,
/// then scans them (several slots per SIMD step), so that many memory loads are in flight at
/// once.
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
/// rebuild once a quarter are marked. The bulk initializer builds all tables with counting
/// sorts in O(n·m + 2^key bits).
///
/// ```swift
/// let index = MultiIndexHashIndex(bitCount: 64, words: hashes, ids: rowIDs)
/// let near = index.neighbors(of: query, within: 8)
/// ```
public struct MultiIndexHashIndex: HammingIndex {
    /// The most substrings allowed: 64.
    public static let maximumSubstringCount = 64
    /// The largest key (bits per table) used: 26.
    static let maximumKeyBits = 26
    /// The most bytes per entry (entries, slots, bucket offsets and removal marks) the inline
    /// layout may take.
    static let inlineBytesPerEntry = 32

    struct Table: Sendable, Equatable {
        /// First bit of the substring (and of its key).
        var start: Int
        /// Bits of the key: the first `keyBits` bits of the substring.
        var keyBits: Int
        /// The key's leading bits that select a bucket; the other `keyBits - bucketBits`
        /// (at most 8) are the tag stored beside each slot.
        var bucketBits: Int
        /// Offset of this table's `2^bucketBits + 1` bucket offsets in `directories`.
        var directoryBase: Int
        /// Offset of this table's tags in `tags`, or -1 when it has no tag bits or keeps them
        /// in its permutation.
        var tagBase: Int
        /// The tags live in bits 24 to 31 of the permutation entries (positions < 2^24).
        var tagsInPermutation: Bool
        var tagBits: Int { keyBits - bucketBits }
    }

    var main: FingerprintStorage
    var pending: FingerprintStorage
    var removed: Bitset
    var requestedSubstringCount: Int?
    var tables: [Table] = []
    var directories: [UInt32] = []
    /// Tables 1 ..< m: `main.count` positions each, concatenated, sorted by key; with up to
    /// 2^24 entries each position carries its slot's tag in bits 24 to 31, so one load gives
    /// both.
    var permutations: [UInt32] = []
    /// Collections of at most this many entries pack tags into the permutations (tests lower
    /// it to exercise the separate-tag layout).
    var packLimit = 1 << 24
    /// Tables 0 ..< m: the tag of each slot, `main.count` per table, concatenated.
    var tags: [UInt8] = []
    /// With the inline layout: per table, how its slots' bits are packed (empty otherwise).
    var inlineTables: [InlineTable] = []
    /// With the inline layout: tables 1 ..< m, `main.count` slots of
    /// ``InlineTable/slotBytes`` each, concatenated, sorted by bucket, plus
    /// ``InlineTable/padding`` bytes so four slots can be read with unaligned 8-byte loads
    /// from any slot.
    var inlineRest: [UInt8] = []
    /// Every table's bucket takes at least this many bits (up to its substring's length).
    /// Tests raise it to exercise the inline layout on small collections.
    var bucketBitsFloor = 0
    /// A bucket visit is taken to cost this many entry comparisons; the query scans instead
    /// when the buckets to visit would cost more than `count` comparisons. Tests set it to 0
    /// to exercise the probing path at every radius.
    var probeCost = 32

    /// ``HammingIndexKind/multiIndexHash``.
    public static var kind: HammingIndexKind { .multiIndexHash }

    /// The number of bits of every fingerprint.
    public var bitCount: Int { main.bitCount }
    /// The number of entries.
    public var count: Int { main.count - removed.setCount + pending.count }
    /// The number of substrings (tables) of the current build.
    public var substringCount: Int { tables.count }

    /// Heap bytes held: entries (`8 w + 4` each), `m - 1` permutations (4 bytes each) and
    /// `m` tags (1 byte each) or, inline, `m - 1` slots of 6 bytes, the bucket offsets, the
    /// insert buffer and the removal marks.
    public var byteCount: Int {
        main.byteCount + pending.byteCount + removed.byteCount + directories.capacity * 4
            + permutations.capacity * 4 + tags.capacity + inlineRest.capacity
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
        self.init(bitCount: bitCount, words: words, ids: ids, substringCount: substringCount, packLimit: 1 << 24)
    }

    init(
        bitCount: Int, words: [UInt64], ids: [UInt32], substringCount: Int?, packLimit: Int,
        bucketBitsFloor: Int = 0
    ) {
        let storage = FingerprintStorage(bitCount: bitCount, words: words, ids: ids)
        if let m = substringCount {
            precondition(
                m >= 1 && m <= min(bitCount, Self.maximumSubstringCount),
                "a \(bitCount)-bit index takes 1 to \(min(bitCount, Self.maximumSubstringCount)) substrings, not \(m)")
        }
        main = FingerprintStorage(bitCount: bitCount)
        pending = FingerprintStorage(bitCount: bitCount)
        removed = Bitset(count: 0)
        requestedSubstringCount = substringCount
        self.packLimit = min(packLimit, 1 << 24)  // negative: never pack
        self.bucketBitsFloor = bucketBitsFloor
        build(from: storage)
    }

    /// The automatic substring count for `n` entries of `bitCount` bits:
    /// `round(bitCount / ceil(log2 n))` (Norouzi et al.); for fingerprints of at most 64 bits,
    /// one more when the shortest substring would still be long enough for the average key
    /// to hold at most 64 entries (`n <= 64 · 2^floor(bitCount / (m + 1))`; 64-bit: 4 instead
    /// of 3 for about 500,000 to 4,194,304 entries, where, with the inline layout, it measured
    /// 1.8x faster at radius 8 at 1 and 2 million entries and as fast at 4 million, 2–3x
    /// faster at radius 12 and k = 10, and as fast or slightly slower at radius 4); at most
    /// `max(1, bitCount / 16)` (substrings of at least 16 bits: smaller collections gain
    /// nothing from more tables, and the memory stays within 32 bytes per 64-bit entry), at
    /// least 2 when `bitCount >= 32`, and at most 64; finally one fewer when only that many
    /// tables allow the inline layout (64-bit: 3 instead of 4 from 131,072 to about 559,000
    /// entries, where 3 inline tables measured 3.1–3.5x faster than 4 permutation tables at
    /// radius 8, 1.5–2x at radius 12 and 1.4–2.6x at k = 10).
    public static func automaticSubstringCount(bitCount: Int, count n: Int) -> Int {
        let log2n = n > 1 ? Double(Int.bitWidth - (n - 1).leadingZeroBitCount) : 1
        var m = Int((Double(bitCount) / max(log2n, 1)).rounded())
        if bitCount <= 64, m >= 1, bitCount / (m + 1) < 63, n <= 64 << (bitCount / (m + 1)) { m += 1 }
        m = min(m, max(1, bitCount / 16))
        if bitCount >= 32 { m = max(m, 2) }
        m = min(max(m, 1), min(bitCount, maximumSubstringCount))
        // One table fewer when only that many fits the inline layout.
        if m > 1, bitCount <= 64,
            !inlineFits(
                bitCount: bitCount, count: n, bucketBits: bucketBits(bitCount: bitCount, count: n, substringCount: m)),
            inlineFits(
                bitCount: bitCount, count: n,
                bucketBits: bucketBits(bitCount: bitCount, count: n, substringCount: m - 1))
        {
            m -= 1
        }
        return m
    }

    /// The bucket bits of each of the `m` tables for `n` entries: the substring's length, at
    /// most `floor(log2 n) - 1` (`- 3` with 4 or more tables, to bound the offsets' memory:
    /// about 2 or 8 entries per bucket) and at most 26; at least `floor` (tests).
    static func bucketBits(bitCount b: Int, count n: Int, substringCount m: Int, floor: Int = 0) -> [Int] {
        let logN = n > 0 ? Int.bitWidth - 1 - n.leadingZeroBitCount : 0
        return (0..<m).map { j in
            let length = b / m + (j < b % m ? 1 : 0)
            return min(length, max(logN - (m >= 4 ? 3 : 1), min(floor, length), 0), maximumKeyBits)
        }
    }

    /// Whether the inline layout applies: one-word fingerprints whose bits outside every
    /// bucket fit in ``InlineTable/restBits``, taking (entries, slots, bucket offsets and
    /// removal marks) at most ``inlineBytesPerEntry`` bytes per entry.
    static func inlineFits(bitCount b: Int, count n: Int, bucketBits: [Int], memoryBound: Bool = true) -> Bool {
        guard b <= 64, bucketBits.allSatisfy({ b - $0 <= InlineTable.restBits }) else { return false }
        if !memoryBound { return true }
        let bytes =
            n * (12 + InlineTable.slotBytes * (bucketBits.count - 1)) + n / 8
            + bucketBits.reduce(0) { $0 + 4 * ((1 << $1) + 1) }
        return bytes <= inlineBytesPerEntry * n
    }

    // MARK: Build

    private mutating func build(from storage: FingerprintStorage) {
        let n = storage.count
        let b = storage.bitCount
        let m = requestedSubstringCount ?? Self.automaticSubstringCount(bitCount: b, count: n)
        var layout: [Table] = []
        var start = 0
        var base = 0
        var tagTotal = 0
        let pack = n <= packLimit
        let bucketBitCounts = Self.bucketBits(bitCount: b, count: n, substringCount: m, floor: bucketBitsFloor)
        // A test's bucket floor forces the inline layout whatever its memory.
        let inline = Self.inlineFits(
            bitCount: b, count: n, bucketBits: bucketBitCounts, memoryBound: bucketBitsFloor == 0)
        var inlineLayout: [InlineTable] = []
        for j in 0..<m {
            let length = b / m + (j < b % m ? 1 : 0)
            let bucketBits = bucketBitCounts[j]
            let keyBits = inline ? bucketBits : min(length, bucketBits + 8)
            if inline { inlineLayout.append(InlineTable(bitCount: b, start: start, bucketBits: bucketBits)) }
            let hasTag = keyBits > bucketBits
            let inPermutation = hasTag && j > 0 && pack
            layout.append(
                Table(
                    start: start, keyBits: keyBits, bucketBits: bucketBits, directoryBase: base,
                    tagBase: hasTag && !inPermutation ? tagTotal : -1, tagsInPermutation: inPermutation))
            if hasTag && !inPermutation { tagTotal += n }
            base += (1 << bucketBits) + 1
            start += length
        }
        tables = layout
        var dirs = [UInt32](repeating: 0, count: base)
        let w = storage.wordCount
        var allTags = [UInt8](repeating: 0, count: tagTotal)

        // Table 0 orders the entries themselves.
        let t0 = layout[0]
        var keys = storage.words.withUnsafeBufferPointer { p in
            (0..<n).map { i in UInt32(truncatingIfNeeded: Self.key(p, i * w, t0.start, t0.keyBits)) }
        }
        let order = Self.countingSort(keys: keys, table: t0, directory: &dirs)
        if w == 1 {
            var words = [UInt64](repeating: 0, count: n)
            var ids = [UInt32](repeating: 0, count: n)
            storage.words.withUnsafeBufferPointer { src in
                storage.ids.withUnsafeBufferPointer { srcIDs in
                    words.withUnsafeMutableBufferPointer { words in
                        ids.withUnsafeMutableBufferPointer { ids in
                            for (slot, i) in order.enumerated() {
                                words[slot] = src[Int(i)]
                                ids[slot] = srcIDs[Int(i)]
                            }
                            // Inline: each bucket sorted by (fingerprint, id), so the entries
                            // of one fingerprint are found by binary search.
                            if inline {
                                for k in 0..<(1 << t0.bucketBits) {
                                    Self.sortBucket(words, ids, Int(dirs[k]), Int(dirs[k + 1]))
                                }
                            }
                        }
                    }
                }
            }
            main = FingerprintStorage(bitCount: b, words: words, ids: ids)
        } else {
            var sorted = FingerprintStorage(bitCount: b)
            sorted.reserveCapacity(n)
            for i in order { sorted.append(from: storage, at: Int(i)) }
            main = sorted
        }
        let tagMask0 = UInt32((1 << t0.tagBits) - 1)
        if t0.tagBase >= 0 {
            for slot in 0..<n { allTags[slot] = UInt8(truncatingIfNeeded: keys[Int(order[slot])] & tagMask0) }
        }

        inlineTables = inlineLayout
        if inline {
            // Tables 1 ..< m: each slot's bits outside the table's bucket, 6 bytes each.
            var rest = [UInt8](repeating: 0, count: n * (m - 1) * InlineTable.slotBytes + InlineTable.padding)
            rest.withUnsafeMutableBytes { out in
                main.words.withUnsafeBufferPointer { p in
                    for j in 1..<max(m, 1) {
                        let t = layout[j]
                        let it = inlineLayout[j]
                        for i in 0..<n { keys[i] = UInt32(truncatingIfNeeded: it.bucket(of: p[i])) }
                        let perm = Self.countingSort(keys: keys, table: t, directory: &dirs)
                        let tableBase = (j - 1) * n * InlineTable.slotBytes
                        for (slot, i) in perm.enumerated() {
                            let r = it.rest(of: p[Int(i)])
                            let o = tableBase + slot * InlineTable.slotBytes
                            out.storeBytes(
                                of: UInt32(truncatingIfNeeded: r).littleEndian, toByteOffset: o, as: UInt32.self)
                            out.storeBytes(
                                of: UInt16(truncatingIfNeeded: r >> 32).littleEndian, toByteOffset: o + 4,
                                as: UInt16.self)
                        }
                    }
                }
            }
            directories = dirs
            permutations = []
            tags = []
            inlineRest = rest
            removed = Bitset(count: n)
            pending = FingerprintStorage(bitCount: b)
            return
        }
        inlineRest = []

        var perms: [UInt32] = []
        perms.reserveCapacity(n * (m - 1))
        for j in 1..<max(m, 1) {
            let t = layout[j]
            main.words.withUnsafeBufferPointer { p in
                for i in 0..<n { keys[i] = UInt32(truncatingIfNeeded: Self.key(p, i * w, t.start, t.keyBits)) }
            }
            var perm = Self.countingSort(keys: keys, table: t, directory: &dirs)
            let tagMask = UInt32((1 << t.tagBits) - 1)
            if t.tagsInPermutation {
                for slot in 0..<n { perm[slot] |= (keys[Int(perm[slot])] & tagMask) << 24 }
            } else if t.tagBase >= 0 {
                for slot in 0..<n {
                    allTags[t.tagBase + slot] = UInt8(truncatingIfNeeded: keys[Int(perm[slot])] & tagMask)
                }
            }
            perms += perm
        }
        directories = dirs
        permutations = perms
        tags = allTags
        removed = Bitset(count: n)
        pending = FingerprintStorage(bitCount: b)
    }

    /// Positions sorted by bucket (stable); writes the bucket offsets of `table`.
    private static func countingSort(keys: [UInt32], table: Table, directory: inout [UInt32]) -> [UInt32] {
        let buckets = 1 << table.bucketBits
        let base = table.directoryBase
        let shift = UInt32(table.tagBits)
        for k in keys { directory[base + Int(k >> shift) + 1] += 1 }
        for i in 0..<buckets { directory[base + i + 1] += directory[base + i] }
        var cursor = Array(directory[base..<(base + buckets)])
        var out = [UInt32](repeating: 0, count: keys.count)
        for (i, k) in keys.enumerated() {
            let bucket = Int(k >> shift)
            out[Int(cursor[bucket])] = UInt32(i)
            cursor[bucket] += 1
        }
        return out
    }

    /// Sorts the entries `lo ..< hi` of `words` and `ids` by `(word, id)`.
    private static func sortBucket(
        _ words: UnsafeMutableBufferPointer<UInt64>, _ ids: UnsafeMutableBufferPointer<UInt32>, _ lo: Int, _ hi: Int
    ) {
        if hi - lo > 32 {
            var pairs = (lo..<hi).map { (words[$0], ids[$0]) }
            pairs.sort { $0 < $1 }
            for (k, p) in pairs.enumerated() {
                words[lo + k] = p.0
                ids[lo + k] = p.1
            }
            return
        }
        var i = lo + 1
        while i < hi {
            let v = (words[i], ids[i])
            var k = i
            while k > lo, (words[k - 1], ids[k - 1]) > v {
                words[k] = words[k - 1]
                ids[k] = ids[k - 1]
                k -= 1
            }
            words[k] = v.0
            ids[k] = v.1
            i += 1
        }
    }

    /// The `bits` bits starting at bit `start` of the fingerprint at `p[base...]`, bit `start`
    /// most significant (`bits <= 64`).
    @inline(__always)
    static func key(_ p: UnsafeBufferPointer<UInt64>, _ base: Int, _ start: Int, _ bits: Int) -> Int {
        if bits == 0 { return 0 }
        let wi = start >> 6
        let sh = start & 63
        var window = p[base &+ wi] << UInt64(sh)
        if sh != 0, sh &+ bits > 64 { window |= p[base &+ wi &+ 1] >> UInt64(64 &- sh) }
        return Int(truncatingIfNeeded: window >> UInt64(64 &- bits))
    }

    private mutating func rebuild() {
        let (w, ids) = entries()
        build(from: FingerprintStorage(bitCount: bitCount, words: w, ids: ids))
    }

    // MARK: Updates

    /// Adds the entry to the insert buffer; rebuilds when the buffer is full.
    public mutating func insert(_ fingerprint: Fingerprint, id: UInt32) {
        pending.append(fingerprint, id: id)
        let live = main.count - removed.setCount
        if pending.count > max(256, 4 * Int(Double(live).squareRoot())) { rebuild() }
    }

    /// Removes every entry with `id` (O(n)); rebuilds once a quarter of the tables is marked.
    @discardableResult
    public mutating func remove(id: UInt32) -> Int {
        var n = pending.removeAll(id: id)
        for i in 0..<main.count where main.ids[i] == id && !removed.contains(i) {
            removed.insert(i)
            n += 1
        }
        if removed.setCount > 0, removed.setCount * 4 > main.count { rebuild() }
        return n
    }

    /// Every live entry: table order, then the insert buffer.
    public func entries() -> (words: [UInt64], ids: [UInt32]) {
        var out = FingerprintStorage(bitCount: bitCount)
        out.reserveCapacity(count)
        for i in 0..<main.count where !removed.contains(i) { out.append(from: main, at: i) }
        for i in 0..<pending.count { out.append(from: pending, at: i) }
        return (out.words, out.ids)
    }

    // MARK: Queries

    /// Binomial coefficient C(n, k), saturating at `Int.max / 2`.
    static func binomial(_ n: Int, _ k: Int) -> Int {
        if k < 0 || k > n { return 0 }
        var c = 1
        for i in 0..<min(k, n - k) {
            c = c * (n - i) / (i + 1)
            if c > Int.max / 128 { return Int.max / 2 }
        }
        return c
    }

    /// Buckets visited by a probe of `table` with key distances `low ... high`.
    static func bucketVisits(_ t: Table, low: Int, high: Int) -> Int {
        var c = 0
        if high < 0 { return 0 }
        // A bucket at distance eb is visited for tag distances max(0, low - eb) ... high - eb.
        for eb in 0...min(high, t.bucketBits) where high - eb >= 0 && low - eb <= t.tagBits {
            c = min(c + binomial(t.bucketBits, eb), Int.max / 4)
        }
        return c
    }

    /// The query's per-table state: bucket and tag of its key.
    struct QueryKeys {
        var keys: [Int]
        var buckets: [Int]
        var tags: [UInt8]
    }

    func queryKeys(_ q: UnsafeBufferPointer<UInt64>) -> QueryKeys {
        var r = QueryKeys(keys: [], buckets: [], tags: [])
        for t in tables {
            let k = Self.key(q, 0, t.start, t.keyBits)
            r.keys.append(k)
            r.buckets.append(k >> t.tagBits)
            r.tags.append(UInt8(truncatingIfNeeded: k & ((1 << t.tagBits) - 1)))
        }
        return r
    }

    /// Appends the position of every slot of table `j` whose key distance to the query is in
    /// `low ... high`. Gathering first and verifying afterwards keeps many independent memory
    /// loads in flight.
    @inline(__always)
    private func collect(
        table j: Int, low: Int, high: Int, _ qk: QueryKeys,
        _ dir: UnsafeBufferPointer<UInt32>, _ perm: UnsafeBufferPointer<UInt32>,
        _ tagBuffer: UnsafeBufferPointer<UInt8>, into out: inout [UInt32]
    ) {
        let t = tables[j]
        let n = main.count
        if high < 0 { return }
        let qb = qk.buckets[j]
        let qt = qk.tags[j]
        let tagBase = t.tagBase
        let permBase = (j - 1) * n
        // Phase 1: the non-empty buckets (independent loads of the offsets).
        var ranges: [SIMD4<UInt32>] = []  // start, end, bucket distance
        for eb in 0...min(high, t.bucketBits) where low - eb <= t.tagBits {
            Self.forEachMask(bits: t.bucketBits, weight: eb) { mask in
                let bucket = t.directoryBase + (qb ^ mask)
                let start = dir[bucket]
                let end = dir[bucket + 1]
                if start != end { ranges.append(SIMD4(start, end, UInt32(eb), 0)) }
            }
        }
        // Phase 2: the slots whose key distance is in range.
        if t.tagsInPermutation {
            for r in ranges {
                let eb = Int(r[2])
                for slot in Int(r[0])..<Int(r[1]) {
                    let v = perm[permBase + slot]
                    let kd = eb + (UInt8(truncatingIfNeeded: v >> 24) ^ qt).nonzeroBitCount
                    if kd >= low, kd <= high { out.append(v & 0x00FF_FFFF) }
                }
            }
            return
        }
        for r in ranges {
            let eb = Int(r[2])
            var slot = Int(r[0])
            let end = Int(r[1])
            if tagBase < 0 {
                if eb < low || eb > high { continue }
                if j == 0 {
                    while slot < end { out.append(UInt32(truncatingIfNeeded: slot)); slot += 1 }
                } else {
                    while slot < end { out.append(perm[permBase + slot]); slot += 1 }
                }
                continue
            }
            while slot < end {
                let kd = eb + (tagBuffer[tagBase + slot] ^ qt).nonzeroBitCount
                if kd >= low, kd <= high {
                    out.append(j == 0 ? UInt32(truncatingIfNeeded: slot) : perm[permBase + slot])
                }
                slot += 1
            }
        }
    }

    /// Every entry within `radius`, sorted by `(distance, id)`: probes the tables (or scans,
    /// when probing would cost more) and scans the insert buffer.
    public func neighbors(of query: Fingerprint, within radius: Int) -> [SearchResult] {
        let q = main.queryWords(query)
        guard radius >= 0 else { return [] }
        var out: [PackedResult] = []
        q.withUnsafeBufferPointer { q in
            pending.scan(q, within: radius, removed: nil, into: &out)
            let m = tables.count
            let s = radius / m
            let a = radius % m
            var visits = 0
            for j in 0..<m {
                visits = min(visits + Self.bucketVisits(tables[j], low: 0, high: j <= a ? s : s - 1), Int.max / 4)
            }
            if visits.multipliedReportingOverflow(by: probeCost).partialValue > main.count
                || visits > Int.max / 64
            {
                main.scan(q, within: radius, removed: removed.setCount > 0 ? removed : nil, into: &out)
            } else if isInline {
                probeRadiusInline(q[0], radius: radius, s: s, a: a, into: &out)
            } else {
                probeRadius(q, radius: radius, s: s, a: a, into: &out)
            }
        }
        return SearchResult.sortedResults(&out)
    }

    private func probeRadius(
        _ q: UnsafeBufferPointer<UInt64>, radius: Int, s: Int, a: Int, into out: inout [PackedResult]
    ) {
        let m = tables.count
        let w = main.wordCount
        let anyRemoved = removed.setCount > 0
        let qk = queryKeys(q)
        let limits = (0..<m).map { $0 <= a ? s : s - 1 }
        tables.withUnsafeBufferPointer { tables in
            main.words.withUnsafeBufferPointer { p in
                main.ids.withUnsafeBufferPointer { ids in
                    directories.withUnsafeBufferPointer { dir in
                        permutations.withUnsafeBufferPointer { perm in
                            tags.withUnsafeBufferPointer { tagBuffer in
                                qk.keys.withUnsafeBufferPointer { qKeys in
                                    limits.withUnsafeBufferPointer { limits in
                                        var candidates: [UInt32] = []
                                        for j in 0..<m {
                                            candidates.removeAll(keepingCapacity: true)
                                            collect(
                                                table: j, low: 0, high: limits[j], qk, dir, perm, tagBuffer,
                                                into: &candidates)
                                            for c in candidates {
                                                let pos = Int(c)
                                                let d = HammingKernel.distance(p, pos, w, q)
                                                if d > radius { continue }
                                                // Reported by an earlier table?
                                                var earlier = false
                                                var i = 0
                                                while i < j {
                                                    let t = tables[i]
                                                    let k = Self.key(p, pos &* w, t.start, t.keyBits)
                                                    if (k ^ qKeys[i]).nonzeroBitCount <= limits[i] {
                                                        earlier = true; break
                                                    }
                                                    i += 1
                                                }
                                                if earlier { continue }
                                                if anyRemoved, removed.contains(pos) { continue }
                                                out.append(UInt64(d) << 32 | UInt64(ids[pos]))
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Calls `body` with every `bits`-bit mask of exactly `weight` set bits (Gosper's hack).
    @inline(__always)
    static func forEachMask(bits: Int, weight: Int, _ body: (Int) -> Void) {
        if weight == 0 { body(0); return }
        if weight > bits { return }
        var mask = (1 << weight) - 1
        let end = 1 << bits
        while mask < end {
            body(mask)
            let c = mask & -mask
            let r = mask + c
            mask = (((r ^ mask) >> 2) >> c.trailingZeroBitCount) | r
        }
    }

    /// The first `k` entries by `(distance, id)`: probes level by level, falling back to a scan
    /// once probing has cost a quarter of one.
    public func nearest(to query: Fingerprint, count k: Int) -> [SearchResult] {
        let q = main.queryWords(query)
        guard k > 0 else { return [] }
        var top = TopK(k: k)
        q.withUnsafeBufferPointer { q in
            pending.scan(q, removed: nil, into: &top)
            if !(isInline ? probeNearestInline(q[0], into: &top) : probeNearest(q, into: &top)) {
                top = TopK(k: k)
                pending.scan(q, removed: nil, into: &top)
                main.scan(q, removed: removed.setCount > 0 ? removed : nil, into: &top)
            }
        }
        return top.results()
    }

    /// Level-by-level k-nearest search: level `e` visits, table by table, the slots whose key
    /// distance is exactly `e`. Returns false when it gave up because the next level would
    /// cost more than a scan (`top` is then partial).
    private func probeNearest(_ q: UnsafeBufferPointer<UInt64>, into top: inout TopK) -> Bool {
        let m = tables.count
        let n = main.count
        if n == 0 { return true }
        let w = main.wordCount
        let anyRemoved = removed.setCount > 0
        let qk = queryKeys(q)
        let maxLevel = tables.map(\.keyBits).min() ?? 0
        // Give up (and scan) once the probes would cost a quarter of a scan: on uniformly
        // random fingerprints the k-th neighbour is far and probing cannot win.
        var budget = n / 4
        var finished = false
        var candidates: [UInt32] = []
        tables.withUnsafeBufferPointer { tables in
            main.words.withUnsafeBufferPointer { p in
                main.ids.withUnsafeBufferPointer { ids in
                    directories.withUnsafeBufferPointer { dir in
                        permutations.withUnsafeBufferPointer { perm in
                            tags.withUnsafeBufferPointer { tagBuffer in
                                qk.keys.withUnsafeBufferPointer { qKeys in
                                    for e in 0...maxLevel {
                                        var cost = 0
                                        for j in 0..<m {
                                            cost = min(
                                                cost + Self.bucketVisits(tables[j], low: e, high: e), Int.max / 4)
                                        }
                                        if cost.multipliedReportingOverflow(by: probeCost).overflow { return }
                                        budget -= cost * probeCost
                                        if budget < 0 { return }
                                        for j in 0..<m {
                                            candidates.removeAll(keepingCapacity: true)
                                            collect(
                                                table: j, low: e, high: e, qk, dir, perm, tagBuffer, into: &candidates)
                                            for c in candidates {
                                                let pos = Int(c)
                                                let d = HammingKernel.distance(p, pos, w, q)
                                                if d > top.threshold { continue }
                                                // Seen first at (smallest key distance, first table with it)?
                                                var first = true
                                                for i in 0..<m where i != j {
                                                    let t = tables[i]
                                                    let kd = (Self.key(p, pos &* w, t.start, t.keyBits) ^ qKeys[i])
                                                        .nonzeroBitCount
                                                    if i < j ? kd <= e : kd < e { first = false; break }
                                                }
                                                if !first { continue }
                                                if anyRemoved, removed.contains(pos) { continue }
                                                top.offer(UInt64(d) << 32 | UInt64(ids[pos]))
                                            }
                                            if top.isFull, top.threshold <= m * e + j {
                                                finished = true
                                                return
                                            }
                                        }
                                    }
                                    finished = true
                                }
                            }
                        }
                    }
                }
            }
        }
        return finished
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
