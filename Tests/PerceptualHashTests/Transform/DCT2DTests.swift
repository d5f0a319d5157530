import Foundation
import Testing
@testable import PerceptualHash

/// The 2-D reference: `referenceDCT` on every column (axis 0), then on every row (axis 1).
func referenceDCT2D(_ a: [Double], rows: Int, columns: Int, normalization: DCTNormalization = .unnormalized) -> [Double] {
    var m = a
    for c in 0..<columns {
        let col = referenceDCT((0..<rows).map { m[$0 * columns + c] }, normalization: normalization)
        for r in 0..<rows { m[r * columns + c] = col[r] }
    }
    for r in 0..<rows {
        let row = referenceDCT(Array(m[r * columns..<(r + 1) * columns]), normalization: normalization)
        for c in 0..<columns { m[r * columns + c] = row[c] }
    }
    return m
}

func randomIntegerPlane(count: Int, seed: UInt64) -> [Double] {
    var rng = SplitMix64(seed: seed)
    return (0..<count).map { _ in Double(Int.random(in: 0...255, using: &rng)) }
}

@Suite struct DCT2DTests {
    static let shapes: [(Int, Int)] = [(1, 1), (1, 5), (5, 1), (2, 3), (3, 2), (7, 9), (8, 8), (9, 13), (16, 5), (31, 32), (32, 32), (33, 17), (64, 64)]

    @Test(arguments: shapes)
    func forwardMatchesDefinition(rows: Int, columns: Int) {
        let plan = DCT2D(rows: rows, columns: columns)
        let a = randomIntegerPlane(count: rows * columns, seed: UInt64(rows * 1000 + columns))
        for normalization in DCTNormalization.allCases {
            let y = plan.forward(a, normalization: normalization)
            let r = referenceDCT2D(a, rows: rows, columns: columns, normalization: normalization)
            let err = maxAbsDifference(y, r) / maxMagnitude(r)
            #expect(err <= 1e-12, "\(rows) x \(columns) \(normalization): relative error \(err)")
        }
    }
}
