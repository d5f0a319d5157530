import PerceptualHash
print("phash-bench: nothing to measure yet")
if CommandLine.arguments.dropFirst().first == "resample" { runResampleBenchmark(arguments: Array(CommandLine.arguments.dropFirst(2))) }
