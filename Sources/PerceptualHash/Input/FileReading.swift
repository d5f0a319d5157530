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

/// Whole-file reads with POSIX calls, for the `contentsOfFile:` entry points.
enum FileReading {
    /// Reads every byte of the file at `path`.
    ///
    /// A regular file whose size exceeds `maxBytes` is refused before reading. Other files
    /// (pipes, character devices such as `/dev/zero`) are read in 64 KiB chunks and refused
    /// as soon as more than `maxBytes` arrived, so memory stays within `maxBytes + 64 KiB`.
    /// `EINTR` is retried. A regular file that grows while being read is read up to its
    /// size at `fstat` time plus whatever fits in `maxBytes`.
    static func readAll(path: String, maxBytes: Int) throws(NetpbmError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .fileUnreadable(path: path, errno: errno) }
        defer { _ = close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .fileUnreadable(path: path, errno: errno) }
        let isRegular = (info.st_mode & S_IFMT) == S_IFREG
        let size = Int(info.st_size)
        if isRegular, size > maxBytes {
            throw .fileTooLarge(path: path, size: size, limit: maxBytes)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(isRegular ? size : 1 << 16)
        let chunk = 1 << 16
        while true {
            if bytes.count > maxBytes {
                throw .fileTooLarge(path: path, size: isRegular ? bytes.count : maxBytes &+ 1, limit: maxBytes)
            }
            let oldCount = bytes.count
            var readError: Int32 = 0
            var got = 0
            bytes.append(contentsOf: repeatElement(0, count: chunk))
            bytes.withUnsafeMutableBytes { raw in
                while true {
                    let n = read(fd, raw.baseAddress! + oldCount, chunk)
                    if n < 0, errno == EINTR { continue }
                    if n < 0 { readError = errno } else { got = n }
                    return
                }
            }
            bytes.removeLast(chunk - got)
            if readError != 0 { throw .fileUnreadable(path: path, errno: readError) }
            if got == 0 { return bytes }
        }
    }
}
