import Testing
import Foundation
@testable import PerceptualHash

/// Plain references in `Double`: (sum((a-b)^2), sum(a*b), sum(a*a), sum(b*b)) and the sums of
/// the absolute values of the terms (for the error bounds).
private func referenceSums(_ a: [Double], _ b: [Double]) -> (
    dd: Double, ab: Double, aa: Double, bb: Double, absAB: Double
) {
    var dd = 0.0, ab = 0.0, aa = 0.0, bb = 0.0, absAB = 0.0
    for i in a.indices {
        let d = a[i] - b[i]
        dd += d * d
        ab += a[i] * b[i]
        absAB += abs(a[i] * b[i])
        aa += a[i] * a[i]
        bb += b[i] * b[i]
    }
    return (dd, ab, aa, bb, absAB)
}

private func referenceCosine(_ s: (dd: Double, ab: Double, aa: Double, bb: Double, absAB: Double)) -> Double {
    if s.aa == 0 || s.bb == 0 { return s.aa == s.bb ? 1 : 0 }
    return s.ab / (sqrt(s.aa) * sqrt(s.bb))
}

private let lengths: [Int] = Array(0...100) + [255, 256, 257, 1000, 4099, 65_537]

@Suite struct VectorMathTests {
    /// The `Span` forms (the public way in for memory that is not an array) give exactly the
    /// array forms' results, on lengths with and without a scalar tail.
    @Test(arguments: [0, 1, 15, 16, 17, 33, 100])
    func spanFormsEqualArrayForms(count: Int) {
        let f = (0..<count).map { Float($0 % 7) - 2.5 }, g = (0..<count).map { Float($0 % 5) * 0.75 }
        let d = f.map(Double.init), e = g.map(Double.init)
        #expect(VectorMath.dotProduct(f.span, g.span) == VectorMath.dotProduct(f, g))
        #expect(VectorMath.squaredEuclideanDistance(f.span, g.span) == VectorMath.squaredEuclideanDistance(f, g))
        #expect(VectorMath.euclideanDistance(f.span, g.span) == VectorMath.euclideanDistance(f, g))
        #expect(VectorMath.cosineSimilarity(f.span, g.span) == VectorMath.cosineSimilarity(f, g))
        #expect(VectorMath.dotProduct(d.span, e.span) == VectorMath.dotProduct(d, e))
        #expect(VectorMath.squaredEuclideanDistance(d.span, e.span) == VectorMath.squaredEuclideanDistance(d, e))
        #expect(VectorMath.euclideanDistance(d.span, e.span) == VectorMath.euclideanDistance(d, e))
        #expect(VectorMath.cosineSimilarity(d.span, e.span) == VectorMath.cosineSimilarity(d, e))
        if count > 0 {
            let h = d.map { abs($0) + 1 }, k = e.map { $0 + 1 }
            for method in HistogramComparison.allCases {
                let viaSpan = method.evaluate(h.span, k.span), viaArray = method.evaluate(h, k)
                #expect(viaSpan == viaArray || (viaSpan.isNaN && viaArray.isNaN), "\(method)")
                let hf = h.map(Float.init), kf = k.map(Float.init)
                let viaSpanF = method.evaluate(hf.span, kf.span), viaArrayF = method.evaluate(hf, kf)
                #expect(viaSpanF == viaArrayF || (viaSpanF.isNaN && viaArrayF.isNaN), "\(method) Float")
            }
        }
    }

    @Test func knownValues() {
        #expect(VectorMath.euclideanDistance([0, 0] as [Float], [3, 4]) == 5)
        #expect(VectorMath.euclideanDistance([0, 0] as [Double], [3, 4]) == 5)
        #expect(VectorMath.squaredEuclideanDistance([1, 2, 3] as [Float], [1, 2, 5]) == 4)
        #expect(VectorMath.dotProduct([1, 2, 3] as [Double], [4, 5, 6]) == 32)
        #expect(VectorMath.cosineSimilarity([1, 0] as [Float], [0, 1]) == 0)
        #expect(VectorMath.cosineSimilarity([1, 0] as [Double], [-2, 0]) == -1)
        #expect(VectorMath.cosineSimilarity([3, 4] as [Double], [6, 8]) == 1)
        // h1 = [1, 2, 3, 0], h2 = [2, 2, 1, 1]: 9 / sqrt(14 * 10)
        let c = VectorMath.cosineSimilarity([1, 2, 3, 0] as [Double], [2, 2, 1, 1])
        #expect(abs(c - 9 / sqrt(140)) <= 2e-16, "\(c)")
    }

    @Test func zeroAndEmptyVectors() {
        #expect(VectorMath.cosineSimilarity([] as [Float], []) == 1)
        #expect(VectorMath.cosineSimilarity([] as [Double], []) == 1)
        #expect(VectorMath.euclideanDistance([] as [Float], []) == 0)
        #expect(VectorMath.dotProduct([] as [Double], []) == 0)
        for n in [1, 7, 16, 17, 40] {
            let zf = [Float](repeating: 0, count: n), zd = [Double](repeating: 0, count: n)
            let xf = (0..<n).map { Float($0) + 1 }, xd = (0..<n).map { Double($0) + 1 }
            #expect(VectorMath.cosineSimilarity(zf, zf) == 1, "n \(n)")
            #expect(VectorMath.cosineSimilarity(zd, zd) == 1, "n \(n)")
            #expect(VectorMath.cosineSimilarity(zf, xf) == 0, "n \(n)")
            #expect(VectorMath.cosineSimilarity(xd, zd) == 0, "n \(n)")
            #expect(VectorMath.euclideanDistance(zd, xd) == sqrt(xd.map { $0 * $0 }.reduce(0, +)), "n \(n)")
        }
    }

    @Test(arguments: lengths)
    func doubleMatchesPlainLoop(length n: Int) {
        var rng = SplitMix64(seed: 0xD0_0000 + UInt64(n))
        for trial in 0..<(n <= 100 ? 4 : 1) {
            let a = (0..<n).map { _ in Double.random(in: -10...10, using: &rng) }
            let b = (0..<n).map { _ in Double.random(in: -10...10, using: &rng) }
            let r = referenceSums(a, b)
            let bound = Double(n / 8 + 20) * Double.ulpOfOne
            let sq = VectorMath.squaredEuclideanDistance(a, b)
            #expect(abs(sq - r.dd) <= bound * r.dd, "n \(n) trial \(trial): \(sq) vs \(r.dd)")
            let e = VectorMath.euclideanDistance(a, b)
            #expect(abs(e - sqrt(r.dd)) <= bound * sqrt(r.dd) + 1e-300, "n \(n) trial \(trial)")
            let dot = VectorMath.dotProduct(a, b)
            #expect(abs(dot - r.ab) <= bound * r.absAB, "n \(n) trial \(trial): \(dot) vs \(r.ab)")
            let c = VectorMath.cosineSimilarity(a, b)
            #expect(abs(c - referenceCosine(r)) <= 4 * bound, "n \(n) trial \(trial): \(c)")
            // Unsafe buffer overloads give the same values.
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    #expect(VectorMath.squaredEuclideanDistance(pa, pb) == sq)
                    #expect(VectorMath.euclideanDistance(pa, pb) == e)
                    #expect(VectorMath.dotProduct(pa, pb) == dot)
                    #expect(VectorMath.cosineSimilarity(pa, pb) == c)
                }
            }
            // Symmetry is exact, identity exact for the distance, cosine within the clamp.
            #expect(VectorMath.squaredEuclideanDistance(b, a) == sq, "n \(n)")
            #expect(VectorMath.cosineSimilarity(b, a) == c, "n \(n)")
            #expect(VectorMath.euclideanDistance(a, a) == 0, "n \(n)")
            let self1 = VectorMath.cosineSimilarity(a, a)
            #expect(self1 <= 1 && self1 >= 1 - 4 * bound, "n \(n): \(self1)")
        }
    }

    @Test(arguments: lengths)
    func floatMatchesPlainLoop(length n: Int) {
        var rng = SplitMix64(seed: 0xF0_0000 + UInt64(n))
        for trial in 0..<(n <= 100 ? 4 : 1) {
            let a = (0..<n).map { _ in Float.random(in: -10...10, using: &rng) }
            let b = (0..<n).map { _ in Float.random(in: -10...10, using: &rng) }
            // The reference works on the exact Float products and differences, in Double.
            let r = referenceSums(a.map(Double.init), b.map(Double.init))
            let bound = Double(n / 16 + 20) * Double(Float.ulpOfOne)
            let sq = VectorMath.squaredEuclideanDistance(a, b)
            #expect(abs(Double(sq) - r.dd) <= bound * r.dd, "n \(n) trial \(trial): \(sq) vs \(r.dd)")
            let e = VectorMath.euclideanDistance(a, b)
            #expect(abs(Double(e) - sqrt(r.dd)) <= bound * sqrt(r.dd), "n \(n) trial \(trial)")
            let dot = VectorMath.dotProduct(a, b)
            #expect(abs(Double(dot) - r.ab) <= bound * r.absAB, "n \(n) trial \(trial): \(dot) vs \(r.ab)")
            let c = VectorMath.cosineSimilarity(a, b)
            #expect(abs(Double(c) - referenceCosine(r)) <= 4 * bound, "n \(n) trial \(trial): \(c)")
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    #expect(VectorMath.squaredEuclideanDistance(pa, pb) == sq)
                    #expect(VectorMath.euclideanDistance(pa, pb) == e)
                    #expect(VectorMath.dotProduct(pa, pb) == dot)
                    #expect(VectorMath.cosineSimilarity(pa, pb) == c)
                }
            }
            #expect(VectorMath.squaredEuclideanDistance(b, a) == sq, "n \(n)")
            #expect(VectorMath.cosineSimilarity(b, a) == c, "n \(n)")
            #expect(VectorMath.euclideanDistance(a, a) == 0, "n \(n)")
            let self1 = VectorMath.cosineSimilarity(a, a)
            #expect(self1 <= 1 && Double(self1) >= 1 - 4 * bound, "n \(n): \(self1)")
        }
    }

    /// Float accumulation in 16 lanes stays far more accurate than a sequential Float sum
    /// on a long vector of same-sign terms (the case that hurts a plain loop most).
    @Test func floatLanesBeatSequentialSum() {
        let n = 1 << 20
        let a = [Float](repeating: 0.1, count: n), b = [Float](repeating: 0, count: n)
        let exact = Double(n) * Double(Float(0.1)) * Double(Float(0.1))
        var sequential: Float = 0
        for x in a { sequential += x * x }
        let lanes = VectorMath.squaredEuclideanDistance(a, b)
        #expect(abs(Double(lanes) - exact) < abs(Double(sequential) - exact))
        #expect(abs(Double(lanes) - exact) <= Double(n / 16 + 20) * Double(Float.ulpOfOne) * exact)
    }

    @Test func lengthMismatchIsAPreconditionFailure() async {
        await #expect(processExitsWith: .failure) {
            _ = VectorMath.euclideanDistance([1, 2] as [Float], [1])
        }
        await #expect(processExitsWith: .failure) {
            _ = VectorMath.cosineSimilarity([1] as [Double], [1, 2])
        }
    }
}
