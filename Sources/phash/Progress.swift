import Foundation
import Glibc

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
