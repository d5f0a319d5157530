import Testing
import PerceptualHash

/// Every index against FAISS's exhaustive IndexBinaryFlat on the data of
/// `Scripts/references/search.py` (fixture `Fixtures/search/faiss_flat.txt`).
@Suite("Hamming indexes agree with FAISS IndexBinaryFlat")
struct FAISSReferenceTests {
    static func data() -> (words: [UInt64], queries: [Fingerprint]) {
        var rng = SplitMix64(seed: 0x5EED)
        let words = (0..<500).map { _ in rng.next() }
        var qrng = SplitMix64(seed: 0x0DE5)
        let queries = (0..<24).map { _ -> Fingerprint in
            let i = Int(qrng.next() % 500)
            let a = qrng.next() % 64
            let b = qrng.next() % 64
            return Fingerprint(words[i] ^ (1 << a) ^ (1 << b), bitCount: 64)
        }
        return (words, queries)
    }

    @Test("radius and k-nearest results match the fixture", arguments: IndexUnderTest.allCases)
    func matchesFAISS(kind: IndexUnderTest) throws {
        let lines = try Fixtures.lines("search/faiss_flat.txt")
        #expect(lines.count == 9 * 24 + 3 * 24)
        let (words, queries) = Self.data()
        let index = kind.build(bitCount: 64, words: words, ids: (0..<500).map { UInt32($0) })
        for line in lines {
            let fields = line.split(separator: " ")
            let q = queries[Int(fields[1])!]
            let param = Int(fields[2])!
            if fields[0] == "r" {
                let expected = fields.dropFirst(3).map { pair -> SearchResult in
                    let parts = pair.split(separator: ":")
                    return SearchResult(id: UInt32(parts[0])!, distance: Int(parts[1])!)
                }
                #expect(index.neighbors(of: q, within: param) == expected.sorted(), "\(kind): \(line)")
            } else {
                let expected = fields.dropFirst(3).map { Int($0)! }
                #expect(index.nearest(to: q, count: param).map(\.distance) == expected, "\(kind): \(line)")
            }
        }
    }
}
