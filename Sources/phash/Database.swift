import Foundation
import PerceptualHash

/// The fingerprint database of `phash index`: the algorithm it was built with, and one
/// (path, fingerprint) entry per image.
///
/// File format, version 1 (all integers little-endian):
///
/// | offset | size | field |
/// |---|---|---|
/// | 0 | 8 | magic `89 50 48 44 42 0D 0A 1A` (`\x89PHDB\r\n\x1a`) |
/// | 8 | 2 | format version, 1 |
/// | 10 | 2 | reserved, 0 |
/// | 12 | 4 | bit count `b` of every fingerprint |
/// | 16 | 8 | entry count `n` |
/// | 24 | 4 | algorithm length `a`, at most 256 |
/// | 28 | 4 | path table length `p` in bytes |
/// | 32 | `a` | algorithm, UTF-8 (`AlgorithmSpec.description`, e.g. `phash size=8 highfreq=4`) |
/// | 32 + `a` | `p` | `n` paths, each a 4-byte length then UTF-8 bytes |
/// | 32 + `a` + `p` | `8 w n` | fingerprints, `w = ceil(b / 64)` words each (``Fingerprint/word(_:)``) |
/// | end - 4 | 4 | CRC-32 of every byte before it (`IndexFile.crc32`: IEEE, reflected, `0xEDB88320`) |
///
/// Readers check, in order: length >= 36, magic, version, reserved bytes, that the length is
/// exactly `36 + a + p + 8 w n` (before allocating anything for the entries), the checksum,
/// the algorithm, the path table, and that no fingerprint sets bits past `b`. Files are written
/// atomically (temporary file in the same folder, `fsync`, `rename`, `fsync` of the folder), so
/// a crash leaves either the old database or the new one.
struct FingerprintDatabase {
    static let magic: [UInt8] = [0x89, 0x50, 0x48, 0x44, 0x42, 0x0D, 0x0A, 0x1A]
    static let version: UInt16 = 1
    static let headerByteCount = 32

    var algorithm: AlgorithmSpec
    var paths: [String] = []
    var fingerprints: [Fingerprint] = []

    init(algorithm: AlgorithmSpec) {
        self.algorithm = algorithm
    }

    var count: Int { paths.count }

    /// Adds an entry, replacing the fingerprint of an entry with the same path.
    mutating func upsert(path: String, fingerprint: Fingerprint) -> Bool {
        if let i = paths.firstIndex(of: path) {
            fingerprints[i] = fingerprint
            return false
        }
        paths.append(path)
        fingerprints.append(fingerprint)
        return true
    }

    /// The file bytes.
    func serialized() -> [UInt8] {
        let bits = algorithm.bitCount, w = (bits + 63) / 64
        var pathTable: [UInt8] = []
        for path in paths {
            let utf8 = Array(path.utf8)
            append(UInt32(utf8.count), to: &pathTable)
            pathTable += utf8
        }
        let name = Array(algorithm.description.utf8)
        var out = Self.magic
        out.reserveCapacity(36 + name.count + pathTable.count + 8 * w * count)
        append(Self.version, to: &out)
        append(UInt16(0), to: &out)
        append(UInt32(bits), to: &out)
        append(UInt64(count), to: &out)
        append(UInt32(name.count), to: &out)
        append(UInt32(pathTable.count), to: &out)
        out += name
        out += pathTable
        for f in fingerprints {
            for k in 0..<w { append(f.word(k), to: &out) }
        }
        append(IndexFile.crc32(out), to: &out)
        return out
    }

    /// Why a file is not a usable database.
    enum ReadError: Error, CustomStringConvertible {
        case unreadable(String)
        case corrupted(String)
        case unsupportedVersion(UInt16)

        var description: String {
            switch self {
            case .unreadable(let why): "cannot read the database: \(why)"
            case .corrupted(let why): "the database is corrupted (\(why)); rebuild it with 'phash index build'"
            case .unsupportedVersion(let v): "database format version \(v) is not supported (this phash reads version 1)"
            }
        }
    }

    /// Parses and checks file bytes (see the type's description for the order of the checks).
    init(bytes: [UInt8]) throws(ReadError) {
        guard bytes.count >= 36 else {
            throw .corrupted(bytes.count == 0 ? "empty file" : "only \(bytes.count) bytes")
        }
        guard Array(bytes[0..<8]) == Self.magic else { throw .corrupted("not a phash database: wrong magic bytes") }
        let version = UInt16(read(bytes, 8, 2))
        guard version == Self.version else { throw .unsupportedVersion(version) }
        guard read(bytes, 10, 2) == 0 else { throw .corrupted("reserved header bytes are not zero") }
        let bits = Int(read(bytes, 12, 4))
        let n = read(bytes, 16, 8)
        let a = Int(read(bytes, 24, 4)), p = Int(read(bytes, 28, 4))
        guard (1...65536).contains(bits) else { throw .corrupted("invalid bit count \(bits)") }
        guard a <= 256 else { throw .corrupted("algorithm name of \(a) bytes") }
        let w = (bits + 63) / 64
        // Every path takes at least 4 bytes, so n <= p / 4 bounds the count before any multiply.
        guard n <= UInt64(p / 4) else { throw .corrupted("\(n) entries cannot fit a \(p)-byte path table") }
        let count = Int(n)
        let expected = 36 + a + p + 8 * w * count
        guard bytes.count == expected else {
            throw .corrupted("\(bytes.count) bytes where the header implies \(expected)")
        }
        let stored = UInt32(read(bytes, bytes.count - 4, 4))
        let computed = IndexFile.crc32(bytes[0..<(bytes.count - 4)])
        guard stored == computed else {
            throw .corrupted("checksum mismatch: stored \(hex32(stored)), computed \(hex32(computed))")
        }
        let nameText = String(decoding: bytes[32..<(32 + a)], as: UTF8.self)
        guard let algorithm = AlgorithmSpec(description: nameText), algorithm.bitCount == bits else {
            throw .corrupted("unknown algorithm '\(nameText)'")
        }
        self.algorithm = algorithm
        var offset = 32 + a
        let tableEnd = offset + p
        paths.reserveCapacity(count)
        for i in 0..<count {
            guard offset + 4 <= tableEnd else { throw .corrupted("path table ends inside entry \(i)") }
            let length = Int(read(bytes, offset, 4))
            offset += 4
            guard length <= tableEnd - offset else { throw .corrupted("path \(i) runs past the path table") }
            guard let path = String(validating: bytes[offset..<(offset + length)], as: UTF8.self) else {
                throw .corrupted("path \(i) is not UTF-8")
            }
            paths.append(path)
            offset += length
        }
        guard offset == tableEnd else { throw .corrupted("\(tableEnd - offset) stray bytes after the paths") }
        fingerprints.reserveCapacity(count)
        let tailMask: UInt64 = bits % 64 == 0 ? ~0 : (1 << UInt64(bits % 64)) - 1
        for i in 0..<count {
            var f = Fingerprint(bitCount: bits)
            for k in 0..<w {
                let word = read(bytes, offset, 8)
                offset += 8
                if k == w - 1, word & ~tailMask != 0 { throw .corrupted("fingerprint \(i) sets bits past \(bits)") }
                f.setWord(k, to: word)
            }
            fingerprints.append(f)
        }
    }

    /// Reads and checks a database file.
    static func load(_ path: String) throws(ReadError) -> FingerprintDatabase {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw .unreadable("no such file")
        }
        guard !isDir.boolValue, let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(isDir.boolValue ? "it is a folder" : "permission denied or I/O error")
        }
        return try FingerprintDatabase(bytes: [UInt8](data))
    }

    /// Writes the database atomically: `path.tmp-<pid>-<random>` in the same folder (exclusive
    /// create), every byte written, `fsync`, `rename` over `path`, `fsync` of the folder. On
    /// failure the temporary file is removed and `path` is untouched.
    func save(to path: String) throws(CommandFailure) {
        let bytes = serialized()
        let temp = "\(path).tmp-\(getpid())-\(String(UInt64.random(in: 0...UInt64.max), radix: 16))"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CommandFailure(message: "cannot create \(temp): \(errnoText())") }
        var failure: String? = nil
        bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let n = write(fd, raw.baseAddress! + done, raw.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = "cannot write \(temp): \(errnoText())"
                    return
                }
                done += n
            }
        }
        if failure == nil, fsync(fd) != 0 { failure = "cannot flush \(temp): \(errnoText())" }
        if close(fd) != 0, failure == nil { failure = "cannot close \(temp): \(errnoText())" }
        if failure == nil, rename(temp, path) != 0 { failure = "cannot rename \(temp) to \(path): \(errnoText())" }
        if let failure {
            unlink(temp)
            throw CommandFailure(message: failure)
        }
        let folder = (path as NSString).deletingLastPathComponent
        let dfd = open(folder.isEmpty ? "." : folder, O_RDONLY | O_CLOEXEC)
        if dfd >= 0 {
            _ = fsync(dfd)
            close(dfd)
        }
    }
}

private func errnoText() -> String { String(cString: strerror(errno)) }

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
