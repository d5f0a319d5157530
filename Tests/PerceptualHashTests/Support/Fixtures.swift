import Foundation

/// Committed reference data under `Tests/PerceptualHashTests/Fixtures/`, produced by the
/// generator scripts in `Scripts/references/` (see `Scripts/references/README.md`).
enum Fixtures {
    /// The folder `Tests/PerceptualHashTests/Fixtures`, found from this source file's path so
    /// that `swift test` reads it from the checkout whatever the working directory.
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // PerceptualHashTests
        .appendingPathComponent("Fixtures", isDirectory: true)

    /// The bytes of `Fixtures/<path>`; fails the calling test (by throwing) when missing.
    static func data(_ path: String) throws -> Data {
        try Data(contentsOf: root.appendingPathComponent(path))
    }

    /// The lines of a UTF-8 text fixture, without empty lines and `#` comment lines.
    static func lines(_ path: String) throws -> [Substring] {
        let text = String(decoding: try data(path), as: UTF8.self)
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }
    }

    /// Lowercase hex (two digits per byte) to bytes.
    static func bytes(hex: some StringProtocol) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(hex.utf8.count / 2)
        var hi: UInt8? = nil
        for c in hex.utf8 {
            let v: UInt8 = c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x61 + 10
            if let h = hi { out.append(h << 4 | v); hi = nil } else { hi = v }
        }
        return out
    }
}
