import Testing
@testable import PerceptualHash

@Suite struct BorderTrimTests {
    /// Borders of any colour and size come off exactly: the content box is the original's
    /// rectangle inside the padded image.
    @Test(arguments: [UInt64(1), 2, 3, 4])
    func paddedBordersAreTrimmedExactly(seed: UInt64) {
        let colour: [UInt8] = [[0, 0, 0], [255, 255, 255], [20, 30, 90], [128, 128, 128]][Int(seed) - 1]
        let image = RobustTestImages.photo(width: 90, height: 60, seed: seed)
        for (l, t, r, b) in [(20, 0, 20, 0), (0, 12, 0, 12), (5, 5, 5, 5), (27, 0, 0, 0), (0, 0, 3, 9)] {
            let padded = RobustTestImages.padded(image, left: l, top: t, right: r, bottom: b, colour: colour)
            let box = BorderTrim.standard.contentBox(of: padded)
            #expect(
                box == BorderTrim.ContentBox(left: l, top: t, right: l + 90, bottom: t + 60),
                "seed \(seed) colour \(colour) borders \(l),\(t),\(r),\(b): \(box)")
        }
    }

    @Test func imageWithoutBordersKeepsEverything() {
        for seed in UInt64(10)..<16 {
            let image = RobustTestImages.photo(width: 71, height: 53, seed: seed)
            #expect(
                BorderTrim.standard.contentBox(of: image) == .init(left: 0, top: 0, right: 71, bottom: 53),
                "seed \(seed)")
        }
    }

    /// A border within the tolerance (JPEG-like wobble of +-12) is trimmed; one whose
    /// samples stray by 40 on more than 3% of a line is not.
    @Test func toleranceAndCoverage() throws {
        let image = RobustTestImages.photo(width: 80, height: 50, seed: 7)
        var rng = SplitMix64(seed: 99)
        let padded = RobustTestImages.padded(image, left: 10, top: 0, right: 0, bottom: 0, colour: [0, 0, 0])
        var samples = padded.samples
        for y in 0..<padded.height {
            for x in 0..<10 {
                for k in 0..<3 { samples[(y * padded.width + x) * 3 + k] = UInt8(rng.next() % 13) }
            }
        }
        let noisy = try PixelBuffer(width: padded.width, height: padded.height, format: .rgb8, samples: samples)
        #expect(BorderTrim.standard.contentBox(of: noisy).left == 10)
        // Every 10th pixel of column 0 at 40: 10% of the line is off, above the 3% allowed.
        for y in stride(from: 0, to: padded.height, by: 10) {
            for k in 0..<3 { samples[y * padded.width * 3 + k] = 40 }
        }
        let spotted = try PixelBuffer(width: padded.width, height: padded.height, format: .rgb8, samples: samples)
        #expect(BorderTrim.standard.contentBox(of: spotted).left == 0)
    }

    /// A vertical gradient (a clear sky) drifts past the tolerance: at most the rows within 16
    /// levels of the top row are taken.
    @Test func gradientSkyStopsAtTheTolerance() throws {
        let w = 60, h = 100
        var samples = [UInt8](repeating: 0, count: w * h)
        for y in 0..<h { for x in 0..<w { samples[y * w + x] = UInt8(100 + y) } }  // one level per row
        let sky = try PixelBuffer(width: w, height: h, format: .gray8, samples: samples)
        let box = BorderTrim.standard.contentBox(of: sky)
        #expect(box.top == 17, "rows 0...16 are within 16 of row 0: \(box)")
        #expect(box.bottom == h - 17, "\(box)")
        #expect(box.left == 0 && box.right == w, "columns are not uniform: \(box)")
    }

    /// A flat image loses at most `maximumFraction` per side.
    @Test func flatImageKeepsItsCentre() throws {
        let flat = try PixelBuffer(width: 50, height: 20, format: .gray8, repeating: 77)
        #expect(BorderTrim.standard.contentBox(of: flat) == .init(left: 20, top: 8, right: 30, bottom: 12))
        let none = BorderTrim(maximumFraction: 0)
        #expect(none.contentBox(of: flat) == .init(left: 0, top: 0, right: 50, bottom: 20))
    }
}
