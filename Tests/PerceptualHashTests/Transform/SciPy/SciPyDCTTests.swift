import Foundation
import Testing
@testable import PerceptualHash

/// ``DCTAlgorithm/scipyFFTPack`` against bit patterns of SciPy 1.17.1's `scipy.fftpack.dct`
/// (`Fixtures/scipy-dct/`, made by `Scripts/references/scipy_dct_exact.py`), and against a
/// plain `O(N^2)` cosine sum.
@Suite struct SciPyDCTTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let rows: Int, columns: Int, kind: String, input: [Double], expected: [UInt64]
        var testDescription: String { rows == 1 ? "N=\(columns) \(kind)" : "\(rows)x\(columns) \(kind)" }
    }

    static func values(_ field: Substring) -> [Double] {
        field.split(separator: ",").map { token in
            token.hasPrefix("x") ? Double(bitPattern: UInt64(token.dropFirst(), radix: 16)!) : Double(token)!
        }
    }

    static func patterns(_ field: Substring) -> [UInt64] {
        let utf8 = Array(field.utf8)
        return stride(from: 0, to: utf8.count, by: 16).map {
            UInt64(String(decoding: utf8[$0..<$0 + 16], as: UTF8.self), radix: 16)!
        }
    }

    static let cases1D: [Case] = {
        guard let lines = try? Fixtures.lines("scipy-dct/dct1d.tsv") else { return [] }
        return lines.map { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            return Case(rows: 1, columns: Int(f[0])!, kind: String(f[1]), input: values(f[2]), expected: patterns(f[3]))
        }
    }()

    static let cases2D: [Case] = {
        guard let lines = try? Fixtures.lines("scipy-dct/dct2d.tsv") else { return [] }
        return lines.map { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            return Case(
                rows: Int(f[0])!, columns: Int(f[1])!, kind: String(f[2]), input: values(f[3]), expected: patterns(f[4])
            )
        }
    }()

    /// `2 * sum_n x[n] cos(pi k (2n + 1) / (2N))`, summed plainly with libm's cosine.
    static func plainDCT(_ x: [Double]) -> [Double] {
        let n = x.count
        return (0..<n).map { k in
            var s = 0.0
            for i in 0..<n { s += x[i] * cos(Double.pi * Double(k * (2 * i + 1)) / Double(2 * n)) }
            return 2 * s
        }
    }

    static func mismatches(_ got: [Double], _ expected: [UInt64]) -> [Int] {
        (0..<expected.count).filter { got[$0].bitPattern != expected[$0] }
    }

    @Test func fixturesAreComplete() {
        #expect(Self.cases1D.count > 250)
        #expect(Set(Self.cases1D.map(\.columns)) == Set(Array(1...70) + [96, 128, 256]))
        #expect(Self.cases2D.count > 20)
        for c in Self.cases1D + Self.cases2D {
            #expect(c.input.count == c.rows * c.columns && c.expected.count == c.input.count, "\(c.testDescription)")
        }
    }

    // MARK: - 1-D

    @Test func everyLengthIsBitIdenticalToSciPy() {
        var plans: [Int: DCT] = [:]
        var checked = 0, identical = 0
        for c in Self.cases1D {
            let plan = plans[c.columns] ?? DCT(count: c.columns, algorithm: .scipyFFTPack)
            plans[c.columns] = plan
            let y = plan.forward(c.input)
            let bad = Self.mismatches(y, c.expected)
            #expect(
                bad.isEmpty, "\(c.testDescription): \(bad.count) coefficients differ, first at k = \(bad.first ?? -1)")
            checked += y.count
            identical += y.count - bad.count
        }
        #expect(checked > 5000 && identical == checked)
    }

    /// Lanes of a vector transform must each equal the scalar transform of their own data.
    @Test(arguments: [1, 2, 7, 8, 9, 12, 14, 30, 32, 49, 64])
    func simdLanesEqualScalar(count n: Int) {
        let plan = SciPyDCTPlan(count: n)
        var rng = SplitMix64(seed: UInt64(n) &* 77)
        let lanes = (0..<4).map { _ in (0..<n).map { _ in Double(rng.next() % 256) - 100 } }
        var vectors = (0..<n).map { i in SIMD4<Double>(lanes[0][i], lanes[1][i], lanes[2][i], lanes[3][i]) }
        var scratch = [SIMD4<Double>](repeating: .zero, count: n)
        vectors.withUnsafeMutableBufferPointer { v in
            scratch.withUnsafeMutableBufferPointer { plan.forward(v.baseAddress!, scratch: $0.baseAddress!) }
        }
        for lane in 0..<4 {
            let scalar = DCT(count: n, algorithm: .scipyFFTPack).forward(lanes[lane])
            #expect(
                (0..<n).allSatisfy { vectors[$0][lane].bitPattern == scalar[$0].bitPattern }, "N=\(n) lane \(lane)")
        }
    }

    @Test func agreesWithPlainCosineSum() {
        var worst = 0.0
        for c in Self.cases1D where c.columns <= 70 {
            let y = DCT(count: c.columns, algorithm: .scipyFFTPack).forward(c.input)
            let plain = Self.plainDCT(c.input)
            let scale = max(plain.map(abs).max()!, 1e-300)
            for k in 0..<y.count { worst = max(worst, abs(y[k] - plain[k]) / scale) }
        }
        #expect(worst < 1e-13, "worst relative difference \(worst)")
    }

    @Test func prefixOutputsEqualFullTransform() {
        let x: [Double] = (0..<24).map { Double(($0 * 37) % 101) }
        let plan = DCT(count: 24, algorithm: .scipyFFTPack)
        let full = plan.forward(x)
        for k in 1...24 {
            var out = [Double](repeating: .nan, count: k)
            do {
                var span = out.mutableSpan
                plan.forward(x.span, into: &span)
            }
            #expect(out.map(\.bitPattern) == full[..<k].map(\.bitPattern), "k = \(k)")
        }
    }

    /// Where a coefficient is mathematically zero, SciPy leaves its own rounding noise, which
    /// the butterfly does not reproduce: the reason the algorithm exists. (8x8 LANCZOS
    /// thumbnail of `tiny-2x2.ppm`: SciPy's coefficient (1, 2) is -1.05e-13.)
    @Test func sciPyNoiseIsReproducedWhereButterflyIsExact() throws {
        let c = try #require(Self.cases2D.first { $0.rows == 8 && $0.kind == "tiny-2x2-lanczos" })
        let sciPy = DCT2D(rows: 8, columns: 8, algorithm: .scipyFFTPack).forward(c.input)
        let butterfly = DCT2D(rows: 8, columns: 8).forward(c.input)
        #expect(sciPy[1 * 8 + 2] < -1e-13 && sciPy[1 * 8 + 2] > -1.1e-13)
        #expect(butterfly[1 * 8 + 2].bitPattern != sciPy[1 * 8 + 2].bitPattern)
        #expect(Self.mismatches(sciPy, c.expected).isEmpty)
    }

    // MARK: - 2-D

    @Test func twoDimensionalTransformsAreBitIdentical() {
        var checked = 0
        for c in Self.cases2D {
            let plan = DCT2D(rows: c.rows, columns: c.columns, algorithm: .scipyFFTPack)
            let y = plan.forward(c.input)
            let bad = Self.mismatches(y, c.expected)
            #expect(bad.isEmpty, "\(c.testDescription): \(bad.count) differ, first at \(bad.first ?? -1)")
            checked += y.count
        }
        #expect(checked > 14000)
    }

    @Test func topLeftBlocksEqualTheFullResult() {
        for c in Self.cases2D where c.kind == "random" || c.kind == "tiny-2x2-lanczos" {
            let plan = DCT2D(rows: c.rows, columns: c.columns, algorithm: .scipyFFTPack)
            for (k, l) in [(1, 1), (2, 3), (c.rows / 4, c.columns / 4), (c.rows, 1), (c.rows - 1, c.columns)]
            where k >= 1 && l >= 1 {
                let block = plan.forwardTopLeft(c.input, rows: k, columns: l)
                let expected = (0..<k).flatMap { u in (0..<l).map { v in c.expected[u * c.columns + v] } }
                #expect(block.map(\.bitPattern) == expected, "\(c.testDescription) block \(k)x\(l)")
            }
        }
    }

    // MARK: - Twiddles and plan shape

    @Test func rootTablesMatchPocketFFT() throws {
        let lines = try Fixtures.lines("scipy-dct/roots.tsv")
        #expect(lines.count == 1024)
        for line in lines {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            let n = Int(f[0])!
            #expect(UnitRootTable.angleStep(n).bitPattern == UInt64(f[1], radix: 16)!, "angle step n = \(n)")
            let table = UnitRootTable(count: n)
            var hash: UInt64 = 0xCBF2_9CE4_8422_2325
            var entries: [UInt64] = []
            for k in 0...n {
                let w = table[k]
                for part in [w.re.bitPattern, w.im.bitPattern] {
                    hash = (hash ^ part) &* 0x100_0000_01B3
                    entries.append(part)
                }
            }
            #expect(hash == UInt64(f[2], radix: 16)!, "roots n = \(n)")
            if !f[3].isEmpty { #expect(entries == Self.patterns(f[3]), "roots n = \(n)") }
        }
    }

    @Test func angleStepIsCloseToQuarterPiOverN() {
        for n in [1, 2, 3, 7, 100, 1000, 12345, 1 << 20] {
            let step = UnitRootTable.angleStep(n)
            #expect(abs(step - Double.pi / Double(4 * n)) <= step.ulp, "n = \(n)")
        }
    }

    @Test func factorizationFollowsPocketFFT() {
        #expect(SciPyDCTPlan.factorize(32) == [2, 4, 4])
        #expect(SciPyDCTPlan.factorize(64) == [4, 4, 4])
        #expect(SciPyDCTPlan.factorize(24) == [2, 4, 3])
        #expect(SciPyDCTPlan.factorize(9) == [3, 3])
        #expect(SciPyDCTPlan.factorize(70) == [2, 5, 7])
        #expect(SciPyDCTPlan.factorize(1) == [])
        for n in 2...500 { #expect(SciPyDCTPlan.factorize(n).reduce(1, *) == n, "n = \(n)") }
    }

    /// The lengths for which pocketfft chooses Bluestein's algorithm, found by comparing
    /// SciPy 1.17.1 with a transcription of the FFTPACK path over `150 ..< 460` (all others
    /// matched bit for bit).
    @Test func bluesteinLengthsAreUnsupported() {
        let bluestein: Set = [
            191, 199, 211, 223, 233, 239, 251, 257, 263, 271, 277, 281, 283, 293, 307, 311, 313, 317, 331,
            337, 347, 349, 353, 359, 367, 373, 379, 383, 389, 397, 401, 409, 419, 421, 431, 433, 439, 443,
            449, 457,
        ]
        for n in 1..<460 {
            #expect(DCTAlgorithm.scipyFFTPack.supports(count: n) == !bluestein.contains(n), "n = \(n)")
            #expect(DCTAlgorithm.butterfly.supports(count: n))
        }
        #expect(!DCTAlgorithm.scipyFFTPack.supports(count: 0))
    }

    @Test func planReportsItsAlgorithm() {
        #expect(DCT(count: 8).algorithm == .butterfly)
        #expect(DCT(count: 8, algorithm: .scipyFFTPack).algorithm == .scipyFFTPack)
        #expect(DCT2D(rows: 4, columns: 6, algorithm: .scipyFFTPack).algorithm == .scipyFFTPack)
        #expect(DCTAlgorithm.allCases.map(\.description) == ["butterfly", "scipyFFTPack"])
    }
}
