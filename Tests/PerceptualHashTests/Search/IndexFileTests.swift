import Foundation
import Testing
@testable import PerceptualHash

@Suite("Index files: round trips and corruption")
struct IndexFileTests {
    static func sample(bitCount: Int, n: Int, seed: UInt64) -> ([UInt64], [UInt32]) {
        let data = TestCollection.clustered.make(bitCount: bitCount, count: n, seed: seed)
        return (flatWords(data), (0..<n).map { UInt32($0 * 3 + 1) })
    }

    @Test("CRC-32 known answers")
    func crc() {
        #expect(IndexFile.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(IndexFile.crc32([UInt8]()) == 0)
        #expect(IndexFile.crc32(Array("The quick brown fox jumps over the lazy dog".utf8)) == 0x414F_A339)
    }

    func roundTrip<I: HammingIndex & Sendable>(_ type: I.Type, bitCount: Int) throws {
        let (words, ids) = Self.sample(bitCount: bitCount, n: 150, seed: UInt64(bitCount))
        var index = I(bitCount: bitCount, words: words, ids: ids)
        index.remove(id: 4)
        var extra = Fingerprint(bitCount: bitCount)
        extra.setWord(0, to: 0x8000_0000_0000_0000)
        index.insert(extra, id: 77)
        let bytes = index.serialized()
        let w = (bitCount + 63) / 64
        #expect(bytes.count == 36 + index.count * (8 * w + 4))
        #expect(Array(bytes[0..<8]) == IndexFile.magic)
        #expect(bytes[10] == I.kind.rawValue)
        let loaded = try I(serialized: bytes)
        #expect(loaded.count == index.count && loaded.bitCount == bitCount)
        let queries =
            Array(TestCollection.clustered.make(bitCount: bitCount, count: 150, seed: UInt64(bitCount)).prefix(5)) + [
                extra
            ]
        for q in queries {
            #expect(
                loaded.neighbors(of: q, within: 10) == index.neighbors(of: q, within: 10), "\(I.self) bits=\(bitCount)")
            #expect(loaded.nearest(to: q, count: 9) == index.nearest(to: q, count: 9), "\(I.self) bits=\(bitCount)")
        }
        // Through a real file, atomically replacing an existing one.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("phash-index-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("index.phix").path
        try I(bitCount: bitCount).save(to: path)
        try index.save(to: path)
        let fromFile = try I(contentsOf: path)
        // Loading rebuilds the structure, so compare the entries as a multiset.
        #expect(Self.canonical(fromFile) == Self.canonical(index), "\(I.self) bits=\(bitCount)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["index.phix"], "no temp file left")
    }

    static func canonical(_ index: some HammingIndex) -> [[UInt64]] {
        let (words, ids) = index.entries()
        let w = (index.bitCount + 63) / 64
        return ids.indices.map { i in [UInt64(ids[i])] + words[(i * w)..<(i * w + w)] }
            .sorted { $0.lexicographicallyPrecedes($1) }
    }

    @Test("round trips of every index type", arguments: [64, 256, 100])
    func roundTrips(bitCount: Int) throws {
        try roundTrip(LinearScanIndex.self, bitCount: bitCount)
        try roundTrip(BKTreeIndex.self, bitCount: bitCount)
        try roundTrip(VPTreeIndex.self, bitCount: bitCount)
        try roundTrip(MultiIndexHashIndex.self, bitCount: bitCount)
    }

    @Test("a caller-set substring count survives saving")
    func substringCountSaved() throws {
        let (words, ids) = Self.sample(bitCount: 64, n: 50, seed: 1)
        let index = MultiIndexHashIndex(bitCount: 64, words: words, ids: ids, substringCount: 5)
        let loaded = try MultiIndexHashIndex(serialized: index.serialized())
        #expect(loaded.substringCount == 5)
        #expect(Array(index.serialized()[24..<28]) == [5, 0, 0, 0])
    }

    /// A small valid file for the corruption sweeps.
    static func smallFile() -> [UInt8] {
        let (words, ids) = sample(bitCount: 64, n: 6, seed: 9)
        return LinearScanIndex(bitCount: 64, words: words, ids: ids).serialized()
    }

    @Test("every truncation is a typed error")
    func truncations() {
        let file = Self.smallFile()
        for length in 0..<file.count {
            #expect(throws: IndexFileError.self, "prefix of \(length) bytes") {
                try LinearScanIndex(serialized: Array(file[0..<length]))
            }
        }
        #expect(throws: IndexFileError.truncated(needed: 36, found: 10)) {
            try LinearScanIndex(serialized: Array(file[0..<10]))
        }
    }

    @Test("every flipped byte is a typed error")
    func flips() {
        let file = Self.smallFile()
        for offset in file.indices {
            for flip: UInt8 in [0x01, 0x80, 0xFF] {
                var bad = file
                bad[offset] ^= flip
                #expect(throws: IndexFileError.self, "byte \(offset) ^ \(flip)") {
                    try LinearScanIndex(serialized: bad)
                }
            }
        }
    }

    /// Rewrites header fields and fixes the checksum, so the field checks themselves are hit.
    static func patched(_ file: [UInt8], _ edit: (inout [UInt8]) -> Void) -> [UInt8] {
        var b = file
        edit(&b)
        let crc = IndexFile.crc32(b[0..<(b.count - 4)])
        for k in 0..<4 { b[b.count - 4 + k] = UInt8(truncatingIfNeeded: crc >> (8 * UInt32(k))) }
        return b
    }

    @Test("header fields are checked with specific errors")
    func headerErrors() {
        let file = Self.smallFile()
        #expect(throws: IndexFileError.notAnIndexFile) {
            try LinearScanIndex(serialized: Self.patched(file) { $0[1] = 0x51 })
        }
        #expect(throws: IndexFileError.notAnIndexFile) {
            try LinearScanIndex(serialized: Array("P6\n1 1\n255\n\0\0\0".utf8))
        }
        #expect(throws: IndexFileError.unsupportedVersion(3)) {
            try LinearScanIndex(serialized: Self.patched(file) { $0[8] = 3 })
        }
        // Version 2 is a robust index file: a plain index refuses it by name.
        #expect(throws: IndexFileError.robustIndexFile) {
            try LinearScanIndex(serialized: Self.patched(file) { $0[8] = 2 })
        }
        #expect(throws: IndexFileError.unknownKind(9)) {
            try LinearScanIndex(serialized: Self.patched(file) { $0[10] = 9 })
        }
        #expect(throws: IndexFileError.wrongKind(expected: .bkTree, found: .linearScan)) {
            try BKTreeIndex(serialized: file)
        }
        #expect(throws: IndexFileError.reservedByteNotZero(offset: 11)) {
            try LinearScanIndex(serialized: Self.patched(file) { $0[11] = 1 })
        }
        #expect(throws: IndexFileError.invalidBitCount(0)) {
            try LinearScanIndex(
                serialized: Self.patched(file) {
                    $0[12] = 0; $0[13] = 0
                })
        }
        #expect(throws: IndexFileError.invalidBitCount(0xFFFF_FFFF)) {
            try LinearScanIndex(serialized: Self.patched(file) { for k in 12..<16 { $0[k] = 0xFF } })
        }
        #expect(throws: IndexFileError.invalidParameter(3)) {
            try LinearScanIndex(serialized: Self.patched(file) { $0[24] = 3 })
        }
        // 63-bit fingerprints must leave the lowest bit of each word clear.
        #expect(throws: IndexFileError.invalidEntry(index: 0)) {
            try LinearScanIndex(
                serialized: Self.patched(file) {
                    $0[12] = 63; $0[32] |= 1
                })
        }
        let valid = Self.patched(file) {
            $0[12] = 63; for i in 0..<6 { $0[32 + 8 * i] &= 0xFE }
        }
        #expect((try? LinearScanIndex(serialized: valid))?.count == 6)
    }

    @Test(
        "huge claimed counts fail before allocating",
        arguments: [UInt64(7), 1 << 40, UInt64.max, UInt64(Int.max) / 12 + 1])
    func hugeCounts(claimed: UInt64) {
        let file = Self.smallFile()
        let bad = Self.patched(file) { b in
            for k in 0..<8 { b[16 + k] = UInt8(truncatingIfNeeded: claimed >> (8 * UInt64(k))) }
        }
        #expect(throws: IndexFileError.self, "count \(claimed)") { try LinearScanIndex(serialized: bad) }
        do {
            _ = try LinearScanIndex(serialized: bad)
        } catch let IndexFileError.sizeMismatch(count, _, found) {
            #expect(count == claimed && found == file.count)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("random mutations never crash: a typed error or a valid index")
    func randomMutations() {
        let file = Self.patched(Self.smallFile()) { _ in }
        var rng = SplitMix64(seed: 2024)
        for trial in 0..<300 {
            var bad = file
            let edits = 1 + Int(rng.next() % 4)
            for _ in 0..<edits {
                switch rng.next() % 3 {
                case 0: bad[Int(rng.next() % UInt64(bad.count))] = UInt8(truncatingIfNeeded: rng.next())
                case 1: bad.removeLast(Int(rng.next() % UInt64(min(bad.count, 20))))
                default: bad += (0..<Int(rng.next() % 9)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
                }
                if bad.isEmpty { break }
            }
            if trial % 2 == 0 {
                // Re-sealed: a payload edit may leave a valid file; anything else is a typed error.
                let sealed = bad.count >= 4 ? Self.patched(bad) { _ in } : bad
                if let index = try? LinearScanIndex(serialized: sealed) {
                    #expect(index.count == 6 && sealed.count == file.count, "trial \(trial)")
                }
            } else if bad != file {
                // Not re-sealed: the checksum (or an earlier check) must reject it.
                #expect(throws: IndexFileError.self, "trial \(trial)") {
                    _ = try LinearScanIndex(serialized: bad)
                }
            }
        }
    }

    @Test("missing files and folders are io errors")
    func ioErrors() {
        #expect(throws: IndexFileError.self) { try LinearScanIndex(contentsOf: "/nonexistent-phash/x.phix") }
        #expect(throws: IndexFileError.self) { try LinearScanIndex(bitCount: 64).save(to: "/nonexistent-phash/x.phix") }
        do {
            _ = try LinearScanIndex(contentsOf: "/nonexistent-phash/x.phix")
        } catch let IndexFileError.io(op, path, code) {
            #expect(op == "open" && path == "/nonexistent-phash/x.phix" && code == ENOENT)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
