import PerceptualHash

/// The resizes recorded in `golden/imagehash-4.3.2-intermediate.jsonl`: field name, width, height.
/// (`lanczos_9x8` is 9 wide and 8 high, dhash's input; `lanczos_8x9` is dhash_vertical's.)
let resizeConformanceFields: [(field: String, width: Int, height: Int)] = [
    ("lanczos_8x8", 8, 8), ("lanczos_9x8", 9, 8), ("lanczos_8x9", 8, 9), ("lanczos_32x32", 32, 32),
]

/// Checks `gray` (the corpus image after `grayscale(.rec601)`, Pillow's `convert("L")`) resized
/// with `.lanczos` in Pillow 13's pass order against the golden bytes.
///
/// - Parameters:
///   - gray: the `.gray8` image.
///   - expected: the golden record's fields, for example `["lanczos_8x8": "5861..."]`; the
///     values are lowercase hex, two digits per byte, row-major. Keys other than those of
///     ``resizeConformanceFields`` are ignored.
/// - Returns: one message per mismatch or missing field (empty when everything matches), each
///   naming the field and, for a mismatch, the first differing byte.
func checkResizeConformance(gray: PixelBuffer, expected: [String: String]) -> [String] {
    var failures: [String] = []
    for (field, w, h) in resizeConformanceFields {
        guard let hex = expected[field] else {
            failures.append("\(field): missing in the golden record")
            continue
        }
        let got = gray.resized(width: w, height: h, filter: .lanczos).samples
        let gotHex = got.map { b in
            let s = String(b, radix: 16)
            return s.count == 1 ? "0" + s : s
        }.joined()
        if gotHex != hex.lowercased() {
            let a = Array(gotHex.utf8), e = Array(hex.lowercased().utf8)
            var i = 0
            while i < min(a.count, e.count) && a[i] == e[i] { i += 1 }
            failures.append(
                "\(field): \(w)x\(h) differs from byte \(i / 2) (got \(gotHex.count / 2) bytes, expected \(hex.count / 2))"
            )
        }
    }
    return failures
}
