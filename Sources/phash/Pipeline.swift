import Foundation
import PerceptualHash

/// Standard error, unbuffered.
func printError(_ text: String) {
    FileHandle.standardError.write((text + "\n").data(using: .utf8)!)
}

/// Buffered standard output: one write per ~64 KiB instead of one per line.
struct Output {
    private var buffer: [UInt8] = []

    mutating func line(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        buffer.append(0x0A)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
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
        let text = "\r\(done)/\(total) \(label), \(String(format: "%.1f", rate))/s, \(Int(left.rounded(.up))) s left\u{1B}[K"
        FileHandle.standardError.write(text.data(using: .utf8)!)
        drawn = true
    }

    mutating func finish() {
        guard drawn else { return }
        FileHandle.standardError.write("\r\u{1B}[K".data(using: .utf8)!)
        drawn = false
    }
}

/// One hashed input.
struct HashedImage: Sendable {
    var path: String
    var fingerprint: Fingerprint
}

/// Hashes every input on all cores (a task group that keeps at most `activeProcessorCount`
/// images in flight, so memory stays bounded) and hands the results to `deliver` in input
/// order, each as soon as it and all before it are done. Failures (missing files, undecodable
/// images) are reported on stderr as `phash: PATH: REASON`. Returns whether any input failed.
func hashInputs(
    _ inputs: [Result<String, InputError>],
    hasher: any ImageHasher,
    format: InputFormat,
    deliver: (Int, HashedImage) -> Void
) async -> Bool {
    var failed = false
    var progress = Progress(total: inputs.count)
    let width = max(1, ProcessInfo.processInfo.activeProcessorCount)
    await withTaskGroup(of: (Int, Result<HashedImage, InputError>).self) { group in
        var next = 0
        var pending: [Int: Result<HashedImage, InputError>] = [:]
        var emitted = 0
        func submit() {
            let index = next
            next += 1
            let input = inputs[index]
            group.addTask {
                switch input {
                case .failure(let error): return (index, .failure(error))
                case .success(let path):
                    switch format.load(path) {
                    case .failure(let error): return (index, .failure(error))
                    case .success(let image):
                        return (index, .success(HashedImage(path: path, fingerprint: hasher.fingerprint(of: image))))
                    }
                }
            }
        }
        while next < min(width, inputs.count) { submit() }
        while let (index, result) = await group.next() {
            pending[index] = result
            while let ready = pending.removeValue(forKey: emitted) {
                progress.finish()
                switch ready {
                case .success(let hashed): deliver(emitted, hashed)
                case .failure(let error):
                    printError("phash: \(error.path): \(error.reason)")
                    failed = true
                }
                emitted += 1
            }
            progress.update(done: emitted)
            if next < inputs.count { submit() }
        }
    }
    progress.finish()
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

/// Tab-separated field: tabs and newlines in paths would break the columns, so they are escaped.
func tsvField(_ text: String) -> String {
    text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\t", with: "\\t")
        .replacingOccurrences(of: "\n", with: "\\n")
}
