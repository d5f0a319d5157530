import PerceptualHash

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "grayscale" { runGrayscaleBenchmark(arguments: Array(arguments.dropFirst())) }
else { print("phash-bench: nothing to measure yet") }
