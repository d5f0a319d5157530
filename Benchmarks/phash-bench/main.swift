// phash-bench [SUBCOMMAND [ARGS...]]: the first argument selects a benchmark; none runs all.
let benchmarks: [(name: String, run: ([String]) -> Void)] = [
    ("decode", runDecodeBenchmark),
    ("dct", runDCTBenchmark),
    ("grayscale", runGrayscaleBenchmark),
    ("resample", runResampleBenchmark),
    ("index", runIndexBenchmark),
]

let arguments = Array(CommandLine.arguments.dropFirst())
if let name = arguments.first {
    if let benchmark = benchmarks.first(where: { $0.name == name }) {
        benchmark.run(Array(arguments.dropFirst()))
    } else {
        print("phash-bench: unknown benchmark \(name); known: \(benchmarks.map(\.name).joined(separator: ", "))")
    }
} else {
    for benchmark in benchmarks { benchmark.run([]) }
}
