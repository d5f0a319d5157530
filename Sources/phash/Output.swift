import Glibc

/// Writes all of `bytes` to `fd` with `write(2)`, retrying `EINTR` and short writes.
/// Returns 0, or the `errno` of the failure (`EPIPE` included: SIGPIPE is ignored).
func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Int32 {
    bytes.withUnsafeBytes { buffer -> Int32 in
        guard let base = buffer.baseAddress else { return 0 }
        var done = 0
        while done < buffer.count {
            let n = write(fd, base + done, buffer.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            if n == 0 { return EIO }
            done += n
        }
        return 0
    }
}

/// Standard error, unbuffered. A failure to write there is ignored (there is nowhere left
/// to report it); the command's exit status still says what happened.
func printError(_ text: String) {
    _ = writeAll(2, Array((text + "\n").utf8))
}

/// The first failure to write standard output in this process, shared by every ``Output``:
/// `main.swift` reports it once and exits 2.
enum OutputFailure {
    /// The `errno` of the first failed write to standard output, or 0.
    nonisolated(unsafe) static var code: Int32 = 0
    /// Whether a write to standard output failed.
    static var happened: Bool { code != 0 }
}

/// Buffered standard output: one `write(2)` per ~64 KiB instead of one per line. After a
/// failed write (a full disk, a closed pipe, a closed descriptor) the rest is discarded and
/// the failure recorded in ``OutputFailure`` (never a trap).
struct Output {
    private var buffer: [UInt8] = []

    mutating func line(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        buffer.append(0x0A)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// A path on a line of its own, escaped (``FilePath/escaped``).
    mutating func line(_ path: FilePath) { line(path.escaped) }

    /// Writes the buffer out; records a failure in ``OutputFailure``.
    mutating func flush() {
        guard !buffer.isEmpty else { return }
        if !OutputFailure.happened {
            let code = writeAll(1, buffer)
            if code != 0 { OutputFailure.code = code }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Prints `text` and a newline through ``Output`` (for help texts).
func printOutput(_ text: String) {
    var out = Output()
    out.line(text)
    out.flush()
}
