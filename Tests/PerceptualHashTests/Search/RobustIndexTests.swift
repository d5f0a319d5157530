import Testing
@testable import PerceptualHash

/// Robust indexes answer per image, exactly as brute force over every view does.
@Suite struct RobustIndexTests {
    /// Random sets with planted near copies, so that radius queries find something.
    static func sets(bits: Int, images: Int, views: Int, seed: UInt64) -> [RobustFingerprint] {
        var rng = SplitMix64(seed: seed)
        var all: [RobustFingerprint] = []
        for i in 0..<images {
            let entries = (0..<views).map { v -> RobustFingerprint.Entry in
                var f = Fingerprint(bitCount: bits)
                if i > 0 && v == 0 && i % 3 == 0 {
                    f = all[i - 1].fingerprints[Int(rng.next() % UInt64(views))]  // a near copy of the previous image
                    for _ in 0..<Int(rng.next() % 20) { let b = Int(rng.next() % UInt64(bits)); f[bit: b].toggle() }
                } else {
                    for w in 0..<f.wordCount { f.setWord(w, to: rng.next()) }
                }
                return .init(variant: RobustVariant(left: v % 50), fingerprint: f)
            }
            all.append(try! RobustFingerprint(entries: entries))
        }
        return all
    }

    func check<I: HammingIndex>(_ type: I.Type, bits: Int, seed: UInt64) {
        let references = Self.sets(bits: bits, images: 60, views: 9, seed: seed)
        var index = RobustIndex<I>(bitCount: bits)
        for (i, r) in references.enumerated() { index.insert(r, id: UInt32(i)) }
        #expect(index.index.count == 60 * 9)
        let queries =
            Self.sets(bits: bits, images: 12, views: 2, seed: seed &+ 1) + [
                try! RobustFingerprint(entries: Array(references[5].entries.prefix(2))),
                try! RobustFingerprint(entries: [references[9].entries[4], references[30].entries[8]]),
            ]
        for (qi, q) in queries.enumerated() {
            for radius in [0, bits / 8, bits / 4, bits / 2 - 2, bits] {
                let expected = references.enumerated().compactMap { i, r -> SearchResult? in
                    let d = RobustTestImages.bruteForceDistance(q, r)
                    return d <= radius ? SearchResult(id: UInt32(i), distance: d) : nil
                }.sorted()
                #expect(
                    index.neighbors(of: q, within: radius) == expected,
                    "\(I.self) bits \(bits) query \(qi) radius \(radius)")
            }
        }
        var removed = index
        #expect(removed.remove(id: 5) == 9)
        #expect(!removed.neighbors(of: queries[12], within: bits).contains { $0.id == 5 })
    }

    @Test func everyIndexMatchesBruteForce() {
        for (bits, seed) in [(64, UInt64(1)), (256, 2)] {
            check(LinearScanIndex.self, bits: bits, seed: seed)
            check(MultiIndexHashIndex.self, bits: bits, seed: seed)
            check(BKTreeIndex.self, bits: bits, seed: seed)
            check(VPTreeIndex.self, bits: bits, seed: seed)
        }
    }
}
