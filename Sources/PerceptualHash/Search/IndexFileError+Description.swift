extension IndexFileError: CustomStringConvertible {
    /// One readable sentence with the numbers of the case, for logs and error messages, for
    /// example `"checksum mismatch: the file stores CRC-32 0x00000000 but its contents give
    /// 0x1c291ca3 (the file is damaged)"`. The text is for people; match on the cases in code.
    ///
    /// ```swift
    /// do {
    ///     _ = try LinearScanIndex(serialized: [1, 2, 3])
    /// } catch {
    ///     print(error)   // the data is 3 bytes, shorter than the 36 bytes of an index file's header and checksum
    /// }
    /// ```
    public var description: String {
        switch self {
        case .truncated(let needed, let found):
            return "the data is \(found) bytes, shorter than the \(needed) bytes of an index file's header and checksum"
        case .notAnIndexFile:
            return "not an index file: the first 8 bytes are not the magic 89 50 48 49 58 0D 0A 1A"
        case .unsupportedVersion(let version):
            return
                "index file format version \(version) is not supported (this library reads version \(IndexFile.version), and \(IndexFile.robustVersion) for robust indexes)"
        case .unknownKind(let kind):
            return "unknown index kind \(kind) in the header (byte 10)"
        case .wrongKind(let expected, let found):
            return "the file holds a \(found.typeName), not a \(expected.typeName)"
        case .reservedByteNotZero(let offset):
            return "the reserved header byte at offset \(offset) is not zero"
        case .invalidBitCount(let bitCount):
            return "invalid bit count \(bitCount) in the header: it must be 1 to \(IndexFile.maximumBitCount)"
        case .sizeMismatch(let count, let expectedBytes, let foundBytes):
            if let expectedBytes {
                return
                    "the header claims \(count) entries, which take \(expectedBytes) bytes in all, but there are \(foundBytes)"
            }
            return "the header claims \(count) entries, more than any file can hold, and there are \(foundBytes) bytes"
        case .checksumMismatch(let stored, let computed):
            return
                "checksum mismatch: the file stores CRC-32 \(hex32(stored)) but its contents give \(hex32(computed)) (the file is damaged)"
        case .invalidParameter(let parameter):
            return "invalid index parameter \(parameter) in the header (bytes 24 to 27)"
        case .invalidEntry(let index):
            return "entry \(index) sets bits past the bit count"
        case .io(let operation, let path, let code):
            return "cannot \(operation) '\(path)': \(SystemError.message(code)) (errno \(code))"
        case .robustIndexFile:
            return "a robust index file (version 2); load it with RobustIndex(serialized:configurationTag:)"
        case .notARobustIndexFile:
            return "a plain index file (version 1), not a robust one"
        case .configurationMismatch(let expected, let found):
            return
                "a robust index made with another hasher or configuration (tag \(hex32(found)), expected \(hex32(expected)))"
        }
    }

    private func hex32(_ v: UInt32) -> String {
        let digits = String(v, radix: 16)
        return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
    }
}

extension HammingIndexKind {
    /// The Swift type that reads and writes this kind, for example `"MultiIndexHashIndex"`.
    var typeName: String {
        switch self {
        case .linearScan: "LinearScanIndex"
        case .bkTree: "BKTreeIndex"
        case .vpTree: "VPTreeIndex"
        case .multiIndexHash: "MultiIndexHashIndex"
        }
    }
}
