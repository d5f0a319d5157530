import Foundation
import Testing
@testable import PerceptualHash

/// Pillow's RGB -> HSV on all 2^24 colours against Pillow 13.0.0's (summarised in
/// `Fixtures/wavelet-color/hsv.json`).
@Suite struct PillowHSVTests {
    @Test func everyColourMatchesPillow() throws {
        let expected = try WaveletColorFixtures.hsvSummary()
        var hue = [Int](repeating: 0, count: 256), saturation = [Int](repeating: 0, count: 256)
        var hueWeighted: UInt64 = 0, saturationWeighted: UInt64 = 0
        for i in 0..<(1 << 24) {
            let (h, s) = PillowHSV.hueSaturation(
                red: UInt8(truncatingIfNeeded: i >> 16), green: UInt8(truncatingIfNeeded: i >> 8),
                blue: UInt8(truncatingIfNeeded: i))
            hue[Int(h)] += 1
            saturation[Int(s)] += 1
            let w = (UInt64(i) &* 2_654_435_761) & 0xFFFF_FFFF
            hueWeighted &+= UInt64(h) &* w
            saturationWeighted &+= UInt64(s) &* w
        }
        #expect(hue == expected.hueHistogram)
        #expect(saturation == expected.saturationHistogram)
        #expect(String(hueWeighted) == expected.hueWeighted)
        #expect(String(saturationWeighted) == expected.saturationWeighted)
    }

    /// ColorHash's table lookup gives every colour the class of the exact formula.
    @Test func pixelClassOfEveryColour() {
        PillowHSV.saturationTable.withUnsafeBufferPointer { saturation in
            PillowHSV.hueTable.withUnsafeBufferPointer { hue in
                var mismatches = 0
                for i in 0..<(1 << 24) {
                    let r = UInt8(truncatingIfNeeded: i >> 16), g = UInt8(truncatingIfNeeded: i >> 8),
                        b = UInt8(truncatingIfNeeded: i)
                    let (h, s) = PillowHSV.hueSaturation(red: r, green: g, blue: b)
                    let l = GrayscaleConversion.rec601.gray(red: r, green: g, blue: b)
                    let expected =
                        l < 32 ? 0 : s < 85 ? 1 : s == 170 ? 2 : (s < 170 ? 3 : 9) + min(5, Int(h) * 2 / 85)
                    if ColorHash.pixelClass(red: r, green: g, blue: b, saturation: saturation, hue: hue) != expected {
                        mismatches += 1
                    }
                }
                #expect(mismatches == 0)
            }
        }
    }

    @Test func knownColours() {
        #expect(PillowHSV.hueSaturation(red: 255, green: 0, blue: 0) == (0, 255))
        #expect(PillowHSV.hueSaturation(red: 0, green: 255, blue: 0) == (85, 255))
        #expect(PillowHSV.hueSaturation(red: 0, green: 0, blue: 255) == (170, 255))
        #expect(PillowHSV.hueSaturation(red: 7, green: 7, blue: 7) == (0, 0))
        // 2/3 as a Float rounds up: S = 170, not 169.
        #expect(PillowHSV.hueSaturation(red: 255, green: 85, blue: 85).saturation == 170)
    }

    /// ColorHash's gray test `3 * (max - min) < max` is Pillow's `S < 85` for every pair.
    @Test func grayShortcutIsExact() {
        for maxc in 1...255 {
            for minc in 0...maxc {
                let s = PillowHSV.hueSaturation(red: UInt8(maxc), green: UInt8(minc), blue: UInt8(minc)).saturation
                #expect((s < 85) == (3 * (maxc - minc) < maxc), "max \(maxc) min \(minc)")
            }
        }
    }
}
