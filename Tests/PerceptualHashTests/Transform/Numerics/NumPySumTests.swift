import Testing
@testable import PerceptualHash

/// `NumPySum` against NumPy 2.4 (`Fixtures/scipy-dct/mean.tsv`, from
/// `Scripts/references/scipy_dct_exact.py`) and against plain sums.
@Suite struct NumPySumTests {
    static func formula(_ n: Int) -> [Double] {
        (0..<n).flatMap { r in
            (1...n).map { c in
                Double((131 * r + 71 * c) % 1000)
                    * Double(sign: .plus, exponent: (7 * r + 3 * c) % 41 - 20, significand: 1)
            }
        }
    }

    @Test func meansOfSlicesMatchNumPy() throws {
        let lines = try Fixtures.lines("scipy-dct/mean.tsv")
        #expect(lines.count == 11)
        for line in lines {
            let f = line.split(separator: "\t")
            let n = Int(f[0])!
            let block = f[1] == "formula" ? Self.formula(n) : SciPyDCTTests.values(f[1])
            #expect(block.count == n * n)
            let mean = block.withUnsafeBufferPointer { NumPySum.meanOfSlice($0.baseAddress!, rows: n, columns: n) }
            #expect(mean.bitPattern == UInt64(f[2], radix: 16)!, "N = \(n)")
        }
    }

    @Test(arguments: [0, 1, 7, 8, 9, 15, 16, 17, 128, 129, 300, 1000])
    func pairwiseSumOfIntegersIsExact(count n: Int) {
        let x = (0..<n).map { Double($0 + 1) }
        let s = x.withUnsafeBufferPointer { NumPySum.pairwise($0.baseAddress!, n) }
        #expect(s == Double(n * (n + 1) / 2))
    }

    /// The blocked order differs from a left-to-right loop: `1e16 + 1 + 1 + ...` loses all 15
    /// ones; the eight running sums lose only the one added to `1e16` (`r0`), keeping 14.
    @Test func pairwiseOrderIsNotSequential() {
        var x = [Double](repeating: 1, count: 16)
        x[0] = 1e16
        var sequential = 0.0
        for v in x { sequential += v }
        let pairwise = x.withUnsafeBufferPointer { NumPySum.pairwise($0.baseAddress!, 16) }
        #expect(sequential == 1e16)
        #expect(pairwise == 1e16 + 14)
    }
}
