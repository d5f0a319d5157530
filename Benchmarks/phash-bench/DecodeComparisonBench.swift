import Foundation
import PerceptualHash
import PerceptualHashDecoders

/// A file format `phash-bench png` and `phash-bench jpeg` compare with Pillow: its name (the
/// subcommand and the argument of Benchmarks/pillow_decode.py), its file extensions, the
/// settings `Scripts/references/<name>.py corpus` puts at the end of each file name, and our
/// decoder.
struct DecodedFormat: Sendable {
    var name: String
    var label: String
    var extensions: [String]
    var settings: [String]
    var decode: @Sendable ([UInt8]) -> PixelBuffer?

    static let png = DecodedFormat(
        name: "png", label: "PNG", extensions: [".png"],
        settings: ["rgb-level6", "rgb-level0", "rgb-level9-optimize", "l-level1", "p-256", "rgba", "rgb16-adam7"],
        decode: { try? PixelBuffer(png: $0) })
    static let jpeg = DecodedFormat(
        name: "jpeg", label: "JPEG", extensions: [".jpg", ".jpeg"],
        settings: ["q75-420", "q95-444", "q50-422-opt", "q85-420-prog", "q30-420-rst", "q90-gray"],
        decode: { try? PixelBuffer(jpeg: $0) })
}

/// `phash-bench png DIR [--runs N]`: PNG decoding of every `.png` in DIR by `PixelBuffer(png:)`
/// next to Pillow's `Image.open(BytesIO(bytes)).load()` on the same bytes, per group of files.
func runPNGBenchmark(arguments: [String]) { runDecodeComparison(.png, arguments: arguments) }

/// `phash-bench jpeg DIR [--runs N]`: the same for every `.jpg` and `.jpeg` in DIR by
/// `PixelBuffer(jpeg:)`.
func runJPEGBenchmark(arguments: [String]) { runDecodeComparison(.jpeg, arguments: arguments) }

/// Our decoding of every file of `format` in DIR next to Pillow's `Image.open(BytesIO(bytes))
/// .load()` on the same bytes (Benchmarks/pillow_decode.py, run by this mode in the same
/// invocation), per group of files (the setting the corpus script puts in each name, the
/// first matching suffix `-SETTING.EXT`, else "other"). Files are read into memory first;
/// times are medians of N runs (default 5) after a warm-up, one core.
func runDecodeComparison(_ format: DecodedFormat, arguments: [String]) {
    var runs = 5
    var folder: String? = nil
    var i = 0
    while i < arguments.count {
        switch arguments[i] {
        case "--runs" where i + 1 < arguments.count:
            runs = max(1, Int(arguments[i + 1]) ?? runs); i += 1
        default:
            folder = arguments[i]
        }
        i += 1
    }
    guard let folder else {
        print(
            "usage: phash-bench \(format.name) DIR [--runs N]   (DIR: \(format.label) files, "
                + "e.g. from Scripts/references/\(format.name).py corpus)")
        return
    }
    func group(_ name: String) -> String {
        format.settings.first { s in format.extensions.contains { name.hasSuffix("-\(s)\($0)") } } ?? "other"
    }
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { name in
        format.extensions.contains { name.hasSuffix($0) }
    }
    .sorted()
    var groups: [String: [[UInt8]]] = [:]
    var order: [String] = []
    for name in names {
        guard let data = FileManager.default.contents(atPath: folder + "/" + name) else { continue }
        let g = group(name)
        if groups[g] == nil { order.append(g) }
        groups[g, default: []].append([UInt8](data))
    }

    // Pillow first, in a child process, on the same files.
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("pillow_decode.py").path
    process.arguments = ["python3", script, format.name, folder, String(runs)]
    let pipe = Pipe()
    process.standardOutput = pipe
    var pillow: [String: Double] = [:]
    do {
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        for line in String(decoding: output, as: UTF8.self).split(separator: "\n") {
            let f = line.split(separator: "\t")
            if f.count == 2, let s = Double(f[1]) { pillow[String(f[0])] = s }
        }
    } catch {
        print("(Pillow not run: \(error))")
    }

    print("\(format.label) decode, milliseconds per group (median of \(runs) runs after a warm-up, one core)")
    print(
        padColumn("group", 22) + padColumn("files", 7) + padColumn("Mpx", 8) + padColumn("MB", 8)
            + padColumn("ours ms", 10) + padColumn("Pillow ms", 11)
            + padColumn("ours Mpx/s", 12) + "Pillow / ours")
    for g in order {
        let files = groups[g]!
        var pixels = 0
        for f in files { if let image = format.decode(f) { pixels += image.pixelCount } }
        let bytes = files.reduce(0) { $0 + $1.count }
        let ours = medianSeconds(runs: runs) { for f in files { blackHole(format.decode(f)) } }
        let mpx = Double(pixels) / 1e6
        let theirs = pillow[g]
        print(
            padColumn(g, 22) + padColumn("\(files.count)", 7) + padColumn(decodeFigure(mpx), 8)
                + padColumn(decodeFigure(Double(bytes) / 1e6), 8)
                + padColumn(decodeFigure(ours * 1000), 10)
                + padColumn(theirs.map { decodeFigure($0 * 1000) } ?? "-", 11)
                + padColumn(decodeFigure(mpx / ours), 12) + (theirs.map { decodeFigure($0 / ours) + "x" } ?? "-"))
    }
}

private func decodeFigure(_ x: Double) -> String { String(format: x < 10 ? "%.2f" : "%.1f", x) }
