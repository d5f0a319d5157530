import Foundation
import Glibc
import PerceptualHash
import Testing

/// `phash index search`: exit status, query lists (`--queries FILE`, `-`), streamed output,
/// aligned text; `add`'s summary; one canonical path per file.
@Suite struct IndexSearchTests {
    /// Scenes 0...3 in `img/`, a brighter copy of scene 0 in `q/`.
    static func makeImages(_ folder: TemporaryFolder) throws -> [String] {
        var paths = try (0..<4 as Range<UInt64>).map {
            try folder.write("img/s\($0).ppm", TestImages.scenePPM(seed: 30 + $0))
        }
        paths.append(try folder.write("q/s0-brighter.ppm", TestImages.scenePPM(seed: 30, brightness: 4)))
        return paths
    }

    /// 0 when a query matched, 1 when none did, 2 for an unreadable query or database.
    @Test func exitStatus() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let paths = try Self.makeImages(folder)
        let db = folder.path("e.phdb")
        #expect(try CLI.run(["index", "build", db, paths[0], paths[1]]).status == 0)
        #expect(try CLI.run(["index", "search", db, "--radius", "0", paths[0]]).status == 0)
        let none = try CLI.run(["index", "search", db, "--radius", "0", paths[2], paths[3]])
        #expect(none.status == 1, "\(none.stderr)")
        #expect(none.lines == [paths[2], paths[3]])
        #expect(try CLI.run(["index", "search", db, "--radius", "0", paths[2], paths[0]]).status == 0)
        #expect(try CLI.run(["index", "search", db, "--radius", "0", paths[0], folder.path("none.ppm")]).status == 2)
        #expect(try CLI.run(["index", "search", folder.path("none.phdb"), paths[0]]).status == 2)
        try folder.write("bad.phdb", Array("not a database at all, but long enough to have a header".utf8))
        #expect(try CLI.run(["index", "search", folder.path("bad.phdb"), paths[0]]).status == 2)
    }

    /// Text output: the distance right-aligned to the width of the largest possible distance.
    @Test func alignedText() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let paths = try Self.makeImages(folder)
        let db = folder.path("t.phdb")
        #expect(try CLI.run(["index", "build", db, folder.path("img")]).status == 0)
        let hasher = DCTHash()
        let fingerprints = try paths.map { try libraryFingerprint($0, hasher) }
        let search = try CLI.run(["index", "search", db, "--nearest", "4", paths[4]])
        let ranked = (0..<4).map { (id: $0, d: fingerprints[$0].distance(to: fingerprints[4])) }
            .sorted { ($0.d, $0.id) < ($1.d, $1.id) }
        #expect(ranked.contains { $0.d < 10 } && ranked.contains { $0.d >= 10 }, "both widths occur")
        let pad = { (d: Int) in d < 10 ? " \(d)" : "\(d)" }
        #expect(search.lines == [paths[4]] + ranked.map { "  \(pad($0.d))  \(fingerprints[$0.id])  \(paths[$0.id])" })
    }

    /// Queries from a file and from standard input, one path per line in the escaped form.
    @Test func queryLists() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let paths = try Self.makeImages(folder)
        let tabbed = try folder.write("q/tab\there.ppm", TestImages.scenePPM(seed: 31))
        let db = folder.path("l.phdb")
        #expect(try CLI.run(["index", "build", db, folder.path("img")]).status == 0)
        let escapedTab = folder.path("q/tab\\there.ppm")
        let list = "\(paths[0])\n\(escapedTab)\n\n\(paths[2])"  // an empty line is skipped; no final newline
        try folder.write("list.txt", Array(list.utf8))
        let expected = try CLI.run([
            "index", "search", db, "--radius", "0", "--format", "tsv", paths[0], tabbed, paths[2],
        ])
        #expect(expected.status == 0)
        #expect(expected.lines.count == 4)
        let fromFile = try CLI.run([
            "index", "search", db, "--radius", "0", "--format", "tsv", "--queries", folder.path("list.txt"),
        ])
        #expect(fromFile.status == 0, "\(fromFile.stderr)")
        #expect(fromFile.stdout == expected.stdout)
        let fromStdin = try CLI.run(
            ["index", "search", db, "--radius", "0", "--format", "tsv", "--queries", "-"], stdin: list)
        #expect(fromStdin.status == 0, "\(fromStdin.stderr)")
        #expect(fromStdin.stdout == expected.stdout)
        // Arguments come first, then the list; a malformed escape is an error for that line.
        let mixed = try CLI.run(
            ["index", "search", db, "--radius", "0", "--queries", "-", paths[3]], stdin: "\(paths[1])\nbad\\q\n")
        #expect(mixed.status == 2)
        #expect(mixed.lines.first == paths[3])
        #expect(mixed.lines.contains(paths[1]))
        #expect(mixed.stderr.contains("line 2"), "\(mixed.stderr)")
        let empty = try CLI.run(["index", "search", db, "--queries", "-"], stdin: "")
        #expect(empty.status == 2)
        #expect(empty.stderr.contains("no query images"))
    }

    /// Results of a query from standard input are printed before the next line is read.
    @Test func resultsAreStreamed() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let paths = try Self.makeImages(folder)
        let db = folder.path("s.phdb")
        #expect(try CLI.run(["index", "build", db, folder.path("img")]).status == 0)
        let executable = try #require(CLI.executable)
        signal(SIGPIPE, SIG_IGN)  // a phash that exited early must fail the test, not kill it
        let input = Pipe(), output = Pipe()
        let process = Process()
        process.executableURL = executable
        process.arguments = ["index", "search", db, "--radius", "0", "--format", "tsv", "--queries", "-"]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        /// Reads from the output until `count` lines have arrived (10 s at most).
        func readLines(_ count: Int, into text: inout String) {
            let fd = output.fileHandleForReading.fileDescriptor
            let deadline = Date().addingTimeInterval(10)
            while text.split(separator: "\n").count < count, Date() < deadline {
                var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                guard poll(&pfd, 1, 200) > 0 else { continue }
                var buffer = [UInt8](repeating: 0, count: 4096)
                let n = read(fd, &buffer, buffer.count)
                if n <= 0 { break }
                text += String(decoding: buffer[0..<n], as: UTF8.self)
            }
        }
        var text = ""
        try input.fileHandleForWriting.write(contentsOf: Data("\(paths[0])\n".utf8))
        readLines(2, into: &text)
        #expect(text.split(separator: "\n").count == 2, "the first result arrives while stdin is still open: \(text)")
        try #require(process.isRunning)
        try input.fileHandleForWriting.write(contentsOf: Data("\(paths[1])\n".utf8))
        readLines(3, into: &text)
        #expect(text.split(separator: "\n").count == 3, "\(text)")
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    /// `add` reports added, updated (fingerprint changed) and unchanged images; on a missing
    /// database it points at `build`.
    @Test func addSummary() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let paths = try Self.makeImages(folder)
        let db = folder.path("a.phdb")
        let missing = try CLI.run(["index", "add", db, paths[0]])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("phash index build"), "\(missing.stderr)")
        #expect(try CLI.run(["index", "build", db, paths[0], paths[1]]).status == 0)
        try folder.write("img/s1.ppm", TestImages.scenePPM(seed: 77))  // changed content
        let add = try CLI.run(["index", "add", db, paths[0], paths[1], paths[2]])
        #expect(add.status == 0, "\(add.stderr)")
        #expect(add.stdout == "\(db): 1 added, 1 updated, 1 unchanged, 3 images\n")
    }

    /// `./a.ppm`, `a.ppm`, `x/../a.ppm` and the absolute path are one entry, stored absolute;
    /// a path through a symlinked folder is stored with the folder resolved.
    @Test func oneEntryPerFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let paths = try Self.makeImages(folder)
        let db = folder.path("p.phdb")
        let build = try CLI.run(["index", "build", "p.phdb", "img"], in: folder.url)
        #expect(build.status == 0, "\(build.stderr)")
        let add = try CLI.run(
            ["index", "add", db, "./s0.ppm", "s0.ppm", "../img/s0.ppm", "..//img/./s1.ppm", paths[2]],
            in: folder.url.appendingPathComponent("img"))
        #expect(add.status == 0, "\(add.stderr)")
        #expect(add.stdout == "\(db): 0 added, 0 updated, 5 unchanged, 4 images\n")
        #expect(try storedPaths(db, query: paths[0]) == Set(paths[0..<4]))
        try FileManager.default.createSymbolicLink(atPath: folder.path("link"), withDestinationPath: "img")
        let viaLink = try CLI.run(["index", "add", db, "link/s3.ppm"], in: folder.url)
        #expect(viaLink.stdout == "\(db): 0 added, 0 updated, 1 unchanged, 4 images\n")
        let remove = try CLI.run(["index", "remove", db, "link/./s3.ppm", "img/s2.ppm"], in: folder.url)
        #expect(remove.status == 0, "\(remove.stderr)")
        #expect(remove.stdout == "\(db): 2 removed, 2 images\n")
        #expect(try storedPaths(db, query: paths[0]) == Set(paths[0..<2]))
    }

    /// A file name that is not UTF-8 goes through `index build` (folder walk), `add` (given
    /// directly as raw argv bytes), `search` and `remove` with its exact bytes, printed escaped.
    @Test func nonUTF8NamesEndToEnd() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let image = TestImages.scenePPM(seed: 41)
        try FileManager.default.createDirectory(atPath: folder.path("d"), withIntermediateDirectories: true)
        let written = folder.writeRaw(name: Array("d/a".utf8) + [0xFF] + Array(".ppm".utf8), image)
        try #require(written, "could not create the non-UTF-8 name")
        _ = try folder.write("e/b.ppm", TestImages.scenePPM(seed: 42))
        let d = folder.path("d"), db = folder.path("n.phdb")
        let build = try CLI.run(["index", "build", db, d])
        #expect(build.status == 0, "\(build.stderr)")
        let search = try CLI.run(["index", "search", db, "--format", "tsv", "--radius", "0", folder.path("e/b.ppm")])
        #expect(search.status == 1, "\(search.stderr)")
        let hit = try CLI.shell(
            "cd \"\(d)\" && \"$PHASH\" index search \"\(db)\" --format tsv --radius 0 \"$(printf 'a\\377.ppm')\"")
        #expect(hit.status == 0, "\(hit.stderr)")
        let hex = "\(DCTHash().fingerprint(of: try PixelBuffer(netpbm: image)))"
        #expect(hit.lines == ["query\tdistance\thash\tpath", "a\\xff.ppm\t0\t\(hex)\t\(d)/a\\xff.ppm"])
        let add = try CLI.shell("cd \"\(d)\" && \"$PHASH\" index add \"\(db)\" \"$(printf 'a\\377.ppm')\" ../e/b.ppm")
        #expect(add.stdout == "\(db): 1 added, 0 updated, 1 unchanged, 2 images\n", "\(add.stderr)")
        let remove = try CLI.shell("\"$PHASH\" index remove \"\(db)\" \"\(d)/$(printf 'a\\377.ppm')\"")
        #expect(remove.stdout == "\(db): 1 removed, 1 images\n", "\(remove.stderr)")
    }
}
