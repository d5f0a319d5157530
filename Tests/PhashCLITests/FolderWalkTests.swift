import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Folder walks and file opening: FIFOs, symbolic-link cycles and duplicates, dangling links,
/// names that are not UTF-8 or hold control characters, folders without Netpbm files.
@Suite struct FolderWalkTests {
    /// The text lines of `result` as (hex, path) pairs.
    static func paths(_ result: CLI.Result) -> [String] { result.lines.map { String($0.dropFirst(18)) } }

    /// A FIFO named `*.ppm` inside a folder is skipped with a message, never opened for a
    /// blocking read (before: `hash` and `dedupe` hung forever).
    @Test(arguments: ["hash", "dedupe"])
    func fifoInAFolderIsSkipped(_ command: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        try folder.write("d/a.ppm", TestImages.scenePPM(seed: 1))
        try folder.write("d/b.ppm", TestImages.scenePPM(seed: 1))
        try #require(folder.fifo("d/f.ppm"))
        let result = try CLI.run([command, folder.path("d")], timeout: 20)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stderr.contains("phash: \(folder.path("d/f.ppm")): skipped: not a regular file (a FIFO)"),
            "\(result.stderr)")
        #expect(Self.paths(result) == [folder.path("d/a.ppm"), folder.path("d/b.ppm")])
    }

    /// A FIFO named on the command line with no writer reads as empty: an error, not a hang.
    @Test func fifoNamedDirectlyDoesNotHang() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        try #require(folder.fifo("f.ppm"))
        let result = try CLI.run(["hash", folder.path("f.ppm")], timeout: 20)
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(folder.path("f.ppm")): empty file"), "\(result.stderr)")
    }

    /// `ln -s . x`, `ln -s . y` and `ln -s .. up` (before: the walk never ended, or hashed the
    /// same image over and over): each image once, each cycle reported.
    @Test func symlinkCyclesEndAndVisitEachFileOnce() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        try folder.write("d/a.ppm", TestImages.scenePPM(seed: 2))
        try folder.write("d/sub/b.ppm", TestImages.scenePPM(seed: 3))
        try folder.symlink("d/x", to: ".")
        try folder.symlink("d/y", to: ".")
        try folder.symlink("d/sub/up", to: "..")
        let result = try CLI.run(["hash", folder.path("d")], timeout: 30)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.paths(result) == [folder.path("d/a.ppm"), folder.path("d/sub/b.ppm")])
        let d = folder.path("d")
        #expect(
            result.stderr.split(separator: "\n").map(String.init) == [
                "phash: \(d)/sub/up: skipped: leads back to \(d), a folder that contains it (a cycle)",
                "phash: \(d)/x: skipped: leads back to \(d), a folder that contains it (a cycle)",
                "phash: \(d)/y: skipped: leads back to \(d), a folder that contains it (a cycle)",
            ])
    }

    /// A file reached through a second link, and a folder reached through a second link, are
    /// hashed once; the later ways are reported as skipped.
    @Test func fileAndFolderReachedTwiceAreHashedOnce() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        try folder.write("d/a.ppm", TestImages.scenePPM(seed: 4))
        try folder.write("d/real/c.ppm", TestImages.scenePPM(seed: 5))
        try folder.symlink("d/link.ppm", to: "a.ppm")
        try folder.symlink("d/zlink", to: "real")
        let result = try CLI.run(["dedupe", "--format", "tsv", folder.path("d")], timeout: 30)
        let d = folder.path("d")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.lines == ["group\tpath\thash"])  // a.ppm and c.ppm differ; no duplicate of a.ppm with itself
        #expect(
            result.stderr.split(separator: "\n").map(String.init) == [
                "phash: \(d)/link.ppm: skipped: same file as \(d)/a.ppm",
                "phash: \(d)/zlink: skipped: same folder as \(d)/real",
            ])
        let hashed = try CLI.run(["hash", d], timeout: 30)
        #expect(Self.paths(hashed) == ["\(d)/a.ppm", "\(d)/real/c.ppm"])
    }

    /// Dangling links and link loops are reported, never silently dropped; with a Netpbm
    /// name they are failures (exit 2), other names are skipped notes.
    @Test func danglingLinksAndLoopsAreReported() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        try folder.write("d/a.ppm", TestImages.scenePPM(seed: 6))
        try folder.symlink("d/gone.ppm", to: "missing.ppm")
        try folder.symlink("d/loop.ppm", to: "loop.ppm")
        try folder.symlink("d/other", to: "nowhere")
        let d = folder.path("d")
        let result = try CLI.run(["hash", d], timeout: 30)
        #expect(result.status == 2)
        #expect(Self.paths(result) == ["\(d)/a.ppm"])
        #expect(
            result.stderr.split(separator: "\n").map(String.init) == [
                "phash: \(d)/gone.ppm: dangling symbolic link (its target does not exist)",
                "phash: \(d)/loop.ppm: symbolic link loop (too many levels of symbolic links)",
                "phash: \(d)/other: skipped: dangling symbolic link (its target does not exist)",
            ])
        // Named directly, a dangling link says so too.
        let direct = try CLI.run(["hash", "\(d)/gone.ppm"])
        #expect(direct.stderr == "phash: \(d)/gone.ppm: dangling symbolic link (its target does not exist)\n")
    }

    /// Names that are not UTF-8, or that hold a newline or tab, are hashed (in a walk and named
    /// directly) and printed escaped; `dedupe --hashes` reads that output back; JSON keeps
    /// UTF-8 names as they are and escapes the others.
    @Test func namesThatAreNotUTF8OrHoldControlCharacters() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let image = TestImages.scenePPM(seed: 8)
        try FileManager.default.createDirectory(atPath: folder.path("d"), withIntermediateDirectories: true)
        #expect(folder.writeRaw(name: Array("d/b".utf8) + [0xFF] + Array(".ppm".utf8), image))
        try folder.write("d/a\nline\tx.ppm", image)
        try folder.write("d/c\\.ppm", image)
        let d = folder.path("d")
        let walk = try CLI.run(["hash", d], timeout: 30)
        #expect(walk.status == 0, "\(walk.stderr)")
        #expect(Self.paths(walk) == ["\(d)/a\\nline\\tx.ppm", "\(d)/b\\xff.ppm", "\(d)/c\\\\.ppm"])
        // Named directly through a shell (Process cannot pass bytes that are not UTF-8).
        let direct = try CLI.shell(
            "\"$PHASH\" hash \"$(printf 'b\\377.ppm')\"", in: folder.url.appendingPathComponent("d"))
        #expect(direct.status == 0, "\(direct.stderr)")
        #expect(direct.stdout == String(walk.lines[1].prefix(18)) + "b\\xff.ppm\n")
        // Round trip through dedupe --hashes: three identical images, one group, same names.
        let list = try folder.write("hashes.txt", Array(walk.stdout.utf8))
        let dedupe = try CLI.run(["dedupe", "--hashes", list])
        #expect(dedupe.status == 0, "\(dedupe.stderr)")
        #expect(dedupe.lines == walk.lines)
        let json = try CLI.run(["hash", "--format", "json", d], timeout: 30)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let images = try #require(object["images"] as? [[String: String]])
        #expect(images.map { $0["path"]! } == ["\(d)/a\nline\tx.ppm", "\(d)/b\\xff.ppm", "\(d)/c\\.ppm"])
        let tsv = try CLI.run(["hash", "--format", "tsv", d], timeout: 30)
        #expect(
            tsv.lines.dropFirst().map { $0.split(separator: "\t")[0] } == [
                "\(d)/a\\nline\\tx.ppm", "\(d)/b\\xff.ppm", "\(d)/c\\\\.ppm",
            ])
    }

    /// A folder of a GIF, a broken JPEG and a broken PNG: the GIF is skipped and counted, the
    /// PNG and the JPEG are read and fail with the decoders' errors, and the exit status is 2
    /// (before: no output, exit 0).
    @Test func folderWithoutNetpbmFiles() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]
        try folder.write("photos/a.jpg", [0xFF, 0xD8, 0xFF, 0xE0, 0, 16])
        try folder.write("photos/b.png", png)
        try folder.write("photos/c.gif", Array("GIF89a".utf8))
        for command in ["hash", "dedupe"] {
            let result = try CLI.run([command, folder.path("photos")])
            #expect(result.status == 2, "\(command)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.contains("phash: skipped 1 file that is not Netpbm, PNG or JPEG"), "\(result.stderr)")
            #expect(
                result.stderr.contains(
                    "phash: \(folder.path("photos/b.png")): PNG: the file ends inside the chunk at byte 8\n"),
                "\(result.stderr)")
            #expect(
                result.stderr.contains(
                    "phash: \(folder.path("photos/a.jpg")): JPEG: the file ends inside the data starting at byte 2\n"),
                "\(result.stderr)")
        }
        // A folder with nothing readable: the skip note, then "no image was hashed".
        try folder.write("gifs/a.gif", Array("GIF89a".utf8))
        let none = try CLI.run(["hash", folder.path("gifs")])
        #expect(none.status == 2)
        #expect(none.stderr.contains("phash: skipped 1 file that is not Netpbm, PNG or JPEG"), "\(none.stderr)")
        #expect(none.stderr.hasSuffix("phash: no image was hashed\n"), "\(none.stderr)")
        let direct = try CLI.run(["hash", folder.path("photos/b.png")])
        #expect(direct.status == 2)
        #expect(
            direct.stderr == "phash: \(folder.path("photos/b.png")): PNG: the file ends inside the chunk at byte 8\n")
        let gif = try CLI.run(["hash", folder.path("photos/c.gif")])
        #expect(gif.status == 2)
        #expect(
            gif.stderr
                == "phash: \(folder.path("photos/c.gif")): a GIF image, not Netpbm; convert it to PPM first (see 'phash hash --help')\n"
        )
        let empty = try CLI.run(["hash", folder.url.path])  // only hidden-free subfolder with non-Netpbm files
        #expect(empty.status == 2)
    }

    /// `--help` tells how to get PPM from other formats.
    @Test func helpExplainsConversion() throws {
        let hash = try CLI.run(["hash", "--help"])
        #expect(hash.stdout.contains("convert photo.webp photo.ppm"))
        #expect(hash.stdout.contains("Image.open"))
        let top = try CLI.run(["--help"])
        #expect(top.stdout.contains("'phash hash --help' shows how to convert others"))
        #expect(hash.stdout.contains("PNG (every kind) or JPEG (baseline and"))
    }
}
