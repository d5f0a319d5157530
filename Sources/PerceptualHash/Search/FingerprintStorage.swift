/// Fingerprints of one bit count stored flat: entry `i` is `words[i * wordCount ..< (i + 1) *
/// wordCount]` (the layout of ``Fingerprint/word(_:)``), with its id in `ids[i]`.
///
/// The building block of every index; also the exact kernels (radius scan, top-k scan) they
/// share.
struct FingerprintStorage: Sendable {
    let bitCount: Int
    let wordCount: Int
    var words: [UInt64]
    var ids: [UInt32]

    init(bitCount: Int) {
        precondition(bitCount >= 1, "an index holds fingerprints of at least 1 bit, not \(bitCount)")
        self.bitCount = bitCount
        self.wordCount = (bitCount + 63) >> 6
        self.words = []
        self.ids = []
    }

    init(bitCount: Int, words: [UInt64], ids: [UInt32]) {
        self.init(bitCount: bitCount)
        precondition(
            words.count == ids.count * wordCount,
            "\(ids.count) ids need \(ids.count * wordCount) words of \(bitCount)-bit fingerprints, not \(words.count)")
        let spare = bitCount & 63
        if spare != 0 {
            let mask = ~UInt64(0) << UInt64(64 - spare)
            var i = wordCount - 1
            while i < words.count {
                precondition(
                    words[i] & ~mask == 0,
                    "entry \(i / wordCount) sets bits past bit \(bitCount - 1) in its last word")
                i += wordCount
            }
        }
        self.words = words
        self.ids = ids
    }

    var count: Int { ids.count }

    mutating func append(_ fingerprint: Fingerprint, id: UInt32) {
        checkBitCount(fingerprint)
        for w in 0..<wordCount { words.append(fingerprint.word(w)) }
        ids.append(id)
    }

    mutating func append(from other: FingerprintStorage, at i: Int) {
        let base = i * wordCount
        for w in 0..<wordCount { words.append(other.words[base + w]) }
        ids.append(other.ids[i])
    }

    mutating func reserveCapacity(_ n: Int) {
        words.reserveCapacity(n * wordCount)
        ids.reserveCapacity(n)
    }

    func checkBitCount(_ fingerprint: Fingerprint) {
        precondition(
            fingerprint.bitCount == bitCount,
            "this index holds \(bitCount)-bit fingerprints, not \(fingerprint.bitCount)-bit ones")
    }

    /// The query's words, checked against the bit count.
    func queryWords(_ fingerprint: Fingerprint) -> [UInt64] {
        checkBitCount(fingerprint)
        return fingerprint.words
    }

    /// The fingerprint of entry `i`.
    func fingerprint(at i: Int) -> Fingerprint {
        var f = Fingerprint(bitCount: bitCount)
        for w in 0..<wordCount { f.setWord(w, to: words[i * wordCount + w]) }
        return f
    }

    /// Removes every entry whose id is `id` by moving the last entries into their places;
    /// returns how many were removed. O(count).
    mutating func removeAll(id: UInt32) -> Int {
        var removed = 0
        var i = 0
        while i < ids.count {
            if ids[i] == id {
                let last = ids.count - 1
                if i != last {
                    ids[i] = ids[last]
                    for w in 0..<wordCount { words[i * wordCount + w] = words[last * wordCount + w] }
                }
                ids.removeLast()
                words.removeLast(wordCount)
                removed += 1
            } else {
                i += 1
            }
        }
        return removed
    }

    /// Appends `distance << 32 | id` for every entry within `radius` not marked in `removed`.
    func scan(
        _ q: UnsafeBufferPointer<UInt64>, within radius: Int, removed: Bitset?,
        into out: inout [PackedResult]
    ) {
        ids.withUnsafeBufferPointer { ids in
            words.withUnsafeBufferPointer { w in
                HammingKernel.scan(
                    words: w, ids: ids, wordCount: wordCount, query: q, within: radius,
                    removed: removed, into: &out)
            }
        }
    }

    /// Offers every entry not marked in `removed` to `top`.
    func scan(_ q: UnsafeBufferPointer<UInt64>, removed: Bitset?, into top: inout TopK) {
        ids.withUnsafeBufferPointer { ids in
            words.withUnsafeBufferPointer { w in
                HammingKernel.scanTopK(
                    words: w, ids: ids, wordCount: wordCount, query: q, removed: removed,
                    into: &top)
            }
        }
    }

    var byteCount: Int { words.capacity * 8 + ids.capacity * 4 }
}

/// A fixed-size set of small integers, one bit each.
struct Bitset: Sendable, Equatable {
    private(set) var bits: [UInt64]
    private(set) var setCount = 0

    init(count: Int) { bits = [UInt64](repeating: 0, count: (count + 63) >> 6) }

    @inline(__always)
    func contains(_ i: Int) -> Bool { bits[i >> 6] & (1 << UInt64(i & 63)) != 0 }

    /// Inserts `i`; returns false if it was already there.
    @discardableResult
    mutating func insert(_ i: Int) -> Bool {
        let m: UInt64 = 1 << UInt64(i & 63)
        if bits[i >> 6] & m != 0 { return false }
        bits[i >> 6] |= m
        setCount += 1
        return true
    }

    var byteCount: Int { bits.capacity * 8 }
}

/// The exact distance kernels.
enum HammingKernel {
    /// True when some lane has its top bit set.
    @inline(__always)
    static func anyTopBit(_ t: SIMD8<UInt64>) -> Bool {
        let a = t.lowHalf | t.highHalf
        let b = a.lowHalf | a.highHalf
        return (b[0] | b[1]) >> 63 != 0
    }

    /// The largest radius at which the 64-bit radius scan uses the pair filter (above it the
    /// filter rejects too few blocks to pay for itself).
    static let pairFilterMaximumRadius = 10

    /// Appends the entries `i ..< i + 8` whose distance `d[lane]` is below `rv` (radius + 1).
    @inline(__always)
    static func appendHits(
        _ d: SIMD8<UInt64>, _ rv: SIMD8<UInt64>, _ i: Int, _ ids: UnsafeBufferPointer<UInt32>,
        _ removed: Bitset?, _ out: inout [PackedResult]
    ) {
        let t = d &- rv
        if !anyTopBit(t) { return }
        for lane in 0..<8 where t[lane] >> 63 != 0 {
            let e = i &+ lane
            if let removed, removed.contains(e) { continue }
            out.append(d[lane] << 32 | UInt64(ids[e]))
        }
    }

    /// The pair filter's rare path, out of line so the hot loop keeps its registers: counts
    /// the blocks `i ..< i + 8` (XORs `a`) and `i + 8 ..< i + 16` (XORs `b`) in full.
    @inline(never)
    static func appendPairHits(
        _ a: SIMD8<UInt64>, _ b: SIMD8<UInt64>, _ rv: SIMD8<UInt64>, _ i: Int,
        _ ids: UnsafeBufferPointer<UInt32>, _ removed: Bitset?, _ out: inout [PackedResult]
    ) {
        appendHits(a.nonzeroBitCount, rv, i, ids, removed, &out)
        appendHits(b.nonzeroBitCount, rv, i &+ 8, ids, removed, &out)
    }

    /// The distance between entry `i` and the query.
    @inline(__always)
    static func distance(
        _ w: UnsafeBufferPointer<UInt64>, _ i: Int, _ wordCount: Int, _ q: UnsafeBufferPointer<UInt64>
    ) -> Int {
        if wordCount == 1 { return (w[i] ^ q[0]).nonzeroBitCount }
        let base = i &* wordCount
        var d = 0
        for k in 0..<wordCount { d &+= (w[base &+ k] ^ q[k]).nonzeroBitCount }
        return d
    }

    static func scan(
        words w: UnsafeBufferPointer<UInt64>, ids: UnsafeBufferPointer<UInt32>, wordCount: Int,
        query q: UnsafeBufferPointer<UInt64>, within radius: Int, removed: Bitset?,
        into out: inout [PackedResult]
    ) {
        let n = ids.count
        var i = 0
        if wordCount == 1, let base = w.baseAddress {
            let raw = UnsafeRawPointer(base)
            let qv = SIMD8<UInt64>(repeating: q[0])
            // d <= radius exactly when d - (radius + 1) wraps, setting the top bit.
            let rv = SIMD8<UInt64>(repeating: UInt64(clamping: Swift.min(radius, 1 << 20) + 1))
            // Small radii: entries i + l and i + 8 + l are paired, and popcount(x_a & x_b) is a
            // lower bound of both distances (a bit set in both XORs counts in each), so one
            // popcount rejects both when it exceeds the radius. On random 64-bit data that
            // bound is Binomial(64, 1/4) (mean 16), so at radius <= 10 most blocks of 16 cost
            // one popcount per pair; a block with a possible hit is counted in full.
            if radius <= Self.pairFilterMaximumRadius {
                while i &+ 16 <= n {
                    let a = raw.loadUnaligned(fromByteOffset: i &* 8, as: SIMD8<UInt64>.self) ^ qv
                    let b = raw.loadUnaligned(fromByteOffset: i &* 8 &+ 64, as: SIMD8<UInt64>.self) ^ qv
                    if anyTopBit((a & b).nonzeroBitCount &- rv) {
                        appendPairHits(a, b, rv, i, ids, removed, &out)
                    }
                    i &+= 16
                }
            }
            while i &+ 8 <= n {
                let x = raw.loadUnaligned(fromByteOffset: i &* 8, as: SIMD8<UInt64>.self)
                let d = (x ^ qv).nonzeroBitCount
                let t = d &- rv
                if anyTopBit(t) {
                    for lane in 0..<8 where t[lane] >> 63 != 0 {
                        let e = i &+ lane
                        if let removed, removed.contains(e) { continue }
                        out.append(d[lane] << 32 | UInt64(ids[e]))
                    }
                }
                i &+= 8
            }
        } else if wordCount == 4, let base = w.baseAddress {
            let raw = UnsafeRawPointer(base)
            let q4 = SIMD4<UInt64>(q[0], q[1], q[2], q[3])
            let qv = SIMD8<UInt64>(lowHalf: q4, highHalf: q4)
            while i &+ 2 <= n {
                let x = raw.loadUnaligned(fromByteOffset: i &* 32, as: SIMD8<UInt64>.self)
                let c = (x ^ qv).nonzeroBitCount
                let d0 = Int(c[0] &+ c[1] &+ c[2] &+ c[3])
                let d1 = Int(c[4] &+ c[5] &+ c[6] &+ c[7])
                if d0 <= radius, removed?.contains(i) != true {
                    out.append(UInt64(d0) << 32 | UInt64(ids[i]))
                }
                if d1 <= radius, removed?.contains(i &+ 1) != true {
                    out.append(UInt64(d1) << 32 | UInt64(ids[i &+ 1]))
                }
                i &+= 2
            }
        }
        while i < n {
            let d = distance(w, i, wordCount, q)
            if d <= radius, removed?.contains(i) != true {
                out.append(UInt64(d) << 32 | UInt64(ids[i]))
            }
            i &+= 1
        }
    }

    static func scanTopK(
        words w: UnsafeBufferPointer<UInt64>, ids: UnsafeBufferPointer<UInt32>, wordCount: Int,
        query q: UnsafeBufferPointer<UInt64>, removed: Bitset?, into top: inout TopK
    ) {
        let n = ids.count
        var i = 0
        if wordCount == 1, let base = w.baseAddress {
            let raw = UnsafeRawPointer(base)
            let qv = SIMD8<UInt64>(repeating: q[0])
            var limit = SIMD8<UInt64>(repeating: UInt64(clamping: Swift.min(top.threshold, 1 << 20) + 1))
            while i &+ 8 <= n {
                let x = raw.loadUnaligned(fromByteOffset: i &* 8, as: SIMD8<UInt64>.self)
                let d = (x ^ qv).nonzeroBitCount
                let t = d &- limit
                if anyTopBit(t) {
                    for lane in 0..<8 where t[lane] >> 63 != 0 {
                        let e = i &+ lane
                        if let removed, removed.contains(e) { continue }
                        top.offer(d[lane] << 32 | UInt64(ids[e]))
                    }
                    limit = SIMD8(repeating: UInt64(clamping: Swift.min(top.threshold, 1 << 20) + 1))
                }
                i &+= 8
            }
        }
        while i < n {
            let d = distance(w, i, wordCount, q)
            if d <= top.threshold, removed?.contains(i) != true {
                top.offer(UInt64(d) << 32 | UInt64(ids[i]))
            }
            i &+= 1
        }
    }
}
