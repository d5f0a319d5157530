import Foundation
import PerceptualHash
import PerceptualHashTestSupport

// `phash-bench robust-index --images DIR [--counts 10000,100000,1000000] [--queries Q]
//   [--hasher pdq|phash8] [--mih-limit N] [--radius R]`
//
// Robust search at scale, one core: a `RobustIndex` of N images, each stored as the 66 views of
// the standard configuration, queried with a robust query set (2 views) at the library's
// recommended robust threshold (`RobustHasher<PDQHash>.recommendedPDQThreshold`, or
// `RobustHasher<DCTHash>.recommendedDCTHash8Threshold` for `--hasher phash8`), or at `--radius R`.
//
// The reference sets are synthetic but keep the structure of real ones: the robust reference
// and query sets of the corpus photos in DIR are computed once (the templates); image i is
// template `i % T` with every view XORed with one random mask of image i (SplitMix64, seed
// 0x5EED + i). XOR with one mask keeps every distance inside a set exactly as measured on the
// photo (the 66 views are correlated as real views are), and makes the sets of two images as
// far apart as random codes (real unrelated photos are somewhat closer, so the candidate
// counts of multi-index hashing here are a lower bound). Each query is the query set of a
// random stored image (seed 0x0DE5) with 0 to 24 random bit positions flipped per view (an
// edited copy), so it has one true match.
//
// Times every query alone (wall clock, median and 90th percentile in microseconds) for
// `RobustIndex<LinearScanIndex>` at every N, and `RobustIndex<MultiIndexHashIndex>`
// (automatic substring count) up to `--mih-limit` images (default 100,000); both must return
// the same images. Memory per image is the index's `byteCount / N`. Also prints the spread
// of distances inside the templates' sets, which decides whether bounds by the triangle
// inequality can prune whole images.
func runRobustIndexBenchmark(_ arguments: [String]) {
    var directory: String?
    var counts = [10_000, 100_000, 1_000_000]
    var queryCount = 20, mihLimit = 100_000
    var hasherName = "pdq"
    var radius: Int? = nil
    var i = 0
    while i < arguments.count {
        let value = i + 1 < arguments.count ? arguments[i + 1] : ""
        switch arguments[i] {
        case "--images": directory = value
        case "--counts": counts = value.split(separator: ",").compactMap { Int($0) }
        case "--queries": queryCount = Int(value) ?? queryCount
        case "--mih-limit": mihLimit = Int(value) ?? mihLimit
        case "--hasher": hasherName = value
        case "--radius": radius = Int(value)
        default: HarnessOptions.fail("robust-index: unknown option \(arguments[i])")
        }
        i += 2
    }
    let images: [PixelBuffer] =
        directory.map { HarnessCorpus.load(directory: $0).map(\.image) }
        ?? HarnessCorpus.generated(count: 64).map(\.image)
    guard !images.isEmpty, !counts.isEmpty else { HarnessOptions.fail("robust-index: no images or counts") }

    let templates: [(reference: [Fingerprint], query: [Fingerprint])]
    let recommended: Int, bits: Int
    switch hasherName {
    case "pdq":
        let robust = RobustHasher(PDQHash())
        templates = images.map {
            (robust.referenceFingerprint(of: $0).fingerprints, robust.queryFingerprint(of: $0).fingerprints)
        }
        recommended = RobustHasher<PDQHash>.recommendedPDQThreshold
        bits = 256
    case "phash8":
        let robust = RobustHasher(DCTHash(size: 8), configuration: RobustConfiguration.standard.withThumbnailSide(32))
        templates = images.map {
            (robust.referenceFingerprint(of: $0).fingerprints, robust.queryFingerprint(of: $0).fingerprints)
        }
        recommended = RobustHasher<DCTHash>.recommendedDCTHash8Threshold
        bits = 64
    default: HarnessOptions.fail("robust-index: --hasher pdq or phash8")
    }
    let threshold = radius ?? recommended
    let w = (bits + 63) / 64, views = templates[0].reference.count
    // Spread of distances inside a set: for each template, every view's distance to the whole
    // view (view 0) and the largest pairwise distance.
    var toWhole: [Int] = [], diameters: [Int] = []
    for t in templates {
        toWhole += t.reference.dropFirst().map { $0.distance(to: t.reference[0]) }
        var d = 0
        for a in t.reference { for b in t.reference { d = max(d, a.distance(to: b)) } }
        diameters.append(d)
    }
    func quantile(_ x: [Int], _ q: Double) -> Int {
        let s = x.sorted(); return s[min(s.count - 1, Int(Double(s.count) * q))]
    }
    print(
        "robust-index: \(hasherName), \(bits) bits, \(views) views per image, radius \(threshold), "
            + "\(templates.count) template photos (\(directory ?? "generated")), \(queryCount) queries, one core")
    print(
        "views vs the whole view, distance quantiles 10/50/90%: \(quantile(toWhole, 0.1))/\(quantile(toWhole, 0.5))/\(quantile(toWhole, 0.9)); "
            + "set diameter min/median: \(diameters.min()!)/\(quantile(diameters, 0.5))")
    print("")
    print("| images | entries | index | build s | bytes / image | median us / query | p90 us / query | hits / query |")
    print("|---:|---:|---|---:|---:|---:|---:|---:|")

    for n in counts {
        var words = [UInt64](repeating: 0, count: n * views * w)
        var ids = [UInt32](repeating: 0, count: n * views)
        var masks = [UInt64](repeating: 0, count: n * w)
        for image in 0..<n {
            var rng = SplitMix64(seed: 0x5EED &+ UInt64(image))
            for k in 0..<w { masks[image * w + k] = rng.next() }
            let t = templates[image % templates.count].reference
            for v in 0..<views {
                for k in 0..<w { words[(image * views + v) * w + k] = t[v].word(k) ^ masks[image * w + k] }
                ids[image * views + v] = UInt32(image)
            }
        }
        var qrng = SplitMix64(seed: 0x0DE5)
        let queries: [RobustFingerprint] = (0..<queryCount).map { _ in
            let image = Int(qrng.next() % UInt64(n))
            let t = templates[image % templates.count].query
            let entries = t.enumerated().map { (v, f) -> RobustFingerprint.Entry in
                var g = Fingerprint(bitCount: bits)
                for k in 0..<w { g.setWord(k, to: f.word(k) ^ masks[image * w + k]) }
                for _ in 0..<Int(qrng.next() % 25) {
                    let b = Int(qrng.next() % UInt64(bits))
                    g.setWord(b / 64, to: g.word(b / 64) ^ (1 << UInt64(63 - b % 64)))
                }
                return RobustFingerprint.Entry(variant: RobustConfiguration.standard.queryVariants[v], fingerprint: g)
            }
            return try! RobustFingerprint(entries: entries)
        }
        func run<Index: HammingIndex>(_ name: String, _ make: () -> Index) -> [[SearchResult]] {
            let start = DispatchTime.now().uptimeNanoseconds
            let index = RobustIndex(make())
            let build = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            var times: [Double] = [], results: [[SearchResult]] = []
            for q in queries {
                let t0 = DispatchTime.now().uptimeNanoseconds
                let hits = index.neighbors(of: q, within: threshold)
                times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e3)
                results.append(hits)
            }
            times.sort()
            let hits = Double(results.map(\.count).reduce(0, +)) / Double(max(1, results.count))
            print(
                "| \(n) | \(n * views) | \(name) | \(String(format: "%.1f", build)) | \(index.byteCount / n) | "
                    + "\(Int(times[times.count / 2])) | \(Int(times[min(times.count - 1, times.count * 9 / 10)])) | "
                    + String(format: "%.2f", hits) + " |")
            return results
        }
        let linear = run("RobustIndex<LinearScanIndex>") { LinearScanIndex(bitCount: bits, words: words, ids: ids) }
        if n <= mihLimit {
            let mih = run("RobustIndex<MultiIndexHashIndex>") {
                MultiIndexHashIndex(bitCount: bits, words: words, ids: ids)
            }
            if mih != linear { print("robust-index: MultiIndexHashIndex and LinearScanIndex disagree at \(n)") }
        }
    }
}
