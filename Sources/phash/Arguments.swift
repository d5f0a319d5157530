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
/// corrupted database): reported on stderr, exit status 2.
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
///
/// Arguments arrive as raw bytes (``FilePath``), since `argv` on Linux need not be UTF-8.
/// Option names and values are read as text (invalid UTF-8 replaced by U+FFFD); positionals
/// and the values of options listed in ``OptionSpec/pathValued`` also keep their exact bytes.
struct ParsedArguments {
    var values: [String: String] = [:]
    var flags: Set<String> = []
    /// The positionals as text (invalid UTF-8 replaced by U+FFFD), for messages and for
    /// commands that take names rather than files.
    var positionals: [String] = []
    /// The positionals with their exact bytes, in the same order as ``positionals``.
    var positionalPaths: [FilePath] = []
    /// The exact bytes of every valued option's value, by option name.
    var pathValues: [String: FilePath] = [:]
    /// `-h` or `--help` was given.
    var wantsHelp = false

    /// Parses `arguments` against `spec`. `--` ends the options; a lone `-` is a positional.
    static func parse(_ arguments: [String], spec: OptionSpec) throws(UsageError) -> ParsedArguments {
        try parse(raw: arguments.map(FilePath.init), spec: spec)
    }

    /// Parses raw `argv` bytes against `spec`, as ``parse(_:spec:)``.
    static func parse(raw arguments: [FilePath], spec: OptionSpec) throws(UsageError) -> ParsedArguments {
        var out = ParsedArguments()
        var i = 0
        var optionsEnded = false
        while i < arguments.count {
            let rawArg = arguments[i]
            let arg = String(decoding: rawArg.bytes, as: UTF8.self)
            i += 1
            if optionsEnded || !arg.hasPrefix("-") || arg == "-" {
                out.positionals.append(arg)
                out.positionalPaths.append(rawArg)
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
            var inlineValue: FilePath? = nil
            if let eq = rawArg.bytes.firstIndex(of: UInt8(ascii: "=")) {
                name = String(decoding: rawArg.bytes[2..<eq], as: UTF8.self)
                inlineValue = FilePath(bytes: Array(rawArg.bytes[(eq + 1)...]))
            }
            if spec.valued.contains(name) {
                let value: FilePath
                if let inlineValue {
                    value = inlineValue
                } else {
                    guard i < arguments.count else {
                        throw UsageError(message: "option '--\(name)' needs a value")
                    }
                    value = arguments[i]
                    i += 1
                }
                out.values[name] = String(decoding: value.bytes, as: UTF8.self)
                out.pathValues[name] = value
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

/// The output formats of the commands (`--format`): `text` for people, `tsv` and `json` for
/// programs. Each command accepts the ones its help lists.
enum OutputFormat: String {
    case text, tsv, json
}

extension ParsedArguments {
    /// `--format`, one of `allowed` (`defaultFormat` when absent); anything else is a usage
    /// error naming the choices.
    func format(_ allowed: [OutputFormat], default defaultFormat: OutputFormat = .text) throws(UsageError)
        -> OutputFormat
    {
        let name = try choice("format", of: allowed.map(\.rawValue), default: defaultFormat.rawValue)
        // `choice` returned one of the allowed raw values.
        return OutputFormat(rawValue: name) ?? defaultFormat
    }
}
