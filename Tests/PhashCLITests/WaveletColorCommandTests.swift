import Foundation
import PerceptualHash
import Testing

@testable import phash

/// `--algorithm whash`, `whash-db4` and `colorhash`: the library's bits, their size rules,
/// their rows in `compare`, and their databases (format version 3).
@Suite struct WaveletColorCommandTests {
    static func images(_ folder: TemporaryFolder) throws -> [String] {
        try (0..<3 as Range<UInt64>).map { seed in
            try folder.write("img\(seed).ppm", TestImages.scenePPM(seed: seed, noise: Int(seed) * 3))
        }
    }

    @Test(arguments: [
        (["--algorithm", "whash"], "whash size 8"), (["--algorithm", "whash", "--size", "16"], "whash size 16"),
        (["--algorithm", "whash-db4"], "db4 size 8"), (["--algorithm", "whash-db4", "--size", "4"], "db4 size 4"),
        (["--algorithm", "colorhash"], "colorhash"),
    ])
    func hexEqualsTheLibrary(_ options: [String], _ label: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let paths = try Self.images(folder)
        let size = options.count > 2 ? Int(options[3])! : 8
        let hasher: any ImageHasher =
            switch options[1] {
            case "whash": WaveletHash(size: size)
            // The CLI keeps every db4 hash at (N + 6)^2 bits: its scale is at least 8 N.
            case "whash-db4": WaveletHash(size: size, minimumAutomaticScale: 8 * size, wavelet: .daubechies4)
            default: ColorHash()
            }
        let result = try CLI.run(["hash"] + options + paths)
        #expect(result.status == 0, "\(label): \(result.stderr)")
        let expected = try paths.map { "\(try libraryFingerprint($0, hasher))  \($0)" }
        #expect(result.lines == expected, "\(label)")
        #expect(result.lines.allSatisfy { $0.prefix(while: { $0 != " " }).count == (hasher.bitCount + 3) / 4 })
        let tsv = try CLI.run(["hash", "--format", "tsv"] + options + paths)
        #expect(tsv.lines.dropFirst().allSatisfy { $0.split(separator: "\t")[2] == "\(hasher.bitCount)" }, "\(label)")
    }

    @Test(arguments: [
        (["hash", "--algorithm", "whash", "--size", "12", "a.ppm"], "--size for whash must be a power of two"),
        (["hash", "--algorithm", "whash-db4", "--size", "6", "a.ppm"], "--size for whash-db4 must be a power of two"),
        (["hash", "--algorithm", "colorhash", "--size", "4", "a.ppm"], "--size does not apply to colorhash"),
        (["hash", "--algorithm", "whash", "--highfreq", "4", "a.ppm"], "--highfreq applies only to"),
    ])
    func usageErrors(_ arguments: [String], _ message: String) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == 2, "\(arguments)")
        #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
    }

    /// compare shows the three rows at size 8 and leaves the wavelet rows out at size 12.
    @Test func compareRows() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let paths = try Self.images(folder)
        let result = try CLI.run(["compare", paths[0], paths[1]])
        for (name, bits) in [("whash", 64), ("whash-db4", 196), ("colorhash", 42)] {
            let row = try #require(result.lines.first { $0.hasPrefix(name + " ") }, "\(name)")
            #expect(row.split(separator: " ")[1] == "\(bits)", "\(row)")
        }
        let twelve = try CLI.run(["compare", "--size", "12", paths[0], paths[1]])
        #expect(!twelve.lines.contains { $0.hasPrefix("whash") })
        #expect(twelve.lines.contains { $0.hasPrefix("colorhash ") })
    }

    /// A database whose bit count is not a multiple of 64 reads back: the used bits of the
    /// last word are its top ones (a 16-bit dhash, like the 196-bit whash-db4 below).
    @Test func databaseWithAPartialLastWord() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let paths = try Self.images(folder)
        let db = folder.path("dhash4.phdb")
        #expect(try CLI.run(["index", "build", db, "--algorithm", "dhash", "--size", "4"] + paths).status == 0)
        let info = try CLI.run(["index", "info", db])
        #expect(info.status == 0, "\(info.stderr)")
        #expect(info.lines.contains("bits: 16"), "\(info.stdout)")
        let search = try CLI.run(["index", "search", "--radius", "0", db, paths[2]])
        #expect(search.status == 0, "\(search.stderr)")
        #expect(search.stdout.contains(paths[2]), "\(search.stdout)")
    }

    /// A whash-db4 database is format version 3 with 196-bit fingerprints, and searches.
    @Test func databaseVersion3() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let paths = try Self.images(folder)
        for (name, bits) in [("whash-db4", 196), ("colorhash", 42)] {
            let db = folder.path("\(name).phdb")
            let build = try CLI.run(["index", "build", db, "--algorithm", name] + paths)
            #expect(build.status == 0, "\(build.stderr)")
            let info = try CLI.run(["index", "info", db])
            #expect(info.lines.contains("format version: 3"), "\(info.stdout)")
            #expect(info.lines.contains("bits: \(bits)"), "\(info.stdout)")
            let search = try CLI.run(["index", "search", db, paths[1]])
            #expect(search.status == 0, "\(search.stderr)")
            #expect(search.stdout.contains(paths[1]), "\(search.stdout)")
        }
    }
}
