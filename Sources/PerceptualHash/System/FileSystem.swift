// The library's only calls to the operating system's file functions: whole-file reading
// (images, index files, the command line's databases) and atomic replacement of a file.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#else
    #error("FileSystem needs a POSIX C library (Glibc, Musl or Darwin)")
#endif

/// The C library's text for an `errno` value, for error descriptions.
enum SystemError {
    /// `strerror(code)`, for example `"No such file or directory"` for `ENOENT`.
    static func message(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}

/// Why ``FileSystem/readAll(pathBytes:maxBytes:prefixLength:regularFilesOnly:checkPrefix:)``
/// refused a file.
package enum FileReadFailure<Rejection: Error>: Error {
    /// A system call failed: `operation` is `"open"`, `"fstat"` or `"read"`; `errno` its
    /// code (`EINVAL` for a path holding a NUL byte).
    case system(operation: String, errno: Int32)
    /// The file holds more than `limit` bytes; `size` is its `fstat` size, or `limit + 1`
    /// when the size is not known (a pipe, a file that grew while being read).
    case tooLarge(size: Int, limit: Int)
    /// Not a regular file, when only regular files were asked for (`isFolder` tells a folder
    /// from a pipe, device or socket).
    case notRegularFile(isFolder: Bool)
    /// The prefix check threw this.
    case rejected(Rejection)
}

/// Why ``FileSystem/replaceAtomically(pathBytes:with:temporarySuffix:newFileMode:keepOwnerAndMode:folderSync:)``
/// failed: the system call, the path it was given and its `errno`.
package struct FileWriteFailure: Error, Equatable {
    /// `"open"`, `"fchmod"`, `"write"`, `"fsync"`, `"close"` or `"rename"`.
    package var operation: String
    /// The path the call was given, decoded as UTF-8 (invalid bytes as U+FFFD).
    package var path: String
    package var errno: Int32
}

/// Whole-file reads and atomic replacement with POSIX calls.
package enum FileSystem {
    /// `EINVAL`, the code of a path holding a NUL byte.
    package static var invalidArgument: Int32 { EINVAL }

    /// The size of one `read` for files whose size is not known in advance.
    static let chunk = 1 << 16

    /// `bytes` as a NUL-terminated C string, or nil when they hold a NUL byte.
    private static func cString(_ bytes: [UInt8]) -> [CChar]? {
        bytes.contains(0) ? nil : bytes.map { CChar(bitPattern: $0) } + [0]
    }

    /// Reads every byte of the file at `pathBytes`, looking at its first bytes before
    /// committing memory to the rest.
    ///
    /// 1. `open`, `fstat`. With `regularFilesOnly`, anything but a regular file is refused
    ///    (and the `open` does not block, so a FIFO without a writer does not hang); a regular
    ///    file whose size exceeds `maxBytes` is refused before anything is read.
    /// 2. Up to `prefixLength` bytes are read into a small buffer and passed to `checkPrefix`
    ///    with `isWhole` true when the file ended within them, and the `fstat` size of a
    ///    regular file (nil for other files). It may throw (the file is then
    ///    refused without reading further) and returns the total size it expects the file to
    ///    have, when it knows one, or nil.
    /// 3. A regular file is read into one array of exactly its `fstat` size (the prefix copied
    ///    in), so memory stays within the file size plus the prefix. One more `read` checks
    ///    that the file ended there; a file that grew since `fstat` is read on in 64 KiB
    ///    chunks, refused once it passes `maxBytes` with `size` `maxBytes + 1` (that rare case
    ///    may take up to twice `maxBytes` while the array grows). A file that shrank gives
    ///    the bytes present.
    /// 4. Other files (pipes, character devices such as `/dev/zero`) are read in 64 KiB
    ///    chunks into an array reserved for the size `checkPrefix` expects (capped at
    ///    `maxBytes`), refused as soon as more than `maxBytes` arrived.
    ///
    /// `EINTR` is retried.
    package static func readAll<Rejection: Error>(
        pathBytes: [UInt8], maxBytes: Int, prefixLength: Int = 0, regularFilesOnly: Bool = false,
        checkPrefix: (_ prefix: UnsafeRawBufferPointer, _ isWhole: Bool, _ fileSize: Int?) throws(Rejection) -> Int?
    ) throws(FileReadFailure<Rejection>) -> [UInt8] {
        guard let path = cString(pathBytes) else { throw .system(operation: "open", errno: EINVAL) }
        // With regularFilesOnly, O_NONBLOCK: opening a FIFO must not wait for a writer (it is
        // refused after fstat); no effect on regular files.
        let flags = O_RDONLY | O_CLOEXEC | (regularFilesOnly ? O_NONBLOCK : 0)
        let fd = path.withUnsafeBufferPointer { open($0.baseAddress!, flags) }
        guard fd >= 0 else { throw .system(operation: "open", errno: errno) }
        defer { _ = close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .system(operation: "fstat", errno: errno) }
        let isRegular = (info.st_mode & S_IFMT) == S_IFREG
        if regularFilesOnly, !isRegular { throw .notRegularFile(isFolder: (info.st_mode & S_IFMT) == S_IFDIR) }
        let size = Int(info.st_size)
        if isRegular, size > maxBytes {
            throw .tooLarge(size: size, limit: maxBytes)
        }

        // 2. The prefix. Asking for `prefixLength` bytes (not min(size, ...)) makes a short
        //    answer mean end of file, also for a regular file that grew since `fstat`.
        let asked = max(prefixLength, 1)
        var failure: FileReadFailure<Rejection>? = nil
        var got = 0
        let head = [UInt8](unsafeUninitializedCapacity: asked) { out, initialized in
            do throws(FileReadFailure<Rejection>) {
                got = try readFully(fd, into: UnsafeMutableRawBufferPointer(out), Rejection.self)
            } catch {
                failure = error
            }
            initialized = got
        }
        if let failure { throw failure }
        if got > maxBytes {
            throw .tooLarge(size: isRegular ? max(size, got) : maxBytes &+ 1, limit: maxBytes)
        }
        let isWhole = got < asked
        let expected = head.withUnsafeBytes { raw -> Int? in
            do throws(Rejection) { return try checkPrefix(raw, isWhole, isRegular ? size : nil) } catch {
                failure = .rejected(error)
                return nil
            }
        }
        if let failure { throw failure }
        if isWhole { return head }

        // 3. A regular file: one array of exactly the `fstat` size.
        if isRegular {
            let total = max(size, got)
            var bytes = [UInt8](unsafeUninitializedCapacity: total) { out, initialized in
                let raw = UnsafeMutableRawBufferPointer(out)
                head.withUnsafeBytes { raw.copyMemory(from: $0) }
                do throws(FileReadFailure<Rejection>) {
                    initialized =
                        got
                        + (try readFully(fd, into: UnsafeMutableRawBufferPointer(rebasing: raw[got...]), Rejection.self))
                } catch {
                    failure = error
                    initialized = 0
                }
            }
            if let failure { throw failure }
            if bytes.count < total { return bytes }  // the file shrank: what is there
            // Did it end at its `fstat` size? One byte tells.
            var probe: UInt8 = 0
            let more = withUnsafeMutableBytes(of: &probe) { raw -> Int in
                do throws(FileReadFailure<Rejection>) { return try readFully(fd, into: raw, Rejection.self) } catch {
                    failure = error
                    return 0
                }
            }
            if let failure { throw failure }
            if more == 0 { return bytes }
            if bytes.count >= maxBytes {
                throw .tooLarge(size: maxBytes &+ 1, limit: maxBytes)
            }
            bytes.append(probe)
            try readChunks(fd, into: &bytes, maxBytes: maxBytes, Rejection.self)
            return bytes
        }

        // 4. A pipe or device: chunks, into room for the expected size.
        var bytes = head
        let room = min(max(expected ?? 0, got), maxBytes)
        bytes.reserveCapacity(room &+ chunk)
        try readChunks(fd, into: &bytes, maxBytes: maxBytes, Rejection.self)
        return bytes
    }

    /// Reads until `buffer` is full or the file ends; returns the bytes read.
    private static func readFully<Rejection>(
        _ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, _: Rejection.Type
    ) throws(FileReadFailure<Rejection>) -> Int {
        var offset = 0
        while offset < buffer.count {
            guard let base = buffer.baseAddress else { break }
            let n = read(fd, base + offset, buffer.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw .system(operation: "read", errno: errno)
            }
            if n == 0 { break }
            offset += n
        }
        return offset
    }

    /// Appends the rest of the file to `bytes` in 64 KiB reads, refusing it once it holds more
    /// than `maxBytes` (`size` in the error is `maxBytes + 1`: the file's size is not known).
    private static func readChunks<Rejection>(
        _ fd: Int32, into bytes: inout [UInt8], maxBytes: Int, _: Rejection.Type
    ) throws(FileReadFailure<Rejection>) {
        while true {
            if bytes.count > maxBytes {
                throw .tooLarge(size: maxBytes &+ 1, limit: maxBytes)
            }
            let oldCount = bytes.count
            bytes.append(contentsOf: repeatElement(0, count: chunk))
            var failure: FileReadFailure<Rejection>? = nil
            var got = 0
            bytes.withUnsafeMutableBytes { raw in
                do throws(FileReadFailure<Rejection>) {
                    got = try readFully(
                        fd, into: UnsafeMutableRawBufferPointer(rebasing: raw[oldCount...]), Rejection.self)
                } catch {
                    failure = error
                }
            }
            bytes.removeLast(chunk - got)
            if let failure { throw failure }
            if got < chunk { return }
        }
    }

    /// Replaces the file at `pathBytes` with `bytes` atomically: creates
    /// `pathBytes + temporarySuffix` in the same folder (exclusive create, no symlink followed,
    /// mode `newFileMode` less the umask), with `keepOwnerAndMode` gives it that status's
    /// owner and group (when this user may; else the group alone, else neither) and mode,
    /// writes every byte, `fsync`s, closes, renames it over `pathBytes`, then `fsync`s the
    /// folder so that the rename itself is durable. On failure the temporary file is removed
    /// and the file at `pathBytes` is untouched. With `folderSync` false a failure to sync the
    /// folder (after the rename) is ignored.
    package static func replaceAtomically(
        pathBytes: [UInt8], with bytes: [UInt8], temporarySuffix: [UInt8], newFileMode: Int,
        keepOwnerAndMode existing: stat? = nil, folderSync: Bool = true
    ) throws(FileWriteFailure) {
        let tempBytes = pathBytes + temporarySuffix
        let shownTemp = String(decoding: tempBytes, as: UTF8.self)
        let shownPath = String(decoding: pathBytes, as: UTF8.self)
        guard let temp = cString(tempBytes), let target = cString(pathBytes) else {
            throw FileWriteFailure(operation: "open", path: shownTemp, errno: EINVAL)
        }
        let fd = temp.withUnsafeBufferPointer {
            open($0.baseAddress!, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode_t(newFileMode))
        }
        guard fd >= 0 else { throw FileWriteFailure(operation: "open", path: shownTemp, errno: errno) }
        var failure: FileWriteFailure? = nil
        if let st = existing {
            if st.st_uid != geteuid() || st.st_gid != getegid() {
                if fchown(fd, st.st_uid, st.st_gid) != 0 { _ = fchown(fd, uid_t.max, st.st_gid) }
            }
            if fchmod(fd, st.st_mode & 0o7777) != 0 {
                failure = FileWriteFailure(operation: "fchmod", path: shownTemp, errno: errno)
            }
        }
        if failure == nil {
            bytes.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                    if n < 0 {
                        if errno == EINTR { continue }
                        failure = FileWriteFailure(operation: "write", path: shownTemp, errno: errno)
                        return
                    }
                    offset += n
                }
            }
        }
        if failure == nil, fsync(fd) != 0 {
            failure = FileWriteFailure(operation: "fsync", path: shownTemp, errno: errno)
        }
        if close(fd) != 0, failure == nil {
            failure = FileWriteFailure(operation: "close", path: shownTemp, errno: errno)
        }
        if failure == nil {
            let renamed = temp.withUnsafeBufferPointer { t in
                target.withUnsafeBufferPointer { rename(t.baseAddress!, $0.baseAddress!) }
            }
            if renamed != 0 { failure = FileWriteFailure(operation: "rename", path: shownPath, errno: errno) }
        }
        if let failure {
            _ = temp.withUnsafeBufferPointer { unlink($0.baseAddress!) }
            throw failure
        }
        let cut = pathBytes.lastIndex(of: 0x2F)
        let folder: [UInt8] = cut.map { $0 == 0 ? [0x2F] : Array(pathBytes[..<$0]) } ?? [0x2E]
        let shownFolder = String(decoding: folder, as: UTF8.self)
        let dfd = (cString(folder) ?? [0]).withUnsafeBufferPointer { open($0.baseAddress!, O_RDONLY | O_CLOEXEC) }
        guard dfd >= 0 else {
            if folderSync { throw FileWriteFailure(operation: "open", path: shownFolder, errno: errno) }
            return
        }
        defer { _ = close(dfd) }
        if fsync(dfd) != 0, folderSync { throw FileWriteFailure(operation: "fsync", path: shownFolder, errno: errno) }
    }
}
