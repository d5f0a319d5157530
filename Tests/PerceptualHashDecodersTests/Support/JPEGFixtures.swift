import Foundation
import PerceptualHash

/// The JPEG files and Pillow's pixels for them under `Fixtures/jpeg/`, written by
/// `Scripts/references/jpeg.py`.
enum JPEGFixtures {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // PerceptualHashDecodersTests
        .appendingPathComponent("Fixtures/jpeg", isDirectory: true)

    /// One line of `pillow.tsv`.
    struct Entry: Sendable, CustomStringConvertible {
        let name: String
        let width: Int, height: Int
        let pillowMode: String
        let format: String
        /// SHA-256 (hex) of `Image.open(f).tobytes()` and of `convert("L")`.
        let expected: String, l: String
        /// ImageHash's `average_hash`, `phash` and `dhash` of `Image.open(f)`.
        let ahash8: String, phash8: String, dhash8: String
        /// The EXIF orientation Pillow reads, or nil.
        let orientation: Int?
        /// `ImageOps.exif_transpose(Image.open(f))`: SHA-256 of its samples, width, height,
        /// ImageHash's phash.
        let upright: String, uprightWidth: Int, uprightHeight: Int, uprightPhash8: String

        var description: String { name }
    }

    static let entries: [Entry] = {
        guard let data = try? Data(contentsOf: root.appendingPathComponent("pillow.tsv")) else { return [] }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").filter { !$0.hasPrefix("#") }.map {
            let f = $0.split(separator: "\t").map(String.init)
            let u = f[11].split(separator: ",").map(String.init)
            return Entry(
                name: f[0], width: Int(f[1])!, height: Int(f[2])!, pillowMode: f[3], format: f[4],
                expected: f[5], l: f[6], ahash8: f[7], phash8: f[8], dhash8: f[9], orientation: Int(f[10]),
                upright: u[0], uprightWidth: Int(u[1])!, uprightHeight: Int(u[2])!, uprightPhash8: u[3])
        }
    }()

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: root.appendingPathComponent(name)))
    }
}
