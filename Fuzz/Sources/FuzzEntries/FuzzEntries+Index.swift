import PerceptualHash

// The index-file fuzz entry point (see FuzzEntries.swift for how this file is shared with
// the tests).

extension FuzzEntries {
    /// `init(serialized:)` of every index type on the bytes as given and, when they are
    /// long enough, on a copy whose last 4 bytes are replaced by the right CRC-32, so that
    /// the fuzzer also reaches the checks behind the checksum (bit count, size, parameter,
    /// entry bits) and the index builders.
    ///
    /// Invariants: a loaded index has a bit count in `1 ... IndexFile.maximumBitCount` and
    /// exactly `(bytes - 36) / (8 w + 4)` entries; serializing it and loading the result
    /// gives an index with the same entries; every stored fingerprint finds its own id at
    /// distance 0; a type never loads another type's file.
    public static func indexFile(_ bytes: UnsafeRawBufferPointer) -> FuzzOutcome {
        var o = FuzzOutcome()
        let asGiven = Array(bytes)
        var inputs = [asGiven]
        if asGiven.count >= 36 {
            var fixed = asGiven
            let crc = bitwiseCRC32(fixed[..<(fixed.count - 4)])
            for k in 0..<4 { fixed[fixed.count - 4 + k] = UInt8(truncatingIfNeeded: crc >> (8 * UInt32(k))) }
            inputs.append(fixed)
        }
        for input in inputs {
            load(LinearScanIndex.self, input, &o)
            load(BKTreeIndex.self, input, &o)
            load(VPTreeIndex.self, input, &o)
            load(MultiIndexHashIndex.self, input, &o)
        }
        return o
    }

    /// CRC-32 (IEEE 802.3: reflected, polynomial `0xEDB88320`, initial value and final XOR
    /// `0xFFFFFFFF`) one bit at a time: the plain definition, independent of the library's
    /// table-driven one (which is internal to the package).
    static func bitwiseCRC32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            c ^= UInt32(byte)
            for _ in 0..<8 { c = c & 1 == 1 ? (c >> 1) ^ 0xEDB8_8320 : c >> 1 }
        }
        return ~c
    }

    static func load<Index: HammingIndex>(_ type: Index.Type, _ bytes: [UInt8], _ o: inout FuzzOutcome) {
        let index: Index
        do throws(IndexFileError) {
            index = try Index(serialized: bytes)
        } catch {
            o.rejected += 1
            return
        }
        o.accepted += 1
        let name = "\(Index.self)"
        o.check(
            bytes.count > 10 && bytes[10] == Index.kind.rawValue,
            "\(name) loaded a file of kind \(bytes.count > 10 ? bytes[10] : 0)")
        o.check((1...IndexFile.maximumBitCount).contains(index.bitCount), "\(name): bitCount \(index.bitCount)")
        let w = (index.bitCount + 63) >> 6
        o.check(
            bytes.count == 36 + (8 * w + 4) * index.count, "\(name): \(index.count) entries in \(bytes.count) bytes")
        let (words, ids) = index.entries()
        o.check(
            words.count == w * ids.count && ids.count == index.count,
            "\(name): entries() has \(ids.count) ids, \(words.count) words")
        do throws(IndexFileError) {
            let again = try Index(serialized: index.serialized())
            let (words2, ids2) = again.entries()
            let a = zip(ids, (0..<ids.count).map { Array(words[$0 * w..<($0 + 1) * w]) }).map { "\($0.0):\($0.1)" }
                .sorted()
            let b = zip(ids2, (0..<ids2.count).map { Array(words2[$0 * w..<($0 + 1) * w]) }).map { "\($0.0):\($0.1)" }
                .sorted()
            o.check(again.bitCount == index.bitCount && a == b, "\(name): serialize and load changed the entries")
        } catch {
            o.violations.append("\(name): its own serialized() does not load: \(error)")
        }
        for i in 0..<min(ids.count, 8) {
            var f = Fingerprint(bitCount: index.bitCount)
            for k in 0..<w { f.setWord(k, to: words[i * w + k]) }
            let hits = index.neighbors(of: f, within: 0)
            o.check(hits.contains(SearchResult(id: ids[i], distance: 0)), "\(name): entry \(i) does not find itself")
        }
    }
}
