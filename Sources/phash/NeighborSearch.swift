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

/// The library's ``MultiIndexHashIndex`` (Norouzi, Punjani, Fleet, CVPR 2012), with ids =
/// positions.
struct LibraryNeighborSearch: NeighborSearch {
    let index: MultiIndexHashIndex

    init(bitCount: Int, fingerprints: [Fingerprint]) {
        index = MultiIndexHashIndex(
            bitCount: bitCount, fingerprints: fingerprints, ids: (0..<fingerprints.count).map { UInt32($0) })
    }

    func neighbors(of query: Fingerprint, within radius: Int) -> [Int] {
        index.neighbors(of: query, within: radius).map { Int($0.id) }
    }

    func nearest(to query: Fingerprint, count k: Int) -> [(id: Int, distance: Int)] {
        index.nearest(to: query, count: k).map { (Int($0.id), $0.distance) }
    }
}

/// The index used by the commands.
func makeNeighborSearch(bitCount: Int, fingerprints: [Fingerprint]) -> some NeighborSearch {
    LibraryNeighborSearch(bitCount: bitCount, fingerprints: fingerprints)
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
