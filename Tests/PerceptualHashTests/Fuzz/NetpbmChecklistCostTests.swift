import Glibc
import PerceptualHash
import Testing

/// The cost side of the malformed-input checklist (NETPBM.md rows 1-58; the exact errors
/// and pixels are in NetpbmChecklistTests): the hardest input of every row must decode or
/// fail within 100 ms and allocate at most 4 MiB (Swift heap, counted per thread by
/// ``AllocationCounter``), even when it claims a gigapixel image. Inputs are built before
/// the measurement; the time is the best of three runs (the machine is shared).
@Suite("Netpbm checklist cost", .serialized)
struct NetpbmChecklistCostTests {
    /// What a row's input must do.
    enum Expectation: Sendable, CustomStringConvertible {
        case fails(NetpbmError)
        case decodes(width: Int, height: Int)
        var description: String {
            switch self {
            case .fails(let e): "fails with \(e)"
            case .decodes(let w, let h): "decodes to \(w)x\(h)"
            }
        }
    }

    struct Row: Sendable, CustomTestStringConvertible {
        var row: Int
        var name: String
        var bytes: [UInt8]
        var expectation: Expectation
        var testDescription: String { "\(row): \(name)" }
    }

    static func b(_ text: String, _ tail: [UInt8] = []) -> [UInt8] { Array(text.utf8) + tail }

    static let limit = ImageLimits.default
    static let pam1x1 = "P7\nWIDTH 1\nHEIGHT 1\nDEPTH 1\nMAXVAL 255\n"

    static let rows: [Row] = {
        let headerLimit = limit.maxHeaderBytes
        var comments = [UInt8](repeating: 0x23, count: 10 << 20)
        for i in stride(from: 99, to: comments.count, by: 100) { comments[i] = 0x0A }
        let spaces = [UInt8](repeating: 0x20, count: 1 << 20)
        let digits = String(repeating: "9", count: 10_000)
        return [
            Row(row: 1, name: "empty", bytes: [], expectation: .fails(.emptyInput)),
            Row(row: 2, name: "P", bytes: b("P"), expectation: .fails(.truncatedHeader(offset: 1))),
            Row(
                row: 3, name: "PNG signature", bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
                expectation: .fails(.unrecognizedFormat(offset: 0))),
            Row(
                row: 4, name: "PFM", bytes: b("PF\n1 1\n-1.0\n"),
                expectation: .fails(.unsupportedFormat(.pfm, offset: 0))),
            Row(
                row: 5, name: "P21 1 255 7", bytes: b("P21 1 255 7"),
                expectation: .fails(.malformedHeader(.missingWhitespaceAfterMagic, offset: 2))),
            Row(row: 6, name: "P5 1 1 255", bytes: b("P5 1 1 255"), expectation: .fails(.truncatedHeader(offset: 10))),
            Row(row: 7, name: "P5 #abc", bytes: b("P5 #abc"), expectation: .fails(.truncatedHeader(offset: 7))),
            Row(
                row: 8, name: "10 MB of comment lines", bytes: b("P5\n", comments),
                expectation: .fails(.limitExceeded(.headerBytes, value: headerLimit + 1, limit: headerLimit))),
            Row(
                row: 9, name: "comment inside a number", bytes: b("P2\n2#c\n1 1\n0 1\n"),
                expectation: .decodes(width: 2, height: 1)),
            Row(
                row: 10, name: "P6 -1 1 255", bytes: b("P6 -1 1 255\n"),
                expectation: .fails(.malformedHeader(.invalidNumber, offset: 3))),
            Row(row: 11, name: "VT/FF", bytes: b("P2\u{0B}2 1 255 7 9\n"), expectation: .decodes(width: 2, height: 1)),
            Row(
                row: 12, name: "width 0", bytes: b("P5\n0 1\n255\n"),
                expectation: .fails(.invalidDimensions(width: 0, height: 1, depth: 1))),
            Row(
                row: 13, name: "10,000-digit width", bytes: b("P5 \(digits) 1 255\n"),
                expectation: .fails(.limitExceeded(.width, value: Int.max, limit: limit.maxWidth))),
            Row(
                row: 14, name: "P6 65535 65535 65535", bytes: b("P6 65535 65535 65535\n"),
                expectation: .fails(.limitExceeded(.width, value: 65535, limit: limit.maxWidth))),
            Row(
                row: 15, name: "30000x30000 claimed, 3 bytes held", bytes: b("P5 30000 30000 255\n", [1, 2, 3]),
                expectation: .fails(.limitExceeded(.pixelCount, value: 900_000_000, limit: limit.maxPixelCount))),
            Row(
                row: 16, name: "30000x2900 claimed, 3 bytes held", bytes: b("P6 30000 2900 65535\n", [1, 2, 3]),
                expectation: .fails(.truncatedRaster(expected: 30000 * 2900 * 6, available: 3))),
            Row(
                row: 17, name: "aspect bomb", bytes: b("P5 1 89478486 255\n"),
                expectation: .fails(.limitExceeded(.height, value: 89_478_486, limit: limit.maxHeight))),
            Row(
                row: 18, name: "maxval 0", bytes: b("P5 1 1 0\n", [0]),
                expectation: .fails(.invalidMaxval(value: 0, offset: 7))),
            Row(
                row: 19, name: "30-digit maxval", bytes: b("P5 1 1 \(String(repeating: "7", count: 30))\n"),
                expectation: .fails(.invalidMaxval(value: Int.max, offset: 7))),
            Row(
                row: 20, name: "leading zeros", bytes: b("P2 1 1 00255\n000000000000255\n"),
                expectation: .decodes(width: 1, height: 1)),
            Row(
                row: 21, name: "255X", bytes: b("P5 1 1 255X", [7]),
                expectation: .fails(.malformedHeader(.invalidRasterDelimiter, offset: 10))),
            Row(
                row: 22, name: "comment before raster", bytes: b("P5\n2 1\n255#c\nAB"),
                expectation: .decodes(width: 2, height: 1)),
            Row(
                row: 23, name: "CRLF header", bytes: b("P5\r\n2 1\r\n255\r\nAB"),
                expectation: .decodes(width: 2, height: 1)),
            Row(
                row: 24, name: "16-bit raster with an odd final byte", bytes: b("P5 2 1 1000\n", [0, 1, 0]),
                expectation: .fails(.truncatedRaster(expected: 4, available: 3))),
            Row(
                row: 25, name: "8-bit sample > maxval", bytes: b("P5 1 1 100\n", [0xC8]),
                expectation: .fails(.sampleOutOfRange(value: 200, maxval: 100, offset: 11))),
            Row(
                row: 26, name: "16-bit sample > maxval", bytes: b("P5 1 1 1000\n", [0x03, 0xE9]),
                expectation: .fails(.sampleOutOfRange(value: 1001, maxval: 1000, offset: 12))),
            Row(
                row: 27, name: "maxval 255, every byte", bytes: b("P5 16 16 255\n", (0..<256).map { UInt8($0) }),
                expectation: .decodes(width: 16, height: 16)),
            Row(
                row: 28, name: "big-endian 16-bit", bytes: b("P5 1 1 65535\n", [1, 2]),
                expectation: .decodes(width: 1, height: 1)),
            Row(
                row: 29, name: "P4 pad bits set", bytes: b("P4 9 2\n", [0xFF, 0x80, 0x00, 0x7F]),
                expectation: .decodes(width: 9, height: 2)),
            Row(
                row: 30, name: "P4 comment before raster", bytes: b("P4 8 1#c\n", [0xFF]),
                expectation: .decodes(width: 8, height: 1)),
            Row(
                row: 31, name: "trailing image", bytes: b("P5 1 1 255\nAP5 1 1 255\nB"),
                expectation: .decodes(width: 1, height: 1)),
            Row(
                row: 32, name: "P1 without separators", bytes: b("P1 4 1\n0101"),
                expectation: .decodes(width: 4, height: 1)),
            Row(
                row: 33, name: "P1 digit 2", bytes: b("P1 2 1\n02"), expectation: .fails(.invalidRasterToken(offset: 8))
            ),
            Row(
                row: 34, name: "comment in plain raster", bytes: b("P3 1 1 255\n1 #c\n2 3"),
                expectation: .decodes(width: 1, height: 1)),
            Row(
                row: 35, name: "plain value > maxval", bytes: b("P2 1 1 100 200"),
                expectation: .fails(.sampleOutOfRange(value: 200, maxval: 100, offset: 11))),
            Row(
                row: 36, name: "plain -1", bytes: b("P2 1 1 255 -1"),
                expectation: .fails(.invalidRasterToken(offset: 11))),
            Row(
                row: 37, name: "plain 20-digit value", bytes: b("P2 1 1 255 99999999999999999999"),
                expectation: .fails(.sampleOutOfRange(value: Int.max, maxval: 255, offset: 11))),
            Row(
                row: 38, name: "plain truncated", bytes: b("P3 128 128 255\n"),
                expectation: .fails(.truncatedRaster(expected: 2 * 128 * 128 * 3 - 1, available: 0))),
            Row(
                row: 39, name: "P3 20000x2000 claimed", bytes: b("P3 20000 2000 255\n1 2 3"),
                expectation: .fails(.truncatedRaster(expected: 2 * 20000 * 2000 * 3 - 1, available: 5))),
            Row(
                row: 40, name: "1 MB of white space in a plain raster",
                bytes: b("P2 2 1 255\n7", spaces + b("\n\t9\n")),
                expectation: .decodes(width: 2, height: 1)),
            Row(row: 42, name: "P7 with no newline", bytes: b("P7"), expectation: .fails(.truncatedHeader(offset: 2))),
            Row(
                row: 43, name: "PAM without DEPTH", bytes: b("P7\nWIDTH 1\nHEIGHT 1\nMAXVAL 255\nENDHDR\nA"),
                expectation: .fails(.malformedHeader(.missingField(.depth), offset: 31))),
            Row(
                row: 44, name: "PAM without ENDHDR", bytes: b(pam1x1),
                expectation: .fails(.truncatedHeader(offset: pam1x1.utf8.count))),
            Row(
                row: 45, name: "PAM duplicate WIDTH",
                bytes: b("P7\nWIDTH 1\nWIDTH 1\nHEIGHT 1\nDEPTH 1\nMAXVAL 255\nENDHDR\nA"),
                expectation: .fails(.malformedHeader(.duplicateField(.width), offset: 11))),
            Row(
                row: 46, name: "PAM unknown field",
                bytes: b("P7\nFOO 3\nWIDTH 1\nHEIGHT 1\nDEPTH 1\nMAXVAL 255\nENDHDR\nA"),
                expectation: .fails(.malformedHeader(.unknownField, offset: 3))),
            Row(
                row: 47, name: "PAM WIDTH +1", bytes: b("P7\nWIDTH +1\nHEIGHT 1\nDEPTH 1\nMAXVAL 255\nENDHDR\nA"),
                expectation: .fails(.malformedHeader(.invalidNumber, offset: 9))),
            Row(
                row: 48, name: "PAM DEPTH 4000000000",
                bytes: b("P7\nWIDTH 1\nHEIGHT 1\nDEPTH 4000000000\nMAXVAL 255\nENDHDR\nA"),
                expectation: .fails(.limitExceeded(.depth, value: 4_000_000_000, limit: limit.maxPAMDepth))),
            Row(
                row: 49, name: "PAM tuple type of 256 bytes",
                bytes: b(pam1x1 + "TUPLTYPE \(String(repeating: "X", count: 256))\nENDHDR\nA"),
                expectation: .fails(.limitExceeded(.tupleType, value: 256, limit: limit.maxTupleTypeBytes))),
            Row(
                row: 50, name: "PAM RGB + EXTRA",
                bytes: b("P7\nWIDTH 1\nHEIGHT 1\nDEPTH 3\nMAXVAL 255\nTUPLTYPE RGB\nTUPLTYPE EXTRA\nENDHDR\nabc"),
                expectation: .decodes(width: 1, height: 1)),
            Row(
                row: 51, name: "PAM RGB depth 2",
                bytes: b("P7\nWIDTH 1\nHEIGHT 1\nDEPTH 2\nMAXVAL 255\nTUPLTYPE RGB\nENDHDR\nab"),
                expectation: .fails(.unsupportedPAMLayout(tupleType: .rgb, depth: 2, maxval: 255))),
            Row(
                row: 52, name: "PAM RGB_ALPHA depth 5",
                bytes: b("P7\nWIDTH 2\nHEIGHT 1\nDEPTH 5\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\nENDHDR\nabcdeABCDE"),
                expectation: .decodes(width: 2, height: 1)),
            Row(
                row: 53, name: "PAM BLACKANDWHITE",
                bytes: b("P7\nWIDTH 2\nHEIGHT 1\nDEPTH 1\nMAXVAL 1\nTUPLTYPE BLACKANDWHITE\nENDHDR\n", [0, 1]),
                expectation: .decodes(width: 2, height: 1)),
            Row(
                row: 54, name: "PAM CRLF",
                bytes: b("P7\r\nWIDTH 2\r\nHEIGHT 1\r\nDEPTH 1\r\nMAXVAL 255\r\nTUPLTYPE GRAYSCALE\r\nENDHDR\r\nAB"),
                expectation: .decodes(width: 2, height: 1)),
            Row(
                row: 55, name: "100,000 blank PAM lines",
                bytes: b("P7\n" + String(repeating: "\n", count: 100_000) + "WIDTH 1\nENDHDR\nA"),
                expectation: .fails(.limitExceeded(.headerBytes, value: headerLimit + 1, limit: headerLimit))),
        ]
    }()

    /// Runs `body` with the data segment (heap, `brk` and private anonymous mappings: what
    /// `malloc` draws on) capped at its current size plus `extraBytes`, so any larger
    /// allocation fails. Call it only in an exit test's child process.
    static func withDataLimit(extraBytes: Int, _ body: () -> Void) {
        var used = 0
        if let file = fopen("/proc/self/status", "r") {
            var line = [CChar](repeating: 0, count: 256)
            while fgets(&line, 256, file) != nil {
                let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                if text.hasPrefix("VmData:") {
                    used = (Int(text.dropFirst(7).filter(\.isNumber)) ?? 0) * 1024
                }
            }
            fclose(file)
        }
        precondition(used > 0, "VmData not found in /proc/self/status")
        var limit = rlimit(rlim_cur: rlim_t(used + extraBytes), rlim_max: rlim_t.max)
        precondition(setrlimit(Int32(RLIMIT_DATA.rawValue), &limit) == 0, "setrlimit failed")
        body()
    }

    @Test("decodes or fails within 100 ms", arguments: rows)
    func row(_ row: Row) {
        var best = Duration.seconds(1000)
        var result: Result<PixelBuffer, NetpbmError> = .failure(.emptyInput)
        let clock = ContinuousClock()
        for _ in 0..<3 {
            let start = clock.now
            result = Result { () throws(NetpbmError) -> PixelBuffer in try PixelBuffer(netpbm: row.bytes) }
            best = min(best, clock.now - start)
        }
        switch (row.expectation, result) {
        case (.fails(let expected), .failure(let error)):
            #expect(error == expected, "row \(row.row)")
        case (.decodes(let w, let h), .success(let image)):
            #expect(image.width == w && image.height == h, "row \(row.row)")
        default:
            Issue.record("row \(row.row) \(row.name): expected it \(row.expectation), got \(result)")
        }
        #expect(best < .milliseconds(100), "row \(row.row) \(row.name) took \(best)")
    }

    /// The raw-memory rows 56-58 with claims far past the 3 bytes given (limits raised so
    /// that only the length check can refuse them).
    static func rawRows() -> [(String, Result<PixelBuffer, PixelBufferError>, PixelBufferError)] {
        let tiny: [UInt8] = [1, 2, 3]
        let huge = ImageLimits(maxWidth: .max, maxHeight: .max, maxPixelCount: .max)
        return [
            (
                "30000x30000 RGBA16 over 3 bytes",
                Result { () throws(PixelBufferError) in
                    try PixelBuffer(
                        width: 30000, height: 30000, layout: PixelLayout(channels: .rgba, sample: .uint16BigEndian),
                        bytes: tiny, limits: huge)
                },
                .bufferTooShort(expected: 30000 * 30000 * 8, available: 3)
            ),
            (
                "bytesPerRow * height overflows",
                Result { () throws(PixelBufferError) in
                    try PixelBuffer(
                        width: 1, height: 3, layout: .gray8, bytesPerRow: .max / 2 + 1, bytes: tiny, limits: huge)
                },
                .rowStrideOverflow(bytesPerRow: .max / 2 + 1, height: 3)
            ),
            (
                "width 0",
                Result { () throws(PixelBufferError) in
                    try PixelBuffer(width: 0, height: 1, layout: .gray8, bytes: tiny)
                },
                .invalidDimensions(width: 0, height: 1)
            ),
        ]
    }

    @Test("raw-buffer rows 56-58 fail with the right error within 100 ms")
    func rawRowErrors() {
        let clock = ContinuousClock()
        let start = clock.now
        let results = Self.rawRows()
        let elapsed = clock.now - start
        for (name, result, expected) in results {
            #expect(throws: expected, "\(name)") { try result.get() }
        }
        #expect(elapsed < .milliseconds(300), "three raw rows took \(elapsed)")
    }

    /// Every row runs in a child process whose data segment may grow by 8 MiB only: a
    /// decoder that allocated a claimed size (900 MB for row 15, 522 MB for row 16, 7.2 GB
    /// for the raw row) would crash the child on the failed allocation.
    @Test("every row decodes or fails within 8 MiB of new memory")
    func allocationBound() async {
        await #expect(processExitsWith: .success) {
            let rows = NetpbmChecklistCostTests.rows  // built before the cap
            NetpbmChecklistCostTests.withDataLimit(extraBytes: 8 << 20) {
                for row in rows { _ = try? PixelBuffer(netpbm: row.bytes) }
                _ = NetpbmChecklistCostTests.rawRows()
            }
        }
    }

    @Test("the 8 MiB cap does stop a 64 MiB allocation (the bound can fail)")
    func allocationBoundBites() async {
        await #expect(processExitsWith: .failure) {
            NetpbmChecklistCostTests.withDataLimit(extraBytes: 8 << 20) {
                let big = [UInt8](repeating: 1, count: 64 << 20)
                precondition(big.count == 64 << 20)
            }
        }
    }
}
