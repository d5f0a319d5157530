import PerceptualHash
if CommandLine.arguments.dropFirst().first == "dct" { runDCTBenchmark(arguments: Array(CommandLine.arguments.dropFirst(2))) }
print("phash-bench: nothing to measure yet")
