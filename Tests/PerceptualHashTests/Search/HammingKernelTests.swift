import Testing
@testable import PerceptualHash

@Suite("Hamming scan kernel (64-bit pair filter)")
struct HammingKernelTests {
    /// Entries near the query in either half of a 16-entry block, at every offset of the
    /// unrolled loops, with and without removal marks, against a bit-by-bit reference.
    @Test("radius scan equals the reference", arguments: [0, 1, 7, 15, 16, 17, 31, 32, 33, 47, 100])
    func radiusScan(count n: Int) {
        let seed = UInt64(n) &* 0x9E37 &+ 5
        var rng = SplitMix64(seed: seed)
        let query = rng.next()
        // Distances spread over 0 ... 14 (the filter's range and just past it) and random.
        let words = (0..<n).map { _ -> UInt64 in
            if rng.next() % 3 == 0 { return rng.next() }
            var w = query
            for _ in 0..<Int(rng.next() % 15) { w ^= 1 << (rng.next() % 64) }
            return w
        }
        let ids = (0..<n).map { _ in UInt32(truncatingIfNeeded: rng.next() % 1000) }
        var marks = Bitset(count: n)
        for i in 0..<n where rng.next() % 5 == 0 { marks.insert(i) }
        let q = Fingerprint(query, bitCount: 64)
        for removed in [nil, marks] {
            for radius in 0...(HammingKernel.pairFilterMaximumRadius + 3) {
                var out: [PackedResult] = []
                [query].withUnsafeBufferPointer { qp in
                    words.withUnsafeBufferPointer { w in
                        ids.withUnsafeBufferPointer { idp in
                            HammingKernel.scan(
                                words: w, ids: idp, wordCount: 1, query: qp, within: radius,
                                removed: removed, into: &out)
                        }
                    }
                }
                let got = SearchResult.sortedResults(&out)
                var expected: [SearchResult] = []
                for i in 0..<n where removed?.contains(i) != true {
                    let d = referenceDistance(Fingerprint(words[i], bitCount: 64), q)
                    if d <= radius { expected.append(SearchResult(id: ids[i], distance: d)) }
                }
                expected.sort { ($0.distance, $0.id) < ($1.distance, $1.id) }
                #expect(got == expected, "n=\(n) seed=\(seed) radius=\(radius) removed=\(removed != nil)")
            }
        }
    }
}
