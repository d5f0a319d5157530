/// The planning part of multi-index hashing: how many tables, how many bucket bits each,
/// which layout, what a probe costs. Pure functions of the bit count, the entry count and the
/// tuning; the build and the queries follow what they decide.
extension MultiIndexHashIndex {
    /// The largest key (bits per table) used: 26.
    static let maximumKeyBits = 26
    /// The most bytes per entry (entries, slots, bucket offsets and removal marks) the inline
    /// layout may take.
    static let inlineBytesPerEntry = 32

    /// One table of a build: where its substring starts and how its key splits into bucket
    /// and tag.
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
        /// Offset of this table's tags in the permutation layout's `tags`, or -1 when it has
        /// no tag bits or keeps them in its permutation.
        var tagBase: Int
        /// The tags live in bits 24 to 31 of the permutation entries (positions < 2^24).
        var tagsInPermutation: Bool
        var tagBits: Int { keyBits - bucketBits }
    }

    /// Settings that only tests change, to reach every layout and path on small collections.
    struct Tuning: Sendable, Equatable {
        /// Collections of at most this many entries pack tags into the permutations (at most
        /// 2^24; negative: never).
        var packLimit = 1 << 24
        /// Every table's bucket takes at least this many bits (up to its substring's length);
        /// a floor above 0 also lifts the inline layout's memory bound.
        var bucketBitsFloor = 0
        /// A bucket visit is taken to cost this many entry comparisons; the query scans
        /// instead when the buckets to visit would cost more than `count` comparisons (0:
        /// always probe).
        var probeCost = 32
    }

    /// The layout of a build: its tables, and for the inline layout how each table splits a
    /// word.
    struct Plan {
        var tables: [Table]
        /// Empty for the permutation layout.
        var inline: [InlineTable]
        /// The number of bucket offsets of all tables.
        var directoryCount: Int
        /// The number of separate tags (permutation layout).
        var tagCount: Int
    }

    /// The tables for `n` entries of `b` bits with `m` substrings.
    static func plan(bitCount b: Int, count n: Int, substringCount m: Int, tuning: Tuning) -> Plan {
        var layout: [Table] = []
        var start = 0
        var base = 0
        var tagTotal = 0
        let pack = n <= tuning.packLimit
        let bucketBitCounts = bucketBits(bitCount: b, count: n, substringCount: m, floor: tuning.bucketBitsFloor)
        // A test's bucket floor forces the inline layout whatever its memory.
        let inline = inlineFits(
            bitCount: b, count: n, bucketBits: bucketBitCounts, memoryBound: tuning.bucketBitsFloor == 0)
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
        return Plan(tables: layout, inline: inlineLayout, directoryCount: base, tagCount: tagTotal)
    }

    /// The automatic substring count for `n` entries of `bitCount` bits:
    /// `round(bitCount / ceil(log2 n))` (Norouzi et al.); for fingerprints of at most 64 bits,
    /// one more when the shortest substring would still be long enough for the average key
    /// to hold at most 64 entries (`n <= 64 · 2^floor(bitCount / (m + 1))`; 64-bit: 4 instead
    /// of 3 for about 500,000 to 4,194,304 entries); at most `max(1, bitCount / 16)`
    /// (substrings of at least 16 bits: smaller collections gain nothing from more tables, and
    /// the memory stays within 32 bytes per 64-bit entry), at least 2 when `bitCount >= 32`,
    /// and at most 64; finally one fewer when only that many tables allow the inline layout
    /// (64-bit: 3 instead of 4 from 131,072 to about 559,000 entries). Documentation/Search.md
    /// gives the measurements behind each rule.
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
}
