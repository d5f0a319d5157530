import Foundation
import PerceptualHash

/// PDQHash against pdqhash 0.2.8 on every corpus photo: the file named by the environment
/// variable `PDQ_REFERENCE`, lines `path<TAB>hex<TAB>quality<TAB>seconds` written by
/// `Scripts/references/pdq.py corpus` (Scripts/conformance.sh makes it when Python has
/// pdqhash). Also prints the time both took, hashing only (decoding excluded), one core.
func pdqCheck(_ context: ConformanceContext) -> CheckResult {
    var result = CheckResult(name: "PDQ (pdqhash 0.2.8) hash and quality")
    guard let path = ProcessInfo.processInfo.environment["PDQ_REFERENCE"], !path.isEmpty else {
        print("PDQ: skipped (PDQ_REFERENCE not set; Scripts/conformance.sh sets it when pdqhash is installed)")
        return result
    }
    guard let data = try? Data(contentsOf: URL(fileURLWithPath: path)) else {
        result.record(false, "cannot read \(path)")
        return result
    }
    let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
    if lines.isEmpty { print("PDQ: skipped (no corpus images in \(path))") }
    var swiftSeconds = 0.0, referenceSeconds = 0.0, pixels = 0
    let hasher = PDQHash()
    for line in lines {
        let f = line.split(separator: "\t").map(String.init)
        guard f.count == 4 else {
            result.record(false, "malformed line: \(line)")
            continue
        }
        guard case .success(let image) = context.image(URL(fileURLWithPath: f[0])) else {
            result.record(false, "\(f[0]): cannot decode")
            continue
        }
        let start = DispatchTime.now().uptimeNanoseconds
        let (fingerprint, quality) = hasher.hashWithQuality(of: image)
        swiftSeconds += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        referenceSeconds += Double(f[3]) ?? 0
        pixels += image.pixelCount
        let name = URL(fileURLWithPath: f[0]).lastPathComponent
        result.record(
            fingerprint.description == f[1] && "\(quality)" == f[2],
            "\(name): \(fingerprint) quality \(quality), expected \(f[1]) quality \(f[2])")
    }
    if !lines.isEmpty {
        print(String(
            format: "PDQ timing: %d images, %.1f Mpixel: PDQHash %.3f s, pdqhash %.3f s",
            lines.count, Double(pixels) / 1e6, swiftSeconds, referenceSeconds))
    }
    return result
}
