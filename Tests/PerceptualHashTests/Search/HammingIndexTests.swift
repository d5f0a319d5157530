import Testing
@testable import PerceptualHash

@Suite("Hamming indexes agree with brute force")
struct HammingIndexTests {
    static let bitCounts = [64, 256, 100, 48]
    /// Every radius up to 12, then a sample up to 32 (debug builds run SIMD code slowly).
    static let radii = Array(0...12) + [14, 16, 19, 24, 28, 32]

    /// Queries: stored fingerprints, near-copies of them, and fresh random ones.
    static func queries(_ data: [Fingerprint], bitCount: Int, seed: UInt64) -> [Fingerprint] {
        var rng = SplitMix64(seed: seed ^ 0xABCD)
        var out: [Fingerprint] = []
        for k in [0, 2] {
            var f = data[Int(rng.next() % UInt64(data.count))]
            for _ in 0..<k { f[bit: Int(rng.next() % UInt64(bitCount))].toggle() }
            out.append(f)
        }
        var r = Fingerprint(bitCount: bitCount)
        for w in 0..<r.wordCount { r.setWord(w, to: rng.next()) }
        r.setWord(r.wordCount - 1, to: r.word(r.wordCount - 1))
        out.append(r)
        return out
    }

    static func check(
        _ index: AnyTestIndex, _ reference: Reference, queries: [Fingerprint], context: String
    ) {
        #expect(index.count == reference.entries.count, "count, \(context)")
        for (qi, q) in queries.enumerated() {
            let all = reference.all(q)
            for r in Self.radii {
                let expected = all.filter { $0.distance <= r }
                let got = index.neighbors(of: q, within: r)
                #expect(got == expected, "neighbors r=\(r) query \(qi), \(context)")
                if got != expected { return }
            }
            for k in [1, 3, 10, 37, 100] {
                let got = index.nearest(to: q, count: k)
                #expect(got == Array(all.prefix(k)), "nearest k=\(k) query \(qi), \(context)")
            }
        }
    }

    @Test("bulk-built indexes", arguments: IndexUnderTest.allCases, TestCollection.allCases)
    func bulk(kind: IndexUnderTest, shape: TestCollection) {
        for bitCount in shape == .uniform ? Self.bitCounts : [64, 256] {
            let seed = UInt64(bitCount) &* 7919 &+ UInt64(shape.rawValue.count)
            let n = shape == .uniform ? 400 : 250
            let data = shape.make(bitCount: bitCount, count: n, seed: seed)
            var rng = SplitMix64(seed: seed)
            // Ids with some repeats, so equal distances are ordered by id and duplicates exist.
            let ids = (0..<n).map { _ in UInt32(rng.next() % UInt64(n * 3 / 4)) }
            let index = kind.build(bitCount: bitCount, words: flatWords(data), ids: ids)
            let reference = Reference(entries: Array(zip(data, ids)))
            Self.check(
                index, reference, queries: Self.queries(data, bitCount: bitCount, seed: seed),
                context: "\(kind) \(shape) bits=\(bitCount) n=\(n) seed=\(seed)")
        }
    }

    @Test(
        "after inserts and removes",
        arguments: [IndexUnderTest.linear, .bkTree, .vpTree, .mih, .mihAlwaysProbe, .mihFiveTables, .mihInline],
        [TestCollection.uniform, .clustered, .allEqual])
    func updates(kind: IndexUnderTest, shape: TestCollection) {
        for bitCount in [64, 256] {
            let seed = UInt64(bitCount) &* 31 &+ UInt64(shape.rawValue.count)
            let data = shape.make(bitCount: bitCount, count: 520, seed: seed)
            var rng = SplitMix64(seed: seed)
            let ids = (0..<520).map { _ in UInt32(rng.next() % 400) }
            let context = "\(kind) \(shape) bits=\(bitCount) seed=\(seed)"
            var index = kind.build(
                bitCount: bitCount, words: flatWords(Array(data[0..<200])), ids: Array(ids[0..<200]))
            var reference = Reference(entries: Array(zip(data[0..<200], ids[0..<200])))
            // 320 inserts cross the rebuild threshold of the buffered indexes.
            for i in 200..<520 {
                index.insert(data[i], id: ids[i])
                reference.entries.append((data[i], ids[i]))
                if i % 97 == 0 {
                    let victim = ids[Int(rng.next() % UInt64(i))]
                    #expect(index.remove(id: victim) == reference.remove(id: victim), "remove \(victim), \(context)")
                }
            }
            let queries = Self.queries(data, bitCount: bitCount, seed: seed)
            Self.check(index, reference, queries: queries, context: "after inserts, \(context)")
            // Remove enough to force a compaction, and an absent id.
            for victim in stride(from: UInt32(0), to: 300, by: 2) {
                #expect(index.remove(id: victim) == reference.remove(id: victim), "remove \(victim), \(context)")
            }
            #expect(index.remove(id: 999_999) == 0)
            Self.check(index, reference, queries: queries, context: "after removes, \(context)")
        }
    }

    @Test("empty and single-entry indexes, negative radius, k <= 0", arguments: IndexUnderTest.allCases)
    func edges(kind: IndexUnderTest) throws {
        let q = try Fingerprint(hex: "d027473e388587f9")
        let empty = kind.build(bitCount: 64, words: [], ids: [])
        #expect(empty.count == 0)
        #expect(empty.neighbors(of: q, within: 64).isEmpty)
        #expect(empty.nearest(to: q, count: 3).isEmpty)
        var one = kind.build(bitCount: 64, words: [0xd027473e388587f8], ids: [9])
        #expect(one.neighbors(of: q, within: 0).isEmpty)
        #expect(one.neighbors(of: q, within: 1) == [SearchResult(id: 9, distance: 1)])
        #expect(one.neighbors(of: q, within: -1).isEmpty)
        #expect(one.nearest(to: q, count: 0).isEmpty)
        #expect(one.nearest(to: q, count: 5) == [SearchResult(id: 9, distance: 1)])
        #expect(one.remove(id: 9) == 1)
        #expect(one.count == 0)
        #expect(one.nearest(to: q, count: 5).isEmpty)
    }

    @Test("65536-bit fingerprints (the file format's maximum)", arguments: IndexUnderTest.allCases)
    func longest(kind: IndexUnderTest) {
        let b = 65536
        let zero = Fingerprint(bitCount: b)
        var ones = Fingerprint(bitCount: b)
        var half = Fingerprint(bitCount: b)
        for w in 0..<ones.wordCount {
            ones.setWord(w, to: ~0)
            half.setWord(w, to: w % 2 == 0 ? ~0 : 0)
        }
        let index = kind.build(bitCount: b, words: flatWords([zero, ones, half]), ids: [1, 2, 3])
        #expect(
            index.neighbors(of: zero, within: b) == [
                SearchResult(id: 1, distance: 0), SearchResult(id: 3, distance: b / 2),
                SearchResult(id: 2, distance: b),
            ], "\(kind)")
        #expect(
            index.nearest(to: ones, count: 2) == [
                SearchResult(id: 2, distance: 0), SearchResult(id: 3, distance: b / 2),
            ], "\(kind)")
        #expect(index.neighbors(of: half, within: b / 2 - 1) == [SearchResult(id: 3, distance: 0)], "\(kind)")
    }

    @Test("the SIMD scan equals a scalar loop at every length and radius")
    func kernel() {
        var rng = SplitMix64(seed: 42)
        for wordCount in [1, 2, 4, 5] {
            for n in [0, 1, 7, 8, 9, 17, 63] {
                let words = (0..<(n * wordCount)).map { _ in rng.next() & (rng.next() | rng.next()) }
                let ids = (0..<n).map { UInt32($0) }
                let q = (0..<wordCount).map { _ in rng.next() & rng.next() }
                let storage = FingerprintStorage(bitCount: wordCount * 64, words: words, ids: ids)
                for r in [0, 10, 20, 30, 64, 400] {
                    var out: [PackedResult] = []
                    q.withUnsafeBufferPointer { storage.scan($0, within: r, removed: nil, into: &out) }
                    var expected: [PackedResult] = []
                    for i in 0..<n {
                        var d = 0
                        for k in 0..<wordCount { d += (words[i * wordCount + k] ^ q[k]).nonzeroBitCount }
                        if d <= r { expected.append(UInt64(d) << 32 | UInt64(i)) }
                    }
                    #expect(out.sorted() == expected.sorted(), "w=\(wordCount) n=\(n) r=\(r)")
                }
            }
        }
        var x = SIMD8<UInt64>()
        for lane in 0..<8 { x[lane] = rng.next() }
        var t = SIMD8<UInt64>()
        #expect(!HammingKernel.anyTopBit(t))
        for lane in 0..<8 {
            t = SIMD8()
            t[lane] = 1 << 63
            #expect(HammingKernel.anyTopBit(t), "lane \(lane)")
        }
        #expect(!HammingKernel.anyTopBit(x & SIMD8(repeating: ~(1 << 63))))
    }

    @Test("automatic substring count follows bitCount / log2 n")
    func substringCount() {
        // One more table while the 16-bit keys average at most 64 entries (up to 2^22 entries).
        #expect(MultiIndexHashIndex.automaticSubstringCount(bitCount: 64, count: 1_000_000) == 4)
        #expect(MultiIndexHashIndex.automaticSubstringCount(bitCount: 64, count: 2_000_000) == 4)
        #expect(MultiIndexHashIndex.automaticSubstringCount(bitCount: 64, count: 1 << 22) == 4)
        #expect(MultiIndexHashIndex.automaticSubstringCount(bitCount: 64, count: (1 << 22) + 1) == 3)
        // 3 inline tables where 4 would need the permutation layout (2^17 to ~559,000 entries).
        #expect(MultiIndexHashIndex.automaticSubstringCount(bitCount: 64, count: 300_000) == 3)
        #expect(MultiIndexHashIndex.automaticSubstringCount(bitCount: 64, count: 131_072) == 3)
        #expect(MultiIndexHashIndex.automaticSubstringCount(bitCount: 64, count: 131_071) == 4)
        #expect(MultiIndexHashIndex.automaticSubstringCount(bitCount: 64, count: 559_000) == 3)
        #expect(MultiIndexHashIndex.automaticSubstringCount(bitCount: 64, count: 560_000) == 4)
        #expect(MultiIndexHashIndex.automaticSubstringCount(bitCount: 32, count: 50_000) == 2)
        #expect(MultiIndexHashIndex.automaticSubstringCount(bitCount: 32, count: 1_000_000) == 2)
        #expect(MultiIndexHashIndex.automaticSubstringCount(bitCount: 64, count: 10_000_000) == 3)
        #expect(MultiIndexHashIndex.automaticSubstringCount(bitCount: 256, count: 1_000_000) == 13)
        #expect(MultiIndexHashIndex.automaticSubstringCount(bitCount: 256, count: 100) == 16)
        #expect(MultiIndexHashIndex.automaticSubstringCount(bitCount: 64, count: 65_536) == 4)
        #expect(MultiIndexHashIndex.automaticSubstringCount(bitCount: 8, count: 2) == 1)
        #expect(MultiIndexHashIndex.automaticSubstringCount(bitCount: 64, count: 0) == 4)
    }

    /// Large 64-bit builds (automatic substring count unless given): the layout each size
    /// gets, at most 32 bytes per entry, and radius-8 answers equal to the scan's for queries
    /// near stored entries. (Beyond 2^22 entries the automatic count is 3, checked above.)
    @Test(
        "64-bit layouts by size: inline from 131,072 entries, 32 bytes per entry at most",
        arguments: [
            (1_000, nil, 4, false), (100_000, nil, 4, false), (131_072, nil, 3, true), (300_000, nil, 3, true),
            (300_000, 4, 4, false), (524_288, 4, 4, false), (559_000, nil, 3, true), (600_000, nil, 4, true),
            (1_048_576, nil, 4, true),
        ] as [(Int, Int?, Int, Bool)])
    func largeLayouts(n: Int, requested: Int?, m: Int, inline: Bool) {
        var rng = SplitMix64(seed: UInt64(n))
        let words = (0..<n).map { _ in rng.next() }
        let ids = (0..<n).map { UInt32($0) }
        let index = MultiIndexHashIndex(bitCount: 64, words: words, ids: ids, substringCount: requested)
        #expect(index.substringCount == m)
        #expect(index.isInline == inline)
        #expect(index.byteCount <= 32 * n, "\(Double(index.byteCount) / Double(n)) bytes per entry")
        let linear = LinearScanIndex(bitCount: 64, words: words, ids: ids)
        for k in 0..<20 {
            var w = words[Int(rng.next() % UInt64(n))]
            for _ in 0..<(k % 9) { w ^= 1 << (rng.next() % 64) }
            let q = Fingerprint(w, bitCount: 64)
            #expect(index.neighbors(of: q, within: 8) == linear.neighbors(of: q, within: 8))
        }
    }

    /// 12,000 entries in one table-0 bucket (the same leading 16 bits), most of them
    /// duplicates, reached only through tables 1 ..< m: every match is mapped back to all
    /// its entries exactly once, also after removals.
    @Test(
        "a crowded table-0 bucket reached through the other tables",
        arguments: [IndexUnderTest.mih, .mihInline, .mihInlineThreeTables])
    func crowdedBucket(kind: IndexUnderTest) {
        var rng = SplitMix64(seed: 77)
        let base = rng.next()
        let n = 12_000
        let words = (0..<n).map { _ -> UInt64 in
            var w = base
            for _ in 0..<Int(rng.next() % 3) { w ^= 1 << (rng.next() % 48) }
            return w
        }
        let ids = (0..<n).map { UInt32($0 % 9_000) }
        var index = kind.build(bitCount: 64, words: words, ids: ids)
        var reference = Reference(entries: zip(words, ids).map { (Fingerprint($0, bitCount: 64), $1) })
        let queries = [
            Fingerprint(base ^ (0b111 << 60), bitCount: 64), Fingerprint(base ^ (0b11 << 50) ^ 0b11, bitCount: 64),
            Fingerprint(base, bitCount: 64),
        ]
        for round in 0..<2 {
            for q in queries {
                let all = reference.all(q)
                for r in [0, 2, 5, 8] {
                    let got = index.neighbors(of: q, within: r)
                    let expected = all.filter { $0.distance <= r }
                    let same = got == expected  // thousands of results: report counts only
                    #expect(same, "\(kind) round \(round) r=\(r): \(got.count) results, \(expected.count) expected")
                }
                let nearest = index.nearest(to: q, count: 50)
                let same = nearest == Array(all.prefix(50))
                #expect(same, "\(kind) round \(round) k=50: \(nearest.prefix(3)) ... against \(all.prefix(3)) ...")
            }
            for victim in stride(from: UInt32(0), to: 3_000, by: 25) {
                #expect(index.remove(id: victim) == reference.remove(id: victim))
            }
        }
    }

    @Test("concurrent queries from many tasks equal serial ones", arguments: IndexUnderTest.allCases)
    func concurrent(kind: IndexUnderTest) async {
        let data = TestCollection.clustered.make(bitCount: 64, count: 400, seed: 5)
        let ids = (0..<400).map { UInt32($0) }
        let built = kind.build(bitCount: 64, words: flatWords(data), ids: ids)
        let queries = Array(data.prefix(64))
        func run<I: HammingIndex>(_ index: I) async -> Bool {
            let serialN = queries.map { index.neighbors(of: $0, within: 6) }
            let serialK = queries.map { index.nearest(to: $0, count: 7) }
            let batchN = await index.neighbors(of: queries, within: 6)
            let batchK = await index.nearest(to: queries, count: 7)
            let many = await withTaskGroup(of: Bool.self) { group in
                for t in 0..<16 {
                    group.addTask {
                        queries.indices.allSatisfy { i in
                            (i + t) % 2 == 0
                                ? index.neighbors(of: queries[i], within: 6) == serialN[i]
                                : index.nearest(to: queries[i], count: 7) == serialK[i]
                        }
                    }
                }
                return await group.allSatisfy { $0 }
            }
            return batchN == serialN && batchK == serialK && many
        }
        #expect(await run(built.base), "\(kind)")
    }
}
