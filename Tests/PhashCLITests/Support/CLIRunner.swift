import Foundation
#if canImport(Glibc)
    import Glibc
#endif
import PerceptualHash

/// Runs the BUILT `phash` executable.
///
/// Where it is: the test target depends on the `phash` executable target, so `swift build
/// --build-tests` and `swift test` build `phash` into the same products folder as the test
/// bundle (`.build/<triple>/<configuration>/`). The runner looks, in order, at `$PHASH_CLI`,
/// next to the running test binary (`/proc/self/exe` on Linux, `Bundle.main` elsewhere) and
/// its parent folders up to the products folder, then at `.build/debug/phash` and
/// `.build/release/phash` under the package root found from `#filePath`.
enum CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var lines: [String] {
            stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        }
    }

    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // PhashCLITests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    static let executable: URL? = {
        let fm = FileManager.default
        var candidates: [URL] = []
        if let env = ProcessInfo.processInfo.environment["PHASH_CLI"] { candidates.append(URL(fileURLWithPath: env)) }
        var starts: [URL] = [URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()]
        if let main = Bundle.main.executableURL { starts.append(main.resolvingSymlinksInPath()) }
        starts.append(Bundle.main.bundleURL)
        for start in starts {
            var folder = start.deletingLastPathComponent()
            for _ in 0..<4 {
                candidates.append(folder.appendingPathComponent("phash"))
                folder = folder.deletingLastPathComponent()
            }
        }
        candidates.append(packageRoot.appendingPathComponent(".build/debug/phash"))
        candidates.append(packageRoot.appendingPathComponent(".build/release/phash"))
        return candidates.first { url in
            var isDir: ObjCBool = false
            return fm.fileExists(atPath: url.path, isDirectory: &isDir) && !isDir.boolValue
                && fm.isExecutableFile(atPath: url.path)
        }
    }()

    struct NotBuilt: Error, CustomStringConvertible {
        var description: String { "the phash executable was not found; run 'swift build --build-tests' first" }
    }

    /// Where the command's standard output goes.
    enum Stdout {
        /// A temporary file, returned in ``Result/stdout``.
        case capture
        /// The file at this path, opened for writing (for example `/dev/full`).
        case path(String)
        /// Closed: the command starts with no descriptor 1.
        case closed
    }

    /// Runs `phash arguments...` in `directory` with `stdin` as standard input; output goes to
    /// temporary files (no pipe deadlock on large outputs) unless `stdout`/`stderrPath` say
    /// otherwise. A run longer than `timeout` seconds is killed (SIGKILL) and reported with
    /// status -1, so a hang fails the test instead of blocking the suite.
    static func run(
        _ arguments: [String], in directory: URL? = nil, stdin: String? = nil, stdout: Stdout = .capture,
        stderrPath: String? = nil, timeout: Double = 120
    ) throws -> Result {
        guard let executable else { throw NotBuilt() }
        switch stdout {
        case .closed:
            // Foundation's Process cannot close a descriptor: a shell does it, then execs phash.
            return try launch(
                "/bin/sh", ["-c", "exec \"$0\" \"$@\" >&-", executable.path] + arguments,
                in: directory, stdin: stdin, stdout: .capture, stderrPath: stderrPath, timeout: timeout)
        default:
            return try launch(
                executable.path, arguments, in: directory, stdin: stdin, stdout: stdout,
                stderrPath: stderrPath, timeout: timeout)
        }
    }

    /// Runs `/bin/sh -c script` with `$PHASH` set to the executable: for arguments that are not
    /// UTF-8 (`"$(printf 'b\\377.ppm')"`), which `Process` cannot pass.
    static func shell(_ script: String, in directory: URL? = nil, timeout: Double = 120) throws -> Result {
        guard let executable else { throw NotBuilt() }
        return try launch(
            "/bin/sh", ["-c", script], in: directory, stdin: nil, stdout: .capture, stderrPath: nil,
            timeout: timeout, environment: ["PHASH": executable.path])
    }

    /// Runs `phash arguments...` with output discarded and returns its exit status and its own
    /// peak resident set size in KiB, from `wait4` on that one child (`RUSAGE_CHILDREN` would
    /// report the largest child of the whole test process, other tests' children included).
    static func peakMemory(_ arguments: [String]) throws -> (status: Int32, maxRSSKiB: Int) {
        guard let executable else { throw NotBuilt() }
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = [executable.path] + arguments
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for pointer in cArgs { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable.path, &actions, nil, &cArgs, environ)
        guard spawned == 0 else { throw SpawnFailed(code: spawned) }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw SpawnFailed(code: errno) }
        }
        let exitStatus: Int32 = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : -1
        return (exitStatus, Int(usage.ru_maxrss))
    }

    /// `posix_spawn` or `wait4` failed with this `errno`.
    struct SpawnFailed: Error { let code: Int32 }

    private static func launch(
        _ program: String, _ arguments: [String], in directory: URL?, stdin: String?, stdout: Stdout,
        stderrPath: String?, timeout: Double, environment: [String: String] = [:]
    ) throws -> Result {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("phash-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("out"), errURL = scratch.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        if let directory { process.currentDirectoryURL = directory }
        let out: FileHandle
        switch stdout {
        case .path(let path): out = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        default: out = try FileHandle(forWritingTo: outURL)
        }
        let err = try FileHandle(forWritingTo: stderrPath.map { URL(fileURLWithPath: $0) } ?? errURL)
        process.standardOutput = out
        process.standardError = err
        if let stdin {
            let inURL = scratch.appendingPathComponent("in")
            try Data(stdin.utf8).write(to: inURL)
            process.standardInput = try FileHandle(forReadingFrom: inURL)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        var timedOut = false
        while process.isRunning {
            if Date() > deadline {
                timedOut = true
                kill(process.processIdentifier, SIGKILL)
                break
            }
            usleep(5_000)
        }
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Result(
            status: timedOut ? -1 : process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}

/// A fresh temporary folder, removed by `cleanUp()`.
struct TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("phash-cli-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `bytes` to `name` (creating folders) and returns the full path.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: file)
        return file.path
    }

    /// Writes `bytes` to a file whose name, inside this folder, is the raw `name` bytes
    /// (which need not be UTF-8); returns false when the file could not be written.
    @discardableResult
    func writeRaw(name: [UInt8], _ bytes: [UInt8]) -> Bool {
        let path = Array(url.path.utf8) + [0x2F] + name + [0]
        let fd = path.withUnsafeBufferPointer { p in
            p.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        }
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) } == bytes.count
    }

    /// A symbolic link `name` (inside this folder) pointing at `target` (as written).
    func symlink(_ name: String, to target: String) throws {
        try FileManager.default.createSymbolicLink(atPath: path(name), withDestinationPath: target)
    }

    /// A FIFO `name` inside this folder.
    func fifo(_ name: String) -> Bool { mkfifo(path(name), 0o644) == 0 }

    func cleanUp() { try? FileManager.default.removeItem(at: url) }
}

/// The library's fingerprint of a file, as the reference for the CLI's output.
func libraryFingerprint(_ path: String, _ hasher: some ImageHasher) throws -> Fingerprint {
    hasher.fingerprint(of: try PixelBuffer(contentsOfFile: path))
}
