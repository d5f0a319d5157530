import Foundation
import PerceptualHash
import PerceptualHashDecoders
import Testing

/// `phash` reads JPEG wherever it reads Netpbm: named files, folders (`.jpg`, `.jpeg`),
/// standard input; its hashes are ImageHash's on `Image.open(f)` (the decoder fixtures'
/// `pillow.tsv`, written by Scripts/references/jpeg.py).
@Suite("phash with JPEG input")
struct JPEGInputTests {
    static let fixtures = CLI.packageRoot.appendingPathComponent("Tests/PerceptualHashDecodersTests/Fixtures/jpeg")

    /// `name -> columns` from pillow.tsv.
    static func rows() throws -> [String: [String]] {
        let text = String(decoding: try Data(contentsOf: fixtures.appendingPathComponent("pillow.tsv")), as: UTF8.self)
        var out: [String: [String]] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let f = line.split(separator: "\t").map(String.init)
            out[f[0]] = f
        }
        return out
    }

    static let names = [
        "pil-420-q90-33x31.jpg", "pil-422-prog-40x23.jpg", "pil-444-opt-17x9.jpg", "pil-gray-q75-40x23.jpg",
        "pil-420-rst3-61x45.jpg", "own-440-35x29.jpg", "own-411-17x9.jpg", "own-adobe-rgb-35x29.jpg",
    ]

    @Test("a folder of JPEG files hashes to ImageHash's values, for ahash, phash and dhash")
    func folderMatchesImageHash() throws {
        let reference = try Self.rows()
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        for (i, name) in Self.names.enumerated() {
            // Both extensions, any case.
            let stored = i % 3 == 0 ? name.replacingOccurrences(of: ".jpg", with: ".JPEG") : name
            try folder.write(
                "photos/\(stored)", [UInt8](try Data(contentsOf: Self.fixtures.appendingPathComponent(name))))
        }
        for (column, algorithm) in ["ahash", "phash", "dhash"].enumerated() {
            let result = try CLI.run(["hash", "--algorithm", algorithm, folder.path("photos")])
            #expect(result.status == 0, "\(algorithm): \(result.stderr)")
            #expect(result.stderr.isEmpty)
            let hashes = result.lines.map { String($0.prefix(16)) }.sorted()
            let expected = Self.names.map { reference[$0]![7 + column] }.sorted()
            #expect(result.lines.count == Self.names.count)
            #expect(hashes == expected, "\(algorithm)")
        }
    }

    @Test("--exif-orientation hashes the upright image (Pillow's exif_transpose); without it, the stored one")
    func exifOrientation() throws {
        let reference = try Self.rows()
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        for o in 1...8 {
            let name = "own-exif\(o)-13x6.jpg"
            let path = try folder.write(name, [UInt8](try Data(contentsOf: Self.fixtures.appendingPathComponent(name))))
            let stored = try CLI.run(["hash", path])
            let upright = try CLI.run(["hash", "--exif-orientation", path])
            #expect(stored.status == 0 && upright.status == 0, "\(stored.stderr) \(upright.stderr)")
            #expect(stored.stdout == "\(reference[name]![8])  \(path)\n", "\(name)")
            let uprightPhash = reference[name]![11].split(separator: ",")[3]
            #expect(upright.stdout == "\(uprightPhash)  \(path)\n", "\(name) upright")
        }
    }

    @Test("standard input and a broken JPEG")
    func standardInputAndErrors() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = try folder.write(
            "a.jpg", [UInt8](try Data(contentsOf: Self.fixtures.appendingPathComponent("pil-420-prog-rst-61x45.jpg"))))
        let viaShell = try CLI.shell("\"$PHASH\" hash - < '\(path)'")
        let named = try CLI.run(["hash", path])
        #expect(viaShell.status == 0 && named.status == 0, "\(viaShell.stderr) \(named.stderr)")
        #expect(viaShell.stdout == named.stdout.replacingOccurrences(of: path, with: "-"))
        let cmyk = try folder.write(
            "cmyk.jpg",
            [0xFF, 0xD8, 0xFF, 0xC0, 0, 20, 8, 0, 1, 0, 1, 4, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0, 4, 0x11, 0])
        let refused = try CLI.run(["hash", cmyk])
        #expect(refused.status == 2)
        #expect(
            refused.stderr
                == "phash: \(cmyk): JPEG: unsupported component count 4 (CMYK/YCCK or other) (at byte 2)\n")
    }
}
