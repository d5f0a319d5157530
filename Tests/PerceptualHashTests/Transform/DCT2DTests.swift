import Foundation
import Testing
@testable import PerceptualHash

/// The 2-D reference: `referenceDCT` on every column (axis 0), then on every row (axis 1).
func referenceDCT2D(_ a: [Double], rows: Int, columns: Int, normalization: DCTNormalization = .unnormalized) -> [Double]
{
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
    static let shapes: [(Int, Int)] = [
        (1, 1), (1, 5), (5, 1), (2, 3), (3, 2), (7, 9), (8, 8), (9, 13), (16, 5), (31, 32), (32, 32), (33, 17),
        (64, 64),
    ]

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

/// A plane from `value(row, column)`.
func plane(rows: Int, columns: Int, _ value: (Int, Int) -> Double) -> [Double] {
    (0..<rows * columns).map { value($0 / columns, $0 % columns) }
}

@Suite struct DCT2DPropertyTests {
    static let squareSizes = [1, 2, 3, 4, 5, 8, 9, 16, 31, 32, 64]
    static let shapes: [(Int, Int)] = [
        (1, 1), (2, 3), (5, 4), (7, 9), (8, 8), (9, 8), (13, 6), (32, 32), (33, 17), (64, 64),
    ]

    /// 2-D = the 1-D plan on each column, then on each row, bit for bit (SIMD lanes compute
    /// exactly what the scalar path computes).
    @Test(arguments: shapes)
    func equalsOneDimensionalPassesBitForBit(rows: Int, columns: Int) {
        let plan = DCT2D(rows: rows, columns: columns)
        let a = randomIntegerPlane(count: rows * columns, seed: 31 &+ UInt64(rows * 100 + columns))
        for normalization in DCTNormalization.allCases {
            var m = a
            for c in 0..<columns {
                let col = plan.columnTransform.forward(
                    (0..<rows).map { m[$0 * columns + c] }, normalization: normalization)
                for r in 0..<rows { m[r * columns + c] = col[r] }
            }
            for r in 0..<rows {
                let row = plan.rowTransform.forward(
                    Array(m[r * columns..<(r + 1) * columns]), normalization: normalization)
                m.replaceSubrange(r * columns..<(r + 1) * columns, with: row)
            }
            #expect(
                plan.forward(a, normalization: normalization).map(\.bitPattern) == m.map(\.bitPattern),
                "\(rows) x \(columns) \(normalization)")
            let af = a.map { Float($0) }
            var mf = af
            for c in 0..<columns {
                let col = plan.columnTransform.forward(
                    (0..<rows).map { mf[$0 * columns + c] }, normalization: normalization)
                for r in 0..<rows { mf[r * columns + c] = col[r] }
            }
            for r in 0..<rows {
                let row = plan.rowTransform.forward(
                    Array(mf[r * columns..<(r + 1) * columns]), normalization: normalization)
                mf.replaceSubrange(r * columns..<(r + 1) * columns, with: row)
            }
            #expect(
                plan.forward(af, normalization: normalization).map(\.bitPattern) == mf.map(\.bitPattern),
                "Float \(rows) x \(columns) \(normalization)")
        }
    }

    /// `forwardTopLeft` is bit for bit the top-left block of `forward`, for every block size.
    @Test(arguments: shapes)
    func topLeftBlockEqualsFullTransform(rows: Int, columns: Int) {
        let plan = DCT2D(rows: rows, columns: columns)
        let a = randomIntegerPlane(count: rows * columns, seed: 41 &+ UInt64(rows * 100 + columns))
        let af = a.map { Float($0) }
        let step = max(1, rows / 3), stepC = max(1, columns / 3)
        for normalization in DCTNormalization.allCases {
            let full = plan.forward(a, normalization: normalization)
            let fullF = plan.forward(af, normalization: normalization)
            for k in Set(stride(from: 1, through: rows, by: step)).union([rows, min(rows, 8)]) {
                for l in Set(stride(from: 1, through: columns, by: stepC)).union([columns, min(columns, 8)]) {
                    let block = plan.forwardTopLeft(a, rows: k, columns: l, normalization: normalization)
                    let expected = (0..<k * l).map { full[($0 / l) * columns + $0 % l] }
                    #expect(
                        block.map(\.bitPattern) == expected.map(\.bitPattern),
                        "\(rows) x \(columns) block \(k) x \(l) \(normalization)")
                    let blockF = plan.forwardTopLeft(af, rows: k, columns: l, normalization: normalization)
                    let expectedF = (0..<k * l).map { fullF[($0 / l) * columns + $0 % l] }
                    #expect(
                        blockF.map(\.bitPattern) == expectedF.map(\.bitPattern),
                        "Float \(rows) x \(columns) block \(k) x \(l)")
                }
            }
        }
    }

    @Test(arguments: shapes)
    func inverseRoundTripsAndFloatIsClose(rows: Int, columns: Int) {
        let plan = DCT2D(rows: rows, columns: columns)
        let a = randomIntegerPlane(count: rows * columns, seed: 51 &+ UInt64(rows * 100 + columns))
        for normalization in DCTNormalization.allCases {
            let y = plan.forward(a, normalization: normalization)
            let back = plan.inverse(y, normalization: normalization)
            let err = maxAbsDifference(back, a) / maxMagnitude(a)
            #expect(err <= 1e-13, "\(rows) x \(columns) \(normalization): round trip relative error \(err)")
            let yf = plan.forward(a.map { Float($0) }, normalization: normalization)
            let errF = maxAbsDifference(yf.map { Double($0) }, y) / maxMagnitude(y)
            #expect(errF <= 2e-6, "\(rows) x \(columns) \(normalization): Float relative error \(errF)")
            let backF = plan.inverse(yf, normalization: normalization).map { Double($0) }
            let errBF = maxAbsDifference(backF, a) / maxMagnitude(a)
            #expect(errBF <= 2e-6, "\(rows) x \(columns) \(normalization): Float round trip relative error \(errBF)")
            if normalization == .orthonormal {
                let ea = a.reduce(0) { $0 + $1 * $1 }, ey = y.reduce(0) { $0 + $1 * $1 }
                #expect(abs(ea - ey) <= 1e-13 * ea, "\(rows) x \(columns): Parseval \(ea) vs \(ey)")
            }
        }
    }

    /// Exact zeros by symmetry: constant plane; constant along rows; constant along columns;
    /// mirror-symmetric top to bottom and left to right; in Double and Float, full and corner.
    @Test(arguments: squareSizes)
    func symmetricPlanesGiveExactZeros(size n: Int) {
        let plan = DCT2D(rows: n, columns: n)
        var rng = SplitMix64(seed: 61 &+ UInt64(n))
        let f = (0..<n).map { _ in Double(Int.random(in: 0...255, using: &rng)) }
        let g = randomIntegerPlane(count: n * n, seed: 71 &+ UInt64(n))
        let cases: [(String, [Double], (Int, Int) -> Bool)] = [
            ("constant", plane(rows: n, columns: n) { _, _ in 128 }, { u, v in u != 0 || v != 0 }),
            ("constant along rows", plane(rows: n, columns: n) { r, _ in f[r] }, { _, v in v != 0 }),
            ("constant along columns", plane(rows: n, columns: n) { _, c in f[c] }, { u, _ in u != 0 }),
            (
                "mirror top-bottom", plane(rows: n, columns: n) { r, c in g[min(r, n - 1 - r) * n + c] },
                { u, _ in u % 2 == 1 }
            ),
            (
                "mirror left-right", plane(rows: n, columns: n) { r, c in g[r * n + min(c, n - 1 - c)] },
                { _, v in v % 2 == 1 }
            ),
        ]
        for (name, a, mustVanish) in cases {
            for normalization in DCTNormalization.allCases {
                let y = plan.forward(a, normalization: normalization)
                let yf = plan.forward(a.map { Float($0) }, normalization: normalization)
                let k = min(n, 8)
                let corner = plan.forwardTopLeft(a, rows: k, columns: k, normalization: normalization)
                for u in 0..<n {
                    for v in 0..<n where mustVanish(u, v) {
                        #expect(y[u * n + v] == 0, "N \(n) \(name) \(normalization): Y[\(u)][\(v)] = \(y[u * n + v])")
                        #expect(
                            yf[u * n + v] == 0,
                            "N \(n) \(name) \(normalization) Float: Y[\(u)][\(v)] = \(yf[u * n + v])")
                        if u < k && v < k { #expect(corner[u * k + v] == 0, "N \(n) \(name) corner [\(u)][\(v)]") }
                    }
                }
            }
        }
        // A flat plane's only non-zero coefficient is DC (phash 8000000000000000).
        let flat = plan.forwardTopLeft([Double](repeating: 77, count: n * n), rows: min(n, 8), columns: min(n, 8))
        #expect(flat[0] == Double(4 * n * n * 77) && flat.dropFirst().allSatisfy { $0 == 0 }, "N \(n): \(flat)")
    }

    /// The 2-D transform against `scipy.fftpack.dct(dct(a, axis=0), axis=1)` on integer planes
    /// (Scripts/references/dct.py). Observed: see Documentation/DCT.md.
    @Test func matchesSciPy() throws {
        var checked = 0
        for line in try Fixtures.lines("dct/scipy-dct.txt") where line.hasPrefix("2d ") {
            let f = line.split(separator: " ")
            let rows = Int(f[1])!, columns = Int(f[2])!
            let normalization: DCTNormalization = f[3] == "ortho" ? .orthonormal : .unnormalized
            let a = Fixtures.bytes(hex: f[4]).map { Double($0) }
            let expected = doubles(hex: f[5])
            #expect(a.count == rows * columns && expected.count == rows * columns)
            let y = DCT2D(rows: rows, columns: columns).forward(a, normalization: normalization)
            let diff = maxAbsDifference(y, expected)
            let err = diff / maxMagnitude(expected)
            #expect(err <= 1e-12, "\(rows) x \(columns) \(normalization): max |diff| to scipy \(diff), relative \(err)")
            // Where scipy's coefficient is exactly zero, so is ours.
            #expect(zip(y, expected).allSatisfy { $1 != 0 || $0 == 0 }, "\(rows) x \(columns) \(normalization)")
            checked += 1
        }
        #expect(checked == 22)
    }
}
