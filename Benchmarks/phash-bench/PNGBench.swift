import Foundation
import PerceptualHash
import PerceptualHashDecoders

/// `phash-bench png DIR [--runs N]`: PNG decoding of every `.png` in DIR by
/// `PixelBuffer(png:)` next to Pillow's `Image.open(BytesIO(bytes)).load()` on the same bytes
/// (Benchmarks/pillow_png.py, run by this mode in the same invocation), per group of files
/// (the setting `Scripts/references/png.py corpus` puts in each name). Files are read into
/// memory first; times are medians of N runs (default 5) after a warm-up, one core.
func runPNGBenchmark(arguments: [String]) {
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
        print("usage: phash-bench png DIR [--runs N]   (DIR: PNG files, e.g. from Scripts/references/png.py corpus)")
        return
    }
    let settings = ["rgb-level6", "rgb-level0", "rgb-level9-optimize", "l-level1", "p-256", "rgba", "rgb16-adam7"]
    func group(_ name: String) -> String { settings.first { name.hasSuffix("-\($0).png") } ?? "other" }
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".png") }
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
        .appendingPathComponent("pillow_png.py").path
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

    print("PNG decode, milliseconds per group (median of \(runs) runs after a warm-up, one core)")
    print(
        pad("group", 22) + pad("files", 7) + pad("Mpx", 8) + pad("MB", 8) + pad("ours ms", 10) + pad("Pillow ms", 11)
            + pad("ours Mpx/s", 12) + "Pillow / ours")
    for g in order {
        let files = groups[g]!
        var pixels = 0
        for f in files { if let image = try? PixelBuffer(png: f) { pixels += image.pixelCount } }
        let bytes = files.reduce(0) { $0 + $1.count }
        let ours = medianSeconds(runs: runs) { for f in files { blackHole(try? PixelBuffer(png: f)) } }
        let mpx = Double(pixels) / 1e6
        let theirs = pillow[g]
        print(
            pad(g, 22) + pad("\(files.count)", 7) + pad(format(mpx), 8) + pad(format(Double(bytes) / 1e6), 8)
                + pad(format(ours * 1000), 10) + pad(theirs.map { format($0 * 1000) } ?? "-", 11)
                + pad(format(mpx / ours), 12) + (theirs.map { format($0 / ours) + "x" } ?? "-"))
    }
}

private func medianSeconds(runs: Int, _ body: () -> Void) -> Double {
    body()
    var times: [Double] = []
    for _ in 0..<runs {
        let start = ContinuousClock.now
        body()
        let d = ContinuousClock.now - start
        times.append(Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18)
    }
    times.sort()
    return times[times.count / 2]
}

private func pad(_ s: String, _ n: Int) -> String {
    s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count)
}
private func format(_ x: Double) -> String { String(format: x < 10 ? "%.2f" : "%.1f", x) }
