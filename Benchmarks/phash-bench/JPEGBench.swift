import Foundation
import PerceptualHash
import PerceptualHashDecoders

/// `phash-bench jpeg DIR [--runs N]`: JPEG decoding of every `.jpg` in DIR by
/// `PixelBuffer(jpeg:)` next to Pillow's `Image.open(BytesIO(bytes)).load()` on the same bytes
/// (Benchmarks/pillow_jpeg.py, run by this mode in the same invocation), per group of files
/// (the setting `Scripts/references/jpeg.py corpus` puts in each name). Files are read into
/// memory first; times are medians of N runs (default 5) after a warm-up, one core.
func runJPEGBenchmark(arguments: [String]) {
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
        print("usage: phash-bench jpeg DIR [--runs N]   (DIR: JPEG files, e.g. from Scripts/references/jpeg.py corpus)")
        return
    }
    let settings = ["q75-420", "q95-444", "q50-422-opt", "q85-420-prog", "q30-420-rst", "q90-gray"]
    func group(_ name: String) -> String { settings.first { name.hasSuffix("-\($0).jpg") } ?? "other" }
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter {
        $0.hasSuffix(".jpg") || $0.hasSuffix(".jpeg")
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
        .appendingPathComponent("pillow_jpeg.py").path
    process.arguments = ["python3", script, folder, String(runs)]
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

    print("JPEG decode, milliseconds per group (median of \(runs) runs after a warm-up, one core)")
    print(
        padColumn("group", 22) + padColumn("files", 7) + padColumn("Mpx", 8) + padColumn("MB", 8)
            + padColumn("ours ms", 10) + padColumn("Pillow ms", 11)
            + padColumn("ours Mpx/s", 12) + "Pillow / ours")
    for g in order {
        let files = groups[g]!
        var pixels = 0
        for f in files { if let image = try? PixelBuffer(jpeg: f) { pixels += image.pixelCount } }
        let bytes = files.reduce(0) { $0 + $1.count }
        let ours = medianSeconds(runs: runs) { for f in files { blackHole(try? PixelBuffer(jpeg: f)) } }
        let mpx = Double(pixels) / 1e6
        let theirs = pillow[g]
        print(
            padColumn(g, 22) + padColumn("\(files.count)", 7) + padColumn(format(mpx), 8)
                + padColumn(format(Double(bytes) / 1e6), 8)
                + padColumn(format(ours * 1000), 10) + padColumn(theirs.map { format($0 * 1000) } ?? "-", 11)
                + padColumn(format(mpx / ours), 12) + (theirs.map { format($0 / ours) + "x" } ?? "-"))
    }
}

private func format(_ x: Double) -> String { String(format: x < 10 ? "%.2f" : "%.1f", x) }
