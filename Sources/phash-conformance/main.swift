// Conformance checks against the shared golden files (Pillow 13.0.0, ImageHash 4.3.2).
// Usage: phash-conformance [DATA_DIR] [pdq|png|crop|jpeg]   (DATA_DIR/corpus/images and
// DATA_DIR/golden; default ../shared; `pdq`: only the PDQ checks, `png`: only the PNG check,
// `crop`: only the crop-resistant check, `jpeg`: only the JPEG check)
// To add a check: write `func xCheck(_: ConformanceContext) -> CheckResult` in its own file
// and add one line to `allChecks`.
import Foundation

let allChecks: [(ConformanceContext) -> CheckResult] = [
    grayscaleCheck,
    resizeCheck,
    hashCheck,
    pdqCheck,
    pdqDihedralCheck,
    waveletColorCheck,
    pngCheck,
    cropResistantCheck,
    jpegCheck,
]

let mode = CommandLine.arguments.count > 2 ? CommandLine.arguments[2] : ""
let checks =
    switch mode {
    case "pdq": [pdqCheck, pdqDihedralCheck]
    case "png": [pngCheck]
    case "crop": [cropResistantCheck]
    case "jpeg": [jpegCheck]
    default: allChecks
    }
let sharedPath = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "../shared"
let context = ConformanceContext(shared: URL(fileURLWithPath: sharedPath, isDirectory: true))
var passed = 0, failed = 0
for check in checks {
    let result = check(context)
    print("\(result.name): \(result.passed) passed, \(result.failed) failed")
    for line in result.failures.prefix(20) { print("  FAIL \(line)") }
    passed += result.passed
    failed += result.failed
}
print("\(passed) passed, \(failed) failed")
exit(failed == 0 ? 0 : 1)
