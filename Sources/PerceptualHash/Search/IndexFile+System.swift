extension IndexFile {
    /// Writes `bytes` to `path` atomically with ``FileSystem``: a temporary file
    /// `path.tmp-<random hex>` in the same folder (exclusive create, mode 0644 less the umask),
    /// written in full, `fsync`ed, closed and renamed over `path`, then the folder `fsync`ed so
    /// the rename itself is durable. On failure the temporary file is removed and `path` is
    /// untouched.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws(IndexFileError) {
        var rng = SystemRandomNumberGenerator()
        let suffix = Array((".tmp-" + String(rng.next() as UInt64, radix: 16)).utf8)
        do {
            try FileSystem.replaceAtomically(
                pathBytes: Array(path.utf8), with: bytes, temporarySuffix: suffix, newFileMode: 0o644)
        } catch {
            throw .io(operation: error.operation, path: error.path, errno: error.errno)
        }
    }

    /// The whole content of the file at `path` (read with ``FileSystem``: a regular file into
    /// one array of its real `fstat` size, never a claimed count).
    static func read(_ path: String) throws(IndexFileError) -> [UInt8] {
        do {
            return try FileSystem.readAll(pathBytes: Array(path.utf8), maxBytes: Int.max) {
                (_, _, _) throws(Never) -> Int? in nil
            }
        } catch {
            switch error {
            case .system(let operation, let code): throw .io(operation: operation, path: path, errno: code)
            case .tooLarge, .notRegularFile: throw .io(operation: "read", path: path, errno: FileSystem.invalidArgument)
            }
        }
    }
}
