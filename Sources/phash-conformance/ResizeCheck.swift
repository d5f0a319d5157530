import PerceptualHash

/// Pillow 13's LANCZOS resizes of every corpus image's gray samples (8x8, 9x8, 8x9, 32x32),
/// byte for byte against the intermediate golden file.
func resizeCheck(_ context: ConformanceContext) -> CheckResult {
    var result = CheckResult(name: "resize lanczos 8x8/9x8/8x9/32x32")
    for url in context.corpusImages {
        let name = url.lastPathComponent
        guard case .success(let image) = context.image(url), let record = context.intermediateGolden[name] else {
            result.record(false, "\(name): image or golden record missing")
            continue
        }
        var expected: [String: String] = [:]
        for (key, value) in record { if let text = value as? String { expected[key] = text } }
        let failures = checkResizeConformance(gray: image.grayscale(.rec601), expected: expected)
        for field in resizeConformanceFields {
            let failure = failures.first { $0.hasPrefix(field.field + ":") }
            result.record(failure == nil, "\(name): \(failure ?? "")")
        }
    }
    return result
}
