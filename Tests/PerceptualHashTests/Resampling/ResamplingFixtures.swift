import Foundation
@testable import PerceptualHash

/// One line of `Fixtures/resample/pillow1{2,3}.txt` (see `Scripts/references/resample.py`).
struct ResampleCase: CustomStringConvertible, Sendable {
    var mode: String
    var width: Int
    var height: Int
    var kind: Int
    var seed: UInt64
    var filter: ResamplingFilter
    var toWidth: Int
    var toHeight: Int
    var expected: String

    var description: String {
        "\(mode) \(width)x\(height) kind \(kind) seed \(seed) \(filter) -> \(toWidth)x\(toHeight)"
    }

    var format: PixelBuffer.Format {
        switch mode {
        case "L", "F": .gray8
        case "LA": .grayAlpha8
        case "RGB": .rgb8
        default: .rgba8
        }
    }

    /// The generated input samples, as the generator script makes them.
    var inputSamples: [UInt8] {
        ResampleInputs.generate(
            width: width, height: height, channels: format.channelCount,
            kind: kind, seed: seed)
    }

    static func load(_ name: String) throws -> [ResampleCase] {
        try Fixtures.lines("resample/\(name)").map { line in
            let f = line.split(separator: " ")
            let filter = ResamplingFilter.allCases.first { $0.description == f[5] }!
            return ResampleCase(
                mode: String(f[0]), width: Int(f[1])!, height: Int(f[2])!, kind: Int(f[3])!,
                seed: UInt64(f[4])!, filter: filter, toWidth: Int(f[6])!, toHeight: Int(f[7])!,
                expected: String(f[8]))
        }
    }

    /// The encoding of the fixture for 8-bit output: hex up to 32 bytes, else `fnv:` + FNV-1a 64.
    static func encode(_ bytes: [UInt8]) -> String {
        if bytes.count <= 32 { return bytes.map { hex2($0) }.joined() }
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        let s = String(h, radix: 16)
        return "fnv:" + String(repeating: "0", count: 16 - s.count) + s
    }

    static func hex2(_ b: UInt8) -> String {
        let s = String(b, radix: 16)
        return s.count == 1 ? "0" + s : s
    }
}

/// The seeded test images of `Scripts/references/resample.py`, reproduced sample for sample.
enum ResampleInputs {
    static func generate(width w: Int, height h: Int, channels: Int, kind: Int, seed: UInt64) -> [UInt8] {
        var rng = SplitMix64(seed: seed)
        var out = [UInt8](repeating: 0, count: w * h * channels)
        var i = 0
        for y in 0..<h {
            for x in 0..<w {
                for c in 0..<channels {
                    let r = Int(rng.next() >> 56)
                    var v: Int
                    if kind == 0 {
                        v = r
                    } else {
                        let block = ((x / 3) + (y / 5)) % 2
                        v = block == 1 ? (x * 7 + y * 13 + c * 50) % 256 : 255 - (y * 255) / max(1, h - 1)
                        if r < 96 { v = (v + (r & 15) - 8) & 255 }
                    }
                    out[i] = UInt8(v)
                    i += 1
                }
            }
        }
        return out
    }
}
