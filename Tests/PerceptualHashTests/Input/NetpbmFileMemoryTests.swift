import Foundation
import Testing
@testable import PerceptualHash

/// Reading a Netpbm file takes one buffer of the file's size, and a header past the limits
/// is refused after reading the first bytes only.
@Suite("Netpbm file memory")
struct NetpbmFileMemoryTests {
    static func temporaryFile(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("phash-memory-\(UUID().uuidString).pnm").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The bytes this thread has read through system calls so far (`rchar` of
    /// /proc/thread-self/io), or nil where that file does not exist. Only synchronous code
    /// runs between two calls, so no other test's reads are counted.
    static func bytesReadByThisThread() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/thread-self/io", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("rchar:") {
            return Int(line.dropFirst(6).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }

    /// A P5 header followed by `rasterBytes` bytes of 0x11.
    static func pgm(width: Int, height: Int, rasterBytes: Int) -> [UInt8] {
        Array("P5\n\(width) \(height)\n255\n".utf8) + [UInt8](repeating: 0x11, count: rasterBytes)
    }

    @Test func bufferIsExactlyTheFileSize() throws {
        // 3 MB, well past the 64 KiB chunk: the old reader grew its array to about twice that.
        let file = Self.pgm(width: 1500, height: 2000, rasterBytes: 1500 * 2000)
        let path = try Self.temporaryFile(file)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let bytes = try NetpbmFile.read(path: path, limits: .default, maxFileBytes: 1 << 30)
        #expect(bytes == file)
        #expect(bytes.capacity >= file.count && bytes.capacity <= file.count + 4096, "capacity \(bytes.capacity)")
        let plain = try FileReading.readAll(path: path, maxBytes: 1 << 30)
        #expect(plain == file)
        #expect(plain.capacity <= file.count + 4096, "capacity \(plain.capacity)")
        #expect(try PixelBuffer(contentsOfFile: path).samples.count == 1500 * 2000)
    }

    @Test func headerPastTheLimitsIsRefusedAfterTheFirstBytes() throws {
        // 40,000 pixels wide (the limit is 32,768) with 8 MB of data behind the header.
        let file = Self.pgm(width: 40_000, height: 200, rasterBytes: 8_000_000)
        let path = try Self.temporaryFile(file)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let before = Self.bytesReadByThisThread()
        #expect(throws: NetpbmError.limitExceeded(.width, value: 40_000, limit: 32_768)) {
            try PixelBuffer(contentsOfFile: path)
        }
        if let before, let after = Self.bytesReadByThisThread() {
            // The prefix (64 KiB + 1) and the /proc file itself, not the 8 MB.
            #expect(after - before < 200_000, "read \(after - before) bytes")
        }
        #expect(throws: NetpbmError.limitExceeded(.width, value: 40_000, limit: 32_768)) {
            try PixelBuffer.decodeAll(contentsOfFile: path)
        }
        // A valid file of the same size is read whole.
        let valid = Self.pgm(width: 4000, height: 2000, rasterBytes: 8_000_000)
        let validPath = try Self.temporaryFile(valid)
        defer { try? FileManager.default.removeItem(atPath: validPath) }
        let start = Self.bytesReadByThisThread()
        #expect(try PixelBuffer(contentsOfFile: validPath).samples.count == 8_000_000)
        if let start, let end = Self.bytesReadByThisThread() {
            #expect(end - start >= valid.count)
        }
    }

    @Test func pixelLimitCanBeRaisedByTheCaller() throws {
        // 10,000 x 9,000 = 90,000,000 pixels, above the default 89,478,485; the file holds
        // only the header and 10 bytes.
        let file = Self.pgm(width: 10_000, height: 9_000, rasterBytes: 10)
        let path = try Self.temporaryFile(file)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: NetpbmError.limitExceeded(.pixelCount, value: 90_000_000, limit: 89_478_485)) {
            try PixelBuffer(contentsOfFile: path)
        }
        var limits = ImageLimits.default
        limits.maxPixelCount = 100_000_000
        #expect(throws: NetpbmError.truncatedRaster(expected: 90_000_000, available: 10)) {
            try PixelBuffer(contentsOfFile: path, limits: limits)
        }
        limits.maxPixelCount = 1_000
        let small = try Self.temporaryFile(Self.pgm(width: 40, height: 30, rasterBytes: 1200))
        defer { try? FileManager.default.removeItem(atPath: small) }
        #expect(throws: NetpbmError.limitExceeded(.pixelCount, value: 1200, limit: 1000)) {
            try PixelBuffer(contentsOfFile: small, limits: limits)
        }
        limits.maxPixelCount = 1200
        #expect(try PixelBuffer(contentsOfFile: small, limits: limits).samples.count == 1200)
    }

    /// Files give the same result (image or error) as their bytes in memory, also where the
    /// header is longer than the first read.
    @Test func fileAndMemoryAgree() throws {
        let longComment = "#" + String(repeating: "c", count: 200_000) + "\n"
        var cases: [([UInt8], ImageLimits)] = [
            (Array("P5 2 2 255\n".utf8) + [1, 2, 3, 4], .default),
            (Array("P5 2 2 255\n".utf8) + [1, 2, 3], .default),
            (Array("P5 2".utf8), .default),
            (Array("P2 2 1 15 0 15\n".utf8), .default),
            (Array("P7\nWIDTH 1\nHEIGHT 1\nDEPTH 20\nMAXVAL 255\nENDHDR\n".utf8), .default),
            (Array("P7 332\n".utf8), .default),
            (Array("P5 x".utf8), .default),
            (Array("GIF89a".utf8), .default),
            (Array("P5\n\(longComment)2 1 255\n".utf8) + [7, 8], .default),
            (Array("P5\n\(longComment)2 1 255\n".utf8) + [7, 8], ImageLimits(maxHeaderBytes: 2 << 20)),
            (Array("P5\n\(longComment)2 1 255\n".utf8) + [7, 8], ImageLimits(maxHeaderBytes: 10)),
            (Array("P5 2 1 255\n".utf8) + [7, 8] + Array("P5 1 1 255\n".utf8) + [9], .default),
        ]
        // Every prefix of a valid header, and past its end.
        let header = Array("P6 3 2 255\n".utf8) + [UInt8](repeating: 200, count: 18)
        for n in 0...header.count { cases.append((Array(header[..<n]), .default)) }
        for (k, (bytes, limits)) in cases.enumerated() {
            let path = try Self.temporaryFile(bytes)
            defer { try? FileManager.default.removeItem(atPath: path) }
            let fromFile = Result { () throws(NetpbmError) in try PixelBuffer(contentsOfFile: path, limits: limits) }
            let fromMemory = Result { () throws(NetpbmError) in try PixelBuffer(netpbm: bytes, limits: limits) }
            #expect(fromFile == fromMemory, "case \(k)")
            let allFromFile = Result { () throws(NetpbmError) in
                try PixelBuffer.decodeAll(contentsOfFile: path, limits: limits)
            }
            let allFromMemory = Result { () throws(NetpbmError) in
                try PixelBuffer.decodeAll(netpbm: bytes, limits: limits)
            }
            #expect(allFromFile == allFromMemory, "case \(k)")
        }
    }

    @Test func fileThatGrowsOrShrinksWhileBeingRead() throws {
        let first = [UInt8](repeating: 0x41, count: 300_000)
        let extra = [UInt8](repeating: 0x42, count: 100_000)
        let path = try Self.temporaryFile(first)
        defer { try? FileManager.default.removeItem(atPath: path) }
        // The check of the first bytes runs after `fstat`: grow the file there.
        func grow() throws {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(extra))
            try handle.close()
        }
        let grown = try FileReading.readAll(path: path, maxBytes: 1 << 20, prefixLength: 4096) { _, _ in
            try? grow()
            return nil
        }
        #expect(grown == first + extra)
        // Growing past the cap is refused.
        try Data(first).write(to: URL(fileURLWithPath: path))
        #expect(throws: NetpbmError.fileTooLarge(path: path, size: 350_001, limit: 350_000)) {
            try FileReading.readAll(path: path, maxBytes: 350_000, prefixLength: 4096) { _, _ in
                try? grow()
                return nil
            }
        }
        // A file cut short after `fstat` gives what is there.
        try Data(first).write(to: URL(fileURLWithPath: path))
        let shrunk = try FileReading.readAll(path: path, maxBytes: 1 << 20, prefixLength: 4096) { _, _ in
            truncate(path, 10_000)
            return nil
        }
        #expect(shrunk == Array(first[..<10_000]))
    }
}

/// `PixelBuffer(contentsOfFile: [UInt8])`: paths that are not UTF-8.
@Suite struct NetpbmBytePathTests {
    @Test func nonUTF8PathIsRead() throws {
        let folder = FileManager.default.temporaryDirectory.path
        let name: [UInt8] = Array("phash-\(UUID().uuidString)-".utf8) + [0xE9, 0xFF] + Array(".pgm".utf8)
        let path = Array(folder.utf8) + [0x2F] + name
        let file = Array("P5 2 1 255\n".utf8) + [3, 250]
        // Create it through the C library: Foundation's String paths cannot name it.
        let fd = (path.map { CChar(bitPattern: $0) } + [0]).withUnsafeBufferPointer {
            open($0.baseAddress!, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        }
        try #require(fd >= 0)
        #expect(file.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } == file.count)
        close(fd)
        defer { _ = (path.map { CChar(bitPattern: $0) } + [0]).withUnsafeBufferPointer { unlink($0.baseAddress!) } }
        let image = try PixelBuffer(contentsOfFile: path)
        #expect(image.samples == [3, 250])
        // The same bytes repaired into a String name another (missing) file.
        let repaired = String(decoding: path, as: UTF8.self)
        #expect(throws: NetpbmError.fileUnreadable(path: repaired, errno: ENOENT)) {
            try PixelBuffer(contentsOfFile: repaired)
        }
        #expect(throws: NetpbmError.fileUnreadable(path: "a\u{0}b", errno: EINVAL)) {
            try PixelBuffer(contentsOfFile: Array("a".utf8) + [0] + Array("b".utf8))
        }
        #expect(throws: NetpbmError.fileUnreadable(path: "/nonexistent-dir-phash/\u{FFFD}", errno: ENOENT)) {
            try PixelBuffer(contentsOfFile: Array("/nonexistent-dir-phash/".utf8) + [0xFF])
        }
    }
}
