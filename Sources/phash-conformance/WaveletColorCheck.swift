import Foundation
import PerceptualHash

/// WaveletHash and ColorHash against ImageHash 4.3.2 (PyWavelets 1.9.0) on every corpus photo,
/// large ones included: `whash(im)`, `whash(im, 16)`, `whash(im, mode='db4')` and
/// `colorhash(im)`, from the file the environment variable `WAVELET_COLOR_REFERENCE` names
/// (`path<TAB>whash<TAB>whash16<TAB>whash_db4<TAB>colorhash`, written by
/// `Scripts/references/wavelet_color.py corpus`; Scripts/conformance.sh makes it when Python
/// has imagehash and pywt). Skipped with a message when the variable is not set.
func waveletColorCheck(_ context: ConformanceContext) -> CheckResult {
    var result = CheckResult(name: "ImageHash 4.3.2 whash/whash16/whash-db4/colorhash")
    guard let path = ProcessInfo.processInfo.environment["WAVELET_COLOR_REFERENCE"], !path.isEmpty else {
        print(
            "\(result.name): skipped (WAVELET_COLOR_REFERENCE not set; Scripts/conformance.sh sets it when imagehash and PyWavelets are installed)"
        )
        return result
    }
    guard let data = try? Data(contentsOf: URL(fileURLWithPath: path)) else {
        result.record(false, "cannot read \(path)")
        return result
    }
    let hashers: [(name: String, hasher: any ImageHasher)] = [
        ("whash", WaveletHash()), ("whash16", WaveletHash(size: 16)),
        ("whash-db4", WaveletHash(wavelet: .daubechies4)), ("colorhash", ColorHash()),
    ]
    for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
        let f = line.split(separator: "\t").map(String.init)
        guard f.count == 1 + hashers.count else {
            result.record(false, "malformed line: \(line)")
            continue
        }
        let name = URL(fileURLWithPath: f[0]).lastPathComponent
        guard case .success(let image) = context.image(URL(fileURLWithPath: f[0])) else {
            result.record(false, "\(name): cannot decode")
            continue
        }
        for (i, (column, hasher)) in hashers.enumerated() {
            let got = hasher.fingerprint(of: image).description
            result.record(got == f[i + 1], "\(name) \(column): \(got), expected \(f[i + 1])")
        }
    }
    return result
}
