import Foundation
import Testing
@testable import PerceptualHash

/// ColorHash against ImageHash 4.3.2's `colorhash` (Pillow 13.0.0) on the generated images of
/// `Fixtures/wavelet-color` and `Fixtures/imagehash`, and its pixel classes against a plain
/// per-pixel implementation.
@Suite struct ColorHashTests {
    @Test func everyReferenceHash() throws {
        var images: [String: PixelBuffer] = [:]
        var checked = 0
        for row in WaveletColorFixtures.rows where row.algorithm == "colorhash" {
            if images[row.file] == nil { images[row.file] = try WaveletColorFixtures.image(row.file) }
            let bits = Int(row.parameters)!
            let f = ColorHash(binBits: bits).fingerprint(of: images[row.file]!)
            #expect(f.bitCount == 14 * bits)
            #expect(f.description == row.hex, "\(row.testDescription): \(f)")
            checked += 1
        }
        #expect(checked == 300)
    }

    /// The classes as ImageHash computes them: gray from `grayscale(.rec601)`, H and S per
    /// pixel, hue bins by comparing with the edges `k * 42.5`.
    static func plainCounts(_ image: PixelBuffer) -> ColorHash.Counts {
        let gray = image.grayscale(.rec601).samples
        var counts = ColorHash.Counts()
        for i in 0..<image.pixelCount {
            let px = image.pixel(x: i % image.width, y: i / image.width)!
            let (h, s): (UInt8, UInt8) =
                image.format.isGray
                ? (0, 0)
                : PillowHSV.hueSaturation(
                    red: px[px.startIndex], green: px[px.startIndex + 1], blue: px[px.startIndex + 2])
            if Int(gray[i]) < 256 / 8 { counts.black += 1; continue }
            if Int(s) < 256 / 3 { counts.gray += 1; continue }
            counts.colored += 1
            var bin = 5
            while bin > 0 && Double(h) < Double(bin) * 42.5 { bin -= 1 }
            if Int(s) < 256 * 2 / 3 { counts.faint[bin] += 1 } else if Int(s) > 256 * 2 / 3 { counts.bright[bin] += 1 }
        }
        return counts
    }

    @Test func countsMatchPlainImplementation() throws {
        let files = Set(WaveletColorFixtures.rows.map(\.file)).sorted()
        for file in files {
            let image = try WaveletColorFixtures.image(file)
            #expect(ColorHash.counts(of: image) == Self.plainCounts(image), "\(file)")
        }
        var rng = SplitMix64(seed: 3)
        for format in [PixelBuffer.Format.rgba8, .grayAlpha8] {
            let samples = (0..<(40 * 30 * format.channelCount)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            let image = try PixelBuffer(width: 40, height: 30, format: format, samples: samples)
            #expect(ColorHash.counts(of: image) == Self.plainCounts(image), "\(format)")
        }
    }

    /// ImageHash's bit encoding of a value: not plain binary.
    @Test func valueEncoding() {
        var counts = ColorHash.Counts()
        counts.black = 4  // 4 of 8 pixels: value Int(0.5 * 8) = 4 -> bits 110
        counts.gray = 1  // Int(1/8 * 8) = 1 -> 001
        let bits = ColorHash.fingerprint(counts: counts, pixelCount: 8, binBits: 3).bitArray
        #expect(Array(bits[0..<6]) == [true, true, false, false, false, true])
        #expect(bits[6...].allSatisfy { !$0 })
    }

    @Test func grayImage() throws {
        let image = try PixelBuffer(width: 4, height: 4, format: .gray8, samples: [UInt8](repeating: 100, count: 16))
        // all gray: value min(7, 8) = 7 -> 111, ImageHash's "07000000000"
        #expect(ColorHash().fingerprint(of: image).description == "07000000000")
    }
}
