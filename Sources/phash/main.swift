// The `phash` command-line tool: hash, compare, find duplicates, keep a fingerprint database.
// Exit status: 0 success (search/compare: a match), 1 no match, 2 error. See Documentation/CLI.md.
import Foundation
import Glibc

/// The version `phash --version` prints.
let phashVersion = "0.1.0"

let topLevelHelp = """
    usage: phash COMMAND [OPTIONS] ...

    Perceptual image hashing from the shell (Netpbm, PNG or JPEG input, or raw pixels with --raw).

    Commands:
      hash      print the fingerprint of every image
      compare   distances between two images under every algorithm and histogram comparison (--robust)
      dedupe    groups of near-duplicate images (--robust: mirrored, cropped, rotated copies too)
      index     a fingerprint database: build, add, remove, search, info (build --robust)
      distances the distance of every (query, reference) pair, plain or --robust

    Run 'phash COMMAND --help' for the options of a command; 'phash --version' prints the version.
    Input is Netpbm (PBM, PGM, PPM, PAM), PNG or JPEG; 'phash hash --help' shows how to convert others.

    Exit status: 0 success (for 'index search' and 'compare': a match), 1 no match
    ('index search' found nothing, 'compare' judged the images different), 2 an error
    (an input or database that could not be read, no image found, output that could not
    be written, a usage mistake).
    """

/// Runs one command line (raw `argv` bytes, without the program name) and returns the exit
/// status; usage errors print a hint.
func runCommand(_ rawArguments: [FilePath]) async -> ExitStatus {
    guard let first = rawArguments.first else {
        printError(topLevelHelp)
        return .failure
    }
    let command = String(decoding: first.bytes, as: UTF8.self)
    let rawRest = Array(rawArguments.dropFirst())
    let rest = rawRest.map { String(decoding: $0.bytes, as: UTF8.self) }
    do throws(UsageError) {
        switch command {
        case "hash": return try await HashCommand.run(rawRest)
        case "compare": return try await CompareCommand.run(rawRest)
        case "dedupe": return try await DedupeCommand.run(rawRest)
        case "index": return try await IndexCommand.run(rawRest)
        case "distances": return try await DistancesCommand.run(rawRest)
        case "-h", "--help", "help":
            printOutput(topLevelHelp)
            return .success
        case "--version", "version":
            printOutput("phash \(phashVersion)")
            return .success
        default:
            throw UsageError(message: "unknown command '\(command)'")
        }
    } catch {
        let name = ["hash", "compare", "dedupe", "index", "distances"].contains(command) ? "phash \(command)" : "phash"
        var helpCommand = name
        if command == "index", let sub = rest.first, IndexCommand.subcommands.contains(sub) {
            helpCommand += " \(sub)"
        }
        printError("\(name): \(error.message)\nRun '\(helpCommand) --help' for usage.")
        return .failure
    }
}

/// The raw bytes of every argument: `CommandLine.arguments` would replace bytes that are not
/// UTF-8, and a file name given that way could then not be opened.
func rawArguments() -> [FilePath] {
    var out: [FilePath] = []
    for i in 1..<Int(CommandLine.argc) {
        guard let pointer = CommandLine.unsafeArgv[i] else { continue }
        out.append(
            FilePath(
                bytes: Array(UnsafeBufferPointer(start: pointer, count: strlen(pointer)).map { UInt8(bitPattern: $0) }))
        )
    }
    return out
}

// A closed pipe reader is an output error (EPIPE, exit 2), not a silent death by signal.
signal(SIGPIPE, SIG_IGN)
// Hold descriptors 0-2 if the caller closed them, so that no image or database opened later
// takes their number. Opened read-only: a write to a closed stdout then fails (EBADF), and
// that failure is reported, as it should be.
for fd: Int32 in 0...2 where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
    _ = open("/dev/null", O_RDONLY)
}
var status = await runCommand(rawArguments())
// Nothing should sit in stdio's buffer (output goes through write(2)); flush and check anyway.
if fflush(nil) != 0, !OutputFailure.happened {
    OutputFailure.code = errno == 0 ? EIO : errno
}
if OutputFailure.happened {
    printError("phash: cannot write to standard output: \(errnoText(OutputFailure.code))")
    status = .failure
}
exit(status.rawValue)
