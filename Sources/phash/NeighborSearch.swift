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

/// The index used by the commands.
func makeNeighborSearch(bitCount: Int, fingerprints: [Fingerprint]) -> some NeighborSearch {
    LinearNeighborSearch(bitCount: bitCount, fingerprints: fingerprints)
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
