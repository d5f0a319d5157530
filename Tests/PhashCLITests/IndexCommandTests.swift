import Foundation
import PerceptualHash
import Testing

/// A distance right-aligned to two digits (the width of 64, the bit count of phash size 8).
func pad2(_ d: Int) -> String { d < 10 ? " \(d)" : "\(d)" }

/// `phash index`: build, add, remove, search, info, and refusing bad databases.
@Suite struct IndexCommandTests {
    /// Six images: scenes 0...3 and brighter copies of scenes 0 and 1.
    static func makeImages(_ folder: TemporaryFolder) throws -> [String] {
        var paths: [String] = []
        for seed in 0..<4 as Range<UInt64> {
            paths.append(try folder.write("img/s\(seed).ppm", TestImages.scenePPM(seed: 30 + seed)))
        }
        paths.append(try folder.write("q/s0-brighter.ppm", TestImages.scenePPM(seed: 30, brightness: 4)))
        paths.append(try folder.write("q/s1-brighter.ppm", TestImages.scenePPM(seed: 31, brightness: 6)))
        return paths
    }

    @Test func buildSearchAddRemoveInfo() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let paths = try Self.makeImages(folder)
        let db = folder.path("photos.phdb")
        let build = try CLI.run(["index", "build", db, folder.path("img")])
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stdout == "\(db): 4 images, phash size=8 highfreq=4\n")

        let info = try CLI.run(["index", "info", db])
        #expect(info.status == 0)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: db)[.size] as? Int)
        #expect(
            info.lines == [
                "database: \(db)", "format version: 2", "algorithm: phash size=8 highfreq=4", "bits: 64", "entries: 4",
                "file size: \(size) bytes",
            ])

        // Radius search: the brighter copy finds its original (and only neighbours within 13).
        let hasher = DCTHash()
        let fingerprints = try paths.map { try libraryFingerprint($0, hasher) }
        let search = try CLI.run(["index", "search", db, "--format", "tsv", paths[4]])
        #expect(search.status == 0, "\(search.stderr)")
        let expectedRows = (0..<4).map { (id: $0, d: fingerprints[$0].distance(to: fingerprints[4])) }
            .filter { $0.d <= 13 }  // phash size 8: the 1e-4 threshold
            .sorted { ($0.d, $0.id) < ($1.d, $1.id) }
            .map { "\(paths[4])\t\($0.d)\t\(fingerprints[$0.id])\t\(paths[$0.id])" }
        #expect(search.lines == ["query\tdistance\thash\tpath"] + expectedRows)
        #expect(expectedRows.first?.hasSuffix(paths[0]) == true)

        // Nearest 2, text and json.
        let nearest = try CLI.run(["index", "search", db, "--nearest", "2", paths[5]])
        let ranked = (0..<4).map { (id: $0, d: fingerprints[$0].distance(to: fingerprints[5])) }
            .sorted { ($0.d, $0.id) < ($1.d, $1.id) }.prefix(2)
        #expect(nearest.lines == [paths[5]] + ranked.map { "  \(pad2($0.d))  \(fingerprints[$0.id])  \(paths[$0.id])" })
        let json = try CLI.run(["index", "search", db, "--nearest", "2", "--format", "json", paths[5], paths[4]])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let queries = try #require(object["queries"] as? [[String: Any]])
        #expect(queries.map { $0["path"] as? String } == [paths[5], paths[4]])
        let matches = try #require(queries[0]["matches"] as? [[String: Any]])
        #expect(matches.map { $0["path"] as? String } == ranked.map { paths[$0.id] })
        #expect(matches.map { $0["distance"] as? Int } == ranked.map(\.d))

        // Add the brighter copies, then re-adding one replaces instead of duplicating.
        let add = try CLI.run(["index", "add", db, folder.path("q")])
        #expect(add.stdout == "\(db): 2 added, 0 updated, 0 unchanged, 6 images\n", "\(add.stderr)")
        let again = try CLI.run(["index", "add", db, paths[4]])
        #expect(again.stdout == "\(db): 0 added, 0 updated, 1 unchanged, 6 images\n")
        let exact = try CLI.run(["index", "search", db, "--radius", "0", paths[4]])
        let equal = (0..<6).filter { fingerprints[$0] == fingerprints[4] }  // by position in the database
        #expect(exact.lines == [paths[4]] + equal.map { "   0  \(fingerprints[4])  \(paths[$0])" })

        // Remove by another spelling of the same path; a path not present is reported.
        let relative = try CLI.run(["index", "remove", db, "img/./s0.ppm", "img/none.ppm"], in: folder.url)
        #expect(relative.status == 2)
        #expect(relative.stdout == "\(db): 1 removed, 5 images\n")
        #expect(relative.stderr.contains("img/none.ppm: not in the database"))
        let after = try CLI.run(["index", "search", db, "--nearest", "6", "--format", "tsv", paths[0]])
        #expect(!after.lines.contains { $0.hasSuffix("\t\(paths[0])") })
        #expect(after.lines.count == 6)
    }

    @Test func otherAlgorithmIsRefused() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let paths = try Self.makeImages(folder)
        let db = folder.path("d.phdb")
        let build = try CLI.run(["index", "build", "--algorithm", "dhash", "--size", "16", db, paths[0], paths[1]])
        #expect(build.status == 0, "\(build.stderr)")
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        for args in [["--algorithm", "phash"], ["--size", "8"], ["--algorithm", "dhash-vertical", "--size", "16"]] {
            let add = try CLI.run(["index", "add", db] + args + [paths[2]])
            #expect(add.status == 2, "\(args)")
            #expect(add.stderr.contains("built with another algorithm (dhash size=16)"), "\(args): \(add.stderr)")
            let search = try CLI.run(["index", "search", db] + args + [paths[2]])
            #expect(search.status == 2, "\(args)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before, "a refused add leaves the file untouched")
        let same = try CLI.run(["index", "add", db, "--algorithm", "dhash", "--size", "16", paths[2]])
        #expect(same.status == 0, "\(same.stderr)")
        let search = try CLI.run(["index", "search", db, "--radius", "0", paths[2]])
        let expected = try libraryFingerprint(paths[2], DifferenceHash(size: 16))
        #expect(search.lines == [paths[2], "    0  \(expected)  \(paths[2])"])
    }

    /// Every single-byte corruption of a small database, and every truncation, is refused with
    /// exit status 1 and a message; none crashes.
    @Test func corruptedDatabaseIsRefused() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let paths = try Self.makeImages(folder)
        let db = folder.path("c.phdb")
        #expect(try CLI.run(["index", "build", db, paths[0], paths[1]]).status == 0)
        let good = [UInt8](try Data(contentsOf: URL(fileURLWithPath: db)))
        let bad = folder.path("bad.phdb")
        // A sample of positions (every run spawns a process): header, name, paths, words, checksum.
        var rng = SplitMix64(seed: 42)
        let positions = Set(
            [0, 7, 8, 10, 12, 16, 24, 28, 33, good.count - 20, good.count - 1]
                + (0..<6).map { _ in Int(rng.next() % UInt64(good.count)) })
        for position in positions.sorted() {
            var bytes = good
            bytes[position] ^= 0x40
            try Data(bytes).write(to: URL(fileURLWithPath: bad))
            let result = try CLI.run(["index", "info", bad])
            #expect(result.status == 2, "byte \(position)")
            #expect(result.stderr.contains("phash: \(bad): "), "byte \(position)")
            #expect(
                result.stderr.contains("corrupted") || result.stderr.contains("not supported"),
                "byte \(position): \(result.stderr)")
        }
        for length in [0, 5, 35, good.count / 2, good.count - 1] {
            try Data(good.prefix(length)).write(to: URL(fileURLWithPath: bad))
            let result = try CLI.run(["index", "search", bad, paths[0]])
            #expect(result.status == 2, "length \(length)")
            #expect(result.stderr.contains("corrupted"), "length \(length): \(result.stderr)")
        }
        let version = good.prefix(8) + [5, 0] + good.dropFirst(10)
        try Data(version).write(to: URL(fileURLWithPath: bad))
        let v = try CLI.run(["index", "info", bad])
        #expect(v.stderr.contains("database format version 5 is not supported (this phash reads versions 1 to 4)"))
        let missing = try CLI.run(["index", "info", folder.path("none.phdb")])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("cannot read the database: no such file"))
        let notDB = try CLI.run(["index", "info", paths[0]])
        #expect(notDB.stderr.contains("not a phash database: wrong magic bytes"))
    }

    /// A database saved over an older one is replaced whole, no temporary file is left behind.
    @Test func atomicReplacement() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let paths = try Self.makeImages(folder)
        let db = folder.path("a.phdb")
        #expect(try CLI.run(["index", "build", db, paths[0]]).status == 0)
        #expect(try CLI.run(["index", "build", db, paths[1], paths[2]]).status == 0)
        let info = try CLI.run(["index", "info", db])
        #expect(info.lines.contains("entries: 2"))
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.url.path)
        #expect(!names.contains { $0.contains(".tmp-") }, "\(names)")
    }

    @Test(arguments: [
        (["index"], "missing subcommand"),
        (["index", "drop", "x"], "unknown subcommand 'drop'"),
        (["index", "build"], "missing the database path"),
        (["index", "build", "x.phdb"], "no input files"),
        (["index", "info", "x.phdb", "--radius", "3"], "unknown option '--radius'"),
        (["index", "search", "x.phdb", "--nearest"], "option '--nearest' needs a value"),
        (["index", "build", "x.phdb", "--algorithm", "sha", "a.ppm"], "--algorithm must be one of"),
    ])
    func usageErrors(_ arguments: [String], _ message: String) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
    }

    @Test func searchOptionConflicts() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let paths = try Self.makeImages(folder)
        let db = folder.path("s.phdb")
        #expect(try CLI.run(["index", "build", db, paths[0]]).status == 0)
        let both = try CLI.run(["index", "search", db, "--radius", "2", "--nearest", "1", paths[0]])
        #expect(both.status == 2)
        #expect(both.stderr.contains("give --radius or --nearest, not both"))
        let big = try CLI.run(["index", "search", db, "--radius", "65", paths[0]])
        #expect(big.status == 2)
        #expect(big.stderr.contains("--radius must be an integer in 0...64"))
        let missing = try CLI.run(["index", "search", db, paths[0], folder.path("none.ppm")])
        #expect(missing.status == 2)
        #expect(missing.lines.first == paths[0])
    }
}
