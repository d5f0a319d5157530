import Foundation
import PerceptualHash
import Testing

/// `phash hash`: ImageHash equality, formats, folder walking, raw input, errors.
@Suite struct HashCommandTests {
    /// The ImageHash 4.3.2 references of the library's own fixtures
    /// (`Tests/PerceptualHashTests/Fixtures/imagehash`, made by `Scripts/references/imagehash.py`).
    static let fixtureFolder = CLI.packageRoot.appendingPathComponent("Tests/PerceptualHashTests/Fixtures/imagehash")

    struct Reference: Sendable, CustomStringConvertible {
        var algorithm: String
        var size: Int
        var factor: Int
        var expected: [(file: String, hex: String)]
        var description: String { "\(algorithm) size \(size) factor \(factor)" }
    }

    /// One entry per (algorithm, size, factor) of `expected.tsv`, each with its 46 images.
    static let references: [Reference] = {
        guard let data = FileManager.default.contents(atPath: fixtureFolder.appendingPathComponent("expected.tsv").path)
        else { return [] }
        var groups: [String: Reference] = [:]
        var order: [String] = []
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where !line.hasPrefix("#") {
            let f = line.split(separator: "\t").map(String.init)
            guard f.count == 5, let size = Int(f[2]), let factor = Int(f[3]) else { continue }
            let key = "\(f[1])/\(size)/\(factor)"
            if groups[key] == nil {
                groups[key] = Reference(algorithm: f[1], size: size, factor: factor, expected: [])
                order.append(key)
            }
            groups[key]!.expected.append((f[0], f[4]))
        }
        return order.map { groups[$0]! }
    }()

    @Test func referencesAreLoaded() {
        #expect(Self.references.count == 40)
        #expect(Set(Self.references.map(\.algorithm)) == ["ahash", "phash", "phash_simple", "dhash", "dhash_vertical"])
        #expect(Self.references.allSatisfy { $0.expected.count == 46 })
    }

    /// `phash hash` prints exactly ImageHash's `str(hash)`, in the order the files are given.
    /// Debug builds hash slowly, so each of the 40 settings takes 3 of the 46 images, a window
    /// that moves by 3 per setting: every image is checked under two or three settings (the library's
    /// own ImageHashReferenceTests check all 1,840 rows in process).
    @Test(arguments: references.indices)
    func imageHashEquality(_ setting: Int) throws {
        let reference = Self.references[setting]
        let name = reference.algorithm.replacingOccurrences(of: "_", with: "-")
        var args = ["hash", "--algorithm", name, "--size", "\(reference.size)"]
        if reference.factor > 0 { args += ["--highfreq", "\(reference.factor)"] }
        let window = (0..<3).map { reference.expected[(setting * 3 + $0) % reference.expected.count] }
        // Reverse order: the output must follow the arguments, not a sort.
        let files = Array(window.reversed())
        args += files.map { Self.fixtureFolder.appendingPathComponent("images/\($0.file)").path }
        let result = try CLI.run(args)
        #expect(result.status == 0, "\(reference): \(result.stderr)")
        let lines = result.lines
        try #require(lines.count == files.count, "\(reference)")
        for (line, expected) in zip(lines, files) {
            let path = Self.fixtureFolder.appendingPathComponent("images/\(expected.file)").path
            #expect(line == "\(expected.hex)  \(path)", "\(reference) \(expected.file)")
        }
    }

    /// Every algorithm name agrees with the library hasher it stands for, at two sizes.
    @Test(arguments: [
        ("ahash", 8), ("phash", 8), ("dhash", 8), ("dhash-vertical", 8), ("phash-simple", 8),
        ("ahash-classic", 8), ("phash-classic", 8), ("dhash-classic", 8), ("ahash-classic", 5), ("phash-classic", 16),
        ("dhash-classic", 12),
    ])
    func everyAlgorithmMatchesTheLibrary(_ name: String, _ size: Int) throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        var paths: [String] = []
        for seed in 0..<3 as Range<UInt64> {
            paths.append(try folder.write("img\(seed).ppm", TestImages.scenePPM(seed: seed, noise: Int(seed) * 3)))
        }
        let result = try CLI.run(["hash", "--algorithm", name, "--size", "\(size)"] + paths)
        #expect(result.status == 0, "\(name) \(size): \(result.stderr)")
        let hasher: any ImageHasher =
            switch name {
            case "ahash": AverageHash(size: size)
            case "phash": DCTHash(size: size)
            case "dhash": DifferenceHash(size: size)
            case "dhash-vertical": DifferenceHash(size: size, direction: .vertical)
            case "phash-simple": RowDCTHash(size: size)
            case "ahash-classic": AverageHash(size: size, grayLevels: 64, comparison: .greaterOrEqual)
            case "phash-classic": DCTHash(size: size, threshold: .mean, dcTerm: .excludedFromThreshold)
            default: DifferenceHash(size: size, polarity: .previousBrighter)
            }
        let expected = try paths.map { "\(try libraryFingerprint($0, hasher))  \($0)" }
        #expect(result.lines == expected, "\(name) size \(size)")
        #expect(result.lines.allSatisfy { $0.prefix(while: { $0 != " " }).count == (size * size + 3) / 4 })
    }

    /// Folders are walked recursively in sorted order, non-Netpbm files and hidden files skipped;
    /// explicit files keep their place among them.
    @Test func folderWalkOrder() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let image = TestImages.scenePPM(seed: 7)
        for name in ["b.ppm", "a.pgm.ppm", "sub/z.pnm", "sub/a.pam", "c.txt", ".hidden.ppm", "A.PPM", "sub2/x.pbm"] {
            try folder.write("tree/" + name, image)
        }
        let extra = try folder.write("extra.ppm", image)
        let result = try CLI.run(["hash", extra, folder.path("tree"), extra])
        let tree = folder.path("tree")
        let expectedPaths = [
            extra, "\(tree)/A.PPM", "\(tree)/a.pgm.ppm", "\(tree)/b.ppm", "\(tree)/sub/a.pam",
            "\(tree)/sub/z.pnm", "\(tree)/sub2/x.pbm", extra,
        ]
        // sub/a.pam and sub2/x.pbm hold P6 data under other extensions: the decoder reads the
        // magic, not the name, so they hash like the rest.
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.lines.map { String($0.dropFirst(18)) } == expectedPaths)
        #expect(Set(result.lines.map { $0.prefix(16) }).count == 1)
    }

    @Test func formatsAgree() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let paths = try (0..<3 as Range<UInt64>).map {
            try folder.write("i\($0) \"q\".ppm", TestImages.scenePPM(seed: $0 + 20))
        }
        let text = try CLI.run(["hash", "--algorithm", "dhash"] + paths)
        let tsv = try CLI.run(["hash", "--algorithm", "dhash", "--format", "tsv"] + paths)
        let json = try CLI.run(["hash", "--algorithm", "dhash", "--format=json"] + paths)
        #expect([text.status, tsv.status, json.status] == [0, 0, 0])
        let hexes = text.lines.map { String($0.prefix(16)) }
        #expect(text.lines.map { String($0.dropFirst(18)) } == paths)
        #expect(tsv.lines.first == "path\talgorithm\tbits\thash")
        #expect(Array(tsv.lines.dropFirst()) == zip(paths, hexes).map { "\($0)\tdhash\t64\t\($1)" })
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["algorithm"] as? String == "dhash size=8")
        #expect(object["bits"] as? Int == 64)
        let images = try #require(object["images"] as? [[String: String]])
        #expect(images.map { $0["path"]! } == paths)
        #expect(images.map { $0["hash"]! } == hexes)
    }

    /// `--raw` reads the same pixels as a P6 file, in 8-bit RGBA and 16-bit little-endian BGR.
    @Test func rawInput() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let (w, h) = (40, 30)
        let rgb = TestImages.scene(width: w, height: h, seed: 99)
        let ppm = try folder.write("a.ppm", TestImages.ppm(width: w, height: h, rgb: rgb))
        var rgba: [UInt8] = [], bgr16: [UInt8] = []
        for p in 0..<w * h {
            rgba += [rgb[3 * p], rgb[3 * p + 1], rgb[3 * p + 2], 255]
            for c in [2, 1, 0] {
                let v = UInt16(rgb[3 * p + c]) * 257
                bgr16 += [UInt8(v & 0xFF), UInt8(v >> 8)]
            }
        }
        let rawA = try folder.write("a.rgba", rgba)
        let rawB = try folder.write("a.bgr16", bgr16)
        let reference = try CLI.run(["hash", "--algorithm", "ahash", ppm])
        let a = try CLI.run(["hash", "--algorithm", "ahash", "--raw", "\(w)x\(h):rgba8", rawA])
        let b = try CLI.run(["hash", "--algorithm", "ahash", "--raw", "\(w)x\(h):bgr16le", rawB])
        #expect([reference.status, a.status, b.status] == [0, 0, 0], "\(a.stderr) \(b.stderr)")
        #expect(a.stdout.prefix(16) == reference.stdout.prefix(16))
        #expect(b.stdout.prefix(16) == reference.stdout.prefix(16))
        // Too short for the declared size: an input failure naming the byte counts.
        let short = try CLI.run(["hash", "--raw", "\(w)x\(h + 1):rgba8", rawA])
        #expect(short.status == 2)
        #expect(short.stderr.contains("\(w * h * 4) of \(w * (h + 1) * 4) bytes"), "\(short.stderr)")
    }

    /// A missing or corrupt file is reported with its reason; the others are still hashed, in
    /// order, and the exit status is 2.
    @Test func failingInputsGoOn() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let good1 = try folder.write("good1.ppm", TestImages.scenePPM(seed: 1))
        let corrupt = try folder.write("corrupt.ppm", Array("P6\n10 10\n255\n".utf8) + [1, 2, 3])
        let garbage = try folder.write("garbage.pgm", Array("hello world".utf8))
        let good2 = try folder.write("good2.ppm", TestImages.scenePPM(seed: 2))
        let missing = folder.path("missing.ppm")
        let result = try CLI.run(["hash", good1, corrupt, missing, garbage, good2])
        #expect(result.status == 2)
        #expect(result.lines.map { String($0.dropFirst(18)) } == [good1, good2])
        let errors = result.stderr.split(separator: "\n").map(String.init)
        #expect(
            errors == [
                "phash: \(corrupt): truncated pixel data: the header calls for at least 300 bytes after it, 3 are present",
                "phash: \(missing): no such file or folder",
                "phash: \(garbage): not a Netpbm file (no P1-P7 magic)",
            ])
    }

    @Test(arguments: [
        (["hash", "--bogus"], "unknown option '--bogus'"),
        (["hash", "-x", "a.ppm"], "unknown option '-x'"),
        (["hash", "--algorithm", "md5", "a.ppm"], "--algorithm must be one of"),
        (["hash", "--size", "1", "a.ppm"], "--size must be an integer in 2...32, not '1'"),
        (["hash", "--size"], "option '--size' needs a value"),
        (["hash", "--format", "xml", "a.ppm"], "--format must be one of text, tsv, json, not 'xml'"),
        (["hash", "--algorithm", "dhash", "--highfreq", "4", "a.ppm"], "--highfreq applies only to"),
        (
            ["hash", "--algorithm", "phash-simple", "--highfreq", "1", "a.ppm"],
            "--highfreq must be an integer in 2...16"
        ),
        (["hash", "--raw", "10x10", "a"], "--raw must look like WIDTHxHEIGHT:LAYOUT"),
        (["hash", "--raw", "10x10:rgb9", "a"], "unknown raw layout 'rgb9'"),
        (["hash"], "no input files"),
        (["frobnicate"], "unknown command 'frobnicate'"),
    ])
    func usageErrors(_ arguments: [String], _ message: String) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == 2, "\(arguments)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains("--help"), "\(arguments)")
    }

    @Test(arguments: [
        ["--help"], ["hash", "--help"], ["compare", "-h"], ["dedupe", "--help"], ["index", "--help"],
        ["index", "build", "--help"], ["index", "add", "--help"], ["index", "remove", "--help"],
        ["index", "search", "--help"], ["index", "info", "--help"],
    ])
    func helpEverywhere(_ arguments: [String]) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        #expect(result.stdout.hasPrefix("usage: phash"), "\(arguments)")
        #expect(result.stderr.isEmpty)
    }

    @Test func noArgumentsIsAUsageError() throws {
        let result = try CLI.run([])
        #expect(result.status == 2)
        #expect(result.stderr.contains("usage: phash COMMAND"))
    }

    /// `phash --version` prints one line from one constant.
    @Test func version() throws {
        let result = try CLI.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("phash "))
        #expect(result.lines.count == 1)
        #expect(result.lines.first?.split(separator: " ").last?.split(separator: ".").count == 3)
    }

    /// `hash -` reads one image from standard input, shown as `-`.
    @Test func standardInput() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let bytes = TestImages.scenePPM(seed: 31)
        let file = try folder.write("a.ppm", bytes)
        let reference = try CLI.run(["hash", file])
        let piped = try CLI.shell("\"$PHASH\" hash - < '\(file)'")
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(piped.stdout == String(reference.stdout.prefix(18)) + "-\n")
    }

    /// Limits: readable messages with the numbers and the option that raises the limit;
    /// `--max-pixels` lowers or raises the pixel-count limit.
    @Test func maxPixelsAndReadableLimitMessages() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let huge = try folder.write("huge.ppm", Array("P6\n30000 30000\n255\n".utf8) + [0, 0, 0])
        let result = try CLI.run(["hash", huge])
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "phash: \(huge): the image is 30,000x30,000 = 900,000,000 pixels, above the limit of 89,478,485; raise it with --max-pixels\n"
        )
        let small = try folder.write("small.ppm", TestImages.scenePPM(width: 64, height: 48, seed: 3))
        let lowered = try CLI.run(["hash", "--max-pixels", "3000", small])
        #expect(lowered.status == 2)
        #expect(
            lowered.stderr.contains(
                "the image is 64x48 = 3,072 pixels, above the limit of 3,000; raise it with --max-pixels"))
        let enough = try CLI.run(["hash", "--max-pixels=3072", small])
        #expect(enough.status == 0, "\(enough.stderr)")
        // Raised past the default: the 900-million-pixel header passes the limit and fails on
        // its missing pixel data instead.
        let raised = try CLI.run(["hash", "--max-pixels", "1000000000", huge])
        #expect(
            raised.stderr.contains(
                "truncated pixel data: the header calls for at least 2700000000 bytes after it, 3 are present"),
            "\(raised.stderr)")
        let compare = try CLI.run(["compare", "--max-pixels", "3000", small, small])
        #expect(compare.status == 2)
        #expect(compare.stderr.contains("above the limit of 3,000"))
        let raw = try CLI.run(["hash", "--raw", "100x100:rgb8", "--max-pixels", "5000", small])
        #expect(raw.status == 2)
        #expect(
            raw.stderr.contains("--raw 100x100:rgb8: the image is 100x100 = 10,000 pixels, above the limit of 5,000"),
            "\(raw.stderr)")
        let bad = try CLI.run(["hash", "--max-pixels", "0", small])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--max-pixels must be a positive integer, not '0'"))
    }

    /// Header errors name the problem in words, not the library's case names: the library's
    /// `NetpbmError.description`, reused, except for limits (named by the CLI's options).
    @Test(arguments: [
        ("P6\n10 x\n255\n", "malformed header at byte 6: expected a decimal number"),
        ("P6\n0 10\n255\n", "invalid dimensions: width 0, height 10, depth 3 (each must be at least 1)"),
        ("P6\n10 10\n70000\n", "invalid maxval 70000 at byte 9: it must be 1 to 65535"),
        ("P6\n40000 1\n255\n", "the image is 40,000 pixels wide, above the limit of 32,768 pixels a side"),
        ("P7\nWIDTH 2\nWIDTH 2\n", "malformed header at byte 11: the PAM field WIDTH appears twice"),
        ("P6\n10", "truncated header: the input ends at byte 5, before the header is complete"),
    ])
    func readableHeaderMessages(_ header: String, _ message: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let file = try folder.write("bad.ppm", Array(header.utf8))
        let result = try CLI.run(["hash", file])
        #expect(result.status == 2)
        #expect(result.stderr == "phash: \(file): \(message)\n")
    }
}
