/// Whole-file reads for the `contentsOfFile:` entry points of the Netpbm decoder:
/// ``FileSystem/readAll(pathBytes:maxBytes:prefixLength:regularFilesOnly:checkPrefix:)`` with
/// its failures as ``NetpbmError``s naming the path.
enum FileReading {
    /// Reads every byte of the file at `path` (see ``FileSystem``'s `readAll` for the steps
    /// and the memory bound); a file larger than `maxBytes` throws
    /// ``NetpbmError/fileTooLarge(path:size:limit:)``, a failed system call
    /// ``NetpbmError/fileUnreadable(path:errno:)``, and `checkPrefix` may throw its own.
    static func readAll(
        path: String, maxBytes: Int, prefixLength: Int = 0,
        checkPrefix: (_ prefix: UnsafeRawBufferPointer, _ isWhole: Bool) throws(NetpbmError) -> Int? = { _, _ in nil }
    ) throws(NetpbmError) -> [UInt8] {
        try readAll(
            pathBytes: Array(path.utf8), maxBytes: maxBytes, prefixLength: prefixLength, checkPrefix: checkPrefix)
    }

    /// ``readAll(path:maxBytes:prefixLength:checkPrefix:)`` for a path given as raw bytes (a
    /// Linux file name need not be UTF-8); errors name the path decoded as UTF-8 with
    /// U+FFFD for invalid bytes. A path holding a NUL byte is unreadable (`EINVAL`).
    static func readAll(
        pathBytes: [UInt8], maxBytes: Int, prefixLength: Int = 0,
        checkPrefix: (_ prefix: UnsafeRawBufferPointer, _ isWhole: Bool) throws(NetpbmError) -> Int? = { _, _ in nil }
    ) throws(NetpbmError) -> [UInt8] {
        let shown = String(decoding: pathBytes, as: UTF8.self)
        do {
            return try FileSystem.readAll(
                pathBytes: pathBytes, maxBytes: maxBytes, prefixLength: prefixLength
            ) { (prefix, isWhole, _) throws(NetpbmError) -> Int? in
                try checkPrefix(prefix, isWhole)
            }
        } catch {
            switch error {
            case .system(_, let code): throw .fileUnreadable(path: shown, errno: code)
            case .tooLarge(let size, let limit): throw .fileTooLarge(path: shown, size: size, limit: limit)
            case .notRegularFile: throw .fileUnreadable(path: shown, errno: FileSystem.invalidArgument)
            case .rejected(let rejection): throw rejection
            }
        }
    }
}
