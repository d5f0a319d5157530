import Foundation
import Testing
@testable import PerceptualHash

/// `FileSystem`: the library's whole-file reads and atomic replacement, which the Netpbm
/// reader, the index files and the command line's databases share.
@Suite("File system calls")
struct FileSystemTests {
    /// A fresh empty folder, removed by the caller.
    static func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("phash-fs-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        return path
    }

    static func read(_ path: String, regularOnly: Bool = false) throws(FileReadFailure<Never>) -> [UInt8] {
        try FileSystem.readAll(pathBytes: Array(path.utf8), maxBytes: 1 << 20, regularFilesOnly: regularOnly) {
            (_, _, _) throws(Never) -> Int? in nil
        }
    }

    @Test func replaceWritesEveryByteAndLeavesNoTemporaryFile() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/data.bin"
        let first = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        try FileSystem.replaceAtomically(
            pathBytes: Array(path.utf8), with: first, temporarySuffix: Array(".tmp".utf8), newFileMode: 0o644)
        #expect(try Self.read(path) == first)
        let second: [UInt8] = [1, 2, 3]
        try FileSystem.replaceAtomically(
            pathBytes: Array(path.utf8), with: second, temporarySuffix: Array(".tmp".utf8), newFileMode: 0o644)
        #expect(try Self.read(path) == second)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["data.bin"])
    }

    @Test func replaceKeepsTheModeOfTheFileItReplaces() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/kept.bin"
        try FileSystem.replaceAtomically(
            pathBytes: Array(path.utf8), with: [9], temporarySuffix: Array(".tmp".utf8), newFileMode: 0o600)
        #expect(chmod(path, 0o640) == 0)
        var before = stat()
        #expect(stat(path, &before) == 0)
        try FileSystem.replaceAtomically(
            pathBytes: Array(path.utf8), with: [8, 7], temporarySuffix: Array(".tmp".utf8), newFileMode: 0o600,
            keepOwnerAndMode: before)
        var after = stat()
        #expect(stat(path, &after) == 0)
        #expect(after.st_mode & 0o7777 == 0o640)
        #expect(after.st_ino != before.st_ino, "a new file was renamed over the old one")
        #expect(try Self.read(path) == [8, 7])
    }

    @Test func failedReplaceLeavesTheTargetAndNoTemporaryFile() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/target.bin"
        try FileSystem.replaceAtomically(
            pathBytes: Array(path.utf8), with: [1], temporarySuffix: Array(".tmp".utf8), newFileMode: 0o644)
        // A temporary file already there (a writer killed mid-way): exclusive create fails.
        #expect(FileManager.default.createFile(atPath: path + ".tmp", contents: Data([5])))
        #expect(throws: FileWriteFailure(operation: "open", path: path + ".tmp", errno: EEXIST)) {
            try FileSystem.replaceAtomically(
                pathBytes: Array(path.utf8), with: [2], temporarySuffix: Array(".tmp".utf8), newFileMode: 0o644)
        }
        #expect(try Self.read(path) == [1])
        // Renaming onto a folder fails after the write: the temporary file is removed.
        let sub = dir + "/sub"
        try FileManager.default.createDirectory(atPath: sub + "/inner", withIntermediateDirectories: true)
        #expect(throws: FileWriteFailure(operation: "rename", path: sub, errno: EISDIR)) {
            try FileSystem.replaceAtomically(
                pathBytes: Array(sub.utf8), with: [3], temporarySuffix: Array(".new".utf8), newFileMode: 0o644)
        }
        #expect(!FileManager.default.fileExists(atPath: sub + ".new"))
        #expect(throws: FileWriteFailure(operation: "open", path: "a\u{0}b.tmp", errno: EINVAL)) {
            try FileSystem.replaceAtomically(
                pathBytes: Array("a\u{0}b".utf8), with: [3], temporarySuffix: Array(".tmp".utf8), newFileMode: 0o644)
        }
    }

    @Test func regularFilesOnlyRefusesFoldersAndFIFOsWithoutWaiting() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect {
            _ = try Self.read(dir, regularOnly: true)
        } throws: { error in
            if case .notRegularFile(isFolder: true) = error as? FileReadFailure<Never> { return true }
            return false
        }
        let fifo = dir + "/pipe"
        #expect(mkfifo(fifo, 0o600) == 0)
        // No writer: a blocking open would hang here.
        #expect {
            _ = try Self.read(fifo, regularOnly: true)
        } throws: { error in
            if case .notRegularFile(isFolder: false) = error as? FileReadFailure<Never> { return true }
            return false
        }
    }

    @Test func prefixCheckSeesTheRealSizeAndCanRefuse() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/big.bin"
        let bytes = [UInt8](repeating: 0xAB, count: 200_000)
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        struct TooBig: Error, Equatable { var size: Int }
        var seen: (count: Int, isWhole: Bool, size: Int?)? = nil
        #expect(throws: FileReadFailure<TooBig>.self) {
            _ = try FileSystem.readAll(pathBytes: Array(path.utf8), maxBytes: 1 << 30, prefixLength: 32) {
                (prefix, isWhole, size) throws(TooBig) -> Int? in
                seen = (prefix.count, isWhole, size)
                throw TooBig(size: size ?? -1)
            }
        }
        #expect(seen?.count == 32 && seen?.isWhole == false && seen?.size == 200_000)
        let whole = try FileSystem.readAll(pathBytes: Array(path.utf8), maxBytes: 1 << 30, prefixLength: 32) {
            (_, _, size) throws(TooBig) -> Int? in size
        }
        #expect(whole == bytes)
        #expect {
            _ = try Self.read(path + "-missing")
        } throws: { error in
            if case .system(operation: "open", errno: ENOENT) = error as? FileReadFailure<Never> { return true }
            return false
        }
    }
}
