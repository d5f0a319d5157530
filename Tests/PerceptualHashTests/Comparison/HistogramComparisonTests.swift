import Testing
import Foundation
@testable import PerceptualHash

/// Plain reference implementations of every formula, written from the documented definitions
/// (textbook forms where they exist, sums in bin order, Foundation's `log` and `sqrt`).
enum ReferenceComparison {
    static func evaluate(_ m: HistogramComparison, _ a: [Double], _ b: [Double]) -> Double {
        let n = Double(a.count)
        switch m {
        case .euclidean:
            return sqrt(zip(a, b).map { ($0 - $1) * ($0 - $1) }.reduce(0, +))
        case .cosine:
            let ab = zip(a, b).map { $0 * $1 }.reduce(0, +)
            let aa = a.map { $0 * $0 }.reduce(0, +), bb = b.map { $0 * $0 }.reduce(0, +)
            if aa == 0 || bb == 0 { return aa == bb ? 1 : 0 }
            return ab / sqrt(aa * bb)
        case .coincidence:
            var s = 0.0
            for (g, t) in zip(a, b) { s += (g == 0 && t == 0) ? 1 : 1 - abs(g - t) / max(g, t) }
            return s / n
        case .correlation:
            // Pearson's coefficient, mean-centred; 1 when a side is constant (OpenCV's rule).
            let ma = a.reduce(0, +) / n, mb = b.reduce(0, +) / n
            var num = 0.0, va = 0.0, vb = 0.0
            for (x, y) in zip(a, b) {
                num += (x - ma) * (y - mb)
                va += (x - ma) * (x - ma)
                vb += (y - mb) * (y - mb)
            }
            if abs(va * vb) <= Double.ulpOfOne { return 1 }
            return num / sqrt(va * vb)
        case .chiSquare:
            var s = 0.0
            for (x, y) in zip(a, b) where abs(x) > Double.ulpOfOne { s += (x - y) * (x - y) / x }
            return s
        case .intersection:
            return zip(a, b).map { min($0, $1) }.reduce(0, +)
        case .bhattacharyya:
            let sa = a.reduce(0, +), sb = b.reduce(0, +)
            let bc = zip(a, b).map { sqrt($0 * $1) }.reduce(0, +)
            let k = abs(sa * sb) > Double(Float.ulpOfOne) ? 1 / sqrt(sa * sb) : 1
            return sqrt(max(0, 1 - bc * k))
        case .chiSquareAlternative:
            var s = 0.0
            for (x, y) in zip(a, b) where abs(x + y) > Double.ulpOfOne { s += (x - y) * (x - y) / (x + y) }
            return 2 * s
        case .kullbackLeibler:
            var s = 0.0
            for (p, q0) in zip(a, b) where abs(p) > Double.ulpOfOne {
                let q = abs(q0) <= Double.ulpOfOne ? 1e-10 : q0
                s += p * log(p / q)
            }
            return s
        }
    }
}

/// `abs(x - y) <= absolute + relative * max(abs(x), abs(y))`, NaN only equal to NaN.
func isClose(_ x: Double, _ y: Double, absolute: Double, relative: Double) -> Bool {
    if x.isNaN || y.isNaN { return x.isNaN && y.isNaN }
    if x == y { return true }
    return abs(x - y) <= absolute + relative * max(abs(x), abs(y))
}

private let openCVOrder: [HistogramComparison] = [
    .correlation, .chiSquare, .intersection, .bhattacharyya, .chiSquareAlternative, .kullbackLeibler,
]

@Suite struct HistogramComparisonTests {
    /// REFERENCE.md's check: h1 = [1, 2, 3, 0], h2 = [2, 2, 1, 1], values printed by
    /// cv2.compareHist (OpenCV 5.0.0) at full precision.
    @Test func openCVCheckValues() {
        let h1: [Double] = [1, 2, 3, 0], h2: [Double] = [2, 2, 1, 1]
        let f1: [Float] = [1, 2, 3, 0], f2: [Float] = [2, 2, 1, 1]
        let expected: [(HistogramComparison, Double)] = [
            (.correlation, 0.0),
            (.chiSquare, 2.333333333333333),
            (.intersection, 4.0),
            (.bhattacharyya, 0.3772125020148961),
            (.chiSquareAlternative, 4.666666666666666),
            (.kullbackLeibler, 2.6026896854443837),
        ]
        for (method, value) in expected {
            #expect(isClose(method.evaluate(h1, h2), value, absolute: 1e-15, relative: 4e-16), "\(method)")
            #expect(isClose(method.evaluate(f1, f2), value, absolute: 1e-15, relative: 4e-16), "\(method) float")
        }
        // The comparisons OpenCV does not have, by hand.
        #expect(HistogramComparison.euclidean.evaluate(h1, h2) == sqrt(6.0))
        #expect(isClose(HistogramComparison.cosine.evaluate(h1, h2), 9 / sqrt(140.0), absolute: 0, relative: 4e-16))
        // coincidence: (1/2 + 1 + 1/3 + 0) / 4 = 11/24
        #expect(isClose(HistogramComparison.coincidence.evaluate(h1, h2), 11.0 / 24, absolute: 0, relative: 4e-16))
    }

    /// Every pair of compare.txt (seeded float32 histograms with empty bins, tiny values, zero
    /// and constant histograms) against cv2.compareHist, numpy's L2 norm and scipy's cosine.
    ///
    /// Tolerance: 1e-13 relative + 1e-13 absolute, since only the order of the `Double` sums
    /// differs (OpenCV adds in SIMD lanes), plus, for the two chi-squares, the effect of OpenCV
    /// 5 rounding `a - b` and `a + b` to float32 in its scalar tail (the last `n % 4` bins,
    /// after its 4-lane SIMD loop): at most 3 * 2^-24 of each of those terms.
    @Test func openCVFixture() throws {
        let lines = try Fixtures.lines("histogram/compare.txt")
        #expect(lines.count == 130)
        for (index, line) in lines.enumerated() {
            let parts = line.split(separator: ";", omittingEmptySubsequences: false)
            try #require(parts.count == 4, "line \(index)")
            let h1 = parts[0].split(separator: " ").map { Float(Double($0)!) }
            let h2 = parts[1].split(separator: " ").map { Float(Double($0)!) }
            let cv = parts[2].split(separator: " ").map { Double($0)! }
            let numpy = parts[3].split(separator: " ").map { Double($0)! }
            try #require(h1.count == h2.count && cv.count == 6 && numpy.count == 2, "line \(index)")
            let d1 = h1.map(Double.init), d2 = h2.map(Double.init)
            for (k, method) in openCVOrder.enumerated() {
                var slack = 0.0
                if method == .chiSquare || method == .chiSquareAlternative {
                    for i in (h1.count - h1.count % 4)..<h1.count {
                        let w = method == .chiSquare ? d1[i] : d1[i] + d2[i]
                        if abs(w) > Double.ulpOfOne { slack += 3 * 0x1p-24 * (d1[i] - d2[i]) * (d1[i] - d2[i]) / w }
                    }
                    if method == .chiSquareAlternative { slack *= 2 }
                }
                let ours = method.evaluate(h1, h2)
                #expect(
                    isClose(ours, cv[k], absolute: 1e-13 + slack, relative: 1e-13),
                    "line \(index) n \(h1.count) \(method): ours \(ours) OpenCV \(cv[k])")
                #expect(method.evaluate(d1, d2) == ours, "line \(index) \(method): Float and Double overloads")
                #expect(method.openCVMethod == k)
            }
            let l2 = HistogramComparison.euclidean.evaluate(d1, d2)
            #expect(isClose(l2, numpy[0], absolute: 1e-300, relative: 1e-14), "line \(index) L2 \(l2) vs \(numpy[0])")
            if !numpy[1].isNaN {
                let c = HistogramComparison.cosine.evaluate(d1, d2)
                #expect(
                    isClose(c, numpy[1], absolute: 1e-14, relative: 1e-14), "line \(index) cosine \(c) vs \(numpy[1])")
            }
        }
    }

    /// Every formula against the plain reference on seeded vectors: random values with empty
    /// bins, integer counts, normalized forms; lengths 1...40 and a few long ones.
    @Test(arguments: Array(1...40) + [64, 100, 255, 256, 1000])
    func matchesReference(length n: Int) {
        var rng = SplitMix64(seed: 0xC0_0000 + UInt64(n))
        for trial in 0..<6 {
            var a = (0..<n).map { _ in
                Double.random(in: 0..<1, using: &rng) < 0.3 ? 0 : Double(Int.random(in: 0...500, using: &rng))
            }
            var b = (0..<n).map { _ in
                Double.random(in: 0..<1, using: &rng) < 0.3 ? 0 : Double(Int.random(in: 0...500, using: &rng))
            }
            if trial >= 3 {
                let sa = a.reduce(0, +), sb = b.reduce(0, +)
                if sa > 0 { a = a.map { $0 / sa } }
                if sb > 0 { b = b.map { $0 / sb } }
            }
            for method in HistogramComparison.allCases {
                let ours = method.evaluate(a, b)
                let reference = ReferenceComparison.evaluate(method, a, b)
                // Correlation and cosine differ from the textbook form in rounding only.
                #expect(
                    isClose(ours, reference, absolute: 1e-12, relative: 1e-12),
                    "n \(n) trial \(trial) \(method): ours \(ours) reference \(reference)")
                if method.isSymmetric {
                    #expect(method.evaluate(b, a) == ours, "n \(n) trial \(trial) \(method) symmetry")
                }
            }
        }
    }

    /// Identical inputs: distance 0, similarity 1, correlation 1, intersection = the sum.
    @Test(arguments: [1, 2, 3, 16, 17, 256])
    func identicalInputs(length n: Int) {
        var rng = SplitMix64(seed: 0x1D_0000 + UInt64(n))
        for trial in 0..<5 {
            let a = (0..<n).map { _ in
                Double(Int.random(in: 0...3, using: &rng) == 0 ? 0 : Int.random(in: 1...900, using: &rng))
            }
            let s = a.reduce(0, +)
            let p = s > 0 ? a.map { $0 / s } : a
            for h in [a, p] {
                let context = "n \(n) trial \(trial) \(h)"
                #expect(HistogramComparison.euclidean.evaluate(h, h) == 0, "\(context)")
                #expect(HistogramComparison.chiSquare.evaluate(h, h) == 0, "\(context)")
                #expect(HistogramComparison.chiSquareAlternative.evaluate(h, h) == 0, "\(context)")
                #expect(HistogramComparison.coincidence.evaluate(h, h) == 1, "\(context)")
                #expect(HistogramComparison.intersection.evaluate(h, h) == h.reduce(0, +), "\(context)")
                #expect(abs(HistogramComparison.kullbackLeibler.evaluate(h, h)) <= 1e-15, "\(context)")
                #expect(
                    isClose(HistogramComparison.cosine.evaluate(h, h), 1, absolute: 1e-15, relative: 0), "\(context)")
                #expect(
                    isClose(HistogramComparison.correlation.evaluate(h, h), 1, absolute: 1e-13, relative: 0),
                    "\(context)")
                // sqrt(1 - x) amplifies rounding: 1 - 1e-16 gives 1e-8. Two empty histograms
                // give OpenCV's 1 (k = 1, sqrt(1 - 0)).
                let bhattacharyya = HistogramComparison.bhattacharyya.evaluate(h, h)
                #expect(s == 0 ? bhattacharyya == 1 : bhattacharyya <= 2e-8, "\(context)")
            }
        }
    }

    @Test func edgeRules() {
        // Correlation of a constant histogram: OpenCV's 1.
        #expect(HistogramComparison.correlation.evaluate([3, 3, 3], [1, 5, 2]) == 1)
        // Chi-square skips bins empty in the first histogram; the alternative form only bins
        // empty in both.
        #expect(HistogramComparison.chiSquare.evaluate([0, 2], [5, 2]) == 0)
        #expect(HistogramComparison.chiSquareAlternative.evaluate([0, 0, 1], [0, 3, 1]) == 6)
        // KL: an empty first bin is skipped, an empty second bin becomes 1e-10.
        let kl = HistogramComparison.kullbackLeibler.evaluate([0, 0.5, 0.5], [1, 0.5, 0])
        #expect(isClose(kl, 0.5 * log(0.5 / 1e-10), absolute: 0, relative: 1e-15), "\(kl)")
        // Bhattacharyya of two empty histograms: k = 1, sqrt(1 - 0) = 1.
        #expect(HistogramComparison.bhattacharyya.evaluate([0, 0], [0, 0]) == 1)
        // Coincidence: a bin empty in both counts as 1; empty vs non-empty as 0.
        #expect(HistogramComparison.coincidence.evaluate([0, 0], [0, 4]) == 0.5)
        // Cosine of zero vectors.
        #expect(HistogramComparison.cosine.evaluate([0, 0], [0, 0]) == 1)
        #expect(HistogramComparison.cosine.evaluate([0, 0], [1, 0]) == 0)
        // The Float overload computes a - b exactly in Double (16777215.5, not the float32
        // rounding 16777216).
        let a: Float = 16_777_216, b: Float = 0.5
        #expect(HistogramComparison.chiSquare.evaluate([a], [b]) == 16_777_215.5 * 16_777_215.5 / 16_777_216)
    }

    @Test func metadata() {
        #expect(HistogramComparison.allCases.count == 9)
        for m in HistogramComparison.allCases {
            let similar = [.cosine, .coincidence, .correlation, .intersection].contains(m)
            #expect(m.largerIsMoreSimilar == similar, "\(m)")
            #expect(m.isSymmetric == (m != .chiSquare && m != .kullbackLeibler), "\(m)")
            #expect(m.distance(fromValue: 0.25) == (similar ? 0.75 : 0.25), "\(m)")
        }
        #expect(HistogramComparison.euclidean.openCVMethod == nil)
        #expect(HistogramComparison.coincidence.description == "coincidence")
        #expect(HistogramComparison.chiSquareAlternative.description == "chiSquareAlternative")
        // Asymmetric ones really are.
        #expect(HistogramComparison.chiSquare.evaluate([1, 4], [2, 1]) == 3.25)
        #expect(HistogramComparison.chiSquare.evaluate([2, 1], [1, 4]) == 9.5)
    }

    /// The libm-free logarithm used by the KL divergence against Foundation's `log`.
    @Test func naturalLogMatchesFoundation() {
        var rng = SplitMix64(seed: 0x106)
        var worst = 0.0
        var samples: [Double] = [
            1, 2, 0.5, 1e-10, 1e10, .leastNonzeroMagnitude, .leastNormalMagnitude,
            .greatestFiniteMagnitude, 1.414_213_562_373_095_1, 1.414_213_562_373_095_2,
            0.707_106_781_186_547_5, 1 + .ulpOfOne, 1 - .ulpOfOne / 2,
        ]
        for _ in 0..<20_000 {
            samples.append(Double(bitPattern: UInt64.random(in: 1..<0x7FF0_0000_0000_0000, using: &rng)))
            samples.append(Double.random(in: 0.5..<2, using: &rng))
        }
        for x in samples {
            let ours = HistogramComparison.naturalLog(x), ref = log(x)
            let ulps = abs(ours - ref) / ref.ulp
            worst = max(worst, ulps)
            #expect(ulps <= 2, "x \(x): \(ours) vs \(ref)")
        }
        #expect(HistogramComparison.naturalLog(0) == -.infinity)
        #expect(HistogramComparison.naturalLog(-1).isNaN)
        #expect(HistogramComparison.naturalLog(.nan).isNaN)
        #expect(HistogramComparison.naturalLog(.infinity) == .infinity)
        #expect(HistogramComparison.naturalLog(1) == 0)
    }

    @Test func lengthPreconditions() async {
        await #expect(processExitsWith: .failure) {
            _ = HistogramComparison.chiSquare.evaluate([1, 2] as [Double], [1])
        }
        await #expect(processExitsWith: .failure) {
            _ = HistogramComparison.correlation.evaluate([] as [Double], [])
        }
    }
}
