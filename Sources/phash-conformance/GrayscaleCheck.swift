import PerceptualHash

/// Every corpus image decodes, and the SHA-256 of its `.rec601` gray samples equals Pillow's
/// `convert("L")` (`gray_sha256` in the intermediate golden file).
func grayscaleCheck(_ context: ConformanceContext) -> CheckResult {
    var result = CheckResult(name: "decode + gray rec601 sha256")
    let golden = context.intermediateGolden
    if golden.isEmpty { result.record(false, "golden/imagehash-4.3.2-intermediate.jsonl missing or empty") }
    if context.corpusImages.isEmpty { result.record(false, "corpus/images has no .ppm file") }
    for url in context.corpusImages {
        let name = url.lastPathComponent
        guard let expected = golden[name]?["gray_sha256"] as? String else {
            result.record(false, "\(name): no gray_sha256 in the golden file")
            continue
        }
        switch context.image(url) {
        case .failure(let error):
            result.record(false, "\(name): decode failed: \(error)")
        case .success(let image):
            let digest = SHA256.hex(of: image.grayscale(.rec601).samples)
            result.record(digest == expected, "\(name): gray sha256 \(digest), expected \(expected)")
        }
    }
    return result
}
