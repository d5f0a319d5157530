import Testing
@testable import PerceptualHash

/// Rows 1-55 and 59 of the malformed-input checklist in NETPBM.md, each with its exact
/// expected error or pixels. (Rows 56-58 are raw-buffer rows, tested with that API; row 60
/// is the fuzzer's.)
@Suite("Netpbm checklist")
struct NetpbmChecklistTests {
    func decode(_ text: String, _ tail: [UInt8] = [], limits: ImageLimits = .default) throws(NetpbmError) -> PixelBuffer
    {
        try PixelBuffer(netpbm: NetpbmReference.bytes(text, tail), limits: limits)
    }

    /// The UTF-8 offset of the first `marker` in `text`.
    func at(_ text: String, _ marker: String) -> Int {
        let t = Array(text.utf8), m = Array(marker.utf8)
        for i in 0...(t.count - m.count) where Array(t[i..<i + m.count]) == m { return i }
        Issue.record("marker \(marker) not in \(text)")
        return -1
    }

    static let pam1x1 = "P7\nWIDTH 1\nHEIGHT 1\nDEPTH 1\nMAXVAL 255\n"

    @Test("1: empty input") func row01() {
        #expect(throws: NetpbmError.emptyInput) { try decode("") }
        #expect(throws: NetpbmError.emptyInput) { try PixelBuffer.decodeAll(netpbm: []) }
    }

    @Test("2: a lone P") func row02() {
        #expect(throws: NetpbmError.truncatedHeader(offset: 1)) { try decode("P") }
    }

    @Test(
        "3: unrecognized magic",
        arguments: [
            NetpbmReference.bytes("P0 1 1 255\n"), NetpbmReference.bytes("P8 1 1\n"), NetpbmReference.bytes("Px"),
            [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], [0xFF, 0xD8, 0xFF, 0xE0],
            NetpbmReference.bytes("p5 1 1 255\n0"),
        ])
    func row03(_ bytes: [UInt8]) {
        #expect(throws: NetpbmError.unrecognizedFormat(offset: 0)) { try PixelBuffer(netpbm: bytes) }
    }

    @Test("4: PFM and XV thumbnail are unsupported") func row04() {
        #expect(throws: NetpbmError.unsupportedFormat(.pfm, offset: 0)) { try decode("Pf\n1 1\n-1.0\n") }
        #expect(throws: NetpbmError.unsupportedFormat(.pfm, offset: 0)) { try decode("PF\n1 1\n-1.0\n") }
        #expect(throws: NetpbmError.unsupportedFormat(.xvThumbnail, offset: 0)) {
            try decode("P7 332\n#XVVERSION:Version 2.28\n#END_OF_COMMENTS\n1 1 255\n", [0])
        }
    }

    @Test("5: no white space after the magic") func row05() {
        #expect(throws: NetpbmError.malformedHeader(.missingWhitespaceAfterMagic, offset: 2)) {
            try decode("P21 1 255 7")
        }
        #expect(throws: NetpbmError.malformedHeader(.missingWhitespaceAfterMagic, offset: 2)) {
            try decode("P7WIDTH 1\n")
        }
    }

    @Test("6: EOF inside the header") func row06() {
        for text in ["P6", "P6 1", "P6 1 1", "P5 1 1 255", "P6 1 1 25", "P4 1 1", "P1 1"] {
            #expect(throws: NetpbmError.truncatedHeader(offset: text.utf8.count), "\(text)") { try decode(text) }
        }
    }

    @Test("7: a comment running to EOF") func row07() {
        #expect(throws: NetpbmError.truncatedHeader(offset: 7)) { try decode("P5 #abc") }
        #expect(throws: NetpbmError.truncatedHeader(offset: 12)) { try decode("P5 1 1 255#c") }
    }

    @Test("8: 10 MB of comment lines hit the header limit") func row08() throws {
        var comments = [UInt8](repeating: 0x23, count: 10 << 20)  // `#` lines of 100 bytes
        for i in stride(from: 99, to: comments.count, by: 100) { comments[i] = 0x0A }
        let limit = ImageLimits.default.maxHeaderBytes
        #expect(throws: NetpbmError.limitExceeded(.headerBytes, value: limit + 1, limit: limit)) {
            try decode("P5\n", comments)
        }
        var small = ImageLimits.default
        small.maxHeaderBytes = 20
        #expect(throws: NetpbmError.limitExceeded(.headerBytes, value: 21, limit: 20)) {
            try decode("P5\n#0123456789abcdef\n1 1 255\n", [0], limits: small)
        }
        // Exactly at the limit: `P5 1 1 255\n` is 11 header bytes.
        small.maxHeaderBytes = 11
        #expect(try decode("P5 1 1 255\n", [9], limits: small).samples == [9])
        small.maxHeaderBytes = 10
        #expect(throws: NetpbmError.limitExceeded(.headerBytes, value: 11, limit: 10)) {
            try decode("P5 1 1 255\n", [9], limits: small)
        }
    }

    @Test("9: a comment inside a number separates it") func row09() throws {
        let image = try decode("P2\n2#c\n1 1\n0 1\n")
        #expect(image.width == 2 && image.height == 1 && image.samples == [0, 255])
        let alsoCR = try decode("P2\n2#c\r1\r1\r0 1\r")
        #expect(alsoCR.width == 2 && alsoCR.samples == [0, 255])
    }

    @Test("10: a non-number where a number belongs") func row10() {
        #expect(throws: NetpbmError.malformedHeader(.invalidNumber, offset: 3)) { try decode("P6 abc 1 255\n") }
        #expect(throws: NetpbmError.malformedHeader(.invalidNumber, offset: 3)) { try decode("P6 -1 1 255\n") }
        #expect(throws: NetpbmError.malformedHeader(.invalidNumber, offset: 3)) { try decode("P6 +1 1 255\n") }
        #expect(throws: NetpbmError.malformedHeader(.invalidNumber, offset: 4)) { try decode("P6 1x 1 255\n") }
        #expect(throws: NetpbmError.malformedHeader(.invalidNumber, offset: 5)) { try decode("P6 1 -1 255\n") }
    }

    @Test("11: VT and FF are white space") func row11() throws {
        #expect(try decode("P2\u{0B}2 1 255 7 9\n").samples == [7, 9])
        #expect(try decode("P2\u{0C}2\u{0B}1\u{0C}255\u{0B}7\u{0C}9\n").samples == [7, 9])
        #expect(try decode("P5\u{0C}1 1 255\u{0B}", [200]).samples == [200])
    }

    @Test("12: a zero side") func row12() {
        #expect(throws: NetpbmError.invalidDimensions(width: 0, height: 1, depth: 1)) { try decode("P5\n0 1\n255\n") }
        #expect(throws: NetpbmError.invalidDimensions(width: 3, height: 0, depth: 3)) { try decode("P6\n3 0\n255\n") }
        #expect(throws: NetpbmError.invalidDimensions(width: 0, height: 0, depth: 1)) { try decode("P4 0 0\n") }
    }

    @Test("13: a huge width is a width limit, found while parsing") func row13() {
        let limit = ImageLimits.default.maxWidth
        #expect(throws: NetpbmError.limitExceeded(.width, value: 99_999_999_999, limit: limit)) {
            try decode("P5 99999999999 1 255\n")
        }
        #expect(throws: NetpbmError.limitExceeded(.width, value: 4_294_967_296, limit: limit)) {
            try decode("P5 4294967296 1 255\n")
        }
        let digits = String(repeating: "9", count: 10_000)
        #expect(throws: NetpbmError.limitExceeded(.width, value: Int.max, limit: limit)) {
            try decode("P5 \(digits) 1 255\n")
        }
        // Found before the rest of the header is even present.
        #expect(throws: NetpbmError.limitExceeded(.width, value: 40_000, limit: limit)) { try decode("P5 40000 ") }
    }

    @Test("14: 65535 per side is past the width limit") func row14() {
        #expect(throws: NetpbmError.limitExceeded(.width, value: 65535, limit: 32768)) {
            try decode("P6 65535 65535 65535\n")
        }
    }

    @Test("15: a pixel-count bomb") func row15() {
        #expect(throws: NetpbmError.limitExceeded(.pixelCount, value: 900_000_000, limit: 89_478_485)) {
            try decode("P5 30000 30000 255\n", [1, 2, 3])
        }
    }

    @Test("16: a short raster is refused before allocating") func row16() {
        #expect(throws: NetpbmError.truncatedRaster(expected: 30000 * 2900 * 3, available: 3)) {
            try decode("P6 30000 2900 255\n", [1, 2, 3])
        }
        #expect(throws: NetpbmError.truncatedRaster(expected: 30000 * 2900 * 6, available: 3)) {
            try decode("P6 30000 2900 65535\n", [1, 2, 3])
        }
        #expect(throws: NetpbmError.truncatedRaster(expected: 3750 * 2900, available: 3)) {
            try decode("P4 30000 2900\n", [1, 2, 3])
        }
    }

    @Test("17: an aspect-ratio bomb") func row17() {
        #expect(throws: NetpbmError.limitExceeded(.height, value: 89_478_486, limit: 32768)) {
            try decode("P5 1 89478486 255\n")
        }
    }

    @Test("18: maxval 0") func row18() {
        #expect(throws: NetpbmError.invalidMaxval(value: 0, offset: 7)) { try decode("P5 1 1 0\n", [0]) }
        #expect(throws: NetpbmError.invalidMaxval(value: 0, offset: 7)) { try decode("P2 1 1 0\n0\n") }
    }

    @Test("19: maxval past 65535") func row19() {
        #expect(throws: NetpbmError.invalidMaxval(value: 65536, offset: 7)) { try decode("P5 1 1 65536\n", [0, 0]) }
        #expect(throws: NetpbmError.invalidMaxval(value: 4_294_967_295, offset: 7)) {
            try decode("P5 1 1 4294967295\n")
        }
        let digits = String(repeating: "7", count: 30)
        #expect(throws: NetpbmError.invalidMaxval(value: Int.max, offset: 7)) { try decode("P5 1 1 \(digits)\n") }
    }

    @Test("20: leading zeros") func row20() throws {
        #expect(try decode("P5 1 1 00255\n", [7]).samples == [7])
        #expect(try decode("P2 1 1 255\n000000000000255\n").samples == [255])
        #expect(try decode("P2 0002 01 0015\n015 00007\n").samples == [255, 119])
    }

    @Test("21: a non-white-space raster delimiter") func row21() {
        #expect(throws: NetpbmError.malformedHeader(.invalidRasterDelimiter, offset: 10)) {
            try decode("P5 1 1 255X", [7])
        }
        #expect(throws: NetpbmError.malformedHeader(.invalidRasterDelimiter, offset: 6)) { try decode("P4 8 1X", [7]) }
    }

    @Test("22: a comment right before the raster (its LF delimits)") func row22() throws {
        #expect(try decode("P5\n2 1\n255#c\nAB").samples == [65, 66])
        #expect(try decode("P5\n2 1\n255#c\r\nAB").samples == [10, 65])
    }

    @Test("23: CRLF header: CR delimits, LF is raster") func row23() throws {
        #expect(try decode("P5\r\n2 1\r\n255\r\nAB").samples == [10, 65])
        #expect(throws: NetpbmError.truncatedRaster(expected: 4, available: 3)) { try decode("P5\r\n4 1\r\n255\r\nAB") }
    }

    @Test("24: a raster one byte short") func row24() {
        #expect(throws: NetpbmError.truncatedRaster(expected: 6, available: 5)) {
            try decode("P6 2 1 255\n", [1, 2, 3, 4, 5])
        }
        #expect(throws: NetpbmError.truncatedRaster(expected: 2, available: 1)) { try decode("P5 1 1 256\n", [1]) }
        #expect(throws: NetpbmError.truncatedRaster(expected: 4, available: 3)) {
            try decode("P5 2 1 1000\n", [0, 1, 0])
        }
        #expect(throws: NetpbmError.truncatedRaster(expected: 4, available: 1)) { try decode("P4 9 2\n", [0]) }
        #expect(throws: NetpbmError.truncatedRaster(expected: 1, available: 0)) { try decode(Self.pam1x1 + "ENDHDR\n") }
    }

    @Test("25: an 8-bit sample above maxval") func row25() {
        #expect(throws: NetpbmError.sampleOutOfRange(value: 200, maxval: 100, offset: 11)) {
            try decode("P5 1 1 100\n", [0xC8])
        }
        #expect(throws: NetpbmError.sampleOutOfRange(value: 2, maxval: 1, offset: 13)) {
            try decode("P6 1 2 1\n", [1, 0, 1, 0, 2, 1])
        }
    }

    @Test("26: a 16-bit sample above maxval") func row26() {
        #expect(throws: NetpbmError.sampleOutOfRange(value: 1001, maxval: 1000, offset: 12)) {
            try decode("P5 1 1 1000\n", [0x03, 0xE9])
        }
        #expect(throws: NetpbmError.sampleOutOfRange(value: 257, maxval: 256, offset: 13)) {
            try decode("P5 2 1 256\n", [1, 0, 1, 1])
        }
    }

    @Test("27: maxval 255 and 65535 take any bytes") func row27() throws {
        let all = (0..<256).map { UInt8($0) }
        #expect(try decode("P5 16 16 255\n", all).samples == all)
        #expect(try decode("P5 2 1 65535\n", [0xFF, 0xFF, 0x00, 0x00]).samples == [255, 0])
        #expect(try decode("P5 1 1 65535\n", [0x7F, 0xFF]).samples == [UInt8((32767 * 255 + 32767) / 65535)])
    }

    @Test("28: 16-bit samples are big-endian") func row28() throws {
        // 0x0102 = 258: (258 * 255 + 32767) / 65535 = 1; little-endian would be 513 -> 2.
        #expect(try decode("P5 1 1 65535\n", [0x01, 0x02]).samples == [1])
        #expect(try decode("P5 3 1 256\n", [0x01, 0x00, 0x00, 0x80, 0x00, 0x01]).samples == [255, 128, 1])
        #expect(try decode("P5 1 1 1000\n", [0x01, 0x02]).samples == [UInt8((258 * 255 + 500) / 1000)])
    }

    @Test("29: P4 pad bits are ignored") func row29() throws {
        #expect(try decode("P4 3 1\n", [0xFF]).samples == [0, 0, 0])
        let set = try decode("P4 9 2\n", [0xFF, 0x80, 0x00, 0x7F])
        #expect(set.samples == [UInt8](repeating: 0, count: 9) + [UInt8](repeating: 255, count: 9))
        let cleared = try decode("P4 9 2\n", [0xFF, 0x80, 0x00, 0x00])
        #expect(set == cleared)
        #expect(set.grayscale(.rec601) == cleared.grayscale(.rec601))
    }

    @Test("30: P4 with a comment before the raster") func row30() throws {
        #expect(try decode("P4 8 1#c\n", [0xF0]).samples == [0, 0, 0, 0, 255, 255, 255, 255])
    }

    @Test("31: trailing images and junk are ignored") func row31() throws {
        #expect(try decode("P5 1 1 255\nAP5 1 1 255\nB").samples == [65])
        #expect(try decode("P5 1 1 255\nAjunk\u{0}\u{FF}").samples == [65])
        #expect(try decode("P2 1 1 255\n65 junk after the raster").samples == [65])
    }

    @Test("32: P1 without separators") func row32() throws {
        #expect(try decode("P1 4 1\n0101").samples == [255, 0, 255, 0])
        #expect(try decode("P1\n2 2\n1001").samples == [0, 255, 255, 0])
    }

    @Test("33: a P1 digit other than 0 or 1") func row33() {
        #expect(throws: NetpbmError.invalidRasterToken(offset: 8)) { try decode("P1 2 1\n02") }
        #expect(throws: NetpbmError.invalidRasterToken(offset: 7)) { try decode("P1 2 1\nx1") }
    }

    @Test("34: comments inside a plain raster") func row34() throws {
        #expect(try decode("P1 2 1\n0#c\n1").samples == [255, 0])
        #expect(try decode("P3 1 1 255\n1 #c\n2 3").samples == [1, 2, 3])
        #expect(try decode("P2 2 1 255\n1#c\n2").samples == [1, 2])
    }

    @Test("35: a plain value above maxval") func row35() {
        #expect(throws: NetpbmError.sampleOutOfRange(value: 200, maxval: 100, offset: 11)) {
            try decode("P2 1 1 100 200")
        }
        #expect(throws: NetpbmError.sampleOutOfRange(value: 256, maxval: 255, offset: 15)) {
            try decode("P3 1 1 255\n1 2 256")
        }
    }

    @Test("36: a negative plain value") func row36() {
        #expect(throws: NetpbmError.invalidRasterToken(offset: 11)) { try decode("P2 1 1 255 -1") }
        #expect(throws: NetpbmError.invalidRasterToken(offset: 12)) { try decode("P2 1 1 255 1a") }
    }

    @Test("37: a plain value too large for Int") func row37() {
        #expect(throws: NetpbmError.sampleOutOfRange(value: Int.max, maxval: 255, offset: 11)) {
            try decode("P2 1 1 255 99999999999999999999")
        }
    }

    @Test("38: a truncated plain raster") func row38() {
        #expect(throws: NetpbmError.truncatedRaster(expected: 128 * 128, available: 0)) { try decode("P1 128 128\n") }
        #expect(throws: NetpbmError.truncatedRaster(expected: 2 * 128 * 128 * 3 - 1, available: 0)) {
            try decode("P3 128 128 255\n")
        }
        // Past the lower bound, the end of input is found while decoding.
        #expect(throws: NetpbmError.truncatedRaster(expected: 6, available: 5)) { try decode("P1 2 2\n0 1 0") }
        #expect(throws: NetpbmError.truncatedRaster(expected: 11, available: 8)) { try decode("P2 2 2 255\n1   2   ") }
    }

    @Test("39: a huge plain claim is refused by the lower bound") func row39() {
        #expect(throws: NetpbmError.limitExceeded(.pixelCount, value: 400_000_000, limit: 89_478_485)) {
            try decode("P3 20000 20000 255\n1 2 3")
        }
        var raised = ImageLimits.default
        raised.maxPixelCount = 400_000_000
        #expect(throws: NetpbmError.truncatedRaster(expected: 2 * 400_000_000 * 3 - 1, available: 5)) {
            try decode("P3 20000 20000 255\n1 2 3", limits: raised)
        }
    }

    @Test("40: a megabyte of white space in a plain raster") func row40() throws {
        let spaces = [UInt8](repeating: 0x20, count: 1 << 20)
        let image = try PixelBuffer(netpbm: NetpbmReference.bytes("P2 2 1 255\n7") + spaces + Array("\n\t9\n".utf8))
        #expect(image.samples == [7, 9])
    }

    @Test("41: a plain token across a 64 KiB read chunk (contentsOfFile)") func row41() throws {
        // FileReading reads in 64 KiB chunks; put the token `123` across offset 65536.
        let head = NetpbmReference.bytes("P2 2 1 255\n7")
        let padding = [UInt8](repeating: 0x20, count: 65536 - head.count - 1)
        let file = head + padding + Array("123\n".utf8)
        let path = try NetpbmFileTests.temporaryFile(file)
        defer { NetpbmFileTests.remove(path) }
        #expect(try PixelBuffer(contentsOfFile: path).samples == [7, 123])
        #expect(try PixelBuffer(netpbm: file).samples == [7, 123])
    }

    @Test("42: PAM first line") func row42() throws {
        #expect(try decode("P7 \nWIDTH 1\nHEIGHT 1\nDEPTH 1\nMAXVAL 255\nENDHDR\nA").samples == [65])
        #expect(throws: NetpbmError.truncatedHeader(offset: 2)) { try decode("P7") }
        #expect(throws: NetpbmError.truncatedHeader(offset: 3)) { try decode("P7 ") }
        #expect(throws: NetpbmError.malformedHeader(.unexpectedText, offset: 3)) { try decode("P7 WIDTH 1\n") }
    }

    @Test("43: PAM missing fields") func row43() {
        let fields = ["WIDTH 1\n", "HEIGHT 1\n", "DEPTH 1\n", "MAXVAL 255\n"]
        let names: [NetpbmHeaderField] = [.width, .height, .depth, .maxval]
        for i in 0..<4 {
            var text = "P7\n"
            for j in 0..<4 where j != i { text += fields[j] }
            let offset = text.utf8.count
            text += "ENDHDR\nAB"
            #expect(throws: NetpbmError.malformedHeader(.missingField(names[i]), offset: offset), "\(names[i])") {
                try decode(text)
            }
        }
    }

    @Test("44: PAM without ENDHDR") func row44() {
        #expect(throws: NetpbmError.truncatedHeader(offset: Self.pam1x1.utf8.count)) { try decode(Self.pam1x1) }
        #expect(throws: NetpbmError.truncatedHeader(offset: Self.pam1x1.utf8.count + 6)) {
            try decode(Self.pam1x1 + "ENDHDR")
        }
    }

    @Test("45: PAM duplicate fields") func row45() {
        let text = "P7\nWIDTH 1\nWIDTH 1\nHEIGHT 1\nDEPTH 1\nMAXVAL 255\nENDHDR\nA"
        #expect(throws: NetpbmError.malformedHeader(.duplicateField(.width), offset: 11)) { try decode(text) }
        let maxval = Self.pam1x1 + "MAXVAL 255\nENDHDR\nA"
        #expect(throws: NetpbmError.malformedHeader(.duplicateField(.maxval), offset: Self.pam1x1.utf8.count)) {
            try decode(maxval)
        }
    }

    @Test("46: PAM unknown keywords and indented comments") func row46() {
        for line in ["width 1", "FOO 3", "  # c", "WIDTHS 1", "\t#"] {
            let text = "P7\n\(line)\nWIDTH 1\nHEIGHT 1\nDEPTH 1\nMAXVAL 255\nENDHDR\nA"
            let offset = 3 + line.utf8.prefix { $0 == 0x20 || $0 == 0x09 }.count
            #expect(throws: NetpbmError.malformedHeader(.unknownField, offset: offset), "\(line)") { try decode(text) }
        }
    }

    @Test("47: PAM numbers are digits only") func row47() {
        for (value, bad) in [("1x", 1), ("1 2", 1), ("+1", 0), ("-1", 0), ("0x10", 1), ("1.0", 1)] {
            let text = "P7\nWIDTH \(value)\nHEIGHT 1\nDEPTH 1\nMAXVAL 255\nENDHDR\nA"
            #expect(throws: NetpbmError.malformedHeader(.invalidNumber, offset: 9 + bad), "\(value)") {
                try decode(text)
            }
        }
        #expect(throws: NetpbmError.malformedHeader(.invalidNumber, offset: 8)) {
            try decode("P7\nWIDTH\nHEIGHT 1\nDEPTH 1\nMAXVAL 255\nENDHDR\nA")
        }
    }

    @Test("48: PAM depth 0 and a huge depth") func row48() {
        #expect(throws: NetpbmError.invalidDimensions(width: 1, height: 1, depth: 0)) {
            try decode("P7\nWIDTH 1\nHEIGHT 1\nDEPTH 0\nMAXVAL 255\nENDHDR\nA")
        }
        #expect(throws: NetpbmError.limitExceeded(.depth, value: 4_000_000_000, limit: 16)) {
            try decode("P7\nWIDTH 1\nHEIGHT 1\nDEPTH 4000000000\nMAXVAL 255\nENDHDR\nA")
        }
        #expect(throws: NetpbmError.invalidMaxval(value: 0, offset: 35)) {
            try decode("P7\nWIDTH 1\nHEIGHT 1\nDEPTH 1\nMAXVAL 0\nENDHDR\nA")
        }
    }

    @Test("49: PAM tuple type empty or too long") func row49() throws {
        #expect(throws: NetpbmError.malformedHeader(.emptyTupleType, offset: Self.pam1x1.utf8.count)) {
            try decode(Self.pam1x1 + "TUPLTYPE   \r\nENDHDR\nA")
        }
        let long = String(repeating: "X", count: 256)
        #expect(throws: NetpbmError.limitExceeded(.tupleType, value: 256, limit: 255)) {
            try decode(Self.pam1x1 + "TUPLTYPE \(long)\nENDHDR\nA")
        }
        // 127 + 1 + 128 = 256 bytes once joined.
        let a = String(repeating: "A", count: 127), b = String(repeating: "B", count: 128)
        #expect(throws: NetpbmError.limitExceeded(.tupleType, value: 256, limit: 255)) {
            try decode(Self.pam1x1 + "TUPLTYPE \(a)\nTUPLTYPE \(b)\nENDHDR\nA")
        }
        #expect(try decode(Self.pam1x1 + "TUPLTYPE \(String(repeating: "X", count: 255))\nENDHDR\nA").samples == [65])
    }

    @Test("50: two TUPLTYPE lines join into an unknown type") func row50() throws {
        let image = try decode("P7\nWIDTH 1\nHEIGHT 1\nDEPTH 3\nMAXVAL 255\nTUPLTYPE RGB\nTUPLTYPE EXTRA\nENDHDR\nabc")
        #expect(image.format == .rgb8 && image.samples == [97, 98, 99])
        // Joined with one space: `GRAY` + `SCALE` is not `GRAYSCALE`; depth 2 -> gray + alpha.
        let split = try decode("P7\nWIDTH 1\nHEIGHT 1\nDEPTH 2\nMAXVAL 255\nTUPLTYPE GRAY\nTUPLTYPE SCALE\nENDHDR\nab")
        #expect(split.format == .grayAlpha8)
    }

    @Test("51: PAM layouts that do not fit") func row51() {
        #expect(throws: NetpbmError.unsupportedPAMLayout(tupleType: .blackAndWhite, depth: 1, maxval: 2)) {
            try decode("P7\nWIDTH 1\nHEIGHT 1\nDEPTH 1\nMAXVAL 2\nTUPLTYPE BLACKANDWHITE\nENDHDR\n\u{0}")
        }
        #expect(throws: NetpbmError.unsupportedPAMLayout(tupleType: .rgb, depth: 2, maxval: 255)) {
            try decode("P7\nWIDTH 1\nHEIGHT 1\nDEPTH 2\nMAXVAL 255\nTUPLTYPE RGB\nENDHDR\nab")
        }
        #expect(throws: NetpbmError.unsupportedPAMLayout(tupleType: .rgbAlpha, depth: 3, maxval: 255)) {
            try decode("P7\nWIDTH 1\nHEIGHT 1\nDEPTH 3\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\nENDHDR\nabc")
        }
        #expect(throws: NetpbmError.unsupportedPAMLayout(tupleType: .grayscaleAlpha, depth: 1, maxval: 255)) {
            try decode("P7\nWIDTH 1\nHEIGHT 1\nDEPTH 1\nMAXVAL 255\nTUPLTYPE GRAYSCALE_ALPHA\nENDHDR\na")
        }
        #expect(throws: NetpbmError.unsupportedPAMLayout(tupleType: .blackAndWhiteAlpha, depth: 1, maxval: 1)) {
            try decode("P7\nWIDTH 1\nHEIGHT 1\nDEPTH 1\nMAXVAL 1\nTUPLTYPE BLACKANDWHITE_ALPHA\nENDHDR\n\u{0}")
        }
        #expect(throws: NetpbmError.unsupportedPAMLayout(tupleType: .other, depth: 5, maxval: 255)) {
            try decode("P7\nWIDTH 1\nHEIGHT 1\nDEPTH 5\nMAXVAL 255\nENDHDR\nabcde")
        }
    }

    @Test("52: RGB_ALPHA with depth 5 ignores plane 4") func row52() throws {
        let image = try decode("P7\nWIDTH 2\nHEIGHT 1\nDEPTH 5\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\nENDHDR\nabcdeABCDE")
        #expect(image.format == .rgba8 && image.samples == Array("abcdABCD".utf8))
        // Ignored planes are still validated against maxval.
        #expect(throws: NetpbmError.sampleOutOfRange(value: 9, maxval: 8, offset: 67)) {
            try decode("P7\nWIDTH 1\nHEIGHT 1\nDEPTH 5\nMAXVAL 8\nTUPLTYPE RGB_ALPHA\nENDHDR\n", [1, 2, 3, 4, 9])
        }
    }

    @Test("53: PAM BLACKANDWHITE: 0 is black, 1 white") func row53() throws {
        let image = try decode("P7\nWIDTH 2\nHEIGHT 1\nDEPTH 1\nMAXVAL 1\nTUPLTYPE BLACKANDWHITE\nENDHDR\n", [0, 1])
        #expect(image.format == .gray8 && image.samples == [0, 255])
        // The same picture as PBM stores the opposite bits.
        #expect(try decode("P4 2 1\n", [0x80]) == image)
    }

    @Test("54: PAM with CRLF header lines") func row54() throws {
        let image = try decode(
            "P7\r\nWIDTH 2\r\nHEIGHT 1\r\nDEPTH 1\r\nMAXVAL 255\r\nTUPLTYPE GRAYSCALE\r\nENDHDR\r\nAB")
        #expect(image.samples == [65, 66])
    }

    @Test("55: a 1 MB PAM line or 100,000 blank lines hit the header limit") func row55() {
        let limit = ImageLimits.default.maxHeaderBytes
        let line = "P7\n#" + String(repeating: "c", count: 1 << 20) + "\n" + Self.pam1x1.dropFirst(3) + "ENDHDR\nA"
        #expect(throws: NetpbmError.limitExceeded(.headerBytes, value: limit + 1, limit: limit)) { try decode(line) }
        let blank = "P7\n" + String(repeating: "\n", count: 100_000) + Self.pam1x1.dropFirst(3) + "ENDHDR\nA"
        #expect(throws: NetpbmError.limitExceeded(.headerBytes, value: limit + 1, limit: limit)) { try decode(blank) }
        let tuple = Self.pam1x1 + "TUPLTYPE " + String(repeating: "T", count: 1 << 20) + "\nENDHDR\nA"
        #expect(throws: NetpbmError.limitExceeded(.headerBytes, value: limit + 1, limit: limit)) { try decode(tuple) }
    }

    @Test("59: 8 concurrent tasks decode identically")
    func row59() async throws {
        let inputs: [[UInt8]] = [
            NetpbmReference.encode(
                .ppm(plain: false), width: 33, height: 17, maxval: 1000,
                samples: NetpbmReference.randomSamples(count: 33 * 17 * 3, maxval: 1000, seed: 59)),
            NetpbmReference.encode(
                .pgm(plain: true), width: 9, height: 9, maxval: 15,
                samples: NetpbmReference.randomSamples(count: 81, maxval: 15, seed: 60)),
            NetpbmReference.bytes("P5 1 1 100\n", [200]),
            NetpbmReference.bytes("P6 30000 2900 255\n", [1, 2, 3]),
        ]
        func run(_ bytes: [UInt8]) -> Result<PixelBuffer, NetpbmError> {
            Result { () throws(NetpbmError) -> PixelBuffer in try PixelBuffer(netpbm: bytes) }
        }
        let serial = inputs.map(run)
        let results = await withTaskGroup(of: [Result<PixelBuffer, NetpbmError>].self) { group in
            for _ in 0..<8 { group.addTask { inputs.map(run) } }
            var all: [[Result<PixelBuffer, NetpbmError>]] = []
            for await r in group { all.append(r) }
            return all
        }
        #expect(results.count == 8)
        for r in results { #expect(r == serial) }
    }
}
