#!/usr/bin/env python3
"""Compiles and runs every ```swift example in README.md and Documentation/*.md.

Each example becomes the body of its own function in a throwaway package that depends on
this repository; the package's main creates the sample files the examples read (a.ppm,
b.ppm, photo.ppm: generated pictures; photo.png: a PNG test fixture; photo.jpg: a JPEG test fixture) in a temporary folder,
runs every example there and fails on the first error. Usage (from the repository root):  python3 Scripts/check-examples.py
"""
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, ".build-examples")

PRELUDE = r'''
import Foundation
import PerceptualHash

/// Sample images the examples may use: `image`, `imageA`, `imageB` in memory, and the files
/// a.ppm, b.ppm and photo.ppm in the current folder.
struct Samples {
    static func picture(width: Int, height: Int, phase: Double) -> PixelBuffer {
        var samples = [UInt8](repeating: 0, count: width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                let v = 0.5 + 0.25 * sin(Double(x) / 9 + phase) + 0.25 * cos(Double(y) / 7)
                for c in 0..<3 { samples[(y * width + x) * 3 + c] = UInt8(max(0, min(255, v * Double(200 + 20 * c)))) }
            }
        }
        return try! PixelBuffer(width: width, height: height, format: .rgb8, samples: samples)
    }
    static let imageA = picture(width: 160, height: 120, phase: 0)
    static let imageB = picture(width: 150, height: 110, phase: 0.05)
}
'''


def blocks(path):
    text = open(path, encoding="utf-8").read()
    for m in re.finditer(r"^```swift\n(.*?)^```", text, re.S | re.M):
        line = text.count("\n", 0, m.start()) + 1
        if m.group(1).startswith("// Package.swift"):
            continue  # a manifest excerpt, not code that runs
        yield line, m.group(1)


def main():
    sources = [os.path.join(ROOT, "README.md")]
    docs = os.path.join(ROOT, "Documentation")
    sources += sorted(os.path.join(docs, f) for f in os.listdir(docs) if f.endswith(".md"))
    examples = []
    for path in sources:
        for line, code in blocks(path):
            examples.append((os.path.relpath(path, ROOT), line, code))
    os.makedirs(os.path.join(WORK, "Sources", "Examples"), exist_ok=True)
    for f in os.listdir(os.path.join(WORK, "Sources", "Examples")):
        os.remove(os.path.join(WORK, "Sources", "Examples", f))
    with open(os.path.join(WORK, "Package.swift"), "w") as f:
        f.write('// swift-tools-version:6.1\nimport PackageDescription\n'
                'let package = Package(name: "Examples", dependencies: [.package(name: "PerceptualHash", path: "..")],\n'
                '  targets: [.executableTarget(name: "Examples", dependencies: [.product(name: "PerceptualHash", package: "PerceptualHash"),\n'
                '    .product(name: "PerceptualHashDecoders", package: "PerceptualHash")])])\n')
    calls = []
    for i, (path, line, code) in enumerate(examples):
        body = "\n".join("    " + l for l in code.splitlines() if not l.startswith("import "))
        with open(os.path.join(WORK, "Sources", "Examples", f"Example{i}.swift"), "w") as f:
            f.write(f"import Foundation\nimport PerceptualHash\nimport PerceptualHashDecoders\n\n// {path}:{line}\n"
                    f"func example{i}() async throws {{\n"
                    f"    let image = Samples.imageA, imageA = Samples.imageA, imageB = Samples.imageB\n"
                    f"    _ = (image, imageA, imageB)\n{body}\n}}\n")
        calls.append(f'    print("example \\({i}) ({path}:{line})"); try await example{i}()')
    with open(os.path.join(WORK, "Sources", "Examples", "main.swift"), "w") as f:
        f.write(PRELUDE.replace("import Foundation\nimport PerceptualHash\n", "") + "\n"
                "let folder = FileManager.default.temporaryDirectory.appendingPathComponent(\"phash-examples-\\(getpid())\")\n"
                "try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)\n"
                "_ = FileManager.default.changeCurrentDirectoryPath(folder.path)\n"
                "for (name, picture) in [(\"a.ppm\", Samples.imageA), (\"b.ppm\", Samples.imageB), (\"photo.ppm\", Samples.imageA)] {\n"
                "    try Data(picture.netpbmEncoded()).write(to: folder.appendingPathComponent(name))\n}\n"
                f"try FileManager.default.copyItem(atPath: \"{ROOT}/Tests/PerceptualHashDecodersTests/Fixtures/png/pillow-rgb.png\", "
                "toPath: folder.appendingPathComponent(\"photo.png\").path)\n"
                f"try FileManager.default.copyItem(atPath: \"{ROOT}/Tests/PerceptualHashDecodersTests/Fixtures/jpeg/own-exif6-13x6.jpg\", "
                "toPath: folder.appendingPathComponent(\"photo.jpg\").path)\n"
                "do {\n" + "\n".join(calls) + "\n} catch {\n    print(\"example failed: \\(error)\"); exit(1)\n}\n"
                f'print("{len(examples)} passed, 0 failed")\n')
        f.seek(0)
    with open(os.path.join(WORK, "Sources", "Examples", "Prelude.swift"), "w") as f:
        f.write(PRELUDE)
    # main.swift repeats nothing of the prelude: keep Samples only in Prelude.swift.
    main_path = os.path.join(WORK, "Sources", "Examples", "main.swift")
    text = open(main_path).read()
    text = text[text.index("let folder"):]
    open(main_path, "w").write("import Foundation\nimport PerceptualHash\n\n" + text)
    print(f"{len(examples)} examples from {len(sources)} files", file=sys.stderr)
    r = subprocess.run(["swift", "run", "--package-path", WORK, "Examples"], cwd=ROOT)
    sys.exit(r.returncode)


if __name__ == "__main__":
    main()
