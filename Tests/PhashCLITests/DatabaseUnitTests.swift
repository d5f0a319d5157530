import Foundation
import PerceptualHash
import Testing

@testable import phash

/// `FingerprintDatabase` and the path helpers, called directly (the test target may import
/// the `phash` executable module).
@Suite struct DatabaseUnitTests {
    static let algorithm = AlgorithmSpec(name: .phash)

    /// A fingerprint of 64 bits from `value`.
    static func fingerprint(_ value: UInt64) -> Fingerprint {
        var f = Fingerprint(bitCount: 64)
        f.setWord(0, to: value)
        return f
    }

    /// `bytes` with the version field set to `version` and the checksum redone.
    static func withVersion(_ bytes: [UInt8], _ version: UInt8) -> [UInt8] {
        var out = Array(bytes.dropLast(4))
        out[8] = version
        var crc = IndexFile.crc32(out).littleEndian
        withUnsafeBytes(of: &crc) { out += $0 }
        return out
    }

    /// Version 2 stores any bytes but NUL: a name that is not UTF-8 and one with a newline
    /// come back exactly.
    @Test func rawBytePathsRoundTrip() throws {
        var db = FingerprintDatabase(algorithm: Self.algorithm)
        let odd = FilePath(bytes: Array("/photos/caf".utf8) + [0xE9, 0xFF] + Array(".ppm".utf8))
        let newline = FilePath("/photos/two\nlines.ppm")
        #expect(db.upsert(path: odd, fingerprint: Self.fingerprint(1)) == .added)
        #expect(db.upsert(path: newline, fingerprint: Self.fingerprint(2)) == .added)
        #expect(db.upsert(path: odd, fingerprint: Self.fingerprint(1)) == .unchanged)
        #expect(db.upsert(path: odd, fingerprint: Self.fingerprint(3)) == .updated)
        let bytes = db.serialized()
        #expect(bytes[8] == 2 && bytes[9] == 0)
        let back = try FingerprintDatabase(bytes: bytes)
        #expect(back.paths == [odd, newline])
        #expect(back.fingerprints == [Self.fingerprint(3), Self.fingerprint(2)])
        #expect(back.position(of: newline) == 1)
        #expect(back.formatVersion == 2)
        // The same bytes labelled version 1 are refused: version 1 paths are UTF-8.
        #expect(throws: FingerprintDatabase.ReadError.self) {
            try FingerprintDatabase(bytes: Self.withVersion(bytes, 1))
        }
    }

    /// Version 1 files (UTF-8 paths) are still read.
    @Test func versionOneIsRead() throws {
        var db = FingerprintDatabase(algorithm: Self.algorithm)
        _ = db.upsert(path: FilePath("photos/a.ppm"), fingerprint: Self.fingerprint(7))
        let back = try FingerprintDatabase(bytes: Self.withVersion(db.serialized(), 1))
        #expect(back.formatVersion == 1)
        #expect(back.paths == [FilePath("photos/a.ppm")])
    }

    /// A repeated, empty, or NUL-holding path is refused.
    @Test(arguments: [
        ([Array("/a".utf8), Array("/a".utf8)], "path 1 repeats path 0"),
        ([Array("/a".utf8), []], "path 1 is empty"),
        ([[0x2F, 0x00, 0x61]], "path 0 holds a NUL byte"),
    ])
    func badPathTables(_ paths: [[UInt8]], _ message: String) throws {
        // Serialize distinct placeholders of the same lengths, then write the bad bytes in.
        var db = FingerprintDatabase(algorithm: Self.algorithm)
        for (i, p) in paths.enumerated() {
            _ = db.upsert(
                path: FilePath(bytes: Array(repeating: UInt8(0x41 + i), count: max(1, p.count))),
                fingerprint: Self.fingerprint(0))
        }
        var bytes = db.serialized()
        // Rebuild the path table by hand.
        let a = Self.algorithm.description.utf8.count
        var table: [UInt8] = []
        for p in paths {
            var n = UInt32(p.count).littleEndian
            withUnsafeBytes(of: &n) { table += $0 }
            table += p
        }
        let start = 32 + a
        let oldEnd = start + db.paths.reduce(0) { $0 + 4 + $1.bytes.count }
        bytes.replaceSubrange(start..<oldEnd, with: table)
        var p = UInt32(table.count).littleEndian
        withUnsafeBytes(of: &p) { bytes.replaceSubrange(28..<32, with: $0) }
        bytes = Self.withVersion(bytes, 2)
        do {
            _ = try FingerprintDatabase(bytes: bytes)
            Issue.record("accepted \(paths)")
        } catch {
            #expect(error.description.contains(message), "\(error)")
        }
    }

    /// Upserting is O(1): 200,000 new paths then 200,000 repeats take well under the time the
    /// former scan of the path list took (about 2 x 10^10 comparisons).
    @Test func upsertIsLinear() {
        var db = FingerprintDatabase(algorithm: Self.algorithm)
        let n = 200_000
        let paths = (0..<n).map { FilePath("/photos/folder/image-\($0).ppm") }
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for (i, p) in paths.enumerated() { _ = db.upsert(path: p, fingerprint: Self.fingerprint(UInt64(i))) }
            for (i, p) in paths.enumerated() { _ = db.upsert(path: p, fingerprint: Self.fingerprint(UInt64(i) + 1)) }
        }
        #expect(db.count == n)
        #expect(db.fingerprints[n - 1] == Self.fingerprint(UInt64(n)))
        #expect(elapsed < .seconds(20), "\(elapsed)")
        db.remove(at: Set(stride(from: 0, to: n, by: 2)))
        #expect(db.count == n / 2)
        #expect(db.position(of: paths[1]) == 0 && db.position(of: paths[0]) == nil)
    }

    /// One canonical form: absolute, folder resolved, name kept.
    @Test func canonicalPaths() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        try folder.write("real/a.ppm", [1])
        try FileManager.default.createSymbolicLink(atPath: folder.path("link"), withDestinationPath: "real")
        let resolved = try #require(realpath(folder.url.path, nil))
        defer { free(resolved) }
        let base = String(cString: resolved)
        let expected = FilePath(base + "/real/a.ppm")
        for spelling in [
            "real/a.ppm", "link/a.ppm", "real/./a.ppm", "real//a.ppm", "link/../real/a.ppm", "./real/a.ppm",
        ] {
            #expect(canonicalPath(FilePath(folder.url.path + "/" + spelling)) == expected, "\(spelling)")
        }
        // A missing folder: text-only normalization.
        #expect(canonicalPath(FilePath(base + "/gone/./x/../b.ppm")) == FilePath(base + "/gone/b.ppm"))
        // A symlinked file keeps its own name.
        try FileManager.default.createSymbolicLink(atPath: folder.path("real/l.ppm"), withDestinationPath: "a.ppm")
        #expect(canonicalPath(FilePath(folder.path("link/l.ppm"))) == FilePath(base + "/real/l.ppm"))
    }

    /// Query-list lines: the escaped form, raw bytes otherwise.
    @Test func queryLines() {
        #expect(
            IndexCommand.unescapedPath(Array("a\\tb\\\\c\\xff".utf8)) == FilePath(bytes: Array("a\tb\\c".utf8) + [0xFF])
        )
        #expect(IndexCommand.unescapedPath([0x61, 0xFE]) == FilePath(bytes: [0x61, 0xFE]))
        #expect(IndexCommand.unescapedPath(Array("bad\\q".utf8)) == nil)
        #expect(IndexCommand.unescapedPath(Array("end\\".utf8)) == nil)
        #expect(IndexCommand.unescapedPath(Array("nul\\x00".utf8)) == nil)
    }
}
