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

/// The largest `|a[i] - b[i]|`.
func maxAbsDifference<T: BinaryFloatingPoint>(_ a: [T], _ b: [T]) -> T {
    zip(a, b).map { abs($0 - $1) }.max() ?? 0
}

func maxMagnitude<T: BinaryFloatingPoint>(_ a: [T]) -> T { a.map { abs($0) }.max() ?? 0 }

func randomVector(count: Int, seed: UInt64) -> [Double] {
    var rng = SplitMix64(seed: seed)
    return (0..<count).map { _ in Double.random(in: -1...1, using: &rng) }
}

@Suite struct DCTTests {
    static let sizes = Array(1...70) + [128, 256]

    @Test(arguments: sizes)
    func forwardMatchesDefinition(count: Int) {
        let dct = DCT(count: count)
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
}
