import Foundation
import PerceptualHash
import PerceptualHashDecoders
import Testing

/// `phash` reads PNG wherever it reads Netpbm: named files, folders, standard input; its hashes
/// are ImageHash's on `Image.open(f)` (the decoder fixtures' `pillow.tsv`, written by
/// Scripts/references/png.py).
@Suite("phash with PNG input")
struct PNGInputTests {
    static let fixtures = CLI.packageRoot.appendingPathComponent("Tests/PerceptualHashDecodersTests/Fixtures/png")

    /// `name -> (ahash8, phash8, dhash8)` from pillow.tsv.
    static func imageHashValues() throws -> [String: [String]] {
        let text = String(decoding: try Data(contentsOf: fixtures.appendingPathComponent("pillow.tsv")), as: UTF8.self)
        var out: [String: [String]] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let f = line.split(separator: "\t").map(String.init)
            out[f[0]] = Array(f[9...11])
        }
        return out
    }

    static let names = [
        "gray1-33x17.png", "gray16-9x13-adam7.png", "indexed2-33x17-adam7.png", "indexed8-trns.png",
        "grayalpha16-33x17.png", "rgba8-33x17-adam7.png", "rgb16-7x5.png", "pillow-rgb.png", "pillow-la.png",
    ]

    @Test("a folder of PNG files hashes to ImageHash's values, for ahash, phash and dhash")
    func folderMatchesImageHash() throws {
        let reference = try Self.imageHashValues()
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        for name in Self.names {
            try folder.write(
                "photos/\(name)", [UInt8](try Data(contentsOf: Self.fixtures.appendingPathComponent(name))))
        }
        try folder.write("photos/notes.txt", Array("not an image".utf8))
        for (column, algorithm) in ["ahash", "phash", "dhash"].enumerated() {
            let result = try CLI.run(["hash", "--algorithm", algorithm, folder.path("photos")])
            #expect(result.status == 0, "\(algorithm): \(result.stderr)")
            #expect(
                result.stderr
                    == "phash: skipped 1 file that is not Netpbm, PNG or JPEG (only .pbm .pgm .ppm .pnm .pam .png .jpg .jpeg are read from folders); convert others to PPM first, see 'phash hash --help'\n"
            )
            let expected = Self.names.sorted().map { "\(reference[$0]![column])  \(folder.path("photos/\($0)"))" }
            #expect(result.lines == expected, "\(algorithm)")
        }
    }

    @Test("standard input, dedupe across PNG and PPM, and index search find the same image")
    func otherCommands() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let png = [UInt8](try Data(contentsOf: Self.fixtures.appendingPathComponent("rgb8-256x192.png")))
        let pngPath = try folder.write("set/photo.png", png)
        let image = try PixelBuffer(png: png)
        _ = try folder.write("set/photo-copy.ppm", image.netpbmEncoded())
        // Standard input through the shell (CLI.run's stdin takes text, a PNG is binary).
        let viaShell = try CLI.shell("\"$PHASH\" hash - < '\(pngPath)'")
        let named = try CLI.run(["hash", pngPath])
        #expect(viaShell.status == 0 && named.status == 0, "\(viaShell.stderr) \(named.stderr)")
        #expect(viaShell.stdout == named.stdout.replacingOccurrences(of: pngPath, with: "-"))
        #expect(named.stdout.hasPrefix(DCTHash().fingerprint(of: image).description + "  "))
        let dedupe = try CLI.run(["dedupe", folder.path("set")])
        #expect(dedupe.status == 0, "\(dedupe.stderr)")
        #expect(
            dedupe.lines.count == 2
                && dedupe.lines.allSatisfy { $0.hasPrefix(DCTHash().fingerprint(of: image).description) })
        let db = folder.path("photos.phdb")
        let build = try CLI.run(["index", "build", db, folder.path("set")])
        #expect(build.status == 0, "\(build.stderr)")
        let search = try CLI.run(["index", "search", db, pngPath])
        #expect(search.status == 0, "\(search.stderr)")
        #expect(search.lines.count == 3, "\(search.stdout)")  // the query line and both files at distance 0
    }

    @Test("a PNG over --max-pixels is refused from its header, with its size")
    func limits() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = try folder.write(
            "big.png", [UInt8](try Data(contentsOf: Self.fixtures.appendingPathComponent("rgb8-256x192.png"))))
        let result = try CLI.run(["hash", "--max-pixels", "10000", path])
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "phash: \(path): the image is 256x192 = 49,152 pixels, above the limit of 10,000; raise it with --max-pixels\n"
        )
    }
}
