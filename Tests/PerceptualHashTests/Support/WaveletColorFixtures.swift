import Foundation
import Testing
@testable import PerceptualHash

/// `Fixtures/wavelet-color/`, written by `Scripts/references/wavelet_color.py` (ImageHash 4.3.2,
/// PyWavelets 1.9.0, Pillow 13.0.0).
enum WaveletColorFixtures {
    /// One row of `expected.tsv`.
    struct Row: CustomTestStringConvertible, Sendable {
        let file: String, algorithm: String, parameters: String, hex: String
        var testDescription: String { "\(file) \(algorithm) \(parameters)" }
    }

    static let rows: [Row] = {
        guard let lines = try? Fixtures.lines("wavelet-color/expected.tsv") else { return [] }
        return lines.map { line in
            let f = line.split(separator: "\t").map(String.init)
            return Row(file: f[0], algorithm: f[1], parameters: f[2], hex: f[3])
        }
    }()

    /// The image a row names (a path under `Fixtures/`).
    static func image(_ file: String) throws -> PixelBuffer {
        try PixelBuffer(netpbm: [UInt8](Fixtures.data(file)))
    }

    /// `transforms.json`.
    struct Transforms: Decodable {
        struct Approximation: Decodable {
            let wavelet: String, side: Int, levels: Int, input: [String], outputSide: Int, output: [String]
        }
        struct Removal: Decodable { let side: Int, input: [String], output: [String] }
        let approximations: [Approximation]
        let removals: [Removal]
    }

    static func transforms() throws -> Transforms {
        try JSONDecoder().decode(Transforms.self, from: Fixtures.data("wavelet-color/transforms.json"))
    }

    /// `hsv.json`.
    struct HSVSummary: Decodable {
        let hueHistogram: [Int], saturationHistogram: [Int]
        let hueWeighted: String, saturationWeighted: String
    }

    static func hsvSummary() throws -> HSVSummary {
        try JSONDecoder().decode(HSVSummary.self, from: Fixtures.data("wavelet-color/hsv.json"))
    }

    /// A `float.hex()` string as a `Double` (Swift parses hexadecimal floating-point text).
    static func double(_ hex: String) -> Double {
        guard let v = Double(hex) else { fatalError("not a hex double: \(hex)") }
        return v
    }
}
