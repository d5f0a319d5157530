import Foundation
import Glibc
import PerceptualHash

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

/// Progress on stderr ("123/4567 images, 210.3/s, 21 s left"), only when stderr is a terminal;
/// redrawn at most ten times a second and erased at the end.
struct Progress {
    let total: Int
    let enabled: Bool
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false

    init(total: Int, label: String = "images") {
        self.total = total
        self.enabled = isatty(2) != 0 && total > 1
        self.label = label
    }

    private let label: String

    mutating func update(done: Int) {
        guard enabled else { return }
        let now = Date()
        guard done == total || now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        let elapsed = now.timeIntervalSince(start)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let left = rate > 0 ? Double(total - done) / rate : 0
        let text =
            "\r\(done)/\(total) \(label), \(String(format: "%.1f", rate))/s, \(Int(left.rounded(.up))) s left\u{1B}[K"
        _ = writeAll(2, Array(text.utf8))
        drawn = true
    }

    mutating func finish() {
        guard drawn else { return }
        _ = writeAll(2, Array("\r\u{1B}[K".utf8))
        drawn = false
    }
}

/// One hashed input.
struct HashedImage: Sendable {
    var path: FilePath
    var fingerprint: Fingerprint
    /// PDQ's quality score, 0...100, when the hasher is ``PDQHash``; nil for the others.
    var quality: Int? = nil
}

/// The fingerprint of `image` and, for ``PDQHash``, its quality (from the same pass).
func fingerprintAndQuality(_ hasher: any ImageHasher, _ image: PixelBuffer) -> (Fingerprint, Int?) {
    if let pdq = hasher as? PDQHash {
        let (fingerprint, quality) = pdq.hashWithQuality(of: image)
        return (fingerprint, quality)
    }
    return (hasher.fingerprint(of: image), nil)
}

/// Hashes every image of `inputs` on all cores (a task group that keeps at most
/// `activeProcessorCount` images in flight, so memory stays bounded) and hands the results to
/// `deliver` in input order, each as soon as it and all before it are done. Problems are
/// reported on stderr in input order: failures as `phash: PATH: REASON` (they make the
/// result true), skips as `phash: PATH: skipped: REASON` (they do not). With `minimumQuality`
/// (pdq only), an image whose quality is below it is not delivered but reported as
/// `phash: PATH: skipped: quality Q below --min-quality M`; it counts as hashed for the
/// "no image was hashed" check, so such skips never make the result true. Then, when folder
/// walks met files without a Netpbm, PNG or JPEG extension, one line says how many were skipped; and when
/// no image at all was hashed without any other failure, a line says so and the result is
/// true (an empty result is an error). Stops early once standard output failed.
/// Returns whether anything failed.
func hashInputs(
    _ inputs: InputList,
    hasher: any ImageHasher,
    format: InputFormat,
    minimumQuality: Int? = nil,
    deliver: (Int, HashedImage) -> Void
) async -> Bool {
    var failed = false
    var hashedCount = 0
    var lowQualityCount = 0
    let entries = inputs.entries
    var progress = Progress(total: inputs.imageCount)
    let width = max(1, ProcessInfo.processInfo.activeProcessorCount)
    // A low-quality image is a failure result marked `skipped` whose `lowQuality` is set.
    await withTaskGroup(of: (Int, Result<HashedImage, InputError>).self) { group in
        var next = 0
        var pending: [Int: Result<HashedImage, InputError>] = [:]
        var emitted = 0
        var images = 0
        func submit() {
            let index = next
            next += 1
            let entry = entries[index]
            group.addTask {
                switch entry {
                case .problem(let error): return (index, .failure(error))
                case .image(let source):
                    switch format.load(source) {
                    case .failure(let error): return (index, .failure(error))
                    case .success(let image):
                        let (fingerprint, quality) = fingerprintAndQuality(hasher, image)
                        if let minimumQuality, let quality, quality < minimumQuality {
                            var skip = InputError(
                                path: source.displayPath,
                                reason: "quality \(quality) below --min-quality \(minimumQuality)", skipped: true)
                            skip.lowQuality = true
                            return (index, .failure(skip))
                        }
                        let hashed = HashedImage(path: source.displayPath, fingerprint: fingerprint, quality: quality)
                        return (index, .success(hashed))
                    }
                }
            }
        }
        while next < min(width, entries.count) { submit() }
        while let (index, result) = await group.next() {
            pending[index] = result
            while let ready = pending.removeValue(forKey: emitted) {
                progress.finish()
                switch ready {
                case .success(let hashed):
                    deliver(hashedCount, hashed)
                    hashedCount += 1
                    images += 1
                case .failure(let error):
                    if error.skipped {
                        printError("phash: \(error.path.escaped): skipped: \(error.reason)")
                        if error.lowQuality { lowQualityCount += 1 }
                    } else {
                        printError("phash: \(error.path.escaped): \(error.reason)")
                        failed = true
                    }
                    if case .image = entries[emitted] { images += 1 }
                }
                emitted += 1
            }
            progress.update(done: images)
            if OutputFailure.happened {
                group.cancelAll()
                return
            }
            if next < entries.count { submit() }
        }
    }
    progress.finish()
    if inputs.skippedNotNetpbm > 0 {
        let n = inputs.skippedNotNetpbm
        printError(
            "phash: skipped \(grouped(n)) file\(n == 1 ? "" : "s") that \(n == 1 ? "is" : "are") not Netpbm, PNG or JPEG "
                + "(only .pbm .pgm .ppm .pnm .pam .png .jpg .jpeg are read from folders); convert others to PPM first, "
                + "see 'phash hash --help'")
    }
    if hashedCount == 0 && lowQualityCount == 0 && !failed && !OutputFailure.happened {
        printError("phash: no image was hashed")
        failed = true
    }
    return failed
}

/// JSON string literal for `text`.
func jsonString(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 {
                out += String(format: "\\u%04x", scalar.value)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}

/// Tab-separated field of text: `\\`, tab and newline escaped as ``FilePath/escaped`` does.
func tsvField(_ text: String) -> String { FilePath(text).escaped }

/// Tab-separated field of a path: ``FilePath/escaped``.
func tsvField(_ path: FilePath) -> String { path.escaped }

/// JSON string for a path: the path itself when it is valid UTF-8, else its
/// ``FilePath/escaped`` form (which is valid UTF-8 and names the path exactly).
func jsonString(_ path: FilePath) -> String { jsonString(path.string ?? path.escaped) }
