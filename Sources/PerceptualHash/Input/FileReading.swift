// The only file of the Input area that talks to the operating system.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#else
    #error("FileReading needs a POSIX C library (Glibc, Musl or Darwin)")
#endif

/// The C library's text for an `errno` value, for error descriptions.
enum SystemError {
    /// `strerror(code)`, for example `"No such file or directory"` for `ENOENT`.
    static func message(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}

/// Whole-file reads with POSIX calls, for the `contentsOfFile:` entry points.
enum FileReading {
    /// The size of one `read` for files whose size is not known in advance.
    static let chunk = 1 << 16

    /// Reads every byte of the file at `path`, looking at its first bytes before committing
    /// memory to the rest.
    ///
    /// 1. `open`, `fstat`. A regular file whose size exceeds `maxBytes` is refused before
    ///    anything is read.
    /// 2. Up to `prefixLength` bytes are read into a small buffer and passed to `checkPrefix`
    ///    with `isWhole` true when the file ended within them. It may throw (the file is then
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
    static func readAll(
        path: String, maxBytes: Int, prefixLength: Int = 0,
        checkPrefix: (_ prefix: UnsafeRawBufferPointer, _ isWhole: Bool) throws(NetpbmError) -> Int? = { _, _ in nil }
    ) throws(NetpbmError) -> [UInt8] {
        try readAll(
            path: path, opening: { open(path, O_RDONLY | O_CLOEXEC) }, maxBytes: maxBytes,
            prefixLength: prefixLength, checkPrefix: checkPrefix)
    }

    /// ``readAll(path:maxBytes:prefixLength:checkPrefix:)`` for a path given as raw bytes (a
    /// Linux file name need not be UTF-8); errors name the path decoded as UTF-8 with
    /// U+FFFD for invalid bytes. A path holding a NUL byte is unreadable (`EINVAL`).
    static func readAll(
        pathBytes: [UInt8], maxBytes: Int, prefixLength: Int = 0,
        checkPrefix: (_ prefix: UnsafeRawBufferPointer, _ isWhole: Bool) throws(NetpbmError) -> Int? = { _, _ in nil }
    ) throws(NetpbmError) -> [UInt8] {
        let shown = String(decoding: pathBytes, as: UTF8.self)
        guard !pathBytes.contains(0) else { throw .fileUnreadable(path: shown, errno: EINVAL) }
        let terminated = pathBytes.map { CChar(bitPattern: $0) } + [0]
        return try readAll(
            path: shown,
            opening: {
                terminated.withUnsafeBufferPointer { $0.baseAddress.map { open($0, O_RDONLY | O_CLOEXEC) } ?? -1 }
            },
            maxBytes: maxBytes, prefixLength: prefixLength, checkPrefix: checkPrefix)
    }

    private static func readAll(
        path: String, opening: () -> Int32, maxBytes: Int, prefixLength: Int,
        checkPrefix: (_ prefix: UnsafeRawBufferPointer, _ isWhole: Bool) throws(NetpbmError) -> Int?
    ) throws(NetpbmError) -> [UInt8] {
        let fd = opening()
        guard fd >= 0 else { throw .fileUnreadable(path: path, errno: errno) }
        defer { _ = close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .fileUnreadable(path: path, errno: errno) }
        let isRegular = (info.st_mode & S_IFMT) == S_IFREG
        let size = Int(info.st_size)
        if isRegular, size > maxBytes {
            throw .fileTooLarge(path: path, size: size, limit: maxBytes)
        }

        // 2. The prefix. Asking for `prefixLength` bytes (not min(size, ...)) makes a short
        //    answer mean end of file, also for a regular file that grew since `fstat`.
        let asked = max(prefixLength, 1)
        var failure: NetpbmError? = nil
        var got = 0
        let head = [UInt8](unsafeUninitializedCapacity: asked) { out, initialized in
            do throws(NetpbmError) {
                got = try readFully(fd, into: UnsafeMutableRawBufferPointer(out), path: path)
            } catch {
                failure = error
            }
            initialized = got
        }
        if let failure { throw failure }
        if got > maxBytes {
            throw .fileTooLarge(path: path, size: isRegular ? max(size, got) : maxBytes &+ 1, limit: maxBytes)
        }
        let isWhole = got < asked
        let expected = head.withUnsafeBytes { raw -> Int? in
            do throws(NetpbmError) { return try checkPrefix(raw, isWhole) } catch {
                failure = error
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
                do throws(NetpbmError) {
                    initialized =
                        got
                        + (try readFully(fd, into: UnsafeMutableRawBufferPointer(rebasing: raw[got...]), path: path))
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
                do throws(NetpbmError) { return try readFully(fd, into: raw, path: path) } catch {
                    failure = error
                    return 0
                }
            }
            if let failure { throw failure }
            if more == 0 { return bytes }
            if bytes.count >= maxBytes {
                throw .fileTooLarge(path: path, size: maxBytes &+ 1, limit: maxBytes)
            }
            bytes.append(probe)
            try readChunks(fd, into: &bytes, path: path, maxBytes: maxBytes)
            return bytes
        }

        // 4. A pipe or device: chunks, into room for the expected size.
        var bytes = head
        let room = min(max(expected ?? 0, got), maxBytes)
        bytes.reserveCapacity(room &+ chunk)
        try readChunks(fd, into: &bytes, path: path, maxBytes: maxBytes)
        return bytes
    }

    /// Reads until `buffer` is full or the file ends; returns the bytes read.
    private static func readFully(
        _ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, path: String
    ) throws(NetpbmError) -> Int {
        var offset = 0
        while offset < buffer.count {
            guard let base = buffer.baseAddress else { break }
            let n = read(fd, base + offset, buffer.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw .fileUnreadable(path: path, errno: errno)
            }
            if n == 0 { break }
            offset += n
        }
        return offset
    }

    /// Appends the rest of the file to `bytes` in 64 KiB reads, refusing it once it holds more
    /// than `maxBytes` (`size` in the error is `maxBytes + 1`: the file's size is not known).
    private static func readChunks(
        _ fd: Int32, into bytes: inout [UInt8], path: String, maxBytes: Int
    ) throws(NetpbmError) {
        while true {
            if bytes.count > maxBytes {
                throw .fileTooLarge(path: path, size: maxBytes &+ 1, limit: maxBytes)
            }
            let oldCount = bytes.count
            bytes.append(contentsOf: repeatElement(0, count: chunk))
            var failure: NetpbmError? = nil
            var got = 0
            bytes.withUnsafeMutableBytes { raw in
                do throws(NetpbmError) {
                    got = try readFully(fd, into: UnsafeMutableRawBufferPointer(rebasing: raw[oldCount...]), path: path)
                } catch {
                    failure = error
                }
            }
            bytes.removeLast(chunk - got)
            if let failure { throw failure }
            if got < chunk { return }
        }
    }
}
