import Foundation
import PerceptualHash

/// The robustness numbers of one algorithm.
struct HarnessAlgorithmResult: Sendable, Codable {
    let name: String
    let summary: String
    /// Exact ROC AUC over all positives (every attack) against all negatives.
    let auc: Double
    /// ROC AUC per attack, in the order of ``HarnessRobustnessResult/attacks``.
    let aucPerAttack: [Double]
    /// Threshold at FPR <= 0.1% (nil when none exists), the FPR it gives, TPR per attack, mean.
    let threshold01: Double?
    let fpr01: Double
    let tpr01: [Double]
    let meanTPR01: Double
    /// The same at FPR <= 0.01%.
    let threshold001: Double?
    let fpr001: Double
    let tpr001: [Double]
    let meanTPR001: Double
    /// The same at FPR <= 1%.
    let threshold1: Double?
    let fpr1: Double
    let tpr1: [Double]
    let meanTPR1: Double
    /// Median distance of the negatives and of all positives.
    let medianNegative: Double
    let medianPositive: Double
    let integerDistances: Bool
    let maximumDistance: Double
}

/// Everything the robustness section measured.
struct HarnessRobustnessResult: Sendable, Codable {
    let images: Int
    let negatives: Int
    let attacks: [String]
    let attackSummaries: [String]
    let algorithms: [HarnessAlgorithmResult]
    let seconds: Double
}

/// The sorted distances of one algorithm, kept for the plots.
struct HarnessDistances: Sendable {
    let negatives: [Double]
    /// One sorted list per attack.
    let positives: [[Double]]
    /// All positives, sorted.
    let allPositives: [Double]
}

enum HarnessRobustness {
    /// Hashes every original and every attacked copy (images in parallel, results stored by
    /// index so the order never depends on scheduling), then measures every algorithm.
    static func run(
        images: [HarnessImage], attacks: [HarnessAttack], algorithms: [HarnessAlgorithm]
    ) async -> (HarnessRobustnessResult, [HarnessDistances]) {
        let start = Date()
        let featureIndices = Array(Set(algorithms.map(\.feature))).sorted()
        let features = featureIndices.map { HarnessAlgorithm.features[$0] }
        let slotOfFeature = Dictionary(uniqueKeysWithValues: featureIndices.enumerated().map { ($1, $0) })

        // signatures[image][0 = original, 1 + attack][feature slot]
        var signatures = [[[HarnessSignature]]](repeating: [], count: images.count)
        await withTaskGroup(of: (Int, [[HarnessSignature]]).self) { group in
            let width = max(2, ProcessInfo.processInfo.activeProcessorCount)
            var next = 0
            func add() {
                let i = next
                next += 1
                let image = images[i].image
                group.addTask {
                    var slots: [[HarnessSignature]] = []
                    slots.reserveCapacity(attacks.count + 1)
                    for a in -1..<attacks.count {
                        let rgb = a < 0 ? image : attacks[a].apply(image, i)
                        let gray = rgb.grayscale(.rec601)
                        slots.append(features.map { $0.compute(rgb, gray) })
                    }
                    return (i, slots)
                }
            }
            while next < min(width * 2, images.count) { add() }
            var done = 0
            for await (i, slots) in group {
                signatures[i] = slots
                done += 1
                if done % 25 == 0 || done == images.count {
                    harnessLog("  hashed \(done)/\(images.count) images with \(attacks.count) attacks")
                }
                if next < images.count { add() }
            }
        }

        let n = images.count
        let measured = await withTaskGroup(of: (Int, HarnessAlgorithmResult, HarnessDistances).self) { group in
            for (k, algorithm) in algorithms.enumerated() {
                let slot = slotOfFeature[algorithm.feature]!
                let sigs = signatures
                group.addTask {
                    var negatives: [Double] = []
                    negatives.reserveCapacity(n * (n - 1) / 2)
                    for i in 0..<n {
                        for j in (i + 1)..<max(i + 1, n) {
                            negatives.append(algorithm.distance(sigs[i][0][slot], sigs[j][0][slot]))
                        }
                    }
                    negatives.sort()
                    let positives = (0..<attacks.count).map { a in
                        (0..<n).map { i in algorithm.distance(sigs[i][0][slot], sigs[i][a + 1][slot]) }.sorted()
                    }
                    let all = positives.flatMap { $0 }.sorted()
                    return (
                        k, measure(algorithm, negatives: negatives, positives: positives, all: all),
                        HarnessDistances(negatives: negatives, positives: positives, allPositives: all)
                    )
                }
            }
            var results = [(Int, HarnessAlgorithmResult, HarnessDistances)]()
            for await r in group { results.append(r) }
            return results.sorted { $0.0 < $1.0 }
        }
        let result = HarnessRobustnessResult(
            images: n, negatives: n * (n - 1) / 2, attacks: attacks.map(\.name),
            attackSummaries: attacks.map(\.summary),
            algorithms: measured.map(\.1), seconds: Date().timeIntervalSince(start))
        return (result, measured.map(\.2))
    }

    static func measure(_ algorithm: HarnessAlgorithm, negatives: [Double], positives: [[Double]], all: [Double])
        -> HarnessAlgorithmResult
    {
        let t01 =
            negatives.isEmpty
            ? nil
            : HarnessMetrics.threshold(sortedNegatives: negatives, target: 0.001, integer: algorithm.integerDistances)
        let t001 =
            negatives.isEmpty
            ? nil
            : HarnessMetrics.threshold(sortedNegatives: negatives, target: 0.0001, integer: algorithm.integerDistances)
        let tpr001 = positives.map { HarnessMetrics.rate(sorted: $0, atMost: t001) }
        let t1 =
            negatives.isEmpty
            ? nil
            : HarnessMetrics.threshold(sortedNegatives: negatives, target: 0.01, integer: algorithm.integerDistances)
        let tpr01 = positives.map { HarnessMetrics.rate(sorted: $0, atMost: t01) }
        let tpr1 = positives.map { HarnessMetrics.rate(sorted: $0, atMost: t1) }
        func mean(_ x: [Double]) -> Double { x.isEmpty ? 0 : x.reduce(0, +) / Double(x.count) }
        func median(_ x: [Double]) -> Double {
            x.isEmpty ? 0 : x.count % 2 == 1 ? x[x.count / 2] : (x[x.count / 2 - 1] + x[x.count / 2]) / 2
        }
        return HarnessAlgorithmResult(
            name: algorithm.name, summary: algorithm.summary,
            auc: HarnessMetrics.auc(sortedPositives: all, sortedNegatives: negatives),
            aucPerAttack: positives.map { HarnessMetrics.auc(sortedPositives: $0, sortedNegatives: negatives) },
            threshold01: t01, fpr01: HarnessMetrics.rate(sorted: negatives, atMost: t01), tpr01: tpr01,
            meanTPR01: mean(tpr01),
            threshold001: t001, fpr001: HarnessMetrics.rate(sorted: negatives, atMost: t001), tpr001: tpr001,
            meanTPR001: mean(tpr001),
            threshold1: t1, fpr1: HarnessMetrics.rate(sorted: negatives, atMost: t1), tpr1: tpr1, meanTPR1: mean(tpr1),
            medianNegative: median(negatives), medianPositive: median(all),
            integerDistances: algorithm.integerDistances, maximumDistance: algorithm.maximumDistance)
    }
}
