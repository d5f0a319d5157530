import Foundation
import PerceptualHash

/// The check shared by the file decoders (PNG, JPEG): the corpus photos converted by a
/// reference script (Scripts/conformance.sh writes them and names the reference file in the
/// environment variable `variable`) decode to exactly Pillow's pixels (SHA-256 of the
/// samples), and AverageHash, DCTHash and DifferenceHash of the decoded buffer equal ImageHash
/// 4.3.2's on `Image.open`. Reference lines: `path setting pillow_mode format sha256 ahash8
/// phash8 dhash8`. `decode` gives the image or the error's description.
func decodedFileCheck(
    name: String, variable: String, decode: ([UInt8]) -> Result<PixelBuffer, DecodeFailure>
) -> CheckResult {
    var result = CheckResult(name: name)
    guard let path = ProcessInfo.processInfo.environment[variable], !path.isEmpty else {
        print(
            "\(result.name): skipped (\(variable) not set; Scripts/conformance.sh sets it when Pillow and ImageHash are installed)"
        )
        return result
    }
    guard let data = try? Data(contentsOf: URL(fileURLWithPath: path)) else {
        result.record(false, "cannot read \(path)")
        return result
    }
    let hashers: [any ImageHasher] = [AverageHash(size: 8), DCTHash(size: 8), DifferenceHash(size: 8)]
    var pixelsSame = 0, hashesSame = 0, files = 0
    var perSetting: [String: (files: Int, pixels: Int, hashes: Int)] = [:]
    for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
        let f = line.split(separator: "\t").map(String.init)
        guard f.count == 8 else {
            result.record(false, "malformed line: \(line)")
            continue
        }
        files += 1
        var tally = perSetting[f[1], default: (0, 0, 0)]
        tally.files += 1
        defer { perSetting[f[1]] = tally }
        guard let bytes = FileManager.default.contents(atPath: f[0]) else {
            result.record(false, "\(f[0]): unreadable")
            continue
        }
        let image: PixelBuffer
        switch decode([UInt8](bytes)) {
        case .success(let decoded): image = decoded
        case .failure(let error):
            result.record(false, "\(f[0]): \(error.description)")
            continue
        }
        let samePixels = image.format.description == f[3] && SHA256.hex(of: image.samples) == f[4]
        result.record(samePixels, "\(f[0]): \(image.format) pixels differ from Pillow's (\(f[2]))")
        let got = hashers.map { $0.fingerprint(of: image).description }
        let sameHashes = got == Array(f[5...7])
        result.record(sameHashes, "\(f[0]): hashes \(got), ImageHash \(Array(f[5...7]))")
        if samePixels { pixelsSame += 1; tally.pixels += 1 }
        if sameHashes { hashesSame += 1; tally.hashes += 1 }
    }
    for (setting, t) in perSetting.sorted(by: { $0.key < $1.key }) {
        print(
            "  \(setting): \(t.pixels)/\(t.files) identical pixels, \(t.hashes)/\(t.files) identical ahash/phash/dhash")
    }
    print("  all: \(pixelsSame)/\(files) identical pixels, \(hashesSame)/\(files) identical ImageHash values")
    return result
}

/// A decoder's error, as the check reports it.
struct DecodeFailure: Error {
    var description: String
}
