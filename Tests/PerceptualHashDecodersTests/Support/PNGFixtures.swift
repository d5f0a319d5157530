import Foundation
import PerceptualHash

/// The PNG files and Pillow's pixels for them under `Fixtures/png/`, written by
/// `Scripts/references/png.py`.
enum PNGFixtures {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // PerceptualHashDecodersTests
        .appendingPathComponent("Fixtures/png", isDirectory: true)

    /// One line of `pillow.tsv`.
    struct Entry: Sendable, CustomStringConvertible {
        let name: String
        let width: Int, height: Int
        let pillowMode: String
        let format: String
        /// SHA-256 (hex) of the samples of `format`, of `convert("RGB")`, of `convert("L")`,
        /// and for 16-bit gray of the scaled samples ("-" otherwise).
        let expected: String, rgb: String, l: String, scaled: String
        /// ImageHash 4.3.2's `average_hash`, `phash` and `dhash` of `Image.open(f)`.
        let ahash8: String, phash8: String, dhash8: String
        /// For indexed images with `tRNS`, SHA-256 of `convert("RGBA")`; "-" otherwise.
        let rgba: String

        var description: String { name }
    }

    static let entries: [Entry] = {
        guard let data = try? Data(contentsOf: root.appendingPathComponent("pillow.tsv")) else { return [] }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").filter { !$0.hasPrefix("#") }.map {
            let f = $0.split(separator: "\t").map(String.init)
            return Entry(
                name: f[0], width: Int(f[1])!, height: Int(f[2])!, pillowMode: f[3], format: f[4],
                expected: f[5], rgb: f[6], l: f[7], scaled: f[8], ahash8: f[9], phash8: f[10], dhash8: f[11],
                rgba: f[12])
        }
    }()

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: root.appendingPathComponent(name)))
    }
}

extension PixelBuffer {
    /// Pillow's `convert("RGB")` of the image Pillow has for this buffer: gray replicated,
    /// alpha dropped.
    var pillowRGB: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(pixelCount * 3)
        let c = format.channelCount
        for i in 0..<pixelCount {
            if format.isGray {
                out += [samples[i * c], samples[i * c], samples[i * c]]
            } else {
                out += [samples[i * c], samples[i * c + 1], samples[i * c + 2]]
            }
        }
        return out
    }
}
