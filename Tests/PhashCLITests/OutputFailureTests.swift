import Foundation
import Testing

/// Output that cannot be written (a full device, a closed descriptor, a closed pipe) is an
/// error reported on stderr with exit status 2, never a trap (before: `try!` in
/// FileHandle.write, exit by signal 4, status 132).
@Suite struct OutputFailureTests {
    static func image() throws -> (TemporaryFolder, String) {
        let folder = try TemporaryFolder()
        let a = try folder.write("a.ppm", TestImages.scenePPM(seed: 11))
        try folder.write("b.ppm", TestImages.scenePPM(seed: 11))
        return (folder, a)
    }

    @Test(arguments: [["hash"], ["hash", "--format", "json"], ["dedupe"], ["dedupe", "--format", "tsv"], ["compare"]])
    func fullStdout(_ command: [String]) throws {
        let (folder, a) = try Self.image()
        defer { folder.cleanUp() }
        let args = command + (command[0] == "compare" ? [a, folder.path("b.ppm")] : [folder.url.path])
        let result = try CLI.run(args, stdout: .path("/dev/full"))
        #expect(result.status == 2, "\(command)")
        #expect(result.stderr == "phash: cannot write to standard output: No space left on device\n", "\(command)")
    }

    @Test func closedStdout() throws {
        let (folder, a) = try Self.image()
        defer { folder.cleanUp() }
        let result = try CLI.run(["hash", a], stdout: .closed)
        #expect(result.status == 2)
        #expect(result.stderr == "phash: cannot write to standard output: Bad file descriptor\n")
    }

    @Test(arguments: [["--help"], ["--version"], ["hash", "--help"], ["dedupe", "--help"], ["compare", "--help"]])
    func helpToAFullDevice(_ arguments: [String]) throws {
        let result = try CLI.run(arguments, stdout: .path("/dev/full"))
        #expect(result.status == 2, "\(arguments)")
        #expect(result.stderr.contains("cannot write to standard output"), "\(arguments)")
    }

    /// stderr full too: nothing can be reported, but the status still says what happened.
    @Test func fullStderr() throws {
        let (folder, a) = try Self.image()
        defer { folder.cleanUp() }
        let missing = try CLI.run(["hash", folder.path("missing.ppm")], stderrPath: "/dev/full")
        #expect(missing.status == 2)
        let both = try CLI.run(["hash", a], stdout: .path("/dev/full"), stderrPath: "/dev/full")
        #expect(both.status == 2)
        let fine = try CLI.run(["hash", a], stderrPath: "/dev/full")
        #expect(fine.status == 0)
        #expect(fine.lines.count == 1)
    }

    /// A reader that goes away: EPIPE is an error exit (2), not death by SIGPIPE (141).
    /// The output (~240 KB) is larger than the pipe buffer, so a write must fail.
    @Test func closedPipe() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        var text = ""
        for i in 0..<8_000 {
            text += String(repeating: "0", count: 8) + String(format: "%08x", i / 2) + "  image\(i).ppm\n"
        }
        let list = try folder.write("hashes.txt", Array(text.utf8))
        // The status of phash, the left side of the pipe, comes out through descriptor 3.
        let result = try CLI.shell(
            "s=$( { { \"$PHASH\" dedupe --threshold 0 --hashes '\(list)' 2>/dev/null; echo $? >&3; } | head -c 1 >/dev/null; } 3>&1 ); echo $s",
            timeout: 60)
        #expect(result.stdout == "2\n", "\(result.stdout) \(result.stderr)")
    }
}
