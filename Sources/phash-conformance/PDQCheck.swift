import Foundation
import PerceptualHash

/// One line of the PDQ reference file: `path<TAB>hex<TAB>quality<TAB>seconds<TAB>dihedral`,
/// written by `Scripts/references/pdq.py corpus` (Scripts/conformance.sh makes it when Python
/// has pdqhash and names it in the environment variable `PDQ_REFERENCE`). `seconds` is the
/// time of `pdqhash.compute` alone; `dihedral` the eight hex hashes of
/// `pdqhash.compute_dihedral`, comma-separated.
struct PDQReferenceLine {
    var path: String
    var hex: String
    var quality: String
    var seconds: Double
    var dihedral: [String]

    /// The lines of the file `PDQ_REFERENCE` names; nil (after printing why) when it is not
    /// set. A malformed line or an unreadable file is recorded as a failure in `result`.
    static func load(into result: inout CheckResult) -> [PDQReferenceLine]? {
        guard let path = ProcessInfo.processInfo.environment["PDQ_REFERENCE"], !path.isEmpty else {
            print(
                "\(result.name): skipped (PDQ_REFERENCE not set; Scripts/conformance.sh sets it when pdqhash is installed)"
            )
            return nil
        }
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path)) else {
            result.record(false, "cannot read \(path)")
            return nil
        }
        var out: [PDQReferenceLine] = []
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let f = line.split(separator: "\t").map(String.init)
            guard f.count == 5, let seconds = Double(f[3]) else {
                result.record(false, "malformed line: \(line)")
                continue
            }
            let dihedral = f[4].split(separator: ",").map(String.init)
            out.append(PDQReferenceLine(path: f[0], hex: f[1], quality: f[2], seconds: seconds, dihedral: dihedral))
        }
        if out.isEmpty { print("\(result.name): no corpus images in \(path)") }
        return out
    }
}

/// PDQHash against pdqhash 0.2.8 on every corpus photo: `hashWithQuality(of:)` against
/// `pdqhash.compute` (hash and quality). Also prints the time both took, hashing only
/// (decoding excluded), one core.
func pdqCheck(_ context: ConformanceContext) -> CheckResult {
    var result = CheckResult(name: "PDQ (pdqhash 0.2.8) hash and quality")
    guard let lines = PDQReferenceLine.load(into: &result) else { return result }
    var swiftSeconds = 0.0, referenceSeconds = 0.0, pixels = 0
    let hasher = PDQHash()
    for line in lines {
        guard case .success(let image) = context.image(URL(fileURLWithPath: line.path)) else {
            result.record(false, "\(line.path): cannot decode")
            continue
        }
        let start = DispatchTime.now().uptimeNanoseconds
        let (fingerprint, quality) = hasher.hashWithQuality(of: image)
        swiftSeconds += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        referenceSeconds += line.seconds
        pixels += image.pixelCount
        let name = URL(fileURLWithPath: line.path).lastPathComponent
        result.record(
            fingerprint.description == line.hex && "\(quality)" == line.quality,
            "\(name): \(fingerprint) quality \(quality), expected \(line.hex) quality \(line.quality)")
    }
    if !lines.isEmpty {
        print(
            String(
                format: "PDQ timing: %d images, %.1f Mpixel: PDQHash %.3f s, pdqhash %.3f s",
                lines.count, Double(pixels) / 1e6, swiftSeconds, referenceSeconds))
    }
    return result
}

/// PDQHash's `dihedralHashes(of:)` against `pdqhash.compute_dihedral` on every corpus photo:
/// all eight hashes, in order, and the quality.
func pdqDihedralCheck(_ context: ConformanceContext) -> CheckResult {
    var result = CheckResult(name: "PDQ (pdqhash 0.2.8) dihedral hashes")
    guard let lines = PDQReferenceLine.load(into: &result) else { return result }
    let hasher = PDQHash()
    for line in lines {
        guard case .success(let image) = context.image(URL(fileURLWithPath: line.path)) else {
            result.record(false, "\(line.path): cannot decode")
            continue
        }
        let (fingerprints, quality) = hasher.dihedralHashes(of: image)
        let got = fingerprints.map(\.description)
        let name = URL(fileURLWithPath: line.path).lastPathComponent
        result.record(
            got == line.dihedral && "\(quality)" == line.quality,
            "\(name): \(got.joined(separator: ",")) quality \(quality), expected \(line.dihedral.joined(separator: ",")) quality \(line.quality)"
        )
    }
    return result
}
