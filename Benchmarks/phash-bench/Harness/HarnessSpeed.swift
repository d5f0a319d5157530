import Foundation
import PerceptualHash

/// One timed row: microseconds per image (or per call) and megapixels per second, per image set.
struct HarnessSpeedRow: Sendable, Codable {
    let stage: String
    let algorithm: String
    /// Per image set, in the order of ``HarnessSpeedResult/sets``: median microseconds per
    /// image (per call for DCT and compare).
    let microseconds: [Double]
    /// Megapixels of input per second (nil where the work does not scale with the image).
    let megapixelsPerSecond: [Double?]
}

struct HarnessSpeedResult: Sendable, Codable {
    let sets: [String]
    let repetitions: Int
    let rows: [HarnessSpeedRow]
}

enum HarnessSpeed {
    /// Median of `repetitions` timed runs of `body` after one warm-up run, in seconds.
    static func median(_ repetitions: Int, _ body: () -> Void) -> Double {
        body()
        var times: [Double] = []
        for _ in 0..<repetitions {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9)
        }
        times.sort()
        return times.count % 2 == 1 ? times[times.count / 2] : (times[times.count / 2 - 1] + times[times.count / 2]) / 2
    }

    /// Times every stage and every algorithm on each image set (single-threaded).
    static func run(sets: [(name: String, images: [PixelBuffer])], algorithms: [HarnessAlgorithm], repetitions: Int)
        -> HarnessSpeedResult
    {
        var rows: [HarnessSpeedRow] = []
        func row(_ stage: String, _ algorithm: String, scales: Bool = true, _ body: ([PixelBuffer]) -> Void) {
            var micro: [Double] = [], mpx: [Double?] = []
            for set in sets {
                let seconds = median(repetitions) { body(set.images) }
                let pixels = set.images.reduce(0) { $0 + $1.pixelCount }
                micro.append(seconds / Double(set.images.count) * 1e6)
                mpx.append(scales ? Double(pixels) / seconds / 1e6 : nil)
            }
            rows.append(
                HarnessSpeedRow(stage: stage, algorithm: algorithm, microseconds: micro, megapixelsPerSecond: mpx))
            harnessLog("  timed \(stage) \(algorithm)")
        }
        let encoded = sets.map { $0.images.map { $0.netpbmEncoded() } }
        do {
            var micro: [Double] = [], mpx: [Double?] = []
            for (k, set) in sets.enumerated() {
                let files = encoded[k]
                let seconds = median(repetitions) { for f in files { harnessBlackHole(try? PixelBuffer(netpbm: f)) } }
                micro.append(seconds / Double(files.count) * 1e6)
                mpx.append(Double(set.images.reduce(0) { $0 + $1.pixelCount }) / seconds / 1e6)
            }
            rows.append(
                HarnessSpeedRow(stage: "decode", algorithm: "Netpbm P6", microseconds: micro, megapixelsPerSecond: mpx))
        }
        row("grayscale", "rec601") { for image in $0 { harnessBlackHole(image.grayscale(.rec601)) } }
        let grays = sets.map { $0.images.map { $0.grayscale(.rec601) } }
        for (w, h) in [(32, 32), (9, 8), (64, 64)] {
            var micro: [Double] = [], mpx: [Double?] = []
            for (k, set) in sets.enumerated() {
                let g = grays[k]
                let seconds = median(repetitions) {
                    for image in g { harnessBlackHole(image.resized(width: w, height: h, filter: .lanczos)) }
                }
                micro.append(seconds / Double(g.count) * 1e6)
                mpx.append(Double(set.images.reduce(0) { $0 + $1.pixelCount }) / seconds / 1e6)
            }
            rows.append(
                HarnessSpeedRow(
                    stage: "resize", algorithm: "gray LANCZOS to \(w)x\(h)", microseconds: micro,
                    megapixelsPerSecond: mpx))
        }
        for n in [32, 64] {
            let plan = DCT2D(rows: n, columns: n)
            var rng = HarnessRandom(seed: UInt64(n))
            let plane = (0..<n * n).map { _ in rng.uniform(0...255) }
            let calls = 200
            let seconds = median(repetitions) { for _ in 0..<calls { harnessBlackHole(plan.forward(plane)) } }
            let us = seconds / Double(calls) * 1e6
            rows.append(
                HarnessSpeedRow(
                    stage: "DCT", algorithm: "DCT2D \(n)x\(n) forward", microseconds: sets.map { _ in us },
                    megapixelsPerSecond: sets.map { _ in nil }))
        }
        let features = Array(Set(algorithms.map(\.feature))).sorted()
        for f in features {
            let feature = HarnessAlgorithm.features[f]
            row("hash", feature.name) { for image in $0 { harnessBlackHole(feature.fromRGB(image)) } }
        }
        // Compare: distances between the signatures of consecutive images of the first set.
        let first = sets[0].images
        let signatures = Dictionary(
            uniqueKeysWithValues: features.map { f in (f, first.map { HarnessAlgorithm.features[f].fromRGB($0) }) })
        for algorithm in algorithms {
            let sigs = signatures[algorithm.feature]!
            let rounds = max(1, 4000 / max(1, sigs.count))
            let seconds = median(repetitions) {
                for _ in 0..<rounds {
                    for i in 0..<sigs.count {
                        harnessBlackHole(algorithm.distance(sigs[i], sigs[(i + 1) % sigs.count]))
                    }
                }
            }
            let us = seconds / Double(rounds * sigs.count) * 1e6
            rows.append(
                HarnessSpeedRow(
                    stage: "compare", algorithm: algorithm.name, microseconds: sets.map { _ in us },
                    megapixelsPerSecond: sets.map { _ in nil }))
        }
        harnessLog("  (black-hole checksum \(harnessSink))")
        return HarnessSpeedResult(sets: sets.map(\.name), repetitions: repetitions, rows: rows)
    }

    /// The peak resident set size of this process, in bytes (`getrusage`, `ru_maxrss` in KiB on Linux).
    static func peakMemoryBytes() -> Int {
        var usage = rusage()
        #if os(Linux)
            getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
            getrusage(RUSAGE_SELF, &usage)
        #endif
        #if os(Linux)
            return usage.ru_maxrss * 1024
        #else
            return usage.ru_maxrss
        #endif
    }
}
