import Foundation
import PerceptualHash

/// What one conformance check found: how many cases passed, and a line per failure.
struct CheckResult {
    var name: String
    var passed = 0
    var failed = 0
    var failures: [String] = []

    mutating func record(_ ok: Bool, _ message: @autoclosure () -> String) {
        if ok { passed += 1 } else { failed += 1; failures.append(message()) }
    }
}

/// The shared folder (corpus and golden files) and what the checks read from it, loaded once.
final class ConformanceContext {
    let shared: URL
    init(shared: URL) { self.shared = shared }

    /// `corpus/images/*.ppm`, sorted by name.
    lazy var corpusImages: [URL] = {
        let folder = shared.appendingPathComponent("corpus/images", isDirectory: true)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".ppm") }.sorted().map { folder.appendingPathComponent($0) }
    }()

    /// `golden/imagehash-4.3.2-intermediate.jsonl`, one object per line, keyed by its "file".
    lazy var intermediateGolden: [String: [String: Any]] = {
        let url = shared.appendingPathComponent("golden/imagehash-4.3.2-intermediate.jsonl")
        guard let data = try? Data(contentsOf: url) else { return [:] }
        var records: [String: [String: Any]] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where !line.isEmpty {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let file = object["file"] as? String
            else { continue }
            records[file] = object
        }
        return records
    }()

    /// Decoded corpus images by file name (decoded once, shared by every check).
    private var decoded: [String: Result<PixelBuffer, NetpbmError>] = [:]

    func image(_ url: URL) -> Result<PixelBuffer, NetpbmError> {
        let name = url.lastPathComponent
        if let cached = decoded[name] { return cached }
        let result = Result { () throws(NetpbmError) -> PixelBuffer in try PixelBuffer(contentsOfFile: url.path) }
        decoded[name] = result
        return result
    }
}
