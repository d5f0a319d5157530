import Foundation
import PerceptualHash
import Testing

@testable import phash

/// `--algorithm pdq` in every command, `--min-quality`, and the pdq database format.
@Suite struct PDQCommandTests {
    /// A flat gray image: PDQ quality 0 (its hash is whatever the rounding noise of the DCT
    /// gives, the same for every flat image of that size and gray).
    static let flat = TestImages.ppm(width: 40, height: 30, rgb: [UInt8](repeating: 128, count: 40 * 30 * 3))

    /// Three busy scenes (smooth waves plus strong fixed noise: high PDQ quality) and a
    /// brighter copy of the first; returns their paths.
    static func images(_ folder: TemporaryFolder) throws -> [String] {
        [
            try folder.write("a.ppm", TestImages.scenePPM(width: 96, height: 72, seed: 1, noise: 40)),
            try folder.write("b.ppm", TestImages.scenePPM(width: 96, height: 72, seed: 2, noise: 40, noiseSeed: 2)),
            try folder.write("c.ppm", TestImages.scenePPM(width: 96, height: 72, seed: 3, noise: 40, noiseSeed: 3)),
            try folder.write(
                "a-bright.ppm", TestImages.scenePPM(width: 96, height: 72, seed: 1, noise: 40, brightness: 6)),
        ]
    }

    static func library(_ path: String) throws -> (fingerprint: Fingerprint, quality: Int) {
        PDQHash().hashWithQuality(of: try PixelBuffer(contentsOfFile: path))
    }

    /// The text output is the library's 64-digit hex, two spaces, the path, in input order.
    @Test func hexEqualsTheLibrary() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let paths = try Self.images(folder) + [try folder.write("flat.ppm", Self.flat)]
        let result = try CLI.run(["hash", "--algorithm", "pdq"] + paths.reversed())
        #expect(result.status == 0, "\(result.stderr)")
        let expected = try paths.reversed().map { "\(try libraryFingerprint($0, PDQHash()))  \($0)" }
        #expect(result.lines == expected)
        #expect(result.lines.allSatisfy { $0.prefix { $0 != " " }.count == 64 })
    }

    /// tsv gets a quality column and json a quality field, equal to the library's quality.
    @Test func tsvAndJSONCarryTheQuality() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let paths = try Self.images(folder) + [try folder.write("flat.ppm", Self.flat)]
        let references = try paths.map(Self.library)
        #expect(references.last?.quality == 0)
        #expect(Set(references.map(\.quality)).count >= 2, "the images should differ in quality")
        let tsv = try CLI.run(["hash", "--algorithm", "pdq", "--format", "tsv"] + paths)
        #expect(tsv.status == 0)
        #expect(tsv.lines.first == "path\talgorithm\tbits\thash\tquality")
        let expectedRows = zip(paths, references).map { "\($0)\tpdq\t256\t\($1.fingerprint)\t\($1.quality)" }
        #expect(Array(tsv.lines.dropFirst()) == expectedRows)

        let json = try CLI.run(["hash", "--algorithm", "pdq", "--format", "json"] + paths)
        #expect(json.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["algorithm"] as? String == "pdq")
        #expect(object["bits"] as? Int == 256)
        let items = try #require(object["images"] as? [[String: Any]])
        #expect(items.map { $0["quality"] as? Int } == references.map(\.quality))
        #expect(items.map { $0["hash"] as? String } == references.map(\.fingerprint.description))

        // Other algorithms keep their four columns and no quality field.
        let phash = try CLI.run(["hash", "--format", "tsv", paths[0]])
        #expect(phash.lines.first == "path\talgorithm\tbits\thash")
        let phashJSON = try CLI.run(["hash", "--format", "json", paths[0]])
        #expect(!phashJSON.stdout.contains("quality"))
    }

    /// The hex the CLI prints reads back through `Fingerprint(hex:)` as the library's value.
    @Test func hexReadsBack() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = try Self.images(folder)[1]
        let result = try CLI.run(["hash", "--algorithm", "pdq", path])
        let hex = String(try #require(result.lines.first).prefix(64))
        let back = try Fingerprint(hex: hex)
        #expect(back.bitCount == 256)
        #expect(back == (try Self.library(path)).fingerprint)
    }

    /// Below --min-quality: not printed, one message per file on stderr, exit 0 (also when
    /// every image is skipped).
    @Test func minQualitySkipsWithAMessage() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let busy = try Self.images(folder)[1]
        let flat = try folder.write("flat.ppm", Self.flat)
        let busyQuality = try Self.library(busy).quality
        try #require(busyQuality >= 50, "the busy scene has quality \(busyQuality)")
        let result = try CLI.run(["hash", "--algorithm", "pdq", "--min-quality", "50", flat, busy])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.lines == ["\(try Self.library(busy).fingerprint)  \(busy)"])
        #expect(result.stderr == "phash: \(flat): skipped: quality 0 below --min-quality 50\n")

        // The boundary: quality Q itself is kept.
        let exact = try CLI.run(["hash", "--algorithm", "pdq", "--min-quality", "\(busyQuality)", busy])
        #expect(exact.status == 0 && exact.lines.count == 1 && exact.stderr.isEmpty)
        let above = try CLI.run(["hash", "--algorithm", "pdq", "--min-quality", "\(busyQuality + 1)", busy])
        #expect(above.status == (busyQuality == 100 ? 2 : 0))

        let none = try CLI.run(["hash", "--algorithm", "pdq", "--min-quality", "1", flat])
        #expect(none.status == 0)
        #expect(none.stdout.isEmpty)
        #expect(none.stderr == "phash: \(flat): skipped: quality 0 below --min-quality 1\n")

        // An unreadable input next to a skip still fails.
        let missing = try CLI.run(["hash", "--algorithm", "pdq", "--min-quality", "1", flat, folder.path("none.ppm")])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("skipped: quality 0"))
    }

    /// Wrong combinations are usage errors (exit 2, a pointer to --help, nothing on stdout).
    @Test(arguments: [
        (["hash", "--algorithm", "pdq", "--size", "16", "a.ppm"], "--size does not apply to pdq"),
        (["hash", "--algorithm", "pdq", "--highfreq", "4", "a.ppm"], "--highfreq does not apply to pdq"),
        (["hash", "--min-quality", "50", "a.ppm"], "--min-quality applies only to --algorithm pdq"),
        (["hash", "--algorithm", "dhash", "--min-quality", "50", "a.ppm"], "not dhash"),
        (
            ["hash", "--algorithm", "pdq", "--min-quality", "101", "a.ppm"],
            "--min-quality must be an integer in 0...100"
        ),
        (
            ["hash", "--algorithm", "pdq", "--min-quality", "-1", "a.ppm"],
            "--min-quality must be an integer in 0...100"
        ),
        (
            ["hash", "--algorithm", "pdq", "--min-quality", "high", "a.ppm"],
            "--min-quality must be an integer in 0...100"
        ),
        (["dedupe", "--algorithm", "pdq", "--size", "8", "a.ppm"], "--size does not apply to pdq"),
        (["dedupe", "--min-quality", "50", "a.ppm"], "--min-quality applies only to --algorithm pdq"),
        (["dedupe", "--hashes", "h.txt", "--min-quality", "50"], "--min-quality cannot be combined with --hashes"),
        (["index", "build", "x.phdb", "--algorithm", "pdq", "--size", "16", "a.ppm"], "--size does not apply to pdq"),
        (
            ["index", "build", "x.phdb", "--min-quality", "50", "a.ppm"],
            "--min-quality applies only to --algorithm pdq"
        ),
    ])
    func usageErrors(_ arguments: [String], _ message: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        _ = try folder.write("a.ppm", TestImages.scenePPM(seed: 1))
        let result = try CLI.run(arguments, in: folder.url)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stderr.contains("--help' for usage"))
        #expect(!FileManager.default.fileExists(atPath: folder.path("x.phdb")))
    }

    /// The help of the threshold commands states pdq's default and its source, and the
    /// reference's 31; `hash --help` lists pdq and --min-quality.
    @Test func helpStatesThePDQThreshold() throws {
        for command in [["dedupe", "--help"], ["compare", "--help"], ["index", "search", "--help"]] {
            let help = try CLI.run(command).stdout
            #expect(help.contains("pdq (256 bits, measured the same way): 90 at 1e-4, 71 at 1e-6."), "\(command)")
            #expect(help.contains("matches at distance <= 31"), "\(command)")
        }
        let hash = try CLI.run(["hash", "--help"]).stdout
        #expect(hash.contains("  pdq              Meta's PDQ, 256 bits"))
        #expect(hash.contains("--min-quality Q    pdq only"))
    }

    /// compare has a pdq row: the library's distance, the recommended threshold, and both
    /// qualities (text line and JSON fields).
    @Test func compareHasAPDQRow() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let paths = try Self.images(folder)
        let a = try Self.library(paths[0]), b = try Self.library(paths[3])
        let distance = a.fingerprint.distance(to: b.fingerprint)
        let threshold = PDQHash().recommendedThreshold(falsePositiveRate: 1e-4)
        #expect(threshold == 90)
        let text = try CLI.run(["compare", paths[0], paths[3]])
        let verdict = distance <= threshold ? "similar" : "different"
        let row =
            "pdq" + String(repeating: " ", count: 13) + "   256"
            + String(repeating: " ", count: 10 - "\(distance)".count)
            + "\(distance)" + "         90  \(verdict)"
        #expect(text.lines.contains(row), "\(text.stdout)")
        #expect(text.lines.contains("pdq quality (0...100): A \(a.quality), B \(b.quality)"))
        // --size changes the other hashes, not pdq.
        let sized = try CLI.run(["compare", "--size", "4", paths[0], paths[3]])
        #expect(sized.lines.contains(row))

        let json = try CLI.run(["compare", "--format", "json", paths[0], paths[3]])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let hashes = try #require(object["hashes"] as? [[String: Any]])
        let pdq = try #require(hashes.first { $0["algorithm"] as? String == "pdq" })
        #expect(pdq["bits"] as? Int == 256)
        #expect(pdq["a"] as? String == a.fingerprint.description)
        #expect(pdq["distance"] as? Int == distance)
        #expect(pdq["threshold"] as? Int == 90)
        #expect(pdq["quality_a"] as? Int == a.quality)
        #expect(pdq["quality_b"] as? Int == b.quality)
        #expect(hashes.filter { $0["quality_a"] != nil }.count == 1)
    }

    /// dedupe groups the noisy copy with its original at the default threshold (90 of 256) and
    /// leaves out low-quality images with --min-quality.
    @Test func dedupeWithPDQ() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let paths = try Self.images(folder)
        let flat = try folder.write("flat.ppm", Self.flat)
        let flat2 = try folder.write("flat2.ppm", Self.flat)
        let fingerprints = try paths.map { try Self.library($0).fingerprint }
        // The expected groups from the library's distances at 90.
        #expect(fingerprints[0].distance(to: fingerprints[3]) <= 90)
        #expect(
            fingerprints[0].distance(to: fingerprints[1]) > 90 && fingerprints[0].distance(to: fingerprints[2]) > 90)
        #expect(fingerprints[1].distance(to: fingerprints[2]) > 90)
        let result = try CLI.run(["dedupe", "--algorithm", "pdq", "--format", "tsv"] + paths)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.lines == [
                "group\tpath\thash", "1\t\(paths[0])\t\(fingerprints[0])", "1\t\(paths[3])\t\(fingerprints[3])",
            ])
        let json = try CLI.run(["dedupe", "--algorithm", "pdq", "--format", "json", paths[0]])
        #expect(json.lines.first == "{\"algorithm\": \"pdq\", \"threshold\": 90, \"groups\": [")

        // Two flat images are identical (distance 0): a group, unless --min-quality drops them.
        let withFlat = try CLI.run(["dedupe", "--algorithm", "pdq", flat, flat2, paths[1]])
        let flatHash = try Self.library(flat).fingerprint
        #expect(withFlat.lines == ["\(flatHash)  \(flat)", "\(flatHash)  \(flat2)"])
        let filtered = try CLI.run(["dedupe", "--algorithm", "pdq", "--min-quality", "50", flat, flat2, paths[1]])
        #expect(filtered.status == 0)
        #expect(filtered.stdout.isEmpty)
        #expect(
            filtered.stderr == "phash: \(flat): skipped: quality 0 below --min-quality 50\n"
                + "phash: \(flat2): skipped: quality 0 below --min-quality 50\n")
    }

    /// index with pdq end to end: build (version 3, algorithm pdq), info, search, add;
    /// --min-quality in build, add and search; a phash database refuses --min-quality.
    @Test func indexWithPDQ() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let paths = try Self.images(folder)
        let flat = try folder.write("flat.ppm", Self.flat)
        let db = folder.path("pdq.phdb")
        let build = try CLI.run([
            "index", "build", db, "--algorithm", "pdq", "--min-quality", "20", paths[0], flat, paths[1],
        ])
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stdout == "\(db): 2 images, pdq\n")
        #expect(build.stderr == "phash: \(flat): skipped: quality 0 below --min-quality 20\n")
        let info = try CLI.run(["index", "info", db])
        #expect(info.lines.contains("format version: 3"))
        #expect(info.lines.contains("algorithm: pdq"))
        #expect(info.lines.contains("bits: 256"))
        #expect(info.lines.contains("entries: 2"))

        let add = try CLI.run(["index", "add", db, "--min-quality", "20", paths[2], flat])
        #expect(add.status == 0, "\(add.stderr)")
        #expect(add.stdout == "\(db): 1 added, 0 updated, 0 unchanged, 3 images\n")
        #expect(add.stderr.contains("skipped: quality 0 below --min-quality 20"))
        // --algorithm pdq checks; --size cannot be given for a pdq database.
        #expect(try CLI.run(["index", "add", db, "--algorithm", "pdq", paths[2]]).status == 0)
        let sized = try CLI.run(["index", "add", db, "--size", "16", paths[2]])
        #expect(sized.status == 2)
        #expect(sized.stderr.contains("--size does not apply to pdq"))
        let other = try CLI.run(["index", "add", db, "--algorithm", "phash", paths[2]])
        #expect(other.status == 2)
        #expect(other.stderr.contains("built with another algorithm (pdq)"))

        let noisy = try Self.library(paths[3]).fingerprint, original = try Self.library(paths[0]).fingerprint
        let search = try CLI.run(["index", "search", db, "--format", "tsv", paths[3]])
        #expect(search.status == 0, "\(search.stderr)")
        #expect(
            search.lines == [
                "query\tdistance\thash\tpath", "\(paths[3])\t\(noisy.distance(to: original))\t\(original)\t\(paths[0])",
            ])
        let strict = try CLI.run(["index", "search", db, "--radius", "0", paths[3]])
        #expect(strict.status == (noisy.distance(to: original) == 0 ? 0 : 1))
        let skippedQuery = try CLI.run(["index", "search", db, "--min-quality", "20", flat])
        #expect(skippedQuery.status == 1)
        #expect(skippedQuery.stderr == "phash: \(flat): skipped: quality 0 below --min-quality 20\n")

        // A build whose every image is below --min-quality writes nothing and says why.
        let empty = try CLI.run([
            "index", "build", folder.path("empty.phdb"), "--algorithm", "pdq", "--min-quality", "20", flat,
        ])
        #expect(empty.status == 2)
        #expect(
            empty.stderr.hasSuffix("no image was hashed at --min-quality 20 or above; nothing was written\n"),
            "\(empty.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.path("empty.phdb")))

        let phashDB = folder.path("phash.phdb")
        #expect(try CLI.run(["index", "build", phashDB, paths[0]]).status == 0)
        for sub in ["add", "search"] {
            let result = try CLI.run(["index", sub, phashDB, "--min-quality", "20", paths[1]])
            #expect(result.status == 2, "\(sub)")
            #expect(
                result.stderr.contains(
                    "--min-quality applies only to --algorithm pdq (the only hash with a quality score), not phash"),
                "\(sub): \(result.stderr)")
            #expect(result.stderr.contains("Run 'phash index \(sub) --help' for usage."), "\(sub): \(result.stderr)")
        }
        #expect(try CLI.run(["index", "info", phashDB]).lines.contains("entries: 1"))
    }

    /// A version 2 database written byte by byte from the format description (as phash
    /// before pdq wrote it) is still read, searched and extended, and stays version 2.
    @Test func oldDatabaseStillRead() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let image = try folder.write("a.ppm", TestImages.scenePPM(seed: 5))
        let fingerprint = try libraryFingerprint(image, DCTHash())
        func le<T: FixedWidthInteger>(_ v: T) -> [UInt8] { withUnsafeBytes(of: v.littleEndian) { Array($0) } }
        let name = Array("phash size=8 highfreq=4".utf8)
        let path = Array(image.utf8)
        var bytes: [UInt8] = [0x89, 0x50, 0x48, 0x44, 0x42, 0x0D, 0x0A, 0x1A]
        bytes += le(UInt16(2)) + le(UInt16(0)) + le(UInt32(64)) + le(UInt64(1))
        bytes += le(UInt32(name.count)) + le(UInt32(4 + path.count)) + name
        bytes += le(UInt32(path.count)) + path + le(fingerprint.word(0))
        bytes += le(IndexFile.crc32(bytes))
        let db = folder.path("old.phdb")
        try Data(bytes).write(to: URL(fileURLWithPath: db))

        let info = try CLI.run(["index", "info", db])
        #expect(info.status == 0, "\(info.stderr)")
        #expect(info.lines.contains("format version: 2"))
        #expect(info.lines.contains("algorithm: phash size=8 highfreq=4"))
        let search = try CLI.run(["index", "search", db, "--radius", "0", image])
        #expect(search.status == 0)
        #expect(search.lines == [image, "   0  \(fingerprint)  \(image)"])
        let other = try folder.write("b.ppm", TestImages.scenePPM(seed: 6))
        #expect(try CLI.run(["index", "add", db, other]).status == 0)
        let after = try Data(contentsOf: URL(fileURLWithPath: db))
        #expect(after[8] == 2 && after[9] == 0, "a phash database stays version 2")
    }

    /// The format rules for pdq, in process: description "pdq", version 3 written and read
    /// back; pdq in a version 2 file and "pdq size=16" are refused.
    @Test func pdqDatabaseFormat() throws {
        let spec = AlgorithmSpec(name: .pdq, size: 8)
        #expect(spec.size == 16 && spec.bitCount == 256 && spec.highFrequencyFactor == 0)
        #expect(spec.description == "pdq")
        #expect(AlgorithmSpec(description: "pdq") == spec)
        #expect(AlgorithmSpec(description: "pdq size=16") == nil)
        #expect(AlgorithmSpec(description: "phash size=8 highfreq=4") == AlgorithmSpec(name: .phash))
        var database = FingerprintDatabase(algorithm: spec)
        var f = Fingerprint(bitCount: 256)
        for w in 0..<4 { f.setWord(w, to: 0x0123_4567_89AB_CDEF &* UInt64(w + 1)) }
        _ = database.upsert(path: FilePath("/x/a.ppm"), fingerprint: f)
        let bytes = database.serialized()
        #expect(bytes[8] == 3 && bytes[9] == 0)
        let back = try FingerprintDatabase(bytes: bytes)
        #expect(back.algorithm == spec)
        #expect(back.formatVersion == 3)
        #expect(back.fingerprints == [f])
        // The same bytes labelled version 2: refused (a pdq database is always version 3).
        var v2 = Array(bytes.dropLast(4))
        v2[8] = 2
        v2 += withUnsafeBytes(of: IndexFile.crc32(v2).littleEndian) { Array($0) }
        #expect(throws: FingerprintDatabase.ReadError.self) { try FingerprintDatabase(bytes: v2) }
        // Other algorithms are still written as version 2.
        #expect(FingerprintDatabase(algorithm: AlgorithmSpec(name: .dhash)).serialized()[8] == 2)
    }
}
