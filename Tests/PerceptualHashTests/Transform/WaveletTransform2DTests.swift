import Foundation
import Testing
@testable import PerceptualHash

/// The wavelet steps against PyWavelets 1.9.0's own outputs, compared bit for bit.
@Suite struct WaveletTransform2DTests {
    static func bank(_ name: String) -> WaveletFilterBank { name == "haar" ? .haar : .daubechies4 }

    @Test func approximationsEqualPyWavelets() throws {
        let cases = try WaveletColorFixtures.transforms().approximations
        #expect(cases.count >= 30)
        for c in cases {
            let input = c.input.map(WaveletColorFixtures.double)
            let (got, side) = WaveletTransform2D.approximation(
                of: input, side: c.side, bank: Self.bank(c.wavelet), levels: c.levels)
            #expect(side == c.outputSide, "\(c.wavelet) side \(c.side) levels \(c.levels)")
            let expected = c.output.map(WaveletColorFixtures.double)
            #expect(
                got.map(\.bitPattern) == expected.map(\.bitPattern), "\(c.wavelet) side \(c.side) levels \(c.levels)")
        }
    }

    @Test func haarRemovalEqualsPyWavelets() throws {
        let cases = try WaveletColorFixtures.transforms().removals
        #expect(cases.count == 3)
        for c in cases {
            let got = WaveletTransform2D.removingCoarsestHaarApproximation(
                c.input.map(WaveletColorFixtures.double), side: c.side)
            let expected = c.output.map(WaveletColorFixtures.double)
            #expect(got.map(\.bitPattern) == expected.map(\.bitPattern), "side \(c.side)")
        }
    }

    /// The fused removal + approximation equals the two steps one after the other.
    @Test(arguments: [(2, 1), (8, 1), (8, 3), (64, 3), (256, 5)])
    func fusedRemovalEqualsSeparateSteps(side: Int, levels: Int) {
        var rng = SplitMix64(seed: UInt64(side * 10 + levels))
        let plane = (0..<(side * side)).map { _ in Double(rng.next() % 256) / 255 }
        let removed = WaveletTransform2D.removingCoarsestHaarApproximation(plane, side: side)
        let separate = WaveletTransform2D.approximation(of: removed, side: side, bank: .haar, levels: levels)
            .coefficients
        let fused = WaveletTransform2D.haarApproximationAfterRemoval(plane, side: side, levels: levels)
        #expect(fused.map(\.bitPattern) == separate.map(\.bitPattern), "side \(side) levels \(levels)")
    }

    /// The Haar fast path equals the generic plan with the Haar filter.
    @Test(arguments: [2, 4, 16, 64])
    func haarFastPathEqualsGenericPlan(side: Int) {
        var rng = SplitMix64(seed: UInt64(side))
        let plane = (0..<(side * side)).map { _ in Double(rng.next() % 256) / 255 }
        let fast = WaveletTransform2D.approximation(of: plane, side: side, bank: .haar, levels: 1).coefficients
        let plan = WaveletDownsampling(inputCount: side, filter: WaveletFilterBank.haar.decompositionLow)
        var columns = [Double](repeating: 0, count: side / 2 * side)
        var generic = [Double](repeating: 0, count: side / 2 * side / 2)
        plane.withUnsafeBufferPointer { p in
            columns.withUnsafeMutableBufferPointer {
                plan.applyToColumns(p.baseAddress!, columns: side, to: $0.baseAddress!)
            }
        }
        columns.withUnsafeBufferPointer { c in
            generic.withUnsafeMutableBufferPointer { g in
                for r in 0..<(side / 2) { plan.apply(c.baseAddress! + r * side, to: g.baseAddress! + r * side / 2) }
            }
        }
        #expect(fast.map(\.bitPattern) == generic.map(\.bitPattern), "side \(side)")
    }

    /// The plan against a plain sum over the symmetric extension (same terms; the order is
    /// what the PyWavelets fixtures check): equal within rounding for every length and tap.
    @Test(arguments: [1, 2, 3, 7, 8, 9, 20])
    func planMatchesPlainConvolution(count n: Int) {
        var rng = SplitMix64(seed: UInt64(100 + n))
        let x = (0..<n).map { _ in Double(rng.next() % 1000) / 999 }
        for bank in [WaveletFilterBank.haar, .daubechies4] {
            for filter in [bank.decompositionLow, bank.decompositionHigh] {
                let plan = WaveletDownsampling(inputCount: n, filter: filter)
                #expect(plan.outputCount == (n + filter.count - 1) / 2)
                var out = [Double](repeating: .nan, count: plan.outputCount)
                x.withUnsafeBufferPointer { p in
                    out.withUnsafeMutableBufferPointer { plan.apply(p.baseAddress!, to: $0.baseAddress!) }
                }
                for o in 0..<plan.outputCount {
                    var sum = 0.0
                    for t in 0..<filter.count {
                        var p = 2 * o + 1 - t
                        while p < 0 || p >= n { p = p < 0 ? -p - 1 : 2 * n - 1 - p }
                        sum += filter[t] * x[p]
                    }
                    #expect(abs(out[o] - sum) <= 1e-12, "n \(n) taps \(filter.count) output \(o)")
                }
            }
        }
    }

    /// With symmetric extension a constant plane stays constant: each level multiplies it by
    /// `sum(dec_lo)^2 = 2` (within rounding), for both wavelets.
    @Test func constantPlaneScalesByTwoPerLevel() {
        for (bank, side, levels) in [(WaveletFilterBank.haar, 32, 3), (.daubechies4, 32, 3), (.daubechies4, 5, 2)] {
            let (a, s) = WaveletTransform2D.approximation(
                of: [Double](repeating: 0.5, count: side * side), side: side, bank: bank, levels: levels)
            #expect(a.count == s * s)
            for v in a { #expect(abs(v - 0.5 * Double(1 << levels)) <= 1e-9, "side \(side) levels \(levels)") }
        }
    }

    /// Removing the coarsest Haar approximation subtracts the mean (within rounding).
    @Test func removalSubtractsTheMean() {
        var rng = SplitMix64(seed: 7)
        let plane = (0..<(32 * 32)).map { _ in Double(rng.next() % 256) / 255 }
        let mean = plane.reduce(0, +) / Double(plane.count)
        let out = WaveletTransform2D.removingCoarsestHaarApproximation(plane, side: 32)
        for i in plane.indices { #expect(abs(out[i] - (plane[i] - mean)) <= 1e-12, "index \(i)") }
    }
}
