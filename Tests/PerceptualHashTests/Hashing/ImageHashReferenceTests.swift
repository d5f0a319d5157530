import Foundation
import Testing
@testable import PerceptualHash

/// Every row of `Fixtures/imagehash/expected.tsv` (ImageHash 4.3.2 on Pillow 13.0.0, made by
/// `Scripts/references/imagehash_refs.py`) reproduced bit for bit.
@Suite struct ImageHashReferenceTests {
    struct Row: CustomTestStringConvertible, Sendable {
        let file: String, algorithm: String, size: Int, factor: Int, hex: String
        var testDescription: String { "\(file) \(algorithm) \(size) \(factor)" }
    }

    static let rows: [Row] = {
        guard let lines = try? Fixtures.lines("imagehash/expected.tsv") else { return [] }
        return lines.map { line in
            let f = line.split(separator: "\t").map(String.init)
            return Row(file: f[0], algorithm: f[1], size: Int(f[2])!, factor: Int(f[3])!, hex: f[4])
        }
    }()

    static func image(_ file: String) throws -> PixelBuffer {
        try PixelBuffer(netpbm: [UInt8](Fixtures.data("imagehash/images/\(file)")))
    }

    static func hasher(for row: Row) -> any ImageHasher {
        switch row.algorithm {
        case "ahash": AverageHash(size: row.size)
        case "phash": DCTHash(size: row.size, highFrequencyFactor: row.factor)
        case "phash_simple": RowDCTHash(size: row.size, highFrequencyFactor: row.factor)
        case "dhash": DifferenceHash(size: row.size)
        case "dhash_vertical": DifferenceHash(size: row.size, direction: .vertical)
        default: fatalError("unknown algorithm \(row.algorithm) in expected.tsv")
        }
    }

    @Test func fixtureIsComplete() {
        #expect(Self.rows.count == 1840)
        #expect(Set(Self.rows.map(\.algorithm)) == ["ahash", "phash", "phash_simple", "dhash", "dhash_vertical"])
    }

    @Test(arguments: ["ahash", "phash", "phash_simple", "dhash", "dhash_vertical"])
    func everyReferenceHash(algorithm: String) throws {
        var images: [String: PixelBuffer] = [:]
        var checked = 0
        for row in Self.rows where row.algorithm == algorithm {
            if images[row.file] == nil { images[row.file] = try Self.image(row.file) }
            let hasher = Self.hasher(for: row)
            let f = hasher.fingerprint(of: images[row.file]!)
            #expect(f.bitCount == row.size * row.size, "\(row.testDescription)")
            #expect(f.description == row.hex, "\(row.testDescription)")
            #expect(f == (try Fingerprint(hex: row.hex, bitCount: row.size * row.size)))
            checked += 1
        }
        #expect(checked > 100)
    }
}
