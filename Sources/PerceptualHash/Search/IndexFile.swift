/// Why bytes or a file could not be read as a saved index, or a file not written.
public enum IndexFileError: Error, Equatable, Hashable, Sendable {
    /// Fewer bytes than the 36-byte minimum (header and checksum): `found` bytes.
    case truncated(needed: Int, found: Int)
    /// The first 8 bytes are not the index-file magic `89 50 48 49 58 0D 0A 1A`.
    case notAnIndexFile
    /// A format version this library does not read (it reads version 1, and version 2 for
    /// ``RobustIndex``).
    case unsupportedVersion(UInt16)
    /// An index kind byte that names no ``HammingIndexKind``.
    case unknownKind(UInt8)
    /// The file holds another kind of index than the type asked to load it.
    case wrongKind(expected: HammingIndexKind, found: HammingIndexKind)
    /// A reserved header byte at `offset` is not zero.
    case reservedByteNotZero(offset: Int)
    /// A bit count outside `1 ... IndexFile.maximumBitCount`.
    case invalidBitCount(UInt32)
    /// The header claims `count` entries, which needs `expectedBytes` bytes in all (nil when
    /// that overflows), but there are `foundBytes`.
    case sizeMismatch(count: UInt64, expectedBytes: Int?, foundBytes: Int)
    /// The CRC-32 stored in the last 4 bytes differs from the one computed over the rest.
    case checksumMismatch(stored: UInt32, computed: UInt32)
    /// A kind-specific parameter (header bytes 24 to 27) that is out of range.
    case invalidParameter(UInt32)
    /// Entry `index` sets bits past `bitCount` in its last word.
    case invalidEntry(index: Int)
    /// The system call `operation` failed on `path` with `errno`.
    case io(operation: String, path: String, errno: Int32)
    /// A robust index file (version 2: several entries per id, ``RobustIndex``) where a plain
    /// index was asked for; load it with ``RobustIndex/init(serialized:configurationTag:)``.
    case robustIndexFile
    /// A plain index file (version 1) where a ``RobustIndex`` was asked for.
    case notARobustIndexFile
    /// A robust index file made with another hasher or configuration: its tag is `found`
    /// where the caller's (``RobustHasher/configurationTag``) is `expected`.
    case configurationMismatch(expected: UInt32, found: UInt32)
}

/// The binary file format of saved indexes, version 1 (all integers little-endian):
///
/// | offset | size | field |
/// |---|---|---|
/// | 0 | 8 | magic `89 50 48 49 58 0D 0A 1A` (`\x89PHIX\r\n\x1a`) |
/// | 8 | 2 | format version, 1 |
/// | 10 | 1 | index kind (``HammingIndexKind`` raw value) |
/// | 11 | 1 | reserved, 0 |
/// | 12 | 4 | bit count `b`, `1 ... 65536` |
/// | 16 | 8 | entry count `n` |
/// | 24 | 4 | parameter: substring count for ``MultiIndexHashIndex`` (0 = automatic), else 0 |
/// | 28 | 4 | reserved, 0 |
/// | 32 | `8 w n` | fingerprints, `w = ceil(b / 64)` words each (layout of ``Fingerprint/word(_:)``) |
/// | 32 + `8 w n` | `4 n` | ids, `UInt32` each, in the same order |
/// | end - 4 | 4 | CRC-32 (IEEE 802.3, reflected, polynomial `0xEDB88320`) of every byte before it |
///
/// The file holds the entries, not the index structure: loading rebuilds the structure with
/// the bulk initializer (deterministic, so a loaded index answers exactly as the saved one).
/// Readers check, in order: length >= 36, magic, version, kind, reserved bytes, bit count,
/// that the length is exactly `36 + (8 w + 4) n` (before allocating anything for the entries),
/// the checksum, the parameter, and that no entry sets bits past the bit count.
///
/// **Version 2** is a robust index (``RobustIndex``): every view of every reference stored as
/// an entry under its image's id. It is version 1 with two fields used: byte 11 holds the
/// flags, `1` (robust; every other bit 0), and bytes 28 to 31 the configuration tag
/// (``RobustHasher/configurationTag``, the CRC-32 naming the hasher and the views). Only
/// robust indexes are written as version 2: a reader of version 1 alone refuses them as a
/// version it does not read, a plain `init(serialized:)` refuses them with
/// ``IndexFileError/robustIndexFile``, ``RobustIndex/init(serialized:configurationTag:)``
/// refuses a version 1 file with ``IndexFileError/notARobustIndexFile`` and another tag with
/// ``IndexFileError/configurationMismatch(expected:found:)``.
public enum IndexFile {
    /// The format version of plain index files: 1.
    public static let version: UInt16 = 1
    /// The format version of robust index files (``RobustIndex``): 2.
    public static let robustVersion: UInt16 = 2
    /// The magic bytes at offset 0, for the package's own tools and tests (users read files
    /// with each index's `init(serialized:)`, which checks them).
    package static let magic: [UInt8] = [0x89, 0x50, 0x48, 0x49, 0x58, 0x0D, 0x0A, 0x1A]
    /// The largest bit count a file may declare: 65536.
    public static let maximumBitCount = 65536
    /// The header length, 32 bytes; the checksum adds 4 more at the end.
    public static let headerByteCount = 32

    /// CRC-32 (IEEE 802.3: reflected, polynomial `0xEDB88320`, initial value and final XOR
    /// `0xFFFFFFFF`) of `bytes`; `crc32("123456789".utf8) == 0xCBF43926`.
    package static func crc32(_ bytes: some Sequence<UInt8>) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        let t = crcTable
        t.withUnsafeBufferPointer { t in
            for b in bytes { c = t[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        }
        return ~c
    }

    private static let crcTable: [UInt32] = (0..<256).map { (n: Int) -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func encode(
        kind: HammingIndexKind, bitCount: Int, parameter: UInt32, words: [UInt64], ids: [UInt32]
    ) -> [UInt8] {
        let n = ids.count
        let total = headerByteCount + words.count * 8 + n * 4 + 4
        var out: [UInt8] = []
        out.reserveCapacity(total)
        out += magic
        append(&out, UInt64(version), bytes: 2)
        out.append(kind.rawValue)
        out.append(0)
        append(&out, UInt64(bitCount), bytes: 4)
        append(&out, UInt64(n), bytes: 8)
        append(&out, UInt64(parameter), bytes: 4)
        append(&out, 0, bytes: 4)
        for w in words { append(&out, w, bytes: 8) }
        for id in ids { append(&out, UInt64(id), bytes: 4) }
        append(&out, UInt64(crc32(out)), bytes: 4)
        return out
    }

    @inline(__always)
    private static func append(_ out: inout [UInt8], _ v: UInt64, bytes: Int) {
        for k in 0..<bytes { out.append(UInt8(truncatingIfNeeded: v >> UInt64(8 * k))) }
    }

    @inline(__always)
    private static func load(_ b: UnsafeBufferPointer<UInt8>, _ offset: Int, bytes: Int) -> UInt64 {
        var v: UInt64 = 0
        for k in 0..<bytes { v |= UInt64(b[offset + k]) << UInt64(8 * k) }
        return v
    }

    /// `plain`, a version 1 file, as a version 2 (robust) file with `tag`.
    static func robustFile(_ plain: [UInt8], tag: UInt32) -> [UInt8] {
        var out = Array(plain.dropLast(4))
        out[8] = UInt8(truncatingIfNeeded: robustVersion)
        out[9] = UInt8(truncatingIfNeeded: robustVersion >> 8)
        out[11] = 1
        for k in 0..<4 { out[28 + k] = UInt8(truncatingIfNeeded: tag >> UInt32(8 * k)) }
        append(&out, UInt64(crc32(out)), bytes: 4)
        return out
    }

    /// A version 2 (robust) file with `tag` as the version 1 file it wraps, after checking the
    /// magic, version, flags, checksum and tag; the plain reader checks the rest.
    static func plainFile(_ robust: [UInt8], tag: UInt32) throws(IndexFileError) -> [UInt8] {
        guard robust.count >= headerByteCount + 4 else {
            if robust.count >= 8, !robust[0..<8].elementsEqual(magic) { throw .notAnIndexFile }
            throw .truncated(needed: headerByteCount + 4, found: robust.count)
        }
        guard robust[0..<8].elementsEqual(magic) else { throw .notAnIndexFile }
        let version = UInt16(robust[8]) | UInt16(robust[9]) << 8
        if version == Self.version { throw .notARobustIndexFile }
        guard version == robustVersion else { throw .unsupportedVersion(version) }
        guard robust[11] == 1 else { throw .reservedByteNotZero(offset: 11) }
        let stored = (0..<4).reduce(UInt32(0)) { $0 | UInt32(robust[robust.count - 4 + $1]) << UInt32(8 * $1) }
        let computed = crc32(robust[0..<(robust.count - 4)])
        guard stored == computed else { throw .checksumMismatch(stored: stored, computed: computed) }
        let found = (0..<4).reduce(UInt32(0)) { $0 | UInt32(robust[28 + $1]) << UInt32(8 * $1) }
        guard found == tag else { throw .configurationMismatch(expected: tag, found: found) }
        var out = Array(robust.dropLast(4))
        out[8] = UInt8(truncatingIfNeeded: Self.version)
        out[9] = UInt8(truncatingIfNeeded: Self.version >> 8)
        out[11] = 0
        for k in 28..<32 { out[k] = 0 }
        append(&out, UInt64(crc32(out)), bytes: 4)
        return out
    }

    struct Contents {
        var bitCount: Int
        var parameter: UInt32
        var words: [UInt64]
        var ids: [UInt32]
    }

    /// Parses and verifies `bytes` as a file of `kind`.
    static func decode(_ bytes: [UInt8], kind: HammingIndexKind) throws(IndexFileError) -> Contents {
        let result: Result<Contents, IndexFileError> = bytes.withUnsafeBufferPointer { b in
            do throws(IndexFileError) {
                return .success(try decode(b, kind: kind))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private static func decode(
        _ b: UnsafeBufferPointer<UInt8>, kind: HammingIndexKind
    ) throws(IndexFileError) -> Contents {
        let size = b.count
        guard size >= headerByteCount + 4 else {
            if size >= 8, !b[0..<8].elementsEqual(magic) { throw .notAnIndexFile }
            throw .truncated(needed: headerByteCount + 4, found: size)
        }
        guard b[0..<8].elementsEqual(magic) else { throw .notAnIndexFile }
        let version = UInt16(load(b, 8, bytes: 2))
        guard version == Self.version || version == robustVersion else { throw .unsupportedVersion(version) }
        if version == robustVersion { throw .robustIndexFile }
        guard let found = HammingIndexKind(rawValue: b[10]) else { throw .unknownKind(b[10]) }
        guard found == kind else { throw .wrongKind(expected: kind, found: found) }
        guard b[11] == 0 else { throw .reservedByteNotZero(offset: 11) }
        for offset in 28..<32 where b[offset] != 0 { throw .reservedByteNotZero(offset: offset) }
        let rawBits = UInt32(load(b, 12, bytes: 4))
        guard rawBits >= 1, rawBits <= maximumBitCount else { throw .invalidBitCount(rawBits) }
        let bitCount = Int(rawBits)
        let wordCount = (bitCount + 63) >> 6
        let count = load(b, 16, bytes: 8)
        // The size check happens before any allocation proportional to `count`.
        let perEntry = wordCount * 8 + 4
        var expected: Int? = nil
        if count <= UInt64(Int.max) {
            let (payload, o1) = Int(count).multipliedReportingOverflow(by: perEntry)
            let (total, o2) = payload.addingReportingOverflow(headerByteCount + 4)
            if !o1, !o2 { expected = total }
        }
        guard expected == size else {
            throw .sizeMismatch(count: count, expectedBytes: expected, foundBytes: size)
        }
        let stored = UInt32(load(b, size - 4, bytes: 4))
        let computed = crc32(UnsafeBufferPointer(rebasing: b[0..<(size - 4)]))
        guard stored == computed else { throw .checksumMismatch(stored: stored, computed: computed) }
        let parameter = UInt32(load(b, 24, bytes: 4))
        switch kind {
        case .multiIndexHash:
            guard parameter <= UInt32(min(bitCount, MultiIndexHashIndex.maximumSubstringCount)) else {
                throw .invalidParameter(parameter)
            }
        case .linearScan, .bkTree, .vpTree:
            guard parameter == 0 else { throw .invalidParameter(parameter) }
        }
        let n = Int(count)
        let wordTotal = n * wordCount
        let words = [UInt64](unsafeUninitializedCapacity: wordTotal) { out, initialized in
            for i in 0..<wordTotal { out[i] = load(b, headerByteCount + 8 * i, bytes: 8) }
            initialized = wordTotal
        }
        let idBase = headerByteCount + 8 * wordTotal
        let ids = [UInt32](unsafeUninitializedCapacity: n) { out, initialized in
            for i in 0..<n { out[i] = UInt32(load(b, idBase + 4 * i, bytes: 4)) }
            initialized = n
        }
        if bitCount & 63 != 0 {
            let mask = ~(~UInt64(0) << UInt64(64 - bitCount & 63))
            for i in 0..<n where words[i * wordCount + wordCount - 1] & mask != 0 {
                throw .invalidEntry(index: i)
            }
        }
        return Contents(bitCount: bitCount, parameter: parameter, words: words, ids: ids)
    }
}
