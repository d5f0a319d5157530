import Foundation
import Glibc
import Testing

/// Runs several `phash` command lines at once and returns their exit statuses.
func runConcurrently(_ commands: [[String]], in directory: URL? = nil) throws -> [Int32] {
    guard let executable = CLI.executable else { throw CLI.NotBuilt() }
    let processes = commands.map { arguments -> Process in
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        return process
    }
    for process in processes { try process.run() }
    for process in processes { process.waitUntilExit() }
    return processes.map(\.terminationStatus)
}

/// The database paths of `db`, from `index search --nearest` with a query that is in it.
func storedPaths(_ db: String, query: String) throws -> Set<String> {
    let result = try CLI.run(["index", "search", db, "--nearest", "100000", "--format", "tsv", query])
    return Set(result.lines.dropFirst().map { String($0.split(separator: "\t")[3]) })
}

/// `phash index` writing its database: concurrent writers, symlinks, mode and owner,
/// read-only files, stale temporaries, builds whose inputs fail, huge files.
@Suite struct DatabaseFileTests {
    /// `count` distinct images `img/sK.ppm`; returns their paths.
    static func images(_ folder: TemporaryFolder, count: Int) throws -> [String] {
        try (0..<count).map {
            try folder.write("img/s\($0).ppm", TestImages.scenePPM(width: 16, height: 12, seed: 100 + UInt64($0)))
        }
    }

    /// Many `add` processes at once, each adding its own image: every image ends up in the
    /// database (writers are serialized by the lock on `DB.lock`).
    @Test func concurrentAddsLoseNothing() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let paths = try Self.images(folder, count: 13)
        for round in 0..<3 {
            let db = folder.path("c\(round).phdb")
            #expect(try CLI.run(["index", "build", db, paths[0]]).status == 0)
            let statuses = try runConcurrently(paths.dropFirst().map { ["index", "add", db, $0] })
            #expect(statuses == Array(repeating: 0, count: paths.count - 1))
            #expect(try storedPaths(db, query: paths[0]) == Set(paths), "round \(round)")
        }
    }

    /// `remove` and `add` at once: the removals stay removed and every add is kept.
    @Test func concurrentRemoveAndAdd() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let paths = try Self.images(folder, count: 12)
        for round in 0..<3 {
            let db = folder.path("r\(round).phdb")
            #expect(try CLI.run(["index", "build", db] + paths[0..<6]).status == 0)
            let commands =
                paths[6...].map { ["index", "add", db, $0] } + paths[0..<3].map { ["index", "remove", db, $0] }
            let statuses = try runConcurrently(commands)
            #expect(statuses == Array(repeating: 0, count: commands.count))
            #expect(try storedPaths(db, query: paths[5]) == Set(paths[3...]), "round \(round)")
        }
    }

    /// A writer waits while another holds the lock, says so, and proceeds once it is released.
    @Test func writerWaitsForTheLock() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let paths = try Self.images(folder, count: 2)
        let db = folder.path("w.phdb")
        #expect(try CLI.run(["index", "build", db, paths[0]]).status == 0)
        let fd = open(db + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        try #require(fd >= 0)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX) == 0)
        let executable = try #require(CLI.executable)
        let errURL = folder.url.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = executable
        process.arguments = ["index", "add", db, paths[1]]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        try process.run()
        Thread.sleep(forTimeInterval: 2.0)
        #expect(process.isRunning, "the writer must wait for the lock")
        #expect(flock(fd, LOCK_UN) == 0)
        process.waitUntilExit()
        try err.close()
        #expect(process.terminationStatus == 0)
        let stderr = try String(contentsOf: errURL, encoding: .utf8)
        #expect(stderr.contains("waiting for another phash"), "\(stderr)")
        #expect(try storedPaths(db, query: paths[0]) == Set(paths))
    }

    /// Saving through a symlink updates the target and keeps the link.
    @Test func symlinkedDatabaseStaysALink() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let paths = try Self.images(folder, count: 3)
        let real = folder.path("data/real.phdb")
        try FileManager.default.createDirectory(atPath: folder.path("data"), withIntermediateDirectories: true)
        #expect(try CLI.run(["index", "build", real, paths[0]]).status == 0)
        let link = folder.path("link.phdb")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "data/real.phdb")
        let add = try CLI.run(["index", "add", link, paths[1]])
        #expect(add.status == 0, "\(add.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "data/real.phdb")
        #expect(try storedPaths(real, query: paths[0]) == Set(paths[0...1]))
        // A build through the link replaces the target too.
        #expect(try CLI.run(["index", "build", link, paths[2]]).status == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "data/real.phdb")
        #expect(try storedPaths(real, query: paths[2]) == [paths[2]])
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.url.path)
        #expect(
            !names.contains { $0.hasPrefix("link.phdb.") }, "lock and temporary files sit next to the target: \(names)")
    }

    /// Mode and owner survive a save; a file without any write bit is refused untouched.
    @Test func modeAndOwnerAreKept() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let paths = try Self.images(folder, count: 4)
        let db = folder.path("m.phdb")
        #expect(try CLI.run(["index", "build", db, paths[0]]).status == 0)
        #expect(chmod(db, 0o600) == 0)
        #expect(try CLI.run(["index", "add", db, paths[1]]).status == 0)
        var st = stat()
        #expect(stat(db, &st) == 0)
        #expect(st.st_mode & 0o7777 == 0o600)
        if geteuid() == 0 {
            #expect(chown(db, 1234, 5678) == 0)
            #expect(chmod(db, 0o640) == 0)
            #expect(try CLI.run(["index", "remove", db, paths[0]]).status == 0)
            #expect(stat(db, &st) == 0)
            #expect(st.st_uid == 1234 && st.st_gid == 5678, "owner \(st.st_uid):\(st.st_gid)")
            #expect(st.st_mode & 0o7777 == 0o640)
        }
        #expect(chmod(db, 0o444) == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let add = try CLI.run(["index", "add", db, paths[2]])
        #expect(add.status == 2)
        #expect(add.stderr.contains("read-only"), "\(add.stderr)")
        let remove = try CLI.run(["index", "remove", db, paths[1]])
        #expect(remove.status == 2)
        let build = try CLI.run(["index", "build", db, paths[3]])
        #expect(build.status == 2)
        #expect(build.stderr.contains("read-only"), "\(build.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
        #expect(stat(db, &st) == 0)
        #expect(st.st_mode & 0o7777 == 0o444)
    }

    /// Temporary files left by killed writers (`DB.tmp`, and `DB.tmp-<pid>-<hex>` of a dead
    /// process) are removed by the next save; one of a live process is left alone.
    @Test func staleTemporariesAreRemoved() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let paths = try Self.images(folder, count: 2)
        let db = folder.path("t.phdb")
        #expect(try CLI.run(["index", "build", db, paths[0]]).status == 0)
        // A pid that is certainly dead: a process that has exited and been waited for.
        let done = Process()
        done.executableURL = URL(fileURLWithPath: "/bin/true")
        try done.run()
        done.waitUntilExit()
        let dead = done.processIdentifier
        try folder.write("t.phdb.tmp", [1, 2, 3])
        try folder.write("t.phdb.tmp-\(dead)-1f2e3d", Array(repeating: 7, count: 1000))
        try folder.write("t.phdb.tmp-\(getpid())-abc", [9])
        try folder.write("other.phdb.tmp-\(dead)-1f2e3d", [9])
        #expect(try CLI.run(["index", "add", db, paths[1]]).status == 0)
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: folder.url.path))
        #expect(!names.contains("t.phdb.tmp"))
        #expect(!names.contains("t.phdb.tmp-\(dead)-1f2e3d"))
        #expect(names.contains("t.phdb.tmp-\(getpid())-abc"), "a live writer's file is kept")
        #expect(names.contains("other.phdb.tmp-\(dead)-1f2e3d"), "another database's file is kept")
    }

    /// A build with an input that fails leaves an existing database alone (unless
    /// --allow-partial), and a build that hashed nothing writes nothing.
    @Test func failedBuildKeepsTheDatabase() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let paths = try Self.images(folder, count: 2)
        let db = folder.path("b.phdb")
        #expect(try CLI.run(["index", "build", db, paths[0], paths[1]]).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let missing = try CLI.run(["index", "build", db, folder.path("missing.ppm")])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no images were hashed; nothing was written"), "\(missing.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
        let some = try CLI.run(["index", "build", db, paths[0], folder.path("missing.ppm")])
        #expect(some.status == 2)
        #expect(some.stderr.contains("--allow-partial"), "\(some.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
        let search = try CLI.run(["index", "search", db, paths[1]])
        #expect(search.status == 0)

        let partial = try CLI.run(["index", "build", "--allow-partial", db, paths[0], folder.path("missing.ppm")])
        #expect(partial.status == 2, "an input failed")
        #expect(try storedPaths(db, query: paths[0]) == [paths[0]])

        try FileManager.default.createDirectory(atPath: folder.path("empty"), withIntermediateDirectories: true)
        for inputs in [[folder.path("empty")], [folder.path("missing.ppm")]] {
            let fresh = folder.path("fresh.phdb")
            let result = try CLI.run(["index", "build", "--allow-partial", fresh] + inputs)
            #expect(result.status == 2)
            #expect(result.stderr.contains("no images"), "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: fresh))
        }
        // build does not overwrite a file that is not a database.
        let image = paths[1]
        let imageBytes = try Data(contentsOf: URL(fileURLWithPath: image))
        let overwrite = try CLI.run(["index", "build", image, paths[0]])
        #expect(overwrite.status == 2)
        #expect(overwrite.stderr.contains("not a phash database"), "\(overwrite.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: image)) == imageBytes)
    }

    /// `info` on a large file that is not a database answers from the header: no memory
    /// in proportion to the file.
    @Test func hugeFileIsRefusedFromItsHeader() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let paths = try Self.images(folder, count: 1)
        let db = folder.path("h.phdb")
        #expect(try CLI.run(["index", "build", db, paths[0]]).status == 0)
        let good = [UInt8](try Data(contentsOf: URL(fileURLWithPath: db)))
        let size: off_t = 512 << 20
        // The baseline is the same command on the small, valid database: the bound is on
        // the memory the huge file adds, so a sanitizer's fixed overhead (ASan's shadow and
        // quarantine put a few hundred MB under every process) does not move it.
        let baseline = try CLI.peakMemory(["index", "info", db])
        #expect(baseline.status == 0)
        for (name, header) in [("zeros", [UInt8]()), ("header", Array(good.prefix(32)))] {
            let huge = folder.path("\(name).phdb")
            try folder.write("\(name).phdb", header)
            #expect(truncate(huge, size) == 0)
            let info = try CLI.run(["index", "info", huge])
            #expect(info.status == 2)
            #expect(
                info.stderr.contains(name == "zeros" ? "wrong magic" : "\(size) bytes where the header implies"),
                "\(info.stderr)")
            let measured = try CLI.peakMemory(["index", "info", huge])
            #expect(measured.status == 2)
            #expect(
                measured.maxRSSKiB > 1024 && measured.maxRSSKiB < baseline.maxRSSKiB + 64 * 1024,
                "peak RSS of phash index info: \(measured.maxRSSKiB) KiB on a \(size >> 20) MiB file, \(baseline.maxRSSKiB) KiB on the valid database"
            )
        }
    }
}
