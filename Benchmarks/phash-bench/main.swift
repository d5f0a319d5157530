import PerceptualHash
if CommandLine.arguments.count > 1, CommandLine.arguments[1] == "index" { runIndexBenchmark(arguments: Array(CommandLine.arguments.dropFirst(2))) }
print("phash-bench: nothing to measure yet")
