import Testing
@testable import PerceptualHash

/// The index implementations under test, each built from flat words and ids.
enum IndexUnderTest: String, CaseIterable, CustomStringConvertible, Sendable {
    case linear, bkTree, vpTree, mih, mihAlwaysProbe, mihOneTable, mihFiveTables, mihTinySubstrings
    case mihInline, mihInlineThreeTables, mihInlineOneTable

    var description: String { rawValue }

    func build(bitCount: Int, words: [UInt64], ids: [UInt32]) -> AnyTestIndex {
        switch self {
        case .linear: return AnyTestIndex(LinearScanIndex(bitCount: bitCount, words: words, ids: ids))
        case .bkTree: return AnyTestIndex(BKTreeIndex(bitCount: bitCount, words: words, ids: ids))
        case .vpTree: return AnyTestIndex(VPTreeIndex(bitCount: bitCount, words: words, ids: ids))
        case .mih: return AnyTestIndex(MultiIndexHashIndex(bitCount: bitCount, words: words, ids: ids))
        case .mihAlwaysProbe:
            var i = MultiIndexHashIndex(bitCount: bitCount, words: words, ids: ids)
            i.tuning.probeCost = 0
            #expect(ids.count < 256 || i.tables.dropFirst().allSatisfy { $0.tagsInPermutation || $0.tagBits == 0 })
            return AnyTestIndex(i)
        case .mihOneTable:
            var i = MultiIndexHashIndex(bitCount: bitCount, words: words, ids: ids, substringCount: 1)
            i.tuning.probeCost = 0
            return AnyTestIndex(i)
        case .mihTinySubstrings:
            // 4-bit substrings for 64 bits: keys without tag bits.
            var i = MultiIndexHashIndex(bitCount: bitCount, words: words, ids: ids, substringCount: 16)
            i.tuning.probeCost = 0
            #expect(i.tables.contains { $0.tagBits == 0 } || bitCount > 64 || ids.count < 256)
            return AnyTestIndex(i)
        case .mihInline, .mihInlineThreeTables, .mihInlineOneTable:
            // Buckets of at least 16 bits: the layout that keeps each slot's other bits in the
            // tables, which automatic builds use from about 2^17 entries.
            let m: Int? = self == .mihInline ? nil : self == .mihInlineThreeTables ? 3 : 1
            var i = MultiIndexHashIndex(
                bitCount: bitCount, words: words, ids: ids, substringCount: m,
                tuning: .init(bucketBitsFloor: 16))
            #expect(i.isInline == (bitCount <= 64), "inline layout for \(bitCount) bits")
            i.tuning.probeCost = 0
            return AnyTestIndex(i)
        case .mihFiveTables:
            // Also the separate-tag layout used beyond 2^24 entries.
            var i = MultiIndexHashIndex(
                bitCount: bitCount, words: words, ids: ids, substringCount: 5, tuning: .init(packLimit: -1))
            #expect(i.tables.allSatisfy { !$0.tagsInPermutation })
            i.tuning.probeCost = 0
            return AnyTestIndex(i)
        }
    }
}

/// A mutable box over any index so one test body drives every implementation.
struct AnyTestIndex {
    private var box: any HammingIndex
    init(_ index: some HammingIndex) { box = index }

    var count: Int { box.count }
    var base: any HammingIndex { box }

    mutating func insert(_ f: Fingerprint, id: UInt32) {
        func go<I: HammingIndex>(_ i: I) -> I { var c = i; c.insert(f, id: id); return c }
        box = go(box)
    }

    mutating func remove(id: UInt32) -> Int {
        func go<I: HammingIndex>(_ i: I) -> (I, Int) { var c = i; let n = c.remove(id: id); return (c, n) }
        let (b, n) = go(box)
        box = b
        return n
    }

    func neighbors(of q: Fingerprint, within r: Int) -> [SearchResult] { box.neighbors(of: q, within: r) }
    func nearest(to q: Fingerprint, count k: Int) -> [SearchResult] { box.nearest(to: q, count: k) }
}

/// Plain brute-force reference over (fingerprint, id) pairs.
struct Reference {
    var entries: [(Fingerprint, UInt32)] = []

    func all(_ q: Fingerprint) -> [SearchResult] {
        entries.map { SearchResult(id: $0.1, distance: referenceDistance($0.0, q)) }
            .sorted { ($0.distance, $0.id) < ($1.distance, $1.id) }
    }

    mutating func remove(id: UInt32) -> Int {
        let before = entries.count
        entries.removeAll { $0.1 == id }
        return before - entries.count
    }
}

/// Bit-by-bit Hamming distance, independent of the word-level kernels.
func referenceDistance(_ a: Fingerprint, _ b: Fingerprint) -> Int {
    var n = 0
    for i in 0..<a.bitCount where a[bit: i] != b[bit: i] { n += 1 }
    return n
}

/// Seeded collections of the shapes the property tests sweep.
enum TestCollection: String, CaseIterable, CustomStringConvertible, Sendable {
    case uniform, clustered, allEqual, allZero
    var description: String { rawValue }

    func make(bitCount: Int, count n: Int, seed: UInt64) -> [Fingerprint] {
        var rng = SplitMix64(seed: seed)
        func random() -> Fingerprint {
            var f = Fingerprint(bitCount: bitCount)
            for w in 0..<f.wordCount { f.setWord(w, to: rng.next()) }
            return f
        }
        switch self {
        case .uniform:
            return (0..<n).map { _ in random() }
        case .clustered:
            let centers = (0..<max(1, n / 40)).map { _ in random() }
            return (0..<n).map { _ in
                var f = centers[Int(rng.next() % UInt64(centers.count))]
                let flips = Int(rng.next() % 7)
                for _ in 0..<flips {
                    let b = Int(rng.next() % UInt64(bitCount))
                    f[bit: b].toggle()
                }
                return f
            }
        case .allEqual:
            let f = random()
            return [Fingerprint](repeating: f, count: n)
        case .allZero:
            return [Fingerprint](repeating: Fingerprint(bitCount: bitCount), count: n)
        }
    }
}

func flatWords(_ fs: [Fingerprint]) -> [UInt64] { fs.flatMap(\.words) }
