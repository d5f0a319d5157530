/// Two positions of a fingerprint list within the threshold of each other, found by
/// ``nearDuplicateGroups(_:threshold:)``.
public struct DuplicatePair: Sendable, Hashable {
    /// The lower position, `first < second`.
    public var first: Int
    /// The higher position.
    public var second: Int
    /// The Hamming distance between the two fingerprints, `0 ... threshold`.
    public var distance: Int

    /// A pair of positions and their distance.
    public init(first: Int, second: Int, distance: Int) {
        self.first = first
        self.second = second
        self.distance = distance
    }
}

/// A set of near-duplicate images: a connected component of the graph that links every two
/// fingerprints within the threshold, found by ``nearDuplicateGroups(_:threshold:)``.
///
/// Members are linked through chains of matches, so two members may be farther apart than
/// the threshold (A near B and B near C puts A and C in one group); ``pairs`` lists the
/// direct matches.
public struct DuplicateGroup: Sendable, Hashable {
    /// The positions in the fingerprint list, ascending; at least two.
    public var members: [Int]
    /// Every pair of members within the threshold of each other, with its distance, sorted
    /// by `(first, second)`. A group of `k` members has between `k - 1` and `k (k - 1) / 2`
    /// pairs.
    public var pairs: [DuplicatePair]

    /// A group from its members and pairs.
    public init(members: [Int], pairs: [DuplicatePair]) {
        self.members = members
        self.pairs = pairs
    }
}

/// Groups near-duplicates: the connected components of the graph that links every two
/// fingerprints at Hamming distance `threshold` or less, with the matched pairs.
///
/// Only components of two or more are returned, ordered largest first, ties by their first
/// (lowest) member; members ascending, pairs by `(first, second)`: the grouping of the
/// `phash dedupe` command. Positions are indexes into `fingerprints`. A negative threshold
/// matches nothing.
///
/// The neighbours are found with a ``MultiIndexHashIndex`` over all fingerprints, one radius
/// query per fingerprint, the queries spread over all cores; components by union-find.
///
/// ```swift
/// let hashes = try ["d027473e388587f9", "d027473e388587f8", "e39899b6bab0ec42"].map {
///     try Fingerprint(hex: $0, bitCount: 64)
/// }
/// let groups = try await nearDuplicateGroups(hashes, threshold: 4)
/// groups[0].members          // [0, 1]
/// groups[0].pairs[0].distance // 1
/// ```
///
/// - Complexity: the index build, `n` radius queries, and memory for every matched pair
///   (quadratic in the size of a group of identical fingerprints).
/// - Throws: ``FingerprintError/bitCountMismatch(bitCount:otherBitCount:)`` when the
///   fingerprints do not all have the bit count of the first.
/// - Precondition: `fingerprints.count <= UInt32.max` (the index's id range).
public func nearDuplicateGroups(
    _ fingerprints: [Fingerprint], threshold: Int
) async throws(FingerprintError) -> [DuplicateGroup] {
    let n = fingerprints.count
    guard let bitCount = fingerprints.first?.bitCount else { return [] }
    for f in fingerprints where f.bitCount != bitCount {
        throw .bitCountMismatch(bitCount: bitCount, otherBitCount: f.bitCount)
    }
    guard n > 1, threshold >= 0 else { return [] }
    precondition(UInt64(n) <= UInt64(UInt32.max), "at most \(UInt32.max) fingerprints, not \(n)")
    let index = MultiIndexHashIndex(
        bitCount: bitCount, fingerprints: fingerprints, ids: (0..<n).map { UInt32(truncatingIfNeeded: $0) })
    let neighbours = await index.neighbors(of: fingerprints, within: threshold)

    // Union-find with path halving and union by size.
    var parent = Array(0..<n)
    var size = [Int](repeating: 1, count: n)
    func find(_ x: Int) -> Int {
        var x = x
        while parent[x] != x {
            parent[x] = parent[parent[x]]
            x = parent[x]
        }
        return x
    }
    for i in 0..<n {
        for r in neighbours[i] where Int(r.id) > i {
            var a = find(i), b = find(Int(r.id))
            if a == b { continue }
            if size[a] < size[b] { swap(&a, &b) }
            parent[b] = a
            size[a] += size[b]
        }
    }
    // Groups numbered by their first member, in ascending order of it.
    var groupOfRoot = [Int](repeating: -1, count: n)
    var groups: [DuplicateGroup] = []
    for i in 0..<n {
        let root = find(i)
        guard size[root] > 1 else { continue }
        if groupOfRoot[root] < 0 {
            groupOfRoot[root] = groups.count
            groups.append(DuplicateGroup(members: [], pairs: []))
        }
        groups[groupOfRoot[root]].members.append(i)
    }
    for i in 0..<n {
        let g = groupOfRoot[find(i)]
        guard g >= 0 else { continue }
        let matches = neighbours[i].filter { Int($0.id) > i }.sorted { $0.id < $1.id }
        for r in matches {
            groups[g].pairs.append(DuplicatePair(first: i, second: Int(r.id), distance: r.distance))
        }
    }
    // Largest first; ties by first member (the current order, kept by a stable sort).
    return groups.enumerated()
        .sorted { a, b in
            a.element.members.count != b.element.members.count
                ? a.element.members.count > b.element.members.count : a.offset < b.offset
        }
        .map(\.element)
}
