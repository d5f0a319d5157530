import Foundation
import Testing
@testable import PerceptualHash

@Suite struct ResamplingFilterTests {
    /// The module's own sin/cos (the core has no C library) against glibc's, within one ulp,
    /// over every range a kernel uses and beyond.
    @Test func sinCosWithinOneUlpOfLibm() {
        var rng = SplitMix64(seed: 31)
        var worst = 0.0
        for i in 0..<200_000 {
            let t: Double
            if i < 2000 {
                t = Double(i - 1000) * Double.pi / 8  // multiples of pi/8, where reduction is hardest
            } else {
                t = (Double(rng.next() >> 11) / Double(1 << 53) - 0.5) * 40
            }
            for (mine, libm) in [
                (ResamplingMath.sin(t), Foundation.sin(t)), (ResamplingMath.cos(t), Foundation.cos(t)),
            ] {
                let ulp = max(libm.ulp, Double.leastNormalMagnitude)
                let err = abs(mine - libm) / ulp
                worst = max(worst, err)
                if err > 1 { Issue.record("t = \(t): \(mine) vs libm \(libm)"); return }
            }
        }
        #expect(worst <= 1)
        #expect(ResamplingMath.sin(0) == 0 && ResamplingMath.cos(0) == 1)
        #expect(ResamplingMath.sin(.nan).isNaN && ResamplingMath.cos(.infinity).isNaN)
    }

    /// Kernel values against the formulas in the test's reference, on a dense grid.
    @Test(arguments: ResamplingFilter.allCases.filter { $0 != .nearest })
    func kernelMatchesFormula(filter: ResamplingFilter) {
        for i in -4000...4000 {
            let x = Double(i) / 1000
            let a = filter.kernel(x), b = ResamplingReference.kernel(filter, x)
            #expect(abs(a - b) <= 4 * b.ulp + 1e-300, "\(filter) k(\(x)) = \(a), formula \(b)")
        }
        #expect(filter.kernel(0) == 1, "\(filter)")
        #expect(filter.kernel(filter.support + 0.001) == 0 && filter.kernel(-filter.support - 0.001) == 0)
        #expect(filter.support == ResamplingReference.support(filter))
    }

    @Test func kernelEdgesAndValues() {
        // Half-open box and Lanczos supports, as Pillow's.
        #expect(ResamplingFilter.box.kernel(0.5) == 1 && ResamplingFilter.box.kernel(-0.5) == 0)
        // Pillow's Lanczos window is -3 <= x < 3: k(-3) = sinc(-3) sinc(-1) is the tiny residue of
        // sin(3 pi rounded), k(3) is exactly 0.
        #expect(ResamplingFilter.lanczos.kernel(3) == 0 && ResamplingFilter.lanczos.kernel(2.999) != 0)
        #expect(ResamplingFilter.lanczos.kernel(-3) != 0 && abs(ResamplingFilter.lanczos.kernel(-3)) < 1e-15)
        #expect(ResamplingFilter.bicubic.kernel(1) == 0 && ResamplingFilter.bicubic.kernel(1.5) == -0.0625)
        #expect(ResamplingFilter.bilinear.kernel(0.25) == 0.75)
        // Lanczos-3 at 0.5: sinc(0.5) * sinc(1/6) = (2 / pi) * (sin(pi/6) / (pi/6)).
        let expected = (2 / Double.pi) * (0.5 / (Double.pi / 6))
        #expect(abs(ResamplingFilter.lanczos.kernel(0.5) - expected) < 1e-15)
    }

    @Test func passOrderRule() {
        let p = ResamplingPassOrder.pillow13
        #expect(p.verticalFirst(inWidth: 100, inHeight: 400, width: 90, height: 50))  // 350 > 20
        #expect(!p.verticalFirst(inWidth: 1920, inHeight: 1080, width: 32, height: 32))
        #expect(!p.verticalFirst(inWidth: 100, inHeight: 100, width: 50, height: 100))  // no vertical change
        #expect(p.verticalFirst(inWidth: 100, inHeight: 300, width: 1, height: 100))  // 200 > 198
        #expect(!p.verticalFirst(inWidth: 100, inHeight: 300, width: 1, height: 102))  // 198 > 198 no
        #expect(p.verticalFirst(inWidth: 10, inHeight: 10, width: 20, height: 5))  // 5 > -20 (upscaled width)
        for w in 1...6 {
            for h in 1...6 {
                for W in 1...6 {
                    for H in 1...6 {
                        #expect(
                            !ResamplingPassOrder.horizontalFirst.verticalFirst(
                                inWidth: w, inHeight: h, width: W, height: H))
                    }
                }
            }
        }
    }
}
