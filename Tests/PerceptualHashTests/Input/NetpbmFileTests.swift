import Foundation
import Testing
@testable import PerceptualHash

/// `PixelBuffer(contentsOfFile:)` and `decodeAll(contentsOfFile:)`.
@Suite("Netpbm files")
struct NetpbmFileTests {
    static func temporaryFile(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("phash-netpbm-\(UUID().uuidString).pnm").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func remove(_ path: String) { try? FileManager.default.removeItem(atPath: path) }

    @Test func readsAFile() throws {
        let samples = NetpbmReference.randomSamples(count: 33 * 17 * 3, maxval: 255, seed: 11)
        let file = NetpbmReference.encode(.ppm(plain: false), width: 33, height: 17, maxval: 255, samples: samples)
        let path = try Self.temporaryFile(file)
        defer { Self.remove(path) }
        let image = try PixelBuffer(contentsOfFile: path)
        #expect(image == (try PixelBuffer(netpbm: file)))
        #expect(image.samples == samples.map(UInt8.init))
        #expect(try PixelBuffer.decodeAll(contentsOfFile: path) == [image])
    }

    @Test func readsAFileLargerThanOneChunk() throws {
        let samples = NetpbmReference.randomSamples(count: 300 * 200 * 3, maxval: 65535, seed: 12)
        let file = NetpbmReference.encode(.ppm(plain: false), width: 300, height: 200, maxval: 65535, samples: samples)
        let path = try Self.temporaryFile(file)
        defer { Self.remove(path) }
        #expect(try PixelBuffer(contentsOfFile: path) == (try PixelBuffer(netpbm: file)))
    }

    @Test func missingFile() {
        let path = "/nonexistent-dir-phash/missing.ppm"
        #expect(throws: NetpbmError.fileUnreadable(path: path, errno: ENOENT)) { try PixelBuffer(contentsOfFile: path) }
    }

    @Test func directoryIsUnreadable() {
        let path = FileManager.default.temporaryDirectory.path
        #expect(throws: NetpbmError.fileUnreadable(path: path, errno: EISDIR)) { try PixelBuffer(contentsOfFile: path) }
    }

    @Test func emptyFile() throws {
        let path = try Self.temporaryFile([])
        defer { Self.remove(path) }
        #expect(throws: NetpbmError.emptyInput) { try PixelBuffer(contentsOfFile: path) }
    }

    @Test func fileLargerThanTheCapIsRefused() throws {
        let file = NetpbmReference.bytes("P5 10 10 255\n", [UInt8](repeating: 1, count: 100))
        let path = try Self.temporaryFile(file)
        defer { Self.remove(path) }
        #expect(throws: NetpbmError.fileTooLarge(path: path, size: file.count, limit: 50)) {
            try PixelBuffer(contentsOfFile: path, maxFileBytes: 50)
        }
        #expect(try PixelBuffer(contentsOfFile: path, maxFileBytes: file.count).samples.count == 100)
    }

    @Test func endlessDeviceIsCutOff() throws {
        // /dev/zero has no size and never ends: refused from its first bytes (no magic
        // number), and a plain read of it is refused once past the cap.
        guard FileManager.default.fileExists(atPath: "/dev/zero") else { return }
        #expect(throws: NetpbmError.unrecognizedFormat(offset: 0)) {
            try PixelBuffer(contentsOfFile: "/dev/zero", maxFileBytes: 100_000)
        }
        #expect(throws: NetpbmError.fileTooLarge(path: "/dev/zero", size: 100_001, limit: 100_000)) {
            try FileReading.readAll(path: "/dev/zero", maxBytes: 100_000)
        }
    }
}
