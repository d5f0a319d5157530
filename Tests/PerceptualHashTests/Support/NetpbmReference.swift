@testable import PerceptualHash

/// A plain, obviously-correct Netpbm writer and expected-pixel calculator for the tests,
/// independent of the library's decoder (no shared code, different arithmetic).
enum NetpbmReference {
    /// The Netpbm variants the tests generate.
    enum Variant: Hashable, CustomStringConvertible {
        case pbm(plain: Bool)
        case pgm(plain: Bool)
        case ppm(plain: Bool)
        /// PAM with an optional tuple type and a depth (planes beyond the format's are extra).
        case pam(tupleType: String?, depth: Int)

        var description: String {
            switch self {
            case .pbm(let plain): plain ? "P1" : "P4"
            case .pgm(let plain): plain ? "P2" : "P5"
            case .ppm(let plain): plain ? "P3" : "P6"
            case .pam(let t, let d): "P7 \(t ?? "-") depth \(d)"
            }
        }

        /// Planes stored per pixel.
        var depth: Int {
            switch self {
            case .pbm, .pgm: 1
            case .ppm: 3
            case .pam(_, let d): d
            }
        }

        /// The decoded format the library must produce.
        var format: PixelBuffer.Format {
            switch self {
            case .pbm, .pgm: return .gray8
            case .ppm: return .rgb8
            case .pam(let t, let d):
                switch t {
                case "BLACKANDWHITE", "GRAYSCALE": return .gray8
                case "RGB": return .rgb8
                case "BLACKANDWHITE_ALPHA", "GRAYSCALE_ALPHA": return .grayAlpha8
                case "RGB_ALPHA": return .rgba8
                default: return [PixelBuffer.Format.gray8, .grayAlpha8, .rgb8, .rgba8][d - 1]
                }
            }
        }
    }

    /// Random samples (`width * height * depth`, each in `0...maxval`).
    static func randomSamples(count: Int, maxval: Int, seed: UInt64) -> [Int] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            // Bias towards the extremes so 0 and maxval always occur in bigger images.
            switch rng.next() % 8 {
            case 0: 0
            case 1: maxval
            default: Int(rng.next() % UInt64(maxval + 1))
            }
        }
    }

    /// The file: header, then samples (PBM: 1 is black). `separator` goes between plain
    /// samples and header tokens.
    static func encode(
        _ variant: Variant, width: Int, height: Int, maxval: Int, samples: [Int],
        separator: String = " "
    ) -> [UInt8] {
        var out: [UInt8] = []
        func text(_ s: String) { out += Array(s.utf8) }
        func raw(_ v: Int) {
            if maxval > 255 { out.append(UInt8(v / 256)); out.append(UInt8(v % 256)) } else { out.append(UInt8(v)) }
        }
        let sep = separator
        switch variant {
        case .pbm(let plain):
            text((plain ? "P1" : "P4") + "\n\(width)\(sep)\(height)\n")
            if plain {
                for y in 0..<height {
                    text(samples[y * width..<(y + 1) * width].map(String.init).joined(separator: sep) + "\n")
                }
            } else {
                for y in 0..<height {
                    var byte = 0, bits = 0
                    for x in 0..<width {
                        byte = byte * 2 + samples[y * width + x]
                        bits += 1
                        if bits == 8 { out.append(UInt8(byte)); byte = 0; bits = 0 }
                    }
                    if bits > 0 { out.append(UInt8(byte << (8 - bits))) }
                }
            }
        case .pgm(let plain), .ppm(let plain):
            let isColor = if case .ppm = variant { true } else { false }
            let magic = plain ? (isColor ? "P3" : "P2") : (isColor ? "P6" : "P5")
            text("\(magic)\n\(width)\(sep)\(height)\n\(maxval)\n")
            if plain {
                let perRow = width * variant.depth
                for y in 0..<height {
                    text(samples[y * perRow..<(y + 1) * perRow].map(String.init).joined(separator: sep) + "\n")
                }
            } else {
                samples.forEach(raw)
            }
        case .pam(let tupleType, let depth):
            text("P7\nWIDTH \(width)\nHEIGHT \(height)\nDEPTH \(depth)\nMAXVAL \(maxval)\n")
            if let tupleType { text("TUPLTYPE \(tupleType)\n") }
            text("ENDHDR\n")
            samples.forEach(raw)
        }
        return out
    }

    /// `v` of `maxval` on 0...255: round half up of `v * 255 / maxval`, computed in `Double`
    /// (a different route from the library's integer multiply-shift).
    static func scaled(_ v: Int, maxval: Int) -> UInt8 {
        UInt8((Double(v) * 255 / Double(maxval) + 0.5).rounded(.down))
    }

    /// The samples the decoder must return for `samples` stored as `variant`.
    static func expected(_ variant: Variant, maxval: Int, samples: [Int], pixels: Int) -> [UInt8] {
        if case .pbm = variant { return samples.map { $0 == 1 ? 0 : 255 } }
        let depth = variant.depth
        let channels = variant.format.channelCount
        var out: [UInt8] = []
        for i in 0..<pixels {
            for c in 0..<channels { out.append(scaled(samples[i * depth + c], maxval: maxval)) }
        }
        return out
    }

    /// The bytes of `text` (UTF-8) followed by `tail`.
    static func bytes(_ text: String, _ tail: [UInt8] = []) -> [UInt8] { Array(text.utf8) + tail }
}
