import Foundation
import Testing

/// Replays every file of the fuzz seed corpus (Fuzz/Corpus/<target>/) and every finding ever
/// kept (Fuzz/FailCases/<target>/) through the entry points the libFuzzer harnesses call
/// (FuzzEntries.swift, shared with the Fuzz package), without sanitizers: each input must
/// return or throw the library's typed error, with every invariant of the entry point
/// holding. A trap would end the test run, which fails it too.
@Suite("Fuzz corpus replay")
struct FuzzCorpusReplayTests {
    /// The repository root, from this file's path (Tests/PerceptualHashTests/Fuzz/...).
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static let entries: [(String, @Sendable (UnsafeRawBufferPointer) -> FuzzOutcome)] = [
        ("FuzzNetpbm", FuzzEntries.netpbm),
        ("FuzzRawPixels", FuzzEntries.rawPixels),
        ("FuzzFingerprintHex", FuzzEntries.fingerprintHex),
        ("FuzzHashes", FuzzEntries.hashes),
        ("FuzzIndexFile", FuzzEntries.indexFile),
        ("FuzzPNG", FuzzEntries.png),
        ("FuzzJPEG", FuzzEntries.jpeg),
    ]

    /// Regular files of `Fuzz/<kind>/<target>/`, sorted; none if the folder is missing.
    static func files(_ kind: String, _ target: String) -> [URL] {
        let dir = root.appendingPathComponent("Fuzz/\(kind)/\(target)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.sorted().filter { !$0.hasPrefix(".") }.map { dir.appendingPathComponent($0) }
    }

    @Test("corpus and FailCases replay cleanly", arguments: 0..<entries.count)
    func replay(_ index: Int) throws {
        let (target, entry) = Self.entries[index]
        let corpus = Self.files("Corpus", target)
        // The seed corpus is committed; an empty one means the paths are wrong.
        #expect(corpus.count >= 40, "\(target): only \(corpus.count) corpus files under \(Self.root.path)/Fuzz/Corpus")
        var accepted = 0, rejected = 0
        for file in corpus + Self.files("FailCases", target) {
            let bytes = try Data(contentsOf: file)
            let outcome = bytes.withUnsafeBytes { entry($0) }
            #expect(outcome.violations.isEmpty, "\(target) \(file.lastPathComponent): \(outcome.violations)")
            accepted += outcome.accepted
            rejected += outcome.rejected
        }
        // Seeds are valid inputs: at least one call per seed succeeds (an index file is also
        // offered to the three other index types, which refuse it), or the entry point is
        // not reached.
        #expect(
            accepted >= corpus.count, "\(target): \(accepted) accepted, \(rejected) rejected, \(corpus.count) seeds")
    }

    @Test("the entry points reject garbage with the library's error and accept a valid file")
    func entryPointsDiscriminate() {
        let garbage: [UInt8] = [0x50, 0x36, 0x20, 0x39, 0x39, 0x39, 0x39, 0x39, 0x20]  // "P6 99999 "
        let netpbm = garbage.withUnsafeBytes { FuzzEntries.netpbm($0) }
        #expect(netpbm.accepted == 0 && netpbm.rejected == 2 && netpbm.violations.isEmpty)
        let valid = Array("P2 2 1 255 0 255\n".utf8)
        let hashes = valid.withUnsafeBytes { FuzzEntries.hashes($0) }
        #expect(hashes.accepted == 1 && hashes.violations.isEmpty)
        let hex = Array("00ff".utf8).withUnsafeBytes { FuzzEntries.fingerprintHex($0) }
        // "00ff" as 16 bits, and "ff" as 0x3030 = 12336 bits (leading zeros left out).
        #expect(hex.accepted == 2 && hex.violations.isEmpty)
        // An invariant violation is reported, not swallowed.
        var outcome = FuzzOutcome()
        outcome.check(false, "planted")
        #expect(outcome.violations == ["planted"])
    }
}
