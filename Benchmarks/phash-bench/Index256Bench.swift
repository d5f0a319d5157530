import Foundation
import PerceptualHash
import PerceptualHashTestSupport

// `phash-bench index256 [--count N] [--queries Q] [--write-codes DIR]`
//
// Radius-31 queries (PDQ's match distance) on N 256-bit PDQ-like fingerprints, one core, in two
// data sets from SplitMix64 (seed 0x5EED for the data, 0x0DE5 for the queries):
// - random: N uniformly random fingerprints; each query is a stored fingerprint with 0 to 24
//   random bit positions flipped (so it has at least one match);
// - clustered: N / 10 random centres; each entry is a centre with 0 to 16 random bit positions
//   flipped (clusters of near-duplicates, as re-encoded and resized copies of one photo give);
//   each query is an entry with 0 to 16 more flips, so matches lie on both sides of 31.
// (A position drawn twice flips back, as in the repository's other benchmarks.)
// Times every query alone: median and 90th percentile in microseconds per query, for
// MultiIndexHashIndex (automatic substring count) and LinearScanIndex (the first 200 queries),
// whose hit counts must agree. Memory per entry is `byteCount / N`.
// `--write-codes DIR` also writes `DIR/random.bin` and `DIR/clustered.bin` for
// `Benchmarks/faiss_index256.py` (little-endian UInt64 N and Q, then N and Q fingerprints of
// 32 bytes, each the fingerprint's four words little-endian).

private typealias SplitMix = SplitMix64

/// `words` (4 per fingerprint) with `flips` random bit positions toggled, drawn from `rng`.
private func flipped(_ words: ArraySlice<UInt64>, _ flips: Int, _ rng: inout SplitMix) -> [UInt64] {
    var w = Array(words)
    for _ in 0..<flips {
        let b = Int(rng.next() % 256)
        w[b >> 6] ^= 1 << UInt64(b & 63)
    }
    return w
}

/// Flat words of `n` fingerprints and `q` queries (4 words each).
func index256Data(count n: Int, queries q: Int, clustered: Bool) -> (words: [UInt64], queries: [UInt64]) {
    var rng = SplitMix(seed: 0x5EED)
    var words: [UInt64] = []
    words.reserveCapacity(4 * n)
    if clustered {
        let centres = (0..<(4 * max(1, n / 10))).map { _ in rng.next() }
        for _ in 0..<n {
            let c = Int(rng.next() % UInt64(centres.count / 4))
            let flips = Int(rng.next() % 17)
            words += flipped(centres[(4 * c)..<(4 * c + 4)], flips, &rng)
        }
    } else {
        for _ in 0..<(4 * n) { words.append(rng.next()) }
    }
    var qrng = SplitMix(seed: 0x0DE5)
    var queries: [UInt64] = []
    for _ in 0..<q {
        let i = Int(qrng.next() % UInt64(n))
        let flips = Int(qrng.next() % UInt64(clustered ? 17 : 25))
        queries += flipped(words[(4 * i)..<(4 * i + 4)], flips, &qrng)
    }
    return (words, queries)
}

func runIndex256Benchmark(arguments: [String]) {
    var n = 1_000_000
    var queryCount = 2000
    var writeDir: String?
    var i = 0
    while i < arguments.count {
        switch arguments[i] {
        case "--count" where i + 1 < arguments.count: n = Int(arguments[i + 1]) ?? n; i += 1
        case "--queries" where i + 1 < arguments.count: queryCount = Int(arguments[i + 1]) ?? queryCount; i += 1
        case "--write-codes" where i + 1 < arguments.count: writeDir = arguments[i + 1]; i += 1
        default:
            print("index256: unknown option \(arguments[i]); options: --count N --queries Q --write-codes DIR")
            return
        }
        i += 1
    }
    let radius = 31
    print(
        "index256: \(n) 256-bit fingerprints, \(queryCount) queries at radius \(radius), one core; microseconds per query"
    )
    print(
        "set".padding(toLength: 11, withPad: " ", startingAt: 0)
            + "index".padding(toLength: 8, withPad: " ", startingAt: 0)
            + "build s   B/entry  median us   p90 us   mean hits")
    for clustered in [false, true] {
        let name = clustered ? "clustered" : "random"
        let (words, qwords) = index256Data(count: n, queries: queryCount, clustered: clustered)
        if let dir = writeDir {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(16 + 8 * (words.count + qwords.count))
            for w in [UInt64(n), UInt64(queryCount)] + words + qwords {
                withUnsafeBytes(of: w.littleEndian) { bytes += $0 }
            }
            try! Data(bytes).write(to: URL(fileURLWithPath: dir).appendingPathComponent("\(name).bin"))
        }
        let ids = (0..<n).map { UInt32($0) }
        let queries = (0..<queryCount).map { k in
            var f = Fingerprint(bitCount: 256)
            for w in 0..<4 { f.setWord(w, to: qwords[4 * k + w]) }
            return f
        }
        let clock = ContinuousClock()
        let t0 = clock.now
        let mih = MultiIndexHashIndex(bitCount: 256, words: words, ids: ids)
        let build = clock.now - t0
        let linear = LinearScanIndex(bitCount: 256, words: words, ids: ids)
        func measure(_ qs: ArraySlice<Fingerprint>, _ body: (Fingerprint) -> Int) -> (
            median: Double, p90: Double, hits: [Int]
        ) {
            for q in qs.prefix(50) { indexBlackHole(body(q)) }  // warm-up
            var times: [Double] = []
            var hits: [Int] = []
            for q in qs {
                let t = clock.now
                let h = body(q)
                let d = (clock.now - t).components
                times.append(Double(d.seconds) * 1e6 + Double(d.attoseconds) * 1e-12)
                hits.append(h)
            }
            times.sort()
            return (times[times.count / 2], times[min(times.count - 1, times.count * 9 / 10)], hits)
        }
        let m = measure(queries[...]) { mih.neighbors(of: $0, within: radius).count }
        let scanned = queries.prefix(200)
        let l = measure(scanned) { linear.neighbors(of: $0, within: radius).count }
        let agree = zip(m.hits, l.hits).allSatisfy { $0 == $1 }
        let buildSeconds = Double(build.components.seconds) + Double(build.components.attoseconds) * 1e-18
        func row(_ index: String, _ build: String, _ bytes: Int, _ r: (median: Double, p90: Double, hits: [Int]))
            -> String
        {
            name.padding(toLength: 11, withPad: " ", startingAt: 0)
                + index.padding(toLength: 8, withPad: " ", startingAt: 0)
                + build.padding(toLength: 7, withPad: " ", startingAt: 0)
                + String(
                    format: " %9.1f %10.1f %8.1f %11.1f", Double(bytes) / Double(n), r.median, r.p90,
                    Double(r.hits.reduce(0, +)) / Double(r.hits.count))
        }
        print(
            row("mih", String(format: "%.2f", buildSeconds), mih.byteCount, m)
                + "   (\(mih.substringCount) substrings)")
        print(row("linear", "-", linear.byteCount, l) + (agree ? "   (hits equal MIH's)" : "   MISMATCH with MIH"))
    }
}
