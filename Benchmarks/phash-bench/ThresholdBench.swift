import Foundation
import PerceptualHash

// `phash-bench thresholds --images DIR [--sizes 4,6,8,12,16,24,32] [--replicates 200] [--histograms] [--recall] [--pdq]
//  [--algorithms NAME,...]`
//
// The generator of the library's recommended thresholds (Sources/PerceptualHash/Hashing/
// RecommendedThreshold.swift) and of Documentation/Benchmarks.md, "Thresholds for a
// false-positive rate". For every algorithm of the `phash` CLI at every size it hashes the
// images of DIR (every Netpbm file, not its subfolders), takes the Hamming distances of all
// pairs of distinct images (none of them is a copy of another), and estimates the lower tail
// P(d <= t) of that distribution, which is the per-pair false-positive rate of threshold t:
//
// - empirical: the fraction of pairs at distance <= t (resolves rates down to ~1/pairs);
// - fit: the points (t, F(t)) of the empirical CDF with at least `minimumTailCount` pairs at
//   or below t and F(t) <= `tailFraction` are fitted by least squares, twice: a normal tail
//   (probit: Phi^-1(F(t)) linear in t) and an exponential tail (log F(t) linear in t). For a
//   rate r, each fit gives the largest t whose fitted F(t) <= r; the smaller of the two is
//   kept (the exponential tail is the heavier one below the data, the normal one can be the
//   lower where the data bend the other way);
// - margin: the same fit on `replicates` bootstrap resamples of the IMAGES (pairs of one image
//   are not independent, so images are the resampling unit; pairs of an image with its own
//   duplicate in a resample are left out), and the recommended threshold is the 5th percentile
//   of the replicates' thresholds (a 95% lower confidence bound), capped by the point estimate
//   and by the empirical threshold (never above what the pairs themselves show).
//
// Output: per algorithm and size the moments, the empirical thresholds, the fitted ones, and
// the recommended ones at rates 1e-3 ... 1e-6; then the table as Swift source. With `--recall`,
// also what each recommended threshold keeps of the harness's edited copies (every attack of
// Harness/HarnessAttacks.swift on every image): the mean over the attacks of the fraction of
// copies within the threshold of their original (the harness's "mean TPR").
// With `--pdq`, PDQ (256 bits, no size) is measured too, once, after the sized algorithms, on
// the RGB images (its luma is not the rec601 gray of the others); with `--recall` it also gets
// a row at `PDQHash.matchDistance` (31), the reference's match threshold.
// `--algorithms` picks the sized algorithms by name (default: the eight above); `whash` and
// `whash-db4` (WaveletHash, Haar and db4; only the powers of two among the sizes) and
// `colorhash` (ColorHash, hashed from RGB; the sizes are its binBits, 1 ... 24) are measured
// only when named there.

/// The target per-pair false-positive rates, as powers of ten.
let thresholdRateExponents = [3, 4, 5, 6]

private struct ThresholdAlgorithm: Sendable {
    let name: String
    let make: @Sendable (Int) -> any ImageHasher
}

private let thresholdAlgorithms: [ThresholdAlgorithm] = [
    .init(name: "ahash") { AverageHash(size: $0) },
    .init(name: "phash") { DCTHash(size: $0) },
    .init(name: "dhash") { DifferenceHash(size: $0) },
    .init(name: "dhash-vertical") { DifferenceHash(size: $0, direction: .vertical) },
    .init(name: "phash-simple") { RowDCTHash(size: $0) },
    .init(name: "ahash-classic") { AverageHash(size: $0, grayLevels: 64, comparison: .greaterOrEqual) },
    .init(name: "phash-classic") { DCTHash(size: $0, threshold: .mean, dcTerm: .excludedFromThreshold) },
    .init(name: "dhash-classic") { DifferenceHash(size: $0, polarity: .previousBrighter) },
]

/// Measured only when `--algorithms` names them.
private let optionalThresholdAlgorithms: [ThresholdAlgorithm] = [
    .init(name: "whash") { WaveletHash(size: $0) },
    .init(name: "whash-db4") { WaveletHash(size: $0, minimumAutomaticScale: 8 * $0, wavelet: .daubechies4) },
    .init(name: "colorhash") { ColorHash(binBits: $0) },
]

/// Points of the empirical CDF used by the fit: at least this many pairs at or below t ...
private let minimumTailCount = 10
/// ... and at most this fraction of all pairs.
private let tailFraction = 0.05

/// Standard normal CDF.
private func normalCDF(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

/// Inverse of ``normalCDF(_:)`` by bisection (plenty fast for a few hundred calls).
private func normalQuantile(_ p: Double) -> Double {
    var lo = -40.0, hi = 40.0
    for _ in 0..<200 {
        let mid = (lo + hi) / 2
        if normalCDF(mid) < p { lo = mid } else { hi = mid }
    }
    return (lo + hi) / 2
}

/// Least-squares line y = a + b x.
private func fitLine(_ points: [(Double, Double)]) -> (a: Double, b: Double)? {
    guard points.count >= 2 else { return nil }
    let n = Double(points.count)
    let mx = points.reduce(0) { $0 + $1.0 } / n, my = points.reduce(0) { $0 + $1.1 } / n
    let sxx = points.reduce(0) { $0 + ($1.0 - mx) * ($1.0 - mx) }
    let sxy = points.reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
    guard sxx > 0 else { return nil }
    let b = sxy / sxx
    return (my - b * mx, b)
}

/// The fitted thresholds of one histogram (counts by distance), one per rate exponent, or nil
/// when the tail has too few points to fit. `normal` and `exponential` are the two fits, `t`
/// the smaller of the two.
private struct TailFit {
    var normal: [Int]
    var exponential: [Int]
    var t: [Int] { zip(normal, exponential).map { min($0, $1) } }
    var points: Int
}

private func fitTail(_ histogram: [Int]) -> TailFit? {
    let total = Double(histogram.reduce(0, +))
    var cumulative = 0
    var probit: [(Double, Double)] = [], logs: [(Double, Double)] = []
    for (t, count) in histogram.enumerated() {
        cumulative += count
        let f = Double(cumulative) / total
        guard cumulative >= minimumTailCount else { continue }
        guard f <= tailFraction else { break }
        probit.append((Double(t), normalQuantile(f)))
        logs.append((Double(t), log(f)))
    }
    guard let p = fitLine(probit), let e = fitLine(logs), p.b > 0, e.b > 0 else { return nil }
    // Largest integer t with a + b t <= y(rate), at least -1 (no threshold reaches the rate).
    func largest(_ line: (a: Double, b: Double), _ y: Double) -> Int {
        max(-1, Int(((y - line.a) / line.b).rounded(.down)))
    }
    return TailFit(
        normal: thresholdRateExponents.map { largest(p, normalQuantile(pow(10, -Double($0)))) },
        exponential: thresholdRateExponents.map { largest(e, log(pow(10, -Double($0)))) },
        points: probit.count)
}

/// The largest t with empirical P(d <= t) <= rate, -1 when none.
private func empiricalThreshold(_ histogram: [Int], rate: Double) -> Int {
    let total = Double(histogram.reduce(0, +))
    var cumulative = 0, best = -1
    for (t, count) in histogram.enumerated() {
        cumulative += count
        if Double(cumulative) / total <= rate { best = t } else { break }
    }
    return best
}

func runThresholdBenchmark(_ arguments: [String]) {
    var directory: String?
    var sizes = [4, 6, 8, 12, 16, 24, 32]
    var replicates = 200
    var printHistograms = false
    var recall = false
    var pdq = false
    var chosen = thresholdAlgorithms
    var i = 0
    func value() -> String {
        i += 1
        guard i < arguments.count else { HarnessOptions.fail("\(arguments[i - 1]) needs a value") }
        return arguments[i]
    }
    while i < arguments.count {
        switch arguments[i] {
        case "--images": directory = value()
        case "--sizes":
            let list = value().split(separator: ",").compactMap { Int($0) }
            guard !list.isEmpty, list.allSatisfy({ (2...32).contains($0) }) else {
                HarnessOptions.fail("--sizes: 2...32")
            }
            sizes = list
        case "--replicates":
            guard let n = Int(value()), n >= 20 else { HarnessOptions.fail("--replicates needs an integer >= 20") }
            replicates = n
        case "--histograms": printHistograms = true
        case "--recall": recall = true
        case "--pdq": pdq = true
        case "--algorithms":
            let known = thresholdAlgorithms + optionalThresholdAlgorithms
            chosen = value().split(separator: ",").map { name in
                guard let a = known.first(where: { $0.name == name }) else {
                    HarnessOptions.fail("--algorithms: unknown \(name)")
                }
                return a
            }
        default: HarnessOptions.fail("thresholds: unknown option \(arguments[i])")
        }
        i += 1
    }
    guard let directory else { HarnessOptions.fail("thresholds needs --images DIR") }
    let images = HarnessCorpus.load(directory: directory)
    guard images.count >= 20 else { HarnessOptions.fail("thresholds needs at least 20 images, found \(images.count)") }
    let n = images.count
    let pairs = n * (n - 1) / 2
    harnessLog(
        "phash-bench thresholds: \(n) images, \(pairs) pairs, sizes \(sizes), \(replicates) bootstrap replicates")

    var configurations = sizes.flatMap { size in
        chosen.filter {
            ($0.name.hasPrefix("whash") && size & (size - 1) != 0) || ($0.name == "colorhash" && size > 24)
                ? false : true
        }
        .map { (algorithm: $0, size: size) }
    }
    if pdq { configurations.append((ThresholdAlgorithm(name: "pdq") { _ in PDQHash() }, 16)) }
    let hashers = configurations.map { $0.algorithm.make($0.size) }
    // The hashers of the gray image; PDQ (the last configuration with --pdq) gets the RGB one.
    func hashes(_ rgb: PixelBuffer, _ gray: PixelBuffer, _ c: Int) -> Fingerprint {
        hashers[c] is PDQHash || hashers[c] is ColorHash
            ? hashers[c].fingerprint(of: rgb) : hashers[c].fingerprint(of: gray)
    }
    // fingerprints[configuration][image]; each image is made gray once.
    var fingerprints = [[Fingerprint]](repeating: [], count: configurations.count)
    for (k, image) in images.enumerated() {
        let gray = image.image.grayscale(.rec601)
        for c in hashers.indices { fingerprints[c].append(hashes(image.image, gray, c)) }
        if k % 50 == 49 { harnessLog("  hashed \(k + 1)/\(n)") }
    }

    var rows: [(name: String, size: Int, recommended: [Int])] = []
    var empiricalAt1e3: [Int] = []
    print("# Per-pair false-positive rates of the Hamming distance, \(n) images, \(pairs) pairs of distinct images")
    print("# rates: " + thresholdRateExponents.map { "1e-\($0)" }.joined(separator: ", "))
    print(
        "# fit: CDF points with >= \(minimumTailCount) pairs and F <= \(tailFraction); recommended = min(point fit, 5th percentile of \(replicates) image-bootstrap fits, empirical), at least 0"
    )
    for (c, configuration) in configurations.enumerated() {
        let bits = hashers[c].bitCount
        var distance = [Int](repeating: 0, count: n * n)
        var histogram = [Int](repeating: 0, count: bits + 1)
        var sum = 0.0, sumSquares = 0.0
        for a in 0..<n {
            for b in (a + 1)..<n {
                let d = fingerprints[c][a].distance(to: fingerprints[c][b])
                distance[a * n + b] = d
                distance[b * n + a] = d
                histogram[d] += 1
                sum += Double(d)
                sumSquares += Double(d * d)
            }
        }
        let mean = sum / Double(pairs)
        let sd = (sumSquares / Double(pairs) - mean * mean).squareRoot()
        let label = "\(configuration.algorithm.name) size=\(configuration.size)"
        guard let point = fitTail(histogram) else {
            // Too few distinct small distances to fit (tiny hashes): no threshold above 0 is supported.
            print(
                "\n## \(label): \(bits) bits, mean \(String(format: "%.2f", mean)), sd \(String(format: "%.2f", sd)): tail too short to fit, recommended 0"
            )
            rows.append((configuration.algorithm.name, configuration.size, thresholdRateExponents.map { _ in 0 }))
            empiricalAt1e3.append(empiricalThreshold(histogram, rate: 1e-3))
            continue
        }
        // Bootstrap over images, seeded by the configuration's label (FNV-1a) so that the
        // figures of one configuration do not depend on which others are measured.
        let seed = label.utf8.reduce(UInt64(0xCBF2_9CE4_8422_2325)) { ($0 ^ UInt64($1)) &* 0x100_0000_01B3 }
        var rng = HarnessRandom(seed: seed)
        var bootstrap = [[Int]](repeating: [], count: thresholdRateExponents.count)
        var failed = 0
        for _ in 0..<replicates {
            let pick = (0..<n).map { _ in rng.integer(0...(n - 1)) }
            var h = [Int](repeating: 0, count: bits + 1)
            for x in 0..<n {
                let row = pick[x] * n
                for y in (x + 1)..<n where pick[y] != pick[x] { h[distance[row + pick[y]]] += 1 }
            }
            guard let fit = fitTail(h) else { failed += 1; continue }
            for (r, t) in fit.t.enumerated() { bootstrap[r].append(t) }
        }
        let lower = bootstrap.map { list -> Int in
            let sorted = list.sorted()
            return sorted.isEmpty ? -1 : sorted[Int(Double(sorted.count - 1) * 0.05)]
        }
        // Never above what the pairs themselves show (at the strict rates the empirical
        // threshold is the smallest distance seen minus one, still an upper bound).
        let empirical = thresholdRateExponents.map { empiricalThreshold(histogram, rate: pow(10, -Double($0))) }
        let recommended = (0..<thresholdRateExponents.count).map { max(0, min(point.t[$0], lower[$0], empirical[$0])) }
        rows.append((configuration.algorithm.name, configuration.size, recommended))
        empiricalAt1e3.append(empirical[0])

        func list(_ xs: [Int]) -> String { xs.map { String($0) }.joined(separator: " ") }
        print(
            "\n## \(label): \(bits) bits, mean \(String(format: "%.2f", mean)), sd \(String(format: "%.2f", sd)), min \(histogram.firstIndex { $0 > 0 } ?? 0), \(point.points) tail points"
        )
        print("empirical      \(list(empirical))   (only rates >= ~10/\(pairs) are measured, not fitted)")
        print("fit normal     \(list(point.normal))")
        print("fit exponential \(list(point.exponential))")
        print("bootstrap 5%   \(list(lower))\(failed > 0 ? " (\(failed) replicates without a fit)" : "")")
        print("recommended    \(list(recommended))")
        if printHistograms {
            var cumulative = 0
            for (t, count) in histogram.enumerated() where count > 0 || cumulative > 0 {
                cumulative += count
                if cumulative > pairs / 10 { break }
                print("  d=\(t) count=\(count) F=\(String(format: "%.3g", Double(cumulative) / Double(pairs)))")
            }
        }
    }
    print(
        "\n# Swift table (algorithm, size: thresholds at "
            + thresholdRateExponents.map { "1e-\($0)" }.joined(separator: ", ") + ")")
    for row in rows {
        print("(\"\(row.name)\", \(row.size), [\(row.recommended.map { String($0) }.joined(separator: ", "))]),")
    }

    guard recall else { return }
    // Distances of every attacked copy to its original, per configuration and attack.
    let attacks = HarnessAttack.all
    harnessLog("phash-bench thresholds: recall on \(attacks.count) attacks")
    var copies = [[[Int]]](repeating: [[Int]](repeating: [], count: attacks.count), count: configurations.count)
    for (k, image) in images.enumerated() {
        for (a, attack) in attacks.enumerated() {
            let rgb = attack.apply(image.image, k)
            let gray = rgb.grayscale(.rec601)
            for c in hashers.indices {
                copies[c][a].append(hashes(rgb, gray, c).distance(to: fingerprints[c][k]))
            }
        }
        if k % 50 == 49 { harnessLog("  attacked \(k + 1)/\(n)") }
    }
    func meanTPR(_ c: Int, _ t: Int) -> String {
        let rates = copies[c].map { list in Double(list.filter { $0 <= t }.count) / Double(list.count) }
        return String(format: "%.1f", 100 * rates.reduce(0, +) / Double(rates.count))
    }
    print(
        "\n# Mean TPR (%) over \(attacks.count) attacks: at the empirical 1e-3 threshold, then at the table's thresholds"
    )
    print(
        "| algorithm | size | empirical 1e-3: t, TPR | "
            + thresholdRateExponents.map { "1e-\($0): t, TPR" }.joined(separator: " | ") + " |")
    for (c, row) in rows.enumerated() {
        let cells = row.recommended.map { "\($0), \(meanTPR(c, $0))" }
        print(
            "| \(row.name) | \(row.size) | \(empiricalAt1e3[c]), \(meanTPR(c, empiricalAt1e3[c])) | "
                + cells.joined(separator: " | ") + " |")
    }
    if pdq, let c = configurations.indices.last {
        let t = PDQHash.matchDistance
        let pairs = fingerprints[c].indices.flatMap { a in
            (a + 1..<n).map { fingerprints[c][a].distance(to: fingerprints[c][$0]) }
        }
        let falsePairs = pairs.filter { $0 <= t }.count
        print(
            "\n# pdq at PDQHash.matchDistance \(t): \(falsePairs) of \(pairs.count) unrelated pairs within it, mean TPR \(meanTPR(c, t))%"
        )
    }
}
