import Testing
@testable import PerceptualHash

/// Every index against brute force on 256-bit (PDQ) fingerprints at PDQ's match distance:
/// radius 30, 31 (``PDQHash/matchDistance``) and 32, on uniformly random fingerprints and on
/// clusters of near-duplicates spread across that distance.
@Suite("256-bit indexes at PDQ's match distance")
struct PDQRadiusTests {
    static let radii = [30, 31, 32]

    /// `f` with `count` random bit positions toggled (a position drawn twice toggles back).
    static func flip(_ f: Fingerprint, _ count: Int, _ rng: inout SplitMix64) -> Fingerprint {
        var g = f
        for _ in 0..<count { g[bit: Int(rng.next() % 256)].toggle() }
        return g
    }

    static func random(_ rng: inout SplitMix64) -> Fingerprint {
        var f = Fingerprint(bitCount: 256)
        for w in 0..<4 { f.setWord(w, to: rng.next()) }
        return f
    }

    /// Entries and queries. Random: uniform entries (pairwise distances near 128), queries
    /// are entries with 20 to 40 flips. Clustered: 30 centres, entries are a centre with 0 to
    /// 24 flips, queries are entries with 0 to 16 more, so distances within a cluster run
    /// from 0 to about 40 and many fall on 30, 31 and 32.
    static func data(clustered: Bool, seed: UInt64) -> (entries: [Fingerprint], queries: [Fingerprint]) {
        var rng = SplitMix64(seed: seed)
        let n = 1200
        let entries: [Fingerprint]
        if clustered {
            let centres = (0..<30).map { _ in random(&rng) }
            entries = (0..<n).map { _ in flip(centres[Int(rng.next() % 30)], Int(rng.next() % 25), &rng) }
        } else {
            entries = (0..<n).map { _ in random(&rng) }
        }
        let queries = (0..<24).map { _ in
            let e = entries[Int(rng.next() % UInt64(n))]
            return clustered ? flip(e, Int(rng.next() % 17), &rng) : flip(e, 20 + Int(rng.next() % 21), &rng)
        }
        return (entries, queries)
    }

    /// Word-wise brute force, sorted by (distance, id) as the indexes report.
    static func bruteForce(_ entries: [(Fingerprint, UInt32)], _ q: Fingerprint, within r: Int) -> [SearchResult] {
        entries.compactMap { f, id -> SearchResult? in
            var d = 0
            for w in 0..<4 { d += (f.word(w) ^ q.word(w)).nonzeroBitCount }
            return d <= r ? SearchResult(id: id, distance: d) : nil
        }.sorted { ($0.distance, $0.id) < ($1.distance, $1.id) }
    }

    @Test("radius 30, 31, 32 equal brute force", arguments: IndexUnderTest.allCases, [false, true])
    func radiusQueries(kind: IndexUnderTest, clustered: Bool) {
        let seed: UInt64 = clustered ? 0x5D9 : 0x256
        let (entries, queries) = Self.data(clustered: clustered, seed: seed)
        var rng = SplitMix64(seed: seed ^ 0xFF)
        let ids = entries.indices.map { _ in UInt32(rng.next() % 1000) }  // some ids repeat
        let index = kind.build(bitCount: 256, words: flatWords(entries), ids: ids)
        let pairs = Array(zip(entries, ids))
        var onBoundary = 0  // hits at exactly the radius: the comparison that matters here
        for (qi, q) in queries.enumerated() {
            for r in Self.radii {
                let expected = Self.bruteForce(pairs, q, within: r)
                onBoundary += expected.filter { $0.distance == r }.count
                let got = index.neighbors(of: q, within: r)
                #expect(got == expected, "\(kind) clustered=\(clustered) seed=\(seed) query \(qi) r=\(r)")
            }
        }
        // Random queries (20 to 40 flips) sit near the radius from their source entry.
        #expect(onBoundary > 0, "no entry at distance exactly 30, 31 or 32: the data does not test the boundary")
    }
}
