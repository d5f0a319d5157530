import Foundation
import PerceptualHash

/// `phash-bench [--options]`: the algorithm comparison (robustness, then speed). See
/// `Documentation/Benchmarks.md`.
func runHarness(arguments: [String]) async {
    let options = HarnessOptions(arguments: arguments)
    if options.help { print(HarnessOptions.usage); return }
    if options.listAttacks {
        for attack in HarnessAttack.all + HarnessAttack.heldOut + HarnessAttack.sweep + HarnessAttack.blind {
            print("\(attack.name)\t\(attack.summary)")
        }
        return
    }
    if options.listAlgorithms {
        for algorithm in HarnessAlgorithm.all { print("\(algorithm.name)\t\(algorithm.summary)") }
        return
    }
    if options.selfTest { exit(HarnessSelfTest.run() ? 0 : 1) }
    #if DEBUG
        let build = "debug"
        harnessLog(
            """
            ************************************************************************
            WARNING: phash-bench was built in DEBUG: timings are meaningless and the
            run is slow. Use: swift run -c release phash-bench
            ************************************************************************
            """)
    #else
        let build = "release"
    #endif
    let wallStart = Date()

    // Inputs.
    var images: [HarnessImage]
    let source: String
    if let directory = options.imagesDirectory {
        images = HarnessCorpus.load(directory: directory)
        source = "\(directory) (Netpbm files)"
    } else {
        let count = options.quick ? 24 : max(100, options.generatedCount)
        images = HarnessCorpus.generated(count: count)
        source = "generated corpus (\(count) seeded images, 64..640 px)"
    }
    if options.quick && images.count > 24 { images = Array(images.prefix(24)) }
    if options.limit > 0 && images.count > options.limit { images = Array(images.prefix(options.limit)) }
    guard images.count >= 2 else { HarnessOptions.fail("need at least 2 readable images, found \(images.count)") }

    let attackPool =
        options.attackSet == "heldout"
        ? HarnessAttack.heldOut
        : options.attackSet == "sweep"
            ? HarnessAttack.sweep : options.attackSet == "blind" ? HarnessAttack.blind : HarnessAttack.all
    let attackNames =
        options.attacks
        ?? (options.quick && options.attackSet == "harness" ? HarnessAttack.quickNames : attackPool.map(\.name))
    let attacks = attackNames.map { name -> HarnessAttack in
        guard
            let attack = (HarnessAttack.all + HarnessAttack.heldOut + HarnessAttack.sweep + HarnessAttack.blind).first(
                where: {
                    $0.name == name
                })
        else {
            HarnessOptions.fail("unknown attack \(name); see --list-attacks")
        }
        return attack
    }
    let algorithms = (options.algorithms ?? HarnessAlgorithm.all.map(\.name)).map { name -> HarnessAlgorithm in
        guard let algorithm = HarnessAlgorithm.all.first(where: { $0.name == name }) else {
            HarnessOptions.fail("unknown algorithm \(name); see --list-algorithms")
        }
        return algorithm
    }
    guard !attacks.isEmpty, !algorithms.isEmpty else { HarnessOptions.fail("no attack or no algorithm selected") }

    let pixels = images.reduce(0) { $0 + $1.image.pixelCount }
    var context: [String: String] = [
        "command": "phash-bench " + arguments.joined(separator: " "),
        "images": "\(images.count) from \(source), \(String(format: "%.1f", Double(pixels) / 1e6)) Mpx in all",
        "build": build,
        "machine": harnessMachineDescription(),
        "date": ISO8601DateFormatter().string(from: Date()),
    ]
    harnessLog(
        "phash-bench: \(images.count) images, \(attacks.count) attacks, \(algorithms.count) algorithms (\(build) build)"
    )

    var robustness: HarnessRobustnessResult?
    var distances: [HarnessDistances] = []
    if !options.skipRobustness {
        let (r, d) = await HarnessRobustness.run(images: images, attacks: attacks, algorithms: algorithms)
        robustness = r
        distances = d
    }

    var speed: HarnessSpeedResult?
    if !options.skipSpeed {
        harnessLog("phash-bench: speed")
        let subset = Array(images.prefix(options.quick ? 8 : options.speedImages)).map(\.image)
        var sets: [(name: String, images: [PixelBuffer])] = [("corpus x\(subset.count)", subset)]
        let sizes = options.quick ? [(640, 480)] : [(640, 480), (1920, 1080), (4000, 3000)]
        for (w, h) in sizes { sets.append(("\(w)x\(h)", [HarnessCorpus.synthetic(width: w, height: h)])) }
        speed = HarnessSpeed.run(sets: sets, algorithms: algorithms, repetitions: options.repetitions)
    }

    let peak = HarnessSpeed.peakMemoryBytes()
    context["peak memory"] = String(format: "%.0f MiB (getrusage ru_maxrss)", Double(peak) / 1_048_576)
    context["wall time"] = String(format: "%.1f s", Date().timeIntervalSince(wallStart))
    let markdown = HarnessReport.markdown(robustness: robustness, speed: speed, context: context)
    print(markdown)

    if let directory = options.outputDirectory {
        let fm = FileManager.default
        do {
            try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
            func write(_ name: String, _ text: String) throws {
                try text.write(
                    toFile: (directory as NSString).appendingPathComponent(name), atomically: true, encoding: .utf8)
            }
            try write("report.md", markdown)
            try write(
                "results.json",
                HarnessReport.json(.init(context: context, robustness: robustness, speed: speed, peakMemoryBytes: peak))
            )
            if let r = robustness {
                try write("results.csv", HarnessReport.csv(r))
                try write(
                    "roc.svg",
                    HarnessSVG.roc(
                        r.algorithms, distances, title: "ROC, \(r.images) images, \(r.attacks.count) attacks"))
                for (a, d) in zip(r.algorithms, distances) {
                    try write("distances-\(a.name).svg", HarnessSVG.distances(a, d))
                }
            }
            harnessLog("phash-bench: wrote \(directory)/report.md, results.json, results.csv, roc.svg, distances-*.svg")
        } catch {
            HarnessOptions.fail("cannot write to \(directory): \(error.localizedDescription)")
        }
    }
}

/// CPU model, core count and load average, from /proc where available.
func harnessMachineDescription() -> String {
    var parts: [String] = []
    if let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
        let line = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
        let name = line.split(separator: ":", maxSplits: 1).last
    {
        parts.append(name.trimmingCharacters(in: .whitespaces))
    }
    parts.append("\(ProcessInfo.processInfo.activeProcessorCount) cores")
    if let load = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) {
        parts.append("load average \(load.split(separator: " ").prefix(3).joined(separator: " ")) at start")
    }
    return parts.joined(separator: ", ")
}
