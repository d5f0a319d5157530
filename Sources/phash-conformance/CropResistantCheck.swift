import Foundation
import PerceptualHash

/// CropResistantHash against ImageHash 4.3.2's `crop_resistant_hash(im)` (Pillow 13.0.0) on
/// every corpus photo, large ones included: the whole text form (every segment's hash, in
/// order) must be identical. Reads the file the environment variable `CROP_RESISTANT_REFERENCE`
/// names (`path<TAB>str(hash)`, written by `Scripts/references/crop_resistant.py corpus`;
/// Scripts/conformance.sh makes it when Python has imagehash). Skipped with a message when the
/// variable is not set.
func cropResistantCheck(_ context: ConformanceContext) -> CheckResult {
    var result = CheckResult(name: "ImageHash 4.3.2 crop_resistant_hash")
    guard let path = ProcessInfo.processInfo.environment["CROP_RESISTANT_REFERENCE"], !path.isEmpty else {
        print(
            "\(result.name): skipped (CROP_RESISTANT_REFERENCE not set; Scripts/conformance.sh sets it when imagehash is installed)"
        )
        return result
    }
    guard let data = try? Data(contentsOf: URL(fileURLWithPath: path)) else {
        result.record(false, "cannot read \(path)")
        return result
    }
    let hasher = CropResistantHash()
    for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
        let f = line.split(separator: "\t").map(String.init)
        guard f.count == 2 else {
            result.record(false, "malformed line: \(line)")
            continue
        }
        let name = URL(fileURLWithPath: f[0]).lastPathComponent
        guard case .success(let image) = context.image(URL(fileURLWithPath: f[0])) else {
            result.record(false, "\(name): cannot decode")
            continue
        }
        let got = hasher.multiFingerprint(of: image).description
        result.record(got == f[1], "\(name): \(got), expected \(f[1])")
    }
    return result
}
