import Foundation
import PerceptualHash

// Reading and writing database files: canonical paths, the writer lock, atomic saves that
// keep the file's mode and owner and write through symlinks, stale temporary files.

/// The stored form of an image path: absolute, with the containing folder resolved by
/// `realpath` (symlinks, `.`, `..` and repeated slashes gone) and the file name itself kept
/// as given (a symlinked file stays a path to the link). A relative path is taken from the
/// current folder. When the folder does not exist (a file deleted since), `.`, `..` and
/// repeated slashes are removed from the text alone. When the name is `.` or `..` the
/// whole path is resolved.
func canonicalPath(_ path: FilePath) -> FilePath {
    var cache: [[UInt8]: [UInt8]] = [:]
    return canonicalPath(path, folderCache: &cache)
}

/// ``canonicalPath(_:)`` with a cache of resolved folders, for many paths in few folders.
func canonicalPath(_ path: FilePath, folderCache: inout [[UInt8]: [UInt8]]) -> FilePath {
    let slash: UInt8 = 0x2F
    var absolute = path.bytes
    if absolute.first != slash {
        absolute = currentFolder() + [slash] + absolute
    }
    let cut = absolute.lastIndex(of: slash) ?? 0
    let folder = Array(absolute[..<cut]), name = Array(absolute[(cut + 1)...])
    if name.isEmpty || name == [0x2E] || name == [0x2E, 0x2E] {
        return FilePath(bytes: realPath(absolute) ?? lexicallyNormalized(absolute))
    }
    let resolved: [UInt8]
    if let cached = folderCache[folder] {
        resolved = cached
    } else {
        resolved = realPath(folder.isEmpty ? [slash] : folder) ?? lexicallyNormalized(folder.isEmpty ? [slash] : folder)
        folderCache[folder] = resolved
    }
    return FilePath(bytes: (resolved == [slash] ? [] : resolved) + [slash] + name)
}

/// The current folder's path, or `/` when it cannot be found.
private func currentFolder() -> [UInt8] {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    guard getcwd(&buffer, buffer.count) != nil else { return [0x2F] }
    return buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
}

/// `realpath(3)` of `path`, or nil when it fails.
private func realPath(_ path: [UInt8]) -> [UInt8]? {
    guard let resolved = FilePath(bytes: path).withCString({ realpath($0, nil) }) else { return nil }
    defer { free(resolved) }
    var out: [UInt8] = []
    var p = resolved
    while p.pointee != 0 {
        out.append(UInt8(bitPattern: p.pointee))
        p += 1
    }
    return out
}

/// An absolute path with empty and `.` components dropped and `..` taking one off (never
/// above `/`), from the text alone.
private func lexicallyNormalized(_ path: [UInt8]) -> [UInt8] {
    var parts: [ArraySlice<UInt8>] = []
    for part in path.split(separator: 0x2F, omittingEmptySubsequences: true) {
        if part.elementsEqual([0x2E]) { continue }
        if part.elementsEqual([0x2E, 0x2E]) {
            _ = parts.popLast()
            continue
        }
        parts.append(part)
    }
    var out: [UInt8] = []
    for part in parts { out += [0x2F] + part }
    return out.isEmpty ? [0x2F] : out
}

extension FingerprintDatabase {
    /// Reads and checks a database file with the library's `FileSystem.readAll`: opens it once,
    /// refuses anything but a regular file (a FIFO without waiting for a writer), reads the
    /// 32-byte header and checks it against the size from `fstat` (so a huge file that is not
    /// a database costs one small read), then reads the file into one buffer of exactly that
    /// size and parses it. Also returns the file size.
    static func load(_ path: FilePath) throws(ReadError) -> (database: FingerprintDatabase, fileSize: Int) {
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.readAll(
                pathBytes: path.bytes, maxBytes: Int.max, prefixLength: headerByteCount, regularFilesOnly: true
            ) { (prefix, _, size) throws(ReadError) -> Int? in
                // The header against the real size: a huge file that is not a database costs
                // one small read.
                _ = try checkHeader(Array(prefix), fileSize: size ?? prefix.count)
                return size
            }
        } catch {
            switch error {
            case .system(_, let code): throw .unreadable(code == ENOENT ? "no such file" : errnoText(code))
            case .notRegularFile(let isFolder): throw .unreadable(isFolder ? "it is a folder" : "not a regular file")
            case .tooLarge: throw .unreadable("the file changed or failed while being read")
            case .rejected(let rejection): throw rejection
            }
        }
        return (try FingerprintDatabase(bytes: bytes), bytes.count)
    }
}

/// The right to change one database file: an exclusive `flock` on the sidecar file
/// `TARGET.lock`, where TARGET is the database path with symlinks followed (so every
/// spelling and every link of one database shares one lock). Hold it from reading the
/// database to renaming the new file over it; it is released by ``release()`` or when the
/// process ends (also when it is killed). The lock file is empty and is never removed
/// (removing it would let two writers lock two different files).
final class DatabaseWriter {
    /// The file that is replaced: the database path with symlinks followed, folder canonical.
    let target: FilePath
    /// The path as the user gave it, for messages.
    let given: FilePath
    private var lockFD: Int32

    /// How long a writer waits for another one before giving up.
    static let lockTimeout: Duration = .seconds(60)

    /// Resolves `path`, creates `TARGET.lock` if needed and waits for the lock (saying so on
    /// stderr after a second, giving up after ``lockTimeout``).
    init(_ path: FilePath) throws(CommandFailure) {
        given = path
        target = try Self.resolve(path)
        let lockPath = FilePath(bytes: target.bytes + Array(".lock".utf8))
        let fd = lockPath.withCString { open($0, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o666) }
        guard fd >= 0 else { throw CommandFailure(message: "cannot create the lock file \(lockPath): \(errnoText())") }
        lockFD = fd
        let clock = ContinuousClock()
        let start = clock.now
        var announced = false
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            guard code == EWOULDBLOCK || code == EINTR else {
                close(fd)
                throw CommandFailure(message: "cannot lock \(lockPath): \(errnoText(code))")
            }
            let waited = clock.now - start
            if waited > Self.lockTimeout {
                close(fd)
                throw CommandFailure(
                    message:
                        "another phash has been changing the database for over \(Self.lockTimeout.components.seconds) s "
                        + "(lock \(lockPath)); nothing was written, try again")
            }
            if !announced, waited > .seconds(1) {
                printError("phash: \(path): waiting for another phash that is changing the database...")
                announced = true
            }
            usleep(50_000)
        }
    }

    deinit { release() }

    /// Releases the lock (closing the lock file). Idempotent.
    func release() {
        if lockFD >= 0 {
            close(lockFD)
            lockFD = -1
        }
    }

    /// `path` with symlinks followed (up to 40 links; a dangling link names the file it would
    /// create), then made canonical by ``canonicalPath(_:)``.
    static func resolve(_ path: FilePath) throws(CommandFailure) -> FilePath {
        var current = path
        for _ in 0..<40 {
            var st = stat()
            let status = current.withCString { lstat($0, &st) }
            if status != 0 {
                guard errno == ENOENT else {
                    throw CommandFailure(message: "cannot examine \(current): \(errnoText())")
                }
                return canonicalPath(current)
            }
            guard st.st_mode & S_IFMT == S_IFLNK else { return canonicalPath(current) }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = current.withCString { readlink($0, &buffer, buffer.count) }
            guard n > 0 else { throw CommandFailure(message: "cannot read the symlink \(current): \(errnoText())") }
            let link = buffer[0..<n].map { UInt8(bitPattern: $0) }
            if link.first == 0x2F {
                current = FilePath(bytes: link)
            } else {
                let cut = current.bytes.lastIndex(of: 0x2F).map { current.bytes[...$0] } ?? []
                current = FilePath(bytes: Array(cut) + link)
            }
        }
        throw CommandFailure(message: "too many levels of symlinks from \(path)")
    }

    /// The target's status, or nil when it does not exist.
    func targetStatus() throws(CommandFailure) -> stat? { try Self.status(of: target) }

    /// The status of `target` (following symlinks), or nil when it does not exist.
    static func status(of target: FilePath) throws(CommandFailure) -> stat? {
        var st = stat()
        if target.withCString({ stat($0, &st) }) != 0 {
            guard errno == ENOENT else { throw CommandFailure(message: "cannot examine \(target): \(errnoText())") }
            return nil
        }
        return st
    }

    /// Refuses an existing target that this process must not replace: not a regular file, no
    /// write bit for anyone (mode `a-w`, refused even for root, who passes every permission
    /// check), or not writable by this user (`access(W_OK)`).
    static func checkWritable(_ target: FilePath) throws(CommandFailure) {
        guard let st = try status(of: target) else { return }
        guard st.st_mode & S_IFMT == S_IFREG else { throw CommandFailure(message: "\(target) is not a regular file") }
        let mode = st.st_mode & 0o7777
        if mode & 0o222 == 0 {
            throw CommandFailure(
                message: "the database is read-only (mode \(String(mode, radix: 8))); nothing was written "
                    + "(make it writable with chmod u+w to allow changes)")
        }
        if target.withCString({ access($0, W_OK) }) != 0 {
            throw CommandFailure(
                message: "the database is read-only for this user (\(errnoText())); nothing was written")
        }
    }

    /// Writes `database` atomically over the target: removes stale temporary files of this
    /// database (see ``removeStaleTemporaries()``), creates `TARGET.tmp` (exclusive, no
    /// symlink followed), gives it the existing file's owner and group (when this user may;
    /// else the group alone, else neither) and mode (a new file gets `0666` less the umask),
    /// writes every byte, `fsync`, renames it over the target, and `fsync`s the folder. On
    /// failure the temporary file is removed and the target is untouched.
    func save(_ database: FingerprintDatabase) throws(CommandFailure) {
        let existing = try targetStatus()
        removeStaleTemporaries()
        do {
            try FileSystem.replaceAtomically(
                pathBytes: target.bytes, with: database.serialized(), temporarySuffix: Array(".tmp".utf8),
                newFileMode: existing == nil ? 0o666 : 0o600, keepOwnerAndMode: existing, folderSync: false)
        } catch {
            let temp = FilePath(bytes: target.bytes + Array(".tmp".utf8))
            let why = errnoText(error.errno)
            let message =
                switch error.operation {
                case "open": "cannot create \(temp): \(why)"
                case "fchmod": "cannot set the mode of \(temp): \(why)"
                case "write": "cannot write \(temp): \(why)"
                case "fsync": "cannot flush \(temp): \(why)"
                case "close": "cannot close \(temp): \(why)"
                case "rename": "cannot rename \(temp) to \(target): \(why)"
                default: "cannot \(error.operation) \(error.path): \(why)"
                }
            throw CommandFailure(message: message)
        }
    }

    /// Removes temporary files that killed writers left next to the target: `NAME.tmp` (only
    /// a writer holding the lock uses it, and that is this process), and `NAME.tmp-PID-HEX`
    /// (the names of earlier phash versions) whose process PID no longer exists. Called under
    /// the lock; files of other databases and of live processes are left alone.
    func removeStaleTemporaries() {
        _ = FilePath(bytes: target.bytes + Array(".tmp".utf8)).withCString { unlink($0) }
        let cut = target.bytes.lastIndex(of: 0x2F) ?? 0
        let folder = FilePath(bytes: cut == 0 ? [0x2F] : Array(target.bytes[..<cut]))
        let prefix = Array(target.bytes[(cut + 1)...]) + Array(".tmp-".utf8)
        guard let dir = folder.withCString({ opendir($0) }) else { return }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name: [UInt8] = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            guard name.count > prefix.count, name.starts(with: prefix) else { continue }
            let rest = name[prefix.count...].split(separator: 0x2D, maxSplits: 1, omittingEmptySubsequences: false)
            guard rest.count == 2, let pid = Int32(String(decoding: rest[0], as: UTF8.self)), pid > 0,
                !rest[1].isEmpty, rest[1].allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
            else { continue }
            if kill(pid, 0) != 0, errno == ESRCH {
                _ = folder.appending(name).withCString { unlink($0) }
            }
        }
    }
}
