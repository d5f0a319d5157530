import Foundation
import Testing
@testable import PerceptualHash

/// `Fixtures/crop-resistant/`, written by `Scripts/references/crop_resistant.py` (ImageHash
/// 4.3.2, Pillow 13.0.0).
enum CropResistantFixtures {
    /// One row of `expected.tsv`.
    struct Row: CustomTestStringConvertible, Sendable {
        let file: String, parameters: [Int], hex: String
        var testDescription: String { "\(file) \(parameters)" }
    }

    static let rows: [Row] = {
        guard let lines = try? Fixtures.lines("crop-resistant/expected.tsv") else { return [] }
        return lines.map { line in
            let f = line.split(separator: "\t").map(String.init)
            return Row(file: f[0], parameters: f[1].split(separator: ",").map { Int($0)! }, hex: f[2])
        }
    }()

    /// The image a row names (a path under `Fixtures/`).
    static func image(_ file: String) throws -> PixelBuffer {
        try PixelBuffer(netpbm: [UInt8](Fixtures.data(file)))
    }

    /// `filters.json`.
    struct Filters: Decodable {
        struct Plane: Decodable { let width: Int, height: Int, input: String, gaussian: String, median: String }
        struct Segmentation: Decodable { let file: String, side: Int, fnv1a64: String }
        let planes: [Plane]
        let segmentation: [Segmentation]
    }

    static func filters() throws -> Filters {
        try JSONDecoder().decode(Filters.self, from: Fixtures.data("crop-resistant/filters.json"))
    }

    /// The 64-bit FNV-1a digest of `bytes`, as 16 lowercase hex digits (the script's `fnv1a64`).
    static func fnv1a64(_ bytes: [UInt8]) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        let s = String(h, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
