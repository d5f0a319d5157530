// Hand-written argument parsing: no package dependencies.

/// Exit statuses of every command, as grep uses them: 0 success (for `index search` and
/// `compare`: a match), 1 no match, 2 an error of any kind (an input that could not be read, a
/// refused database, output that could not be written, a usage mistake). An error takes
/// precedence: a search where one query matched and another could not be read exits 2.
enum ExitStatus: Int32 {
    /// Everything worked (and, for `index search` and `compare`, something matched).
    case success = 0
    /// Everything worked but nothing matched: `index search` found no entry for any query,
    /// `compare` judged the two images different.
    case noMatch = 1
    /// An error: some input (an image, a database) could not be read, output could not be
    /// written, or the command line is wrong. What could be processed was.
    case failure = 2
}

/// A command-line mistake: reported with a pointer to `--help`, exit status 2.
struct UsageError: Error {
    /// What is wrong, for example "unknown option '--foo'".
    var message: String
}

/// A failure of the whole command that is not a usage mistake (for example an unreadable or
/// corrupted database): reported on stderr, exit status 1.
struct CommandFailure: Error {
    var message: String
}

/// The options one command accepts.
struct OptionSpec {
    /// Options that take a value (`--size 8` or `--size=8`), without the dashes.
    var valued: Set<String> = []
    /// Options that take no value, without the dashes.
    var flags: Set<String> = []
}

/// A parsed command line: options by name (the last occurrence wins), flags, positionals.
struct ParsedArguments {
    var values: [String: String] = [:]
    var flags: Set<String> = []
    var positionals: [String] = []
    /// `-h` or `--help` was given.
    var wantsHelp = false

    /// Parses `arguments` against `spec`. `--` ends the options; a lone `-` is a positional.
    static func parse(_ arguments: [String], spec: OptionSpec) throws(UsageError) -> ParsedArguments {
        var out = ParsedArguments()
        var i = 0
        var optionsEnded = false
        while i < arguments.count {
            let arg = arguments[i]
            i += 1
            if optionsEnded || !arg.hasPrefix("-") || arg == "-" {
                out.positionals.append(arg)
                continue
            }
            if arg == "--" {
                optionsEnded = true
                continue
            }
            if arg == "-h" || arg == "--help" {
                out.wantsHelp = true
                continue
            }
            guard arg.hasPrefix("--") else {
                throw UsageError(message: "unknown option '\(arg)'")
            }
            var name = String(arg.dropFirst(2))
            var inlineValue: String? = nil
            if let eq = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            }
            if spec.valued.contains(name) {
                if let inlineValue {
                    out.values[name] = inlineValue
                } else {
                    guard i < arguments.count else {
                        throw UsageError(message: "option '--\(name)' needs a value")
                    }
                    out.values[name] = arguments[i]
                    i += 1
                }
            } else if spec.flags.contains(name) {
                guard inlineValue == nil else {
                    throw UsageError(message: "option '--\(name)' takes no value")
                }
                out.flags.insert(name)
            } else {
                throw UsageError(message: "unknown option '--\(name)'")
            }
        }
        return out
    }

    /// The value of `--name` as an integer in `range`, or `defaultValue` when absent.
    func integer(_ name: String, in range: ClosedRange<Int>, default defaultValue: Int) throws(UsageError) -> Int {
        guard let text = values[name] else { return defaultValue }
        guard let value = Int(text), range.contains(value) else {
            throw UsageError(
                message: "--\(name) must be an integer in \(range.lowerBound)...\(range.upperBound), not '\(text)'")
        }
        return value
    }

    /// The value of `--name`, which must be one of `choices`, or `defaultValue` when absent.
    func choice(_ name: String, of choices: [String], default defaultValue: String) throws(UsageError) -> String {
        guard let text = values[name] else { return defaultValue }
        guard choices.contains(text) else {
            throw UsageError(
                message: "--\(name) must be one of \(choices.joined(separator: ", ")), not '\(text)'")
        }
        return text
    }
}
