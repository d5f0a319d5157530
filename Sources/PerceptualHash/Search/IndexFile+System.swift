// The only file of the Search area that calls the operating system.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension IndexFile {
    /// Writes `bytes` to `path` atomically: create `path.tmp-<random>` in the same folder
    /// (exclusive create, mode 0644), write everything, `fsync`, `close`, `rename` over
    /// `path`, then `fsync` the folder so the rename itself is durable. On failure the
    /// temporary file is removed and `path` is untouched.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws(IndexFileError) {
        var rng = SystemRandomNumberGenerator()
        let temp = path + ".tmp-" + String(rng.next() as UInt64, radix: 16)
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io(operation: "open", path: temp, errno: errno) }
        var failure: IndexFileError? = nil
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = .io(operation: "write", path: temp, errno: errno)
                    return
                }
                offset += n
            }
        }
        if failure == nil, fsync(fd) != 0 { failure = .io(operation: "fsync", path: temp, errno: errno) }
        if close(fd) != 0, failure == nil { failure = .io(operation: "close", path: temp, errno: errno) }
        if failure == nil, rename(temp, path) != 0 {
            failure = .io(operation: "rename", path: path, errno: errno)
        }
        if let failure {
            unlink(temp)
            throw failure
        }
        let folder: String
        if let slash = path.lastIndex(of: "/") {
            folder = slash == path.startIndex ? "/" : String(path[..<slash])
        } else {
            folder = "."
        }
        let dfd = open(folder, O_RDONLY | O_CLOEXEC)
        guard dfd >= 0 else { throw .io(operation: "open", path: folder, errno: errno) }
        defer { close(dfd) }
        guard fsync(dfd) == 0 else { throw .io(operation: "fsync", path: folder, errno: errno) }
    }

    /// The whole content of the file at `path` (its size comes from `fstat`, the real size,
    /// never from a claimed count).
    static func read(_ path: String) throws(IndexFileError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .io(operation: "open", path: path, errno: errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .io(operation: "fstat", path: path, errno: errno) }
        let size = Int(info.st_size)
        var failure: IndexFileError? = nil
        let bytes = [UInt8](unsafeUninitializedCapacity: max(size, 0)) { out, initialized in
            var offset = 0
            while offset < size {
                let n = systemRead(fd, out.baseAddress! + offset, size - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = .io(operation: "read", path: path, errno: errno)
                    break
                }
                if n == 0 { break }
                offset += n
            }
            initialized = offset
        }
        if let failure { throw failure }
        return bytes
    }
}

@inline(__always)
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}
