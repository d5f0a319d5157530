// phash-bench [SUBCOMMAND [ARGS...]]: the first argument selects a benchmark; none, or options
// starting with "-", run the algorithm-comparison harness (Harness/HarnessMain.swift).
let benchmarks: [(name: String, run: ([String]) -> Void)] = [
    ("decode", runDecodeBenchmark),
    ("dct", runDCTBenchmark),
    ("grayscale", runGrayscaleBenchmark),
    ("resample", runResampleBenchmark),
    ("index", runIndexBenchmark),
    ("png", runPNGBenchmark),
    ("jpeg", runJPEGBenchmark),
    ("index256", runIndex256Benchmark),
    ("speed", runHashSpeedBenchmark),
    ("pdq", runPDQSpeedBenchmark),
    ("thresholds", runThresholdBenchmark),
    ("robust-speed", runRobustSpeedBenchmark),
    ("robust-index", runRobustIndexBenchmark),
]

let arguments = Array(CommandLine.arguments.dropFirst())
if let name = arguments.first, !name.hasPrefix("-") {
    if let benchmark = benchmarks.first(where: { $0.name == name }) {
        benchmark.run(Array(arguments.dropFirst()))
    } else {
        print("phash-bench: unknown benchmark \(name); known: \(benchmarks.map(\.name).joined(separator: ", "))")
    }
} else {
    await runHarness(arguments: arguments)
}
