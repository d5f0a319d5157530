import Foundation
import PerceptualHash

/// ImageHash 4.3.2's hex output for every corpus image (`golden/imagehash-4.3.2.tsv`):
/// average_hash, phash, dhash and dhash_vertical at sizes 8 and 16, and whash at size 8.
func hashCheck(_ context: ConformanceContext) -> CheckResult {
    var result = CheckResult(name: "ImageHash 4.3.2 hashes (ahash/phash/dhash/dhash_vertical x 8/16, whash 8)")
    let url = context.shared.appendingPathComponent("golden/imagehash-4.3.2.tsv")
    guard let data = try? Data(contentsOf: url) else {
        result.record(false, "golden/imagehash-4.3.2.tsv missing")
        return result
    }
    let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").filter { !$0.hasPrefix("#") }
    guard let header = lines.first?.split(separator: "\t").map(String.init) else {
        result.record(false, "golden/imagehash-4.3.2.tsv is empty")
        return result
    }
    let hashers: [(column: String, hasher: any ImageHasher)] = [
        ("ahash8", AverageHash(size: 8)), ("phash8", DCTHash(size: 8)),
        ("dhash8", DifferenceHash(size: 8)), ("dhashv8", DifferenceHash(size: 8, direction: .vertical)),
        ("ahash16", AverageHash(size: 16)), ("phash16", DCTHash(size: 16)),
        ("dhash16", DifferenceHash(size: 16)), ("dhashv16", DifferenceHash(size: 16, direction: .vertical)),
        ("whash8", WaveletHash()),
    ]
    let folder = context.shared.appendingPathComponent("corpus/images", isDirectory: true)
    for line in lines.dropFirst() {
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == header.count else {
            result.record(false, "malformed golden line: \(line)")
            continue
        }
        let name = fields[0]
        guard case .success(let image) = context.image(folder.appendingPathComponent(name)) else {
            result.record(false, "\(name): cannot decode")
            continue
        }
        for (column, hasher) in hashers {
            guard let index = header.firstIndex(of: column) else {
                result.record(false, "golden file has no column \(column)")
                continue
            }
            let got = hasher.fingerprint(of: image).description
            result.record(got == fields[index], "\(name) \(column): \(got), expected \(fields[index])")
        }
    }
    return result
}
