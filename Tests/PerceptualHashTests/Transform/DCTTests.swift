import Foundation
import Testing
@testable import PerceptualHash

/// The O(N^2) definition, summed in `Double` with Foundation's `cos`:
/// `y[k] = 2 * sum_n x[n] * cos(pi * k * (2n + 1) / (2N))`, scaled for `normalization`.
func referenceDCT(_ x: [Double], normalization: DCTNormalization = .unnormalized) -> [Double] {
    let n = x.count
    return (0..<n).map { k in
        var sum = 0.0
        for i in 0..<n { sum += x[i] * cos(Double.pi * Double(k * (2 * i + 1)) / Double(2 * n)) }
        switch normalization {
        case .unnormalized: return 2 * sum
        case .orthonormal: return 2 * sum * (k == 0 ? sqrt(1 / Double(4 * n)) : sqrt(1 / Double(2 * n)))
        }
    }
}

/// The O(N^2) DCT-III that inverts `referenceDCT`:
/// unnormalized `x[n] = (y[0] + 2 sum_{k>=1} y[k] cos(pi k (2n+1) / (2N))) / (2N)`,
/// orthonormal `x[n] = sqrt(1/N) y[0] + sqrt(2/N) sum_{k>=1} y[k] cos(...)`.
func referenceInverseDCT(_ y: [Double], normalization: DCTNormalization = .unnormalized) -> [Double] {
    let n = y.count
    return (0..<n).map { i in
        var sum = 0.0
        for k in 1..<max(n, 1) { sum += y[k] * cos(Double.pi * Double(k * (2 * i + 1)) / Double(2 * n)) }
        switch normalization {
        case .unnormalized: return (y[0] + 2 * sum) / Double(2 * n)
        case .orthonormal: return sqrt(1 / Double(n)) * y[0] + sqrt(2 / Double(n)) * sum
        }
    }
}

/// The largest `|a[i] - b[i]|`.
func maxAbsDifference<T: BinaryFloatingPoint>(_ a: [T], _ b: [T]) -> T {
    zip(a, b).map { abs($0 - $1) }.max() ?? 0
}

func maxMagnitude<T: BinaryFloatingPoint>(_ a: [T]) -> T { a.map { abs($0) }.max() ?? 0 }

func randomVector(count: Int, seed: UInt64) -> [Double] {
    var rng = SplitMix64(seed: seed)
    return (0..<count).map { _ in Double.random(in: -1...1, using: &rng) }
}

/// Float64 values from concatenated 16-digit hex bit patterns.
func doubles(hex: Substring) -> [Double] {
    var out: [Double] = []
    var i = hex.startIndex
    while i < hex.endIndex {
        let j = hex.index(i, offsetBy: 16)
        out.append(Double(bitPattern: UInt64(hex[i..<j], radix: 16)!))
        i = j
    }
    return out
}

@Suite struct DCTTests {
    static let sizes = Array(1...70) + [128, 256]
    static let symmetrySizes = Array(1...40) + [63, 64, 65, 96, 127, 128]

    @Test(arguments: sizes)
    func forwardMatchesDefinition(count: Int) {
        let dct = DCT(count: count)
        #expect(dct.count == count)
        for seed in 0..<3 as Range<UInt64> {
            let x = randomVector(count: count, seed: seed &* 1000 &+ UInt64(count))
            for normalization in DCTNormalization.allCases {
                let y = dct.forward(x, normalization: normalization)
                let r = referenceDCT(x, normalization: normalization)
                let err = maxAbsDifference(y, r) / maxMagnitude(r)
                #expect(err <= 1e-12, "N \(count) seed \(seed) \(normalization): relative error \(err)")
            }
        }
    }

    @Test(arguments: sizes)
    func inverseMatchesDefinitionAndRoundTrips(count: Int) {
        let dct = DCT(count: count)
        let x = randomVector(count: count, seed: 77 &+ UInt64(count))
        for normalization in DCTNormalization.allCases {
            let y = dct.forward(x, normalization: normalization)
            let back = dct.inverse(y, normalization: normalization)
            let roundTrip = maxAbsDifference(back, x) / maxMagnitude(x)
            #expect(roundTrip <= 1e-13, "N \(count) \(normalization): inverse(forward(x)) relative error \(roundTrip)")
            let reference = referenceInverseDCT(x, normalization: normalization)
            let err =
                maxAbsDifference(dct.inverse(x, normalization: normalization), reference) / maxMagnitude(reference)
            #expect(err <= 1e-12, "N \(count) \(normalization): inverse vs definition relative error \(err)")
        }
    }

    @Test(arguments: sizes)
    func orthonormalPreservesEnergy(count: Int) {
        let x = randomVector(count: count, seed: 5 &+ UInt64(count))
        let y = DCT(count: count).forward(x, normalization: .orthonormal)
        let ex = x.reduce(0) { $0 + $1 * $1 }
        let ey = y.reduce(0) { $0 + $1 * $1 }
        #expect(abs(ex - ey) <= 1e-13 * ex, "N \(count): sum x^2 = \(ex), sum y^2 = \(ey)")
    }

    @Test(arguments: [1, 2, 3, 5, 8, 9, 16, 31, 32, 33, 64, 100])
    func firstCoefficientsAreBitIdenticalToFullTransform(count: Int) {
        let dct = DCT(count: count)
        let x = randomVector(count: count, seed: 11 &+ UInt64(count))
        for normalization in DCTNormalization.allCases {
            let full = dct.forward(x, normalization: normalization)
            for k in 1...count {
                var part = [Double](repeating: .nan, count: k)
                do {
                    var out = part.mutableSpan
                    dct.forward(x.span, into: &out, normalization: normalization)
                }
                #expect(part.map(\.bitPattern) == full[..<k].map(\.bitPattern), "N \(count) k \(k) \(normalization)")
            }
            // The span inverse equals the array inverse.
            var back = [Double](repeating: .nan, count: count)
            do {
                var out = back.mutableSpan
                dct.inverse(full.span, into: &out, normalization: normalization)
            }
            #expect(
                back.map(\.bitPattern) == dct.inverse(full, normalization: normalization).map(\.bitPattern),
                "N \(count) \(normalization): span inverse")
            // Float: the span forms equal the array forms.
            let xf = x.map { Float($0) }
            var partF = [Float](repeating: .nan, count: count)
            do {
                var out = partF.mutableSpan
                dct.forward(xf.span, into: &out, normalization: normalization)
            }
            let fullF = dct.forward(xf, normalization: normalization)
            #expect(partF.map(\.bitPattern) == fullF.map(\.bitPattern), "Float N \(count) \(normalization)")
            do {
                var out = partF.mutableSpan
                dct.inverse(fullF.span, into: &out, normalization: normalization)
            }
            #expect(
                partF.map(\.bitPattern) == dct.inverse(fullF, normalization: normalization).map(\.bitPattern),
                "Float N \(count) \(normalization): span inverse")
        }
    }

    /// Coefficients that vanish by symmetry are exactly zero, in Double and Float.
    @Test(arguments: symmetrySizes)
    func symmetricInputsGiveExactZeros(count: Int) {
        let dct = DCT(count: count)
        var rng = SplitMix64(seed: 3 &+ UInt64(count))
        let half = (0..<(count + 1) / 2).map { _ in Double(Int.random(in: 0...255, using: &rng)) }
        let mirror = (0..<count).map { half[min($0, count - 1 - $0)] }
        let anti = (0..<count).map { n -> Double in
            let m = count - 1 - n
            return n == m ? 0 : (n < m ? half[n] : -half[m])
        }
        for normalization in DCTNormalization.allCases {
            for value in [0.0, 1.0, 137.0, 255.0, -3.25, 0.1] {
                let y = dct.forward([Double](repeating: value, count: count), normalization: normalization)
                #expect(y.dropFirst().allSatisfy { $0 == 0 }, "N \(count) constant \(value) \(normalization): \(y)")
                let yf = dct.forward([Float](repeating: Float(value), count: count), normalization: normalization)
                #expect(
                    yf.dropFirst().allSatisfy { $0 == 0 }, "N \(count) Float constant \(value) \(normalization): \(yf)")
            }
            let ym = dct.forward(mirror, normalization: normalization)
            #expect(
                stride(from: 1, to: count, by: 2).allSatisfy { ym[$0] == 0 },
                "N \(count) mirror \(normalization): \(ym)")
            let ymf = dct.forward(mirror.map { Float($0) }, normalization: normalization)
            #expect(
                stride(from: 1, to: count, by: 2).allSatisfy { ymf[$0] == 0 },
                "N \(count) Float mirror \(normalization)")
            let ya = dct.forward(anti, normalization: normalization)
            #expect(
                stride(from: 0, to: count, by: 2).allSatisfy { ya[$0] == 0 },
                "N \(count) antisymmetric \(normalization): \(ya)")
        }
    }

    @Test(arguments: sizes)
    func floatIsCloseToDouble(count: Int) {
        let dct = DCT(count: count)
        let x = randomVector(count: count, seed: 9 &+ UInt64(count))
        for normalization in DCTNormalization.allCases {
            let y = dct.forward(x, normalization: normalization)
            let yf = dct.forward(x.map { Float($0) }, normalization: normalization).map { Double($0) }
            let err = maxAbsDifference(y, yf) / maxMagnitude(y)
            #expect(err <= 2e-6, "N \(count) \(normalization): Float forward relative error \(err)")
            let back = dct.inverse(yf.map { Float($0) }, normalization: normalization).map { Double($0) }
            let roundTrip = maxAbsDifference(back, x) / maxMagnitude(x)
            #expect(roundTrip <= 2e-6, "N \(count) \(normalization): Float round trip relative error \(roundTrip)")
        }
    }

    @Test func smallKnownValues() {
        let d2 = DCT(count: 2)
        #expect(d2.forward([1, 3]) == [8, -2 * 2.0.squareRoot()])
        let ortho = d2.forward([1, 3], normalization: .orthonormal)
        #expect(abs(ortho[0] - 2 * 2.0.squareRoot()) <= 1e-15 && abs(ortho[1] + 2.0.squareRoot()) <= 1e-15, "\(ortho)")
        #expect(DCT(count: 1).forward([5]) == [10])
        #expect(DCT(count: 1).forward([5], normalization: .orthonormal) == [5])
        #expect(DCT(count: 1).inverse([10]) == [5])
        #expect(DCT(count: 8).forward([Double](repeating: 1, count: 8)) == [16, 0, 0, 0, 0, 0, 0, 0])
        #expect(DCT(count: 8).inverse([16, 0, 0, 0, 0, 0, 0, 0]) == [Double](repeating: 1, count: 8))
        // N = 3: y = [2(a+b+c), sqrt(3)(a-c), a - 2b + c].
        let y3 = DCT(count: 3).forward([1, 2, 4])
        #expect(
            abs(y3[0] - 14) <= 1e-14 && abs(y3[1] + 3 * 3.0.squareRoot()) <= 1e-14 && abs(y3[2] - 1) <= 1e-14, "\(y3)")
    }

    /// The 1-D transforms against `scipy.fftpack.dct` (Scripts/references/dct.py).
    @Test func matchesSciPy() throws {
        var checked = 0
        for line in try Fixtures.lines("dct/scipy-dct.txt") where line.hasPrefix("1d ") {
            let f = line.split(separator: " ")
            let n = Int(f[1])!
            let normalization: DCTNormalization = f[2] == "ortho" ? .orthonormal : .unnormalized
            let x = doubles(hex: f[3]), expected = doubles(hex: f[4])
            #expect(x.count == n && expected.count == n)
            let y = DCT(count: n).forward(x, normalization: normalization)
            let err = maxAbsDifference(y, expected) / maxMagnitude(expected)
            #expect(err <= 1e-12, "N \(n) \(normalization): relative difference to scipy \(err)")
            checked += 1
        }
        #expect(checked == 40)
    }

    /// The table cosines and the square root used for the orthonormal scale, against
    /// Foundation's correctly rounded-or-nearly `cos` and `sqrt`.
    @Test func cosineTableValues() {
        for q in [1, 2, 3, 4, 5, 6, 7, 8, 12, 16, 31, 64, 128, 250, 512] {
            for p in -2 * q...4 * q {
                let ours = CosinePi.value(p, over: q)
                #if arch(x86_64) && os(Linux)
                    // 64-bit-significand reference: within one ulp of the result (correct rounding
                    // expected everywhere but at near-ties; zeros of cos are checked exactly below).
                    let wide = Double(cos(Float80.pi * Float80(p) / Float80(q)))
                    #expect(abs(ours - wide) <= max(abs(wide).ulp, 1e-18), "cos(pi \(p)/\(q)): \(ours) vs \(wide)")
                #else
                    // The Double argument pi * p / q is itself off by up to |angle| * ulpOfOne.
                    let angle = Double.pi * Double(p) / Double(q)
                    #expect(abs(ours - cos(angle)) <= (2 + abs(angle)) * Double.ulpOfOne, "cos(pi \(p)/\(q))")
                #endif
                if (2 * p) % q == 0 && (2 * p / q) % 2 != 0 { #expect(ours == 0, "cos(pi \(p)/\(q))") }
                if p % q == 0 { #expect(abs(ours) == 1, "cos(pi \(p)/\(q))") }
                if (3 * p) % q == 0 && p % q != 0 { #expect(abs(ours) == 0.5, "cos(pi \(p)/\(q))") }
            }
        }
        #expect(CosinePi.value(1, over: 4) == 2.0.squareRoot() / 2)
        for a in [0.5, 2, 3, 1e-5, 1.0 / 96, 1.0 / 128, 1.0 / 256, 12345.678, 1e300, 1e-300] {
            #expect(DoubleDouble.squareRoot(a) == sqrt(a), "sqrt(\(a))")
        }
    }
}
