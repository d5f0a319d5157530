import Foundation
import Testing
@testable import PerceptualHash

/// One line of `Fixtures/pdq/cases.tsv` (written by `Scripts/references/pdq.py` with
/// pdqhash 0.2.8): a generated image and what `pdqhash.compute` / `compute_dihedral` return.
struct PDQCase: CustomStringConvertible, Sendable {
    var kind: String
    var width: Int
    var height: Int
    var seed: Int
    var hex: String
    var quality: Int
    var dihedral: [String]

    var description: String { "\(kind) \(width)x\(height) seed \(seed)" }

    static func load() throws -> [PDQCase] {
        try Fixtures.lines("pdq/cases.tsv").map { line in
            let f = line.split(separator: "\t").map(String.init)
            return PDQCase(
                kind: f[0], width: Int(f[1]) ?? -1, height: Int(f[2]) ?? -1, seed: Int(f[3]) ?? -1,
                hex: f[4], quality: Int(f[5]) ?? -1, dihedral: f[6].split(separator: ",").map(String.init))
        }
    }

    /// All fixture cases, or none when the fixture cannot be read (the tests using them then
    /// fail through `fixtureIsReadable`).
    static let all: [PDQCase] = (try? load()) ?? []

    /// The interleaved RGB samples the generator script makes (see its docstring).
    var rgbSamples: [UInt8] {
        let w = width, h = height
        var out = [UInt8](repeating: 0, count: w * h * 3)
        switch kind {
        case "gradient":
            for y in 0..<h {
                for x in 0..<w {
                    let o = (y * w + x) * 3
                    out[o] = UInt8(x * 255 / max(w - 1, 1))
                    out[o + 1] = UInt8(y * 255 / max(h - 1, 1))
                    out[o + 2] = UInt8((x + y) * 255 / max(w + h - 2, 1))
                }
            }
        case "noise":
            out = Self.lcg(count: w * h * 3, seed: seed)
        case "grey":
            let g = Self.lcg(count: w * h, seed: seed)
            for p in 0..<(w * h) { out[p * 3] = g[p]; out[p * 3 + 1] = g[p]; out[p * 3 + 2] = g[p] }
        case "flat":
            out = [UInt8](repeating: UInt8(seed), count: w * h * 3)
        case "blocks":
            for y in 0..<h {
                for x in 0..<w {
                    for c in 0..<3 {
                        out[(y * w + x) * 3 + c] = UInt8(((x / 8) * 37 + (y / 8) * 91 + c * 53 + seed) % 256)
                    }
                }
            }
        case "mirror":
            for y in 0..<h {
                for x in 0..<w {
                    let v = min(x, w - 1 - x), o = (y * w + x) * 3
                    out[o] = UInt8(v * 7 % 256)
                    out[o + 1] = UInt8(y * 5 % 256)
                    out[o + 2] = UInt8((v + y) * 3 % 256)
                }
            }
        default:
            Issue.record("unknown image kind \(kind)")
        }
        return out
    }

    var image: PixelBuffer {
        get throws { try PixelBuffer(width: width, height: height, format: .rgb8, samples: rgbSamples) }
    }

    /// The script's 31-bit LCG: `s = (s * 1103515245 + 12345) mod 2^31`, sample `(s >> 16) & 255`.
    static func lcg(count: Int, seed: Int) -> [UInt8] {
        var s = UInt64(seed)
        return (0..<count).map { _ in
            s = (s &* 1_103_515_245 &+ 12345) & 0x7fff_ffff
            return UInt8((s >> 16) & 255)
        }
    }
}

@Suite("PDQHash")
struct PDQHashTests {
    @Test func fixtureIsReadable() throws {
        #expect(try PDQCase.load().count == 38)
    }

    @Test("hash and quality equal pdqhash.compute", arguments: PDQCase.all)
    func matchesPdqhash(_ c: PDQCase) throws {
        let image = try c.image
        let (fingerprint, quality) = PDQHash().hashWithQuality(of: image)
        #expect(fingerprint.description == c.hex, "\(c)")
        #expect(quality == c.quality, "\(c)")
        #expect(PDQHash().fingerprint(of: image) == fingerprint, "\(c)")
        #expect(fingerprint.bitCount == 256)
    }

    @Test("the eight dihedral hashes equal pdqhash.compute_dihedral", arguments: PDQCase.all)
    func dihedralMatchesPdqhash(_ c: PDQCase) throws {
        let (hashes, quality) = PDQHash().dihedralHashes(of: try c.image)
        #expect(hashes.map(\.description) == c.dihedral, "\(c)")
        #expect(quality == c.quality, "\(c)")
    }

    @Test(
        "gray8 and grayAlpha8 hash as RGB with equal channels; alpha is ignored",
        arguments: PDQCase.all.filter { $0.kind == "grey" || $0.kind == "flat" })
    func grayAndAlpha(_ c: PDQCase) throws {
        let rgb = c.rgbSamples
        let n = c.width * c.height
        let gray = (0..<n).map { rgb[$0 * 3] }
        let alpha = PDQCase.lcg(count: n, seed: 99)
        let grayImage = try PixelBuffer(width: c.width, height: c.height, format: .gray8, samples: gray)
        var grayAlphaSamples: [UInt8] = [], rgbaSamples: [UInt8] = []
        for p in 0..<n {
            grayAlphaSamples += [gray[p], alpha[p]]
            rgbaSamples += [rgb[p * 3], rgb[p * 3 + 1], rgb[p * 3 + 2], alpha[p]]
        }
        let grayAlpha = try PixelBuffer(
            width: c.width, height: c.height, format: .grayAlpha8, samples: grayAlphaSamples)
        let rgba = try PixelBuffer(width: c.width, height: c.height, format: .rgba8, samples: rgbaSamples)
        for image in [grayImage, grayAlpha, rgba] {
            let (fingerprint, quality) = PDQHash().hashWithQuality(of: image)
            #expect(fingerprint.description == c.hex, "\(c) \(image.format)")
            #expect(quality == c.quality, "\(c) \(image.format)")
        }
    }

    @Test func rgbaWithAlphaMatchesRGBOnNoise() throws {
        let c = try #require(PDQCase.all.first { $0.kind == "noise" && $0.width == 129 })
        let rgb = c.rgbSamples
        let n = c.width * c.height
        var samples: [UInt8] = []
        for p in 0..<n { samples += [rgb[p * 3], rgb[p * 3 + 1], rgb[p * 3 + 2], UInt8(p % 256)] }
        let rgba = try PixelBuffer(width: c.width, height: c.height, format: .rgba8, samples: samples)
        #expect(PDQHash().fingerprint(of: rgba).description == c.hex)
    }

    @Test("below 5 pixels on a side: all zero, quality 0", arguments: [(1, 1), (4, 4), (4, 100), (100, 4)])
    func tooSmall(_ size: (Int, Int)) throws {
        let image = try PixelBuffer(
            width: size.0, height: size.1, format: .rgb8,
            samples: PDQCase.lcg(count: size.0 * size.1 * 3, seed: 5))
        let (fingerprint, quality) = PDQHash().hashWithQuality(of: image)
        #expect(fingerprint == Fingerprint(bitCount: 256))
        #expect(quality == 0)
        let (hashes, q) = PDQHash().dihedralHashes(of: image)
        #expect(hashes == [Fingerprint](repeating: Fingerprint(bitCount: 256), count: 8))
        #expect(q == 0)
    }

    @Test("hex form: coefficient k is bit 255 - k; bit i is pdqhash's i-th value")
    func bitOrderAndHex() throws {
        var block = [Float](repeating: 0, count: 256)
        block[255] = 1  // only the last coefficient is above the median 0
        let f = PDQHash.bits(of: block)
        #expect(f[bit: 0])
        #expect(f.nonzeroBitCount == 1)
        #expect(f.description == "8" + String(repeating: "0", count: 63))
        block = [Float](repeating: 0, count: 256)
        block[0] = 1
        #expect(PDQHash.bits(of: block).description == String(repeating: "0", count: 63) + "1")
        for c in PDQCase.all {
            #expect(try Fingerprint(hex: c.hex).description == c.hex)
            #expect(try Fingerprint(hex: c.hex).bitCount == 256)
        }
    }

    @Test("Torben's median is the 128th smallest value, ties included")
    func torbenMedian() {
        var rng = SplitMix64(seed: 7)
        for round in 0..<200 {
            let spread = [1, 3, 20, 1000][round % 4]
            let values = (0..<256).map { _ in Float(Int.random(in: 0..<spread, using: &rng)) * 0.37 - 5 }
            #expect(PDQHash.torbenMedian(values) == values.sorted()[127], "round \(round)")
        }
        #expect(PDQHash.torbenMedian([Float](repeating: 2.5, count: 256)) == 2.5)
        #expect(PDQHash.torbenMedian([3, 1, 2]) == 2)
    }

    @Test("dihedral transforms of the block follow the reference's sign and transpose rules")
    func dihedralBlockRules() {
        let a = (0..<256).map { Float($0 + 1) }
        let t = PDQHash.transform
        #expect(t(a, .original) == a)
        #expect(t(a, .flipPlus1)[1 * 16 + 2] == a[2 * 16 + 1])
        #expect(t(a, .rotate90)[0 * 16 + 1] == -a[1 * 16 + 0])  // row 0: even, negated
        #expect(t(a, .rotate90)[1 * 16 + 0] == a[0 * 16 + 1])
        #expect(t(a, .rotate270)[0 * 16 + 1] == a[1 * 16 + 0])
        #expect(t(a, .rotate180)[0 * 16 + 1] == -a[1])
        #expect(t(a, .rotate180)[1 * 16 + 1] == a[17])
        #expect(t(a, .flipX)[0] == -a[0] && t(a, .flipX)[16] == a[16])
        #expect(t(a, .flipY)[0] == -a[0] && t(a, .flipY)[1] == a[1])
        #expect(t(a, .flipMinus1)[1 * 16 + 2] == -a[2 * 16 + 1])
        #expect(PDQHash.Dihedral.allCases.count == 8)
    }
    @Test("an ImageHasher of 256 bits")
    func protocolUse() throws {
        let hasher: any ImageHasher = PDQHash()
        #expect(hasher.bitCount == 256)
        let c = try #require(PDQCase.all.first { $0.kind == "noise" && $0.width == 640 })
        let image = try c.image
        #expect(hasher.fingerprint(of: image).description == c.hex)
        #expect(hasher.distance(between: image, and: image) == 0)
    }

    /// `image` transformed as `symmetry` names, pixel by pixel.
    static func transformed(_ image: PixelBuffer, _ symmetry: PDQHash.Dihedral) throws -> PixelBuffer {
        let w = image.width, h = image.height, ch = image.format.channelCount
        let swaps = [.rotate90, .rotate270, .flipPlus1, .flipMinus1].contains(symmetry)
        let ow = swaps ? h : w, oh = swaps ? w : h
        var out = [UInt8](repeating: 0, count: w * h * ch)
        for y in 0..<oh {
            for x in 0..<ow {
                let (sx, sy): (Int, Int)
                switch symmetry {
                case .original: (sx, sy) = (x, y)
                case .rotate90: (sx, sy) = (w - 1 - y, x)  // counter-clockwise
                case .rotate180: (sx, sy) = (w - 1 - x, h - 1 - y)
                case .rotate270: (sx, sy) = (y, h - 1 - x)
                case .flipX: (sx, sy) = (x, h - 1 - y)
                case .flipY: (sx, sy) = (w - 1 - x, y)
                case .flipPlus1: (sx, sy) = (y, x)
                case .flipMinus1: (sx, sy) = (w - 1 - y, h - 1 - x)
                }
                for c in 0..<ch { out[(y * ow + x) * ch + c] = image.samples[(sy * w + sx) * ch + c] }
            }
        }
        return try PixelBuffer(width: ow, height: oh, format: image.format, samples: out)
    }

    @Test(
        "each dihedral hash matches (distance <= 31) the hash of the image so transformed, no other does",
        arguments: PDQHash.Dihedral.allCases)
    func dihedralMeaning(_ symmetry: PDQHash.Dihedral) throws {
        let image = TestImages.smooth(width: 320, height: 256, seed: 11)
        let (hashes, _) = PDQHash().dihedralHashes(of: image)
        let direct = PDQHash().fingerprint(of: try Self.transformed(image, symmetry))
        let others = PDQHash.Dihedral.allCases.filter { $0 != symmetry }
            .map { hashes[$0.rawValue].distance(to: direct) }
        #expect(hashes[symmetry.rawValue].distance(to: direct) <= PDQHash.matchDistance, "\(symmetry)")
        #expect(others.allSatisfy { $0 > 40 }, "\(symmetry): \(others)")
    }
}
