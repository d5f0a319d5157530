import PerceptualHash
import PerceptualHashTestSupport

// `phash-bench index [--count N] [--quick] [--queries Q] [--clustered] [--no-trees] [--only NAME] [--substrings M]`
//
// Builds every index over N seeded random 64-bit fingerprints (SplitMix64, seed 0x5EED, the
// same stream Benchmarks/faiss_index.py generates) and times, on one core: the bulk build,
// radius 4, 8 and 12 queries, and k = 10 queries. Queries are stored fingerprints with two
// bits flipped (so every radius query has at least one hit), drawn from SplitMix64 seed 0x0DE5.
// Figures are medians of 5 timed runs after a warm-up run.

private typealias BenchRNG = SplitMix64

@inline(never)
func indexBlackHole<T>(_ x: T) {
    withExtendedLifetime(x) {}
}

private func seconds(_ d: Duration) -> Double {
    let c = d.components
    return Double(c.seconds) + Double(c.attoseconds) * 1e-18
}

private func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s[s.count / 2]
}

private func pad(_ s: String, _ n: Int) -> String {
    s.count >= n ? s : String(repeating: " ", count: n - s.count) + s
}

private func fmt(_ x: Double, _ digits: Int = 1) -> String {
    var p = 1.0
    for _ in 0..<digits { p *= 10 }
    let r = (x * p).rounded() / p
    return "\(r)"
}

/// Data set: `n` words, plus query words.
private func makeData(count n: Int, queries: Int, clustered: Bool) -> ([UInt64], [UInt64]) {
    var rng = BenchRNG(seed: 0x5EED)
    var words = [UInt64](repeating: 0, count: n)
    if clustered {
        // n / 100 centres; each entry is a centre with 0 to 7 random bits flipped.
        let centres = (0..<max(1, n / 100)).map { _ in rng.next() }
        for i in 0..<n {
            var w = centres[Int(rng.next() % UInt64(centres.count))]
            let flips = Int(rng.next() % 8)
            for _ in 0..<flips { w ^= 1 << (rng.next() % 64) }
            words[i] = w
        }
    } else {
        for i in 0..<n { words[i] = rng.next() }
    }
    var qrng = BenchRNG(seed: 0x0DE5)
    let qs = (0..<queries).map { _ -> UInt64 in
        let i = Int(qrng.next() % UInt64(n))
        let a = qrng.next() % 64
        let b = qrng.next() % 64
        return words[i] ^ (1 << a) ^ (1 << b)
    }
    return (words, qs)
}

private func timeQueries(_ queries: [Fingerprint], _ body: (Fingerprint) -> Int) -> (Double, Int) {
    var hits = 0
    for q in queries { hits &+= body(q) }  // warm-up
    var runs: [Double] = []
    let clock = ContinuousClock()
    for _ in 0..<5 {
        let t0 = clock.now
        var h = 0
        for q in queries { h &+= body(q) }
        runs.append(seconds(clock.now - t0))
        indexBlackHole(h)
    }
    return (median(runs) / Double(queries.count), hits)
}

private func benchOne<I: HammingIndex>(
    _ name: String, _ type: I.Type, words: [UInt64], ids: [UInt32], queries allQueries: [Fingerprint],
    slowQueries: Int, reference: [[Int]]?, substrings: Int? = nil
) -> [[Int]] {
    let n = ids.count
    let clock = ContinuousClock()
    let t0 = clock.now
    let index: I
    if let m = substrings, I.self == MultiIndexHashIndex.self {
        index = MultiIndexHashIndex(bitCount: 64, words: words, ids: ids, substringCount: m) as! I
    } else {
        index = I(bitCount: 64, words: words, ids: ids)
    }
    let build = seconds(clock.now - t0)
    var line = pad(name, 12) + pad(fmt(build, 2) + " s", 10) + pad(fmt(Double(index.byteCount) / Double(n)), 8)
    var counts: [[Int]] = []
    for (column, radius) in [4, 8, 12].enumerated() {
        let budget = radius >= 12 ? slowQueries : allQueries.count
        let queries = Array(allQueries.prefix(budget))
        var perQuery: [Int] = []
        let (t, _) = timeQueries(queries) { q in index.neighbors(of: q, within: radius).count }
        for q in queries { perQuery.append(index.neighbors(of: q, within: radius).count) }
        if let reference, !zip(reference[column], perQuery).allSatisfy({ $0 == $1 }) {
            line += " MISMATCH r=\(radius)"
        }
        counts.append(perQuery)
        line += pad(fmt(t * 1e6), 11) + pad(fmt(1 / t, 0), 10)
    }
    let knnQueries = Array(allQueries.prefix(slowQueries))
    let (t, _) = timeQueries(knnQueries) { q in index.nearest(to: q, count: 10).last?.distance ?? 0 }
    let lastDistances = knnQueries.map { index.nearest(to: $0, count: 10).last?.distance ?? -1 }
    if let reference, !zip(reference[3], lastDistances).allSatisfy({ $0 == $1 }) {
        line += " MISMATCH k=10"
    }
    counts.append(lastDistances)
    line += pad(fmt(t * 1e6), 11) + pad(fmt(1 / t, 0), 10)
    print(line)
    return counts
}

func runIndexBenchmark(arguments: [String]) {
    var n = 1_000_000
    var queryCount = 1000
    var clustered = false
    var trees = true
    var only: String? = nil
    var i = 0
    var mihSubstrings: Int? = nil  // --substrings M: MIH with M tables instead of the automatic count
    while i < arguments.count {
        switch arguments[i] {
        case "--count" where i + 1 < arguments.count:
            n = Int(arguments[i + 1]) ?? n
            i += 1
        case "--queries" where i + 1 < arguments.count:
            queryCount = Int(arguments[i + 1]) ?? queryCount
            i += 1
        case "--quick":
            n = 100_000
            queryCount = 200
        case "--substrings" where i + 1 < arguments.count:
            mihSubstrings = Int(arguments[i + 1])
            i += 1
        case "--clustered": clustered = true
        case "--no-trees": trees = false
        case "--only" where i + 1 < arguments.count:
            only = arguments[i + 1]
            i += 1
        default:
            print(
                "unknown option \(arguments[i]); options: --count N --queries Q --quick --clustered --no-trees --only linear|mih|vp-tree|bk-tree --substrings M"
            )
            return
        }
        i += 1
    }
    let (words, qwords) = makeData(count: n, queries: queryCount, clustered: clustered)
    let ids = (0..<n).map { UInt32($0) }
    let queries = qwords.map { Fingerprint($0, bitCount: 64) }
    // Linear-scan-speed queries are limited to keep a run short.
    let scanQueries = max(10, min(queryCount, 200_000_000 / max(n, 1)))
    print(
        "index benchmark: \(n) \(clustered ? "clustered" : "random") 64-bit fingerprints, \(queryCount) queries (\(scanQueries) for scans), one core"
    )
    print("times: median of 5 runs after a warm-up; us/q = microseconds per query, q/s = queries per second")
    print(
        pad("index", 12) + pad("build", 10) + pad("B/entry", 8)
            + pad("r=4 us/q", 11) + pad("q/s", 10) + pad("r=8 us/q", 11) + pad("q/s", 10)
            + pad("r=12 us/q", 11) + pad("q/s", 10) + pad("k=10 us/q", 11) + pad("q/s", 10))

    let linear = LinearScanIndex(bitCount: 64, words: words, ids: ids)
    var reference: [[Int]] = []
    for r in [4, 8, 12] {
        reference.append(queries.prefix(scanQueries).map { linear.neighbors(of: $0, within: r).count })
    }
    reference.append(queries.prefix(scanQueries).map { linear.nearest(to: $0, count: 10).last?.distance ?? -1 })

    print(
        "  hits over the first \(scanQueries) queries: r=4: \(reference[0].reduce(0, +)), r=8: \(reference[1].reduce(0, +)), r=12: \(reference[2].reduce(0, +))"
    )
    func wanted(_ name: String) -> Bool { only == nil || only == name }
    if wanted("linear") {
        _ = benchOne(
            "linear", LinearScanIndex.self, words: words, ids: ids,
            queries: Array(queries.prefix(scanQueries)), slowQueries: scanQueries, reference: reference)
        // Raw comparison speed of the scan (count only, no result list).
        do {
            let q = Array(queries.prefix(scanQueries))
            let (t, _) = timeQueries(q) { linear.count(within: 8, of: $0) }
            print("  linear scan: \(fmt(Double(n) / t / 1e9, 2)) billion 64-bit comparisons per second")
        }
    }
    if wanted("mih") {
        _ = benchOne(
            "mih", MultiIndexHashIndex.self, words: words, ids: ids,
            queries: queries, slowQueries: scanQueries, reference: reference,
            substrings: mihSubstrings)
        let m = MultiIndexHashIndex(bitCount: 64, words: words, ids: ids, substringCount: mihSubstrings)
        print("  mih: \(m.substringCount) substrings")
        // Incremental inserts: the last tenth one by one into an index bulk-built from the rest.
        let tail = max(1, min(n / 10, 100_000))
        var grown = MultiIndexHashIndex(
            bitCount: 64, words: Array(words[0..<(n - tail)]), ids: Array(ids[0..<(n - tail)]))
        let fingerprints = words[(n - tail)...].map { Fingerprint($0, bitCount: 64) }
        let clock = ContinuousClock()
        let t0 = clock.now
        for (k, f) in fingerprints.enumerated() { grown.insert(f, id: UInt32(n - tail + k)) }
        let perInsert = seconds(clock.now - t0) / Double(tail)
        let t1 = clock.now
        indexBlackHole(MultiIndexHashIndex(bitCount: 64, words: words, ids: ids).count)
        let perBulk = seconds(clock.now - t1) / Double(n)
        print(
            "  mih: \(tail) single inserts \(fmt(perInsert * 1e6, 2)) us each (amortized rebuilds); bulk build \(fmt(perBulk * 1e6, 3)) us per entry"
        )
    }
    if trees && (wanted("vp-tree") || wanted("bk-tree")) {
        let treeQueries = max(10, min(queryCount, 20_000_000 / max(n, 1)))
        if wanted("vp-tree") {
            _ = benchOne(
                "vp-tree", VPTreeIndex.self, words: words, ids: ids,
                queries: Array(queries.prefix(treeQueries)), slowQueries: min(treeQueries, scanQueries),
                reference: reference)
        }
        if wanted("bk-tree") {
            _ = benchOne(
                "bk-tree", BKTreeIndex.self, words: words, ids: ids,
                queries: Array(queries.prefix(treeQueries)), slowQueries: min(treeQueries, scanQueries),
                reference: reference)
        }
    } else if !trees {
        print("  (vp-tree and bk-tree skipped: --no-trees)")
    }
}
