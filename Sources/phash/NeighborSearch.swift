import PerceptualHash

/// The neighbour search `dedupe` and `index search` need. Kept small so that the
/// implementation behind it can be swapped.
protocol NeighborSearch: Sendable {
    /// An index of `fingerprints`; entry `i` is `fingerprints[i]`.
    init(bitCount: Int, fingerprints: [Fingerprint])
    /// Positions of every entry within Hamming distance `radius` of `query` (inclusive), any order.
    func neighbors(of query: Fingerprint, within radius: Int) -> [Int]
    /// The `k` nearest entries, sorted by (distance, position).
    func nearest(to query: Fingerprint, count k: Int) -> [(id: Int, distance: Int)]
}

/// All entries scanned: O(n) per query.
struct LinearNeighborSearch: NeighborSearch {
    let fingerprints: [Fingerprint]
    init(bitCount: Int, fingerprints: [Fingerprint]) { self.fingerprints = fingerprints }
    func neighbors(of query: Fingerprint, within radius: Int) -> [Int] {
        fingerprints.indices.filter { fingerprints[$0].distance(to: query) <= radius }
    }
    func nearest(to query: Fingerprint, count k: Int) -> [(id: Int, distance: Int)] {
        let all = fingerprints.indices.map { (id: $0, distance: fingerprints[$0].distance(to: query)) }
        return Array(all.sorted { ($0.distance, $0.id) < ($1.distance, $1.id) }.prefix(k))
    }
}

/// Multi-index hashing (Norouzi, Punjani, Fleet, "Fast Search in Hamming Space with
/// Multi-Index Hashing", CVPR 2012): the `64 w` word bits are cut into `m` even chunks of at
/// most 20 bits (about `log2(n)`), each with a direct-addressed table from chunk value to entries. Two fingerprints
/// within distance `r` agree to within `floor(r / m)` bits on at least one chunk (pigeonhole),
/// so a query probes, in every chunk, each value within that many bits of its own, and checks
/// the candidates' full distance. When probing would touch more entries than a scan, it scans.
struct MultiIndexNeighborSearch: NeighborSearch {
    let words: [UInt64]
    let w: Int
    let count: Int
    let chunkBits: Int
    let chunkCount: Int
    /// `offsets[c * (tableSize + 1) + v] ..< offsets[c * (tableSize + 1) + v + 1]` is the range
    /// of `ids[c]` holding the entries whose chunk `c` equals `v`.
    let offsets: [Int32]
    let ids: [[Int32]]

    init(bitCount: Int, fingerprints: [Fingerprint]) {
        w = (bitCount + 63) / 64
        count = fingerprints.count
        var flat: [UInt64] = []
        flat.reserveCapacity(w * count)
        for f in fingerprints { for k in 0..<w { flat.append(f.word(k)) } }
        words = flat
        // About one entry per table slot: log2(n) bits, within 4...20.
        var bits = 4
        while bits < 20 && (1 << bits) < count { bits += 1 }
        chunkCount = (64 * w + bits - 1) / bits
        // Even cuts: chunk c is bits [c * 64w / m, (c + 1) * 64w / m), none much shorter.
        chunkBits = (64 * w + chunkCount - 1) / chunkCount
        let tableSize = 1 << chunkBits
        var offsets = [Int32](repeating: 0, count: chunkCount * (tableSize + 1))
        var ids: [[Int32]] = []
        for c in 0..<chunkCount {
            let base = c * (tableSize + 1)
            var keys = [Int](repeating: 0, count: count)
            for i in 0..<count {
                keys[i] = Self.chunk(flat, i * w, w, c, chunkCount)
                offsets[base + keys[i] + 1] += 1
            }
            for v in 0..<tableSize { offsets[base + v + 1] += offsets[base + v] }
            var fill = Array(offsets[base..<(base + tableSize)])
            var list = [Int32](repeating: 0, count: count)
            for i in 0..<count {
                list[Int(fill[keys[i]])] = Int32(i)
                fill[keys[i]] += 1
            }
            ids.append(list)
        }
        self.offsets = offsets
        self.ids = ids
    }

    /// Chunk `c` of `m` even chunks of the `w` words starting at `start`: bits
    /// `[c * 64w / m, (c + 1) * 64w / m)`, at most 64 of them, as an integer.
    static func chunk(_ words: [UInt64], _ start: Int, _ wordCount: Int, _ c: Int, _ m: Int) -> Int {
        let first = c * 64 * wordCount / m
        let bits = (c + 1) * 64 * wordCount / m - first
        let k = first >> 6, shift = first & 63
        var v = words[start + k] >> UInt64(shift)
        if shift + bits > 64 && k + 1 < wordCount { v |= words[start + k + 1] << UInt64(64 - shift) }
        return bits == 64 ? Int(truncatingIfNeeded: v) : Int(truncatingIfNeeded: v & ((1 << UInt64(bits)) - 1))
    }

    func distance(_ i: Int, _ query: [UInt64]) -> Int {
        var d = 0
        for k in 0..<w { d += (words[i * w + k] ^ query[k]).nonzeroBitCount }
        return d
    }

    func neighbors(of query: Fingerprint, within radius: Int) -> [Int] {
        guard radius >= 0 else { return [] }
        let q = (0..<w).map { query.word($0) }
        let perChunk = radius / chunkCount
        // Probes per chunk: sum of C(chunkBits, j) for j <= perChunk.
        var probes = 0, binomial = 1
        for j in 0...min(perChunk, chunkBits) {
            if j > 0 { binomial = binomial * (chunkBits - j + 1) / j }
            probes += binomial
        }
        if perChunk >= chunkBits || probes * chunkCount >= count {
            return (0..<count).filter { distance($0, q) <= radius }
        }
        var masks: [Int] = [0]
        if perChunk >= 1 {
            var frontier: [Int] = [0]
            for _ in 0..<perChunk {  // masks with one more bit, each built from a higher bit only
                var next: [Int] = []
                for m in frontier {
                    let top = m == 0 ? -1 : (Int.bitWidth - 1 - m.leadingZeroBitCount)
                    for b in (top + 1)..<chunkBits { next.append(m | (1 << b)) }
                }
                masks += next
                frontier = next
            }
        }
        let tableSize = 1 << chunkBits
        var out: [Int] = []
        for c in 0..<chunkCount {
            let key = Self.chunk(q, 0, w, c, chunkCount)
            let base = c * (tableSize + 1)
            let list = ids[c]
            for mask in masks {
                let v = key ^ mask
                guard v < tableSize else { continue }
                for p in Int(offsets[base + v])..<Int(offsets[base + v + 1]) {
                    let i = Int(list[p])
                    if distance(i, q) <= radius { out.append(i) }
                }
            }
        }
        out.sort()
        var unique: [Int] = []
        unique.reserveCapacity(out.count)
        for i in out where unique.last != i { unique.append(i) }
        return unique
    }

    func nearest(to query: Fingerprint, count k: Int) -> [(id: Int, distance: Int)] {
        let q = (0..<w).map { query.word($0) }
        let all = (0..<count).map { (id: $0, distance: distance($0, q)) }
        return Array(all.sorted { ($0.distance, $0.id) < ($1.distance, $1.id) }.prefix(k))
    }
}

/// The index used by the commands.
func makeNeighborSearch(bitCount: Int, fingerprints: [Fingerprint]) -> some NeighborSearch {
    MultiIndexNeighborSearch(bitCount: bitCount, fingerprints: fingerprints)
}

/// The neighbours within `radius` of every fingerprint, queries spread over all cores.
func neighborLists(_ fingerprints: [Fingerprint], bitCount: Int, radius: Int) async -> [[Int]] {
    let index = makeNeighborSearch(bitCount: bitCount, fingerprints: fingerprints)
    return await withTaskGroup(of: (Int, [[Int]]).self) { group in
        let chunk = max(1, (fingerprints.count + 63) / 64)
        var start = 0
        while start < fingerprints.count {
            let range = start..<min(start + chunk, fingerprints.count)
            group.addTask { (range.lowerBound, range.map { index.neighbors(of: fingerprints[$0], within: radius) }) }
            start = range.upperBound
        }
        var out = [[Int]](repeating: [], count: fingerprints.count)
        for await (first, lists) in group {
            for (k, list) in lists.enumerated() { out[first + k] = list }
        }
        return out
    }
}
