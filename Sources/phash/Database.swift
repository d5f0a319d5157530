import PerceptualHash

/// The fingerprint database of `phash index`: the algorithm it was built with, and one
/// (path, fingerprint) entry per image.
///
/// File format (all integers little-endian). This phash writes version 2, or version 3 for a
/// pdq, whash, whash-db4 or colorhash database, and reads versions 1 to 4 (4: a robust database, below). Versions 1 and 2
/// differ only in what a path may hold; version 3 is version 2 whose algorithm may also be one
/// of those four. Such a database is version 3 so that a phash that predates them refuses it
/// as a version it does not read rather than as a corrupted file; every other database stays
/// version 2, readable by it.
///
/// | offset | size | field |
/// |---|---|---|
/// | 0 | 8 | magic `89 50 48 44 42 0D 0A 1A` (`\x89PHDB\r\n\x1a`) |
/// | 8 | 2 | format version, 1, 2 or 3 |
/// | 10 | 2 | reserved, 0 |
/// | 12 | 4 | bit count `b` of every fingerprint |
/// | 16 | 8 | entry count `n` |
/// | 24 | 4 | algorithm length `a`, at most 256 |
/// | 28 | 4 | path table length `p` in bytes |
/// | 32 | `a` | algorithm, UTF-8 (`AlgorithmSpec.description`, e.g. `phash size=8 highfreq=4`, or `pdq` in version 3) |
/// | 32 + `a` | `p` | `n` paths, each a 4-byte length then the path's bytes |
/// | 32 + `a` + `p` | `8 w n` | fingerprints, `w = ceil(b / 64)` words each (``Fingerprint/word(_:)``) |
/// | end - 4 | 4 | CRC-32 of every byte before it (`IndexFile.crc32`: IEEE, reflected, `0xEDB88320`) |
///
/// Paths: in version 1 each path is valid UTF-8; in version 2 it is any non-empty byte string
/// without a NUL byte (Linux file names need not be UTF-8). In both, no path may be empty,
/// hold a NUL byte, or appear twice. The paths `phash` stores are canonical (see
/// ``canonicalPath(_:)``); entries of a version 1 file keep the spelling they were stored
/// with until they are added again.
///
/// Readers check, in order: length >= 36, magic, version, reserved bytes, bit count, algorithm
/// length, that the entry count fits the path table, that the length is exactly
/// `36 + a + p + 8 w n` (all from the 32-byte header and the file size, before the rest of
/// the file is read or anything is allocated for it), the checksum, the algorithm (pdq,
/// whash, whash-db4 and colorhash only in version 3 or later), the path table, and that no fingerprint sets bits past `b`.
///
/// Version 4 is a **robust** database (`phash index build --robust`): every entry holds the
/// robust reference set of its image (``RobustFingerprint``), `v` fingerprints in the order of
/// the configuration's reference views, instead of one fingerprint. It differs from version
/// 2 in three places: the 2 bytes at offset 10 (reserved, 0, in versions 1 to 3) hold `v`,
/// `1 ... 4096`; the algorithm is followed by ` robust=<tag>`, where the tag is
/// `robust1-` and 8 lowercase hex digits naming the hasher and the views
/// (``RobustDatabaseTag``), e.g. `pdq robust=robust1-0c5b2a77`; and the fingerprint block
/// holds `v` fingerprints per entry, `8 w v n` bytes, entry after entry (so the exact length is
/// `36 + a + p + 8 w v n`). A phash that reads only versions 1 to 3 refuses it as a version it
/// does not read; this phash refuses a version 4 file without the tag, a version 1 to 3 file
/// with one, and (in `phash index`) a tag other than its own for the algorithm, so plain and
/// robust fingerprints, or robust sets of other views, are never compared.
struct FingerprintDatabase {
    /// The first 8 bytes of every database file.
    static let magic: [UInt8] = [0x89, 0x50, 0x48, 0x44, 0x42, 0x0D, 0x0A, 0x1A]
    /// The version this phash writes for every algorithm but pdq.
    static let version: UInt16 = 2
    /// The version this phash writes for pdq, whash, whash-db4 and colorhash databases (and
    /// the first that may hold one).
    static let pdqVersion: UInt16 = 3
    /// The versions this phash reads.
    static let readableVersions: ClosedRange<UInt16> = 1...4
    /// The version of a robust database (every entry a robust reference set).
    static let robustVersion: UInt16 = 4

    /// The version written for a database of `algorithm`: ``pdqVersion`` for pdq, whash,
    /// whash-db4 and colorhash, else ``version``.
    static func writtenVersion(for algorithm: AlgorithmSpec, robust: RobustDatabaseTag? = nil) -> UInt16 {
        robust != nil ? robustVersion : algorithm.name.needsDatabaseVersion3 ? pdqVersion : version
    }
    /// Bytes before the algorithm name.
    static let headerByteCount = 32

    /// The algorithm every fingerprint was made with.
    var algorithm: AlgorithmSpec
    /// The entries' paths, in database order.
    private(set) var paths: [FilePath] = []
    /// The entries' fingerprints: ``viewCount`` per entry, entry after entry (parallel to
    /// ``paths`` in a plain database, where ``viewCount`` is 1).
    private(set) var fingerprints: [Fingerprint] = []
    /// For a robust database (version 4), the tag of its robust configuration; nil for a
    /// plain one.
    private(set) var robust: RobustDatabaseTag? = nil
    /// The fingerprints per entry: 1, or the views of the robust configuration.
    var viewCount: Int { robust?.viewCount ?? 1 }
    /// The position of every path in ``paths``: makes ``upsert(path:fingerprint:)`` O(1).
    private var positions: [FilePath: Int] = [:]
    /// The format version of the file this was read from (``writtenVersion(for:)`` for a new
    /// database).
    private(set) var formatVersion: UInt16

    /// An empty database.
    init(algorithm: AlgorithmSpec, robust: RobustDatabaseTag? = nil) {
        self.algorithm = algorithm
        self.robust = robust
        formatVersion = Self.writtenVersion(for: algorithm, robust: robust)
    }

    /// The fingerprints of entry `i` (``viewCount`` of them).
    func fingerprints(ofEntry i: Int) -> ArraySlice<Fingerprint> {
        fingerprints[(i * viewCount)..<((i + 1) * viewCount)]
    }

    /// The robust reference set of entry `i` in a robust database, its fingerprints paired
    /// with `variants` (the configuration's reference views, ``viewCount`` of them).
    func robustSet(ofEntry i: Int, variants: [RobustVariant]) -> RobustFingerprint? {
        guard robust != nil, variants.count == viewCount else { return nil }
        return try? RobustFingerprint(
            entries: zip(variants, fingerprints(ofEntry: i)).map {
                RobustFingerprint.Entry(variant: $0, fingerprint: $1)
            })
    }

    /// The number of entries.
    var count: Int { paths.count }

    /// The position of the entry stored under exactly `path`, or nil.
    func position(of path: FilePath) -> Int? { positions[path] }

    /// What ``upsert(path:fingerprint:)`` did.
    enum UpsertOutcome: Equatable {
        /// A new entry was appended.
        case added
        /// The entry existed with another fingerprint, which was replaced.
        case updated
        /// The entry existed with this fingerprint.
        case unchanged
    }

    /// Adds an entry, or replaces the fingerprint of the entry stored under `path` (compared
    /// byte for byte: canonicalize first). O(1) expected time.
    mutating func upsert(path: FilePath, fingerprint: Fingerprint) -> UpsertOutcome {
        upsert(path: path, fingerprints: [fingerprint])
    }

    /// ``upsert(path:fingerprint:)`` for an entry of ``viewCount`` fingerprints (a robust
    /// reference set's, in the configuration's view order).
    ///
    /// - Precondition: `fingerprints.count == viewCount`.
    mutating func upsert(path: FilePath, fingerprints entry: [Fingerprint]) -> UpsertOutcome {
        precondition(entry.count == viewCount, "\(entry.count) fingerprints for an entry of \(viewCount)")
        if let i = positions[path] {
            let range = (i * viewCount)..<((i + 1) * viewCount)
            if fingerprints[range].elementsEqual(entry) { return .unchanged }
            fingerprints.replaceSubrange(range, with: entry)
            return .updated
        }
        positions[path] = paths.count
        paths.append(path)
        fingerprints += entry
        return .added
    }

    /// Removes the entries at `removed` (positions), keeping the order of the others. O(n).
    mutating func remove(at removed: Set<Int>) {
        guard !removed.isEmpty else { return }
        var keptPaths: [FilePath] = [], keptFingerprints: [Fingerprint] = []
        keptPaths.reserveCapacity(count - removed.count)
        keptFingerprints.reserveCapacity(count - removed.count)
        for i in paths.indices where !removed.contains(i) {
            keptPaths.append(paths[i])
            keptFingerprints += fingerprints(ofEntry: i)
        }
        paths = keptPaths
        fingerprints = keptFingerprints
        positions = [:]
        positions.reserveCapacity(paths.count)
        for (i, path) in paths.enumerated() { positions[path] = i }
    }

    /// The file bytes, in format ``writtenVersion(for:)`` of the algorithm.
    func serialized() -> [UInt8] {
        let bits = algorithm.bitCount, w = (bits + 63) / 64
        let name = Array((algorithm.description + (robust.map { " robust=\($0.configuration)" } ?? "")).utf8)
        let tableBytes = paths.reduce(0) { $0 + 4 + $1.bytes.count }
        var out = Self.magic
        out.reserveCapacity(36 + name.count + tableBytes + 8 * w * count * viewCount)
        append(Self.writtenVersion(for: algorithm, robust: robust), to: &out)
        append(UInt16(robust == nil ? 0 : viewCount), to: &out)
        append(UInt32(bits), to: &out)
        append(UInt64(count), to: &out)
        append(UInt32(name.count), to: &out)
        append(UInt32(tableBytes), to: &out)
        out += name
        for path in paths {
            append(UInt32(path.bytes.count), to: &out)
            out += path.bytes
        }
        for f in fingerprints {
            for k in 0..<w { append(f.word(k), to: &out) }
        }
        append(IndexFile.crc32(out), to: &out)
        return out
    }

    /// Why a file is not a usable database.
    enum ReadError: Error, CustomStringConvertible {
        /// The file could not be opened or read (missing, a folder, permissions, I/O).
        case unreadable(String)
        /// The bytes are not a valid database.
        case corrupted(String)
        /// A database of a format version this phash does not read.
        case unsupportedVersion(UInt16)

        var description: String {
            switch self {
            case .unreadable(let why): "cannot read the database: \(why)"
            case .corrupted(let why): "the database is corrupted (\(why)); rebuild it with 'phash index build'"
            case .unsupportedVersion(let v):
                "database format version \(v) is not supported (this phash reads versions 1 to 4)"
            }
        }
    }

    /// What the 32-byte header says, checked against the file size.
    struct Header {
        var version: UInt16
        var bits: Int
        var count: Int
        var algorithmLength: Int
        var pathTableLength: Int
        /// Fingerprints per entry: 1, or (version 4) the robust views.
        var viewCount: Int = 1
    }

    /// Checks the first 32 bytes against the length of the whole file (``fileSize``), in the
    /// order given in the type's description, up to and including the exact length.
    static func checkHeader(_ bytes: [UInt8], fileSize: Int) throws(ReadError) -> Header {
        guard fileSize >= 36, bytes.count >= headerByteCount else {
            throw .corrupted(fileSize == 0 ? "empty file" : "only \(fileSize) bytes")
        }
        guard Array(bytes[0..<8]) == Self.magic else { throw .corrupted("not a phash database: wrong magic bytes") }
        let version = UInt16(read(bytes, 8, 2))
        guard readableVersions.contains(version) else { throw .unsupportedVersion(version) }
        let views = Int(read(bytes, 10, 2))
        if version == robustVersion {
            guard (1...RobustFingerprint.maximumCount).contains(views) else {
                throw .corrupted("invalid robust view count \(views)")
            }
        } else {
            guard views == 0 else { throw .corrupted("reserved header bytes are not zero") }
        }
        let bits = Int(read(bytes, 12, 4))
        let n = read(bytes, 16, 8)
        let a = Int(read(bytes, 24, 4)), p = Int(read(bytes, 28, 4))
        guard (1...65536).contains(bits) else { throw .corrupted("invalid bit count \(bits)") }
        guard a <= 256 else { throw .corrupted("algorithm name of \(a) bytes") }
        let w = (bits + 63) / 64
        // Every path takes at least 5 bytes (length and one byte), so n <= p / 5 bounds the
        // count before any multiply; the multiply then stays below 2^44.
        guard n <= UInt64(p / 5) else { throw .corrupted("\(n) entries cannot fit a \(p)-byte path table") }
        let count = Int(n)
        let expected = 36 + a + p + 8 * w * count * max(1, views)
        guard fileSize == expected else {
            throw .corrupted("\(fileSize) bytes where the header implies \(expected)")
        }
        return Header(
            version: version, bits: bits, count: count, algorithmLength: a, pathTableLength: p, viewCount: max(1, views)
        )
    }

    /// Parses and checks file bytes (see the type's description for the order of the checks).
    init(bytes: [UInt8]) throws(ReadError) {
        let header = try Self.checkHeader(bytes, fileSize: bytes.count)
        let bits = header.bits, count = header.count, a = header.algorithmLength, w = (bits + 63) / 64
        let stored = UInt32(read(bytes, bytes.count - 4, 4))
        let computed = IndexFile.crc32(bytes[0..<(bytes.count - 4)])
        guard stored == computed else {
            throw .corrupted("checksum mismatch: stored \(hex32(stored)), computed \(hex32(computed))")
        }
        var nameText = String(decoding: bytes[32..<(32 + a)], as: UTF8.self)
        if let marker = nameText.range(of: " robust=") {
            let tag = String(nameText[marker.upperBound...])
            guard header.version == Self.robustVersion else {
                throw .corrupted("a robust algorithm '\(nameText)' in a version \(header.version) file")
            }
            guard RobustDatabaseTag.isWellFormed(tag) else { throw .corrupted("malformed robust tag '\(tag)'") }
            robust = RobustDatabaseTag(viewCount: header.viewCount, configuration: tag)
            nameText = String(nameText[..<marker.lowerBound])
        } else if header.version == Self.robustVersion {
            throw .corrupted("a version 4 (robust) file whose algorithm '\(nameText)' has no robust tag")
        }
        guard let algorithm = AlgorithmSpec(description: nameText), algorithm.bitCount == bits else {
            throw .corrupted("unknown algorithm '\(nameText)'")
        }
        guard header.version >= Self.writtenVersion(for: algorithm) || !algorithm.name.needsDatabaseVersion3 else {
            throw .corrupted("algorithm \(algorithm.name.rawValue) in a version \(header.version) file")
        }
        self.algorithm = algorithm
        formatVersion = header.version
        var offset = 32 + a
        let tableEnd = offset + header.pathTableLength
        paths.reserveCapacity(count)
        positions.reserveCapacity(count)
        for i in 0..<count {
            guard offset + 4 <= tableEnd else { throw .corrupted("path table ends inside entry \(i)") }
            let length = Int(read(bytes, offset, 4))
            offset += 4
            guard length <= tableEnd - offset else { throw .corrupted("path \(i) runs past the path table") }
            let raw = bytes[offset..<(offset + length)]
            guard length > 0 else { throw .corrupted("path \(i) is empty") }
            guard !raw.contains(0) else { throw .corrupted("path \(i) holds a NUL byte") }
            if header.version == 1, String(validating: raw, as: UTF8.self) == nil {
                throw .corrupted("path \(i) is not UTF-8")
            }
            let path = FilePath(bytes: Array(raw))
            if let first = positions.updateValue(i, forKey: path) {
                throw .corrupted("path \(i) repeats path \(first)")
            }
            paths.append(path)
            offset += length
        }
        guard offset == tableEnd else { throw .corrupted("\(tableEnd - offset) stray bytes after the paths") }
        fingerprints.reserveCapacity(count * header.viewCount)
        // Bit i is bit 63 - i % 64 of its word: the used bits of the last word are its top ones.
        let tailMask: UInt64 = bits % 64 == 0 ? ~0 : ~0 << UInt64(64 - bits % 64)
        for i in 0..<(count * header.viewCount) {
            var f = Fingerprint(bitCount: bits)
            for k in 0..<w {
                let word = read(bytes, offset, 8)
                offset += 8
                if k == w - 1, word & ~tailMask != 0 {
                    let which = header.viewCount == 1 ? "\(i)" : "\(i / header.viewCount) view \(i % header.viewCount)"
                    throw .corrupted("fingerprint \(which) sets bits past \(bits)")
                }
                f.setWord(k, to: word)
            }
            fingerprints.append(f)
        }
    }
}

private func hex32(_ v: UInt32) -> String {
    let digits = String(v, radix: 16)
    return String(repeating: "0", count: 8 - digits.count) + digits
}

/// Appends `value` in little-endian order.
private func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
    var v = value.littleEndian
    withUnsafeBytes(of: &v) { bytes += $0 }
}

/// The `size`-byte little-endian integer at `offset` (the caller checked the bounds).
private func read(_ bytes: [UInt8], _ offset: Int, _ size: Int) -> UInt64 {
    var v: UInt64 = 0
    for k in 0..<size { v |= UInt64(bytes[offset + k]) << (8 * UInt64(k)) }
    return v
}
