import Testing
@testable import PerceptualHash

/// GaussianBlur and MedianFilter against Pillow 13's `GaussianBlur()` and `MedianFilter()`.
@Suite struct GaussianBlurTests {
    @Test func pillowPlanes() throws {
        let planes = try CropResistantFixtures.filters().planes
        #expect(planes.count == 14)
        for p in planes {
            let input = Fixtures.bytes(hex: p.input)
            let blurred = GaussianBlur().apply(input, width: p.width, height: p.height)
            #expect(blurred == Fixtures.bytes(hex: p.gaussian), "gaussian \(p.width)x\(p.height)")
            let median = MedianFilter.median3x3(input, width: p.width, height: p.height)
            #expect(median == Fixtures.bytes(hex: p.median), "median \(p.width)x\(p.height)")
        }
    }

    /// Pillow's `_gaussian_blur_radius(2, 3)`: sigma^2 = 4/3, box length sqrt(17), radius 1.375.
    @Test func boxRadius() {
        #expect(abs(GaussianBlur().boxRadius - 1.375) < 1e-5)
        #expect(GaussianBlur(radius: 0).apply([1, 2, 3], width: 3, height: 1) == [1, 2, 3])
    }

    /// One pass against the definition: clamped window sums in 64-bit integers.
    @Test func boxPassMatchesDefinition() {
        var rng = SplitMix64(seed: 7)
        for n in [1, 2, 3, 4, 7, 30] {
            for floatRadius: Float in [0.5, 1.375, 2.25, 6.0] {
                let line = (0..<n).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
                var out = line
                GaussianBlur.boxPass(&out, lineLength: n, lineCount: 1, radius: floatRadius)
                let k = Int(floatRadius)
                let ww = UInt64(UInt32(Float(UInt32(1 << 24)) / (floatRadius * 2 + 1)))
                let fw = (UInt64(1 << 24) - UInt64(2 * k + 1) * ww) / 2
                func at(_ i: Int) -> UInt64 { UInt64(line[min(max(i, 0), n - 1)]) }
                for x in 0..<n {
                    let sum = (x - k...x + k).reduce(0) { $0 + at($1) }
                    let expected = (sum * ww + (at(x - k - 1) + at(x + k + 1)) * fw + (1 << 23)) >> 24
                    #expect(UInt64(out[x]) == expected, "n \(n) r \(floatRadius) x \(x)")
                }
            }
        }
    }

    /// The median network against sorting, on random windows.
    @Test func medianOfNine() {
        var rng = SplitMix64(seed: 9)
        for trial in 0..<20000 {
            let v = (0..<9).map { _ in UInt8(truncatingIfNeeded: rng.next() % (trial % 2 == 0 ? 256 : 3)) }
            let m = MedianFilter.median9(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8])
            #expect(m == v.sorted()[4], "\(v)")
        }
    }
}
