// The `phash` command-line tool: hash, compare, find duplicates, keep a fingerprint database.
// Exit status: 0 success (search/compare: a match), 1 no match, 2 error. See Documentation/CLI.md.
import Foundation

let topLevelHelp = """
    usage: phash COMMAND [OPTIONS] ...

    Perceptual image hashing from the shell (Netpbm input, or raw pixels with --raw).

    Commands:
      hash      print the fingerprint of every image
      compare   distances between two images under every algorithm and histogram comparison
      dedupe    groups of near-duplicate images
      index     a fingerprint database: build, add, remove, search, info

    Run 'phash COMMAND --help' for the options of a command.
    Exit status: 0 success (for 'index search' and 'compare': a match), 1 no match,
    2 error (an input or database that could not be read, a usage mistake).
    """

/// Runs one command line and returns the exit status; usage errors print a hint.
func runCommand(_ arguments: [String]) async -> ExitStatus {
    guard let command = arguments.first else {
        printError(topLevelHelp)
        return .failure
    }
    let rest = Array(arguments.dropFirst())
    do throws(UsageError) {
        switch command {
        case "hash": return try await HashCommand.run(rest)
        case "compare": return try await CompareCommand.run(rest)
        case "dedupe": return try await DedupeCommand.run(rest)
        case "index": return try await IndexCommand.run(rest)
        case "-h", "--help", "help":
            print(topLevelHelp)
            return .success
        default:
            throw UsageError(message: "unknown command '\(command)'")
        }
    } catch {
        let name = ["hash", "compare", "dedupe", "index"].contains(command) ? "phash \(command)" : "phash"
        var helpCommand = name
        if command == "index", let sub = rest.first, IndexCommand.subcommands.contains(sub) {
            helpCommand += " \(sub)"
        }
        printError("\(name): \(error.message)\nRun '\(helpCommand) --help' for usage.")
        return .failure
    }
}

exit(await runCommand(Array(CommandLine.arguments.dropFirst())).rawValue)
