import Foundation
import PerceptualHashTestSupport

/// The command line of the comparison harness (`phash-bench [--option ...]`).
struct HarnessOptions: Sendable {
    /// A folder of Netpbm files, or nil for the built-in generated corpus.
    var imagesDirectory: String?
    /// Where report.md, results.json, results.csv and the SVG plots go, or nil for stdout only.
    var outputDirectory: String?
    /// Attack names to run, or nil for all.
    var attacks: [String]?
    /// The edit set the attacks come from: `harness` (``HarnessAttack/all``), `heldout`
    /// (``HarnessAttack/heldOut``), `sweep` (``HarnessAttack/sweep``) or `blind`
    /// (``HarnessAttack/blind``).
    var attackSet = "harness"
    /// Algorithm names to run, or nil for all.
    var algorithms: [String]?
    /// CI mode: a small corpus subset, fewer attacks and repetitions.
    var quick = false
    /// Skip the speed section.
    var skipSpeed = false
    /// Skip the robustness section.
    var skipRobustness = false
    /// Repetitions per speed measurement (after one warm-up).
    var repetitions = 5
    /// How many corpus images the speed section times.
    var speedImages = 32
    /// Number of generated images in the built-in corpus.
    var generatedCount = 120
    /// Largest number of images used (0 = all).
    var limit = 0
    var listAttacks = false
    var listAlgorithms = false
    var selfTest = false
    var help = false

    static let usage = """
        phash-bench [OPTIONS]            compare every hash and histogram algorithm (robustness + speed)
        phash-bench SUBCOMMAND [ARGS]    micro-benchmarks: decode, dct, grayscale, resample, ...

        Options:
          --images DIR          every Netpbm file (.ppm .pgm .pbm .pnm .pam) in DIR (default: a generated corpus)
          --generated N         size of the generated corpus (default 120, at least 100 unless --quick)
          --limit N             use only the first N images (sorted by file name)
          --attacks a,b,c       run only these attacks (see --list-attacks)
          --attack-set NAME     harness (default), heldout (other parameters and combinations), sweep (parameters drawn per image) or blind (validation: other ranges and seeds)
          --algorithms a,b,c    run only these algorithms (see --list-algorithms)
          --output DIR          write report.md, results.json, results.csv and SVG plots to DIR
          --repetitions N       timed repetitions per speed measurement, after a warm-up (default 5, min 5)
          --speed-images N      corpus images timed in the speed section (default 32)
          --no-speed            skip the speed section
          --no-robustness       skip the robustness section
          --quick               CI mode: 24 images, 6 attacks, small speed sizes
          --list-attacks        print the attack names and exit
          --list-algorithms     print the algorithm names and exit
          --self-test           check the metrics and the attacks on hand-computed cases; exit 1 on failure
          --help                this text
        """

    /// Parses `arguments`; prints a message and exits with status 2 on a bad option.
    init(arguments: [String]) {
        var i = 0
        func value(_ option: String) -> String {
            i += 1
            guard i < arguments.count else { Self.fail("\(option) needs a value") }
            return arguments[i]
        }
        func integer(_ option: String, minimum: Int) -> Int {
            let text = value(option)
            guard let n = Int(text), n >= minimum else {
                Self.fail("\(option) needs an integer >= \(minimum), not \(text)")
            }
            return n
        }
        func list(_ option: String) -> [String] {
            value(option).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        while i < arguments.count {
            let argument = arguments[i]
            switch argument {
            case "--images": imagesDirectory = value(argument)
            case "--output": outputDirectory = value(argument)
            case "--attacks": attacks = list(argument)
            case "--algorithms": algorithms = list(argument)
            case "--attack-set":
                attackSet = value(argument)
                guard ["harness", "heldout", "sweep", "blind"].contains(attackSet) else {
                    Self.fail("--attack-set is harness, heldout, sweep or blind, not \(attackSet)")
                }
            case "--quick": quick = true
            case "--no-speed": skipSpeed = true
            case "--no-robustness": skipRobustness = true
            case "--repetitions": repetitions = integer(argument, minimum: 5)
            case "--speed-images": speedImages = integer(argument, minimum: 1)
            case "--generated": generatedCount = integer(argument, minimum: 2)
            case "--limit": limit = integer(argument, minimum: 2)
            case "--list-attacks": listAttacks = true
            case "--list-algorithms": listAlgorithms = true
            case "--self-test": selfTest = true
            case "--help", "-h": help = true
            default: Self.fail("unknown option \(argument)")
            }
            i += 1
        }
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("phash-bench: \(message)\n\(usage)\n".utf8))
        exit(2)
    }
}

/// Writes a line to stderr (progress and warnings, so stdout stays a clean report).
func harnessLog(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Every byte given to ``harnessBlackHole(_:)``, summed; printed after the speed section so
/// that the sums, and the work behind them, are live.
nonisolated(unsafe) var harnessSink: UInt8 = 0

/// Consumes a value so the optimizer cannot drop the work that produced it: its bytes are
/// added to a global that is printed at the end (an empty `@inline(never)` function is not
/// enough: the optimizer sees it has no effects and removes the call, and then the work).
@inline(never)
func harnessBlackHole<T>(_ value: T) {
    withUnsafeBytes(of: value) { bytes in
        for byte in bytes { harnessSink &+= byte }
    }
}

/// The harness's only randomness: the package's seeded SplitMix64.
typealias HarnessRandom = SplitMix64
