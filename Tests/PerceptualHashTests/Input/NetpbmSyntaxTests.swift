import Testing
@testable import PerceptualHash

/// White space, comments, P4 row padding, multi-image streams and limits.
@Suite("Netpbm syntax")
struct NetpbmSyntaxTests {
    static let whitespace = [" ", "\t", "\n", "\r", "\u{0B}", "\u{0C}", "\r\n", " \t\n\r\u{0B}\u{0C}"]

    @Test("every white-space byte separates header and plain tokens", arguments: whitespace)
    func whitespaceVariants(_ ws: String) throws {
        let samples = [0, 7, 15, 3, 9, 12]
        for plain in [true, false] {
            let text = "P\(plain ? 2 : 5)\(ws)3\(ws)2\(ws)15"
            var file = Array(text.utf8)
            if plain {
                file += Array((ws + samples.map(String.init).joined(separator: ws) + ws).utf8)
            } else {
                // The single delimiter byte is the first byte of `ws`.
                file += [ws.utf8.first!] + samples.map(UInt8.init)
                if ws == "\r\n" { file = Array("P5\r\n3\r\n2\r\n15\n".utf8) + samples.map(UInt8.init) }
            }
            let image = try PixelBuffer(netpbm: file)
            let expected = samples.map { NetpbmReference.scaled($0, maxval: 15) }
            #expect(image.samples == expected, "plain \(plain) ws \(Array(ws.utf8))")
        }
    }

    @Test("comment placements") func comments() throws {
        let expected: [UInt8] = [0, 255, 136, 17]
        let files = [
            "P2#after magic\n2 2 15\n0 15 8 1\n",
            "P2\n#line\n2 #between\n2\n# more\n15\n0 15 8 1\n",
            "P2\n2#inside a number\n2 15\n0 15 8 1\n",
            "P2\n2 2 15#before the raster\n0 15 8 1\n",
            "P2\n2 2 15\n0 #in the raster\n15 8#x\n1#at the end",
            "P2\n2 2 15\r#cr-terminated\r0 15 8 1",
            "P2\n2 2 15\n0 15 8 1 # trailing comment, no newline",
        ]
        for text in files {
            #expect(try PixelBuffer(netpbm: Array(text.utf8)).samples == expected, "\(text.debugDescription)")
        }
        #expect(try PixelBuffer(netpbm: NetpbmReference.bytes("P5\n#c1\n2 1#c2\n255#c3\n", [1, 2])).samples == [1, 2])
        #expect(
            try PixelBuffer(
                netpbm: NetpbmReference.bytes(
                    "P7\n#comment\n\n#WIDTH 9\nWIDTH 1\nHEIGHT 1\nDEPTH 1\nMAXVAL 255\n#x\nENDHDR\n", [5])
            ).samples == [5])
    }

    @Test("P4 widths 1...7 mod 8, pad bits set or cleared", arguments: 1...23)
    func p4Widths(_ width: Int) throws {
        let height = 3
        var rng = SplitMix64(seed: UInt64(width))
        let bits = (0..<(width * height)).map { _ in Int(rng.next() % 2) }
        let clean = NetpbmReference.encode(.pbm(plain: false), width: width, height: height, maxval: 1, samples: bits)
        // Set every pad bit.
        var dirty = clean
        let rowBytes = (width + 7) / 8
        let headerCount = clean.count - rowBytes * height
        if width % 8 != 0 {
            for y in 0..<height { dirty[headerCount + y * rowBytes + rowBytes - 1] |= UInt8(0xFF >> (width % 8)) }
        }
        let expected = bits.map { UInt8($0 == 1 ? 0 : 255) }
        let a = try PixelBuffer(netpbm: clean), b = try PixelBuffer(netpbm: dirty)
        #expect(a.samples == expected, "width \(width)")
        #expect(b == a, "width \(width) with pad bits set")
        let plain = NetpbmReference.encode(.pbm(plain: true), width: width, height: height, maxval: 1, samples: bits)
        #expect(try PixelBuffer(netpbm: plain) == a, "width \(width) plain")
    }

    @Test func concatenatedImages() throws {
        let stream =
            NetpbmReference.bytes("P5 1 1 255\nA")
            + NetpbmReference.bytes("P6 1 1 65535\n", [0, 0, 0xFF, 0xFF, 0x80, 0x00])
            + NetpbmReference.bytes("\n \tP4 3 1\n", [0xA0])
            + NetpbmReference.bytes(
                "P7\nWIDTH 1\nHEIGHT 1\nDEPTH 2\nMAXVAL 1\nTUPLTYPE BLACKANDWHITE_ALPHA\nENDHDR\n", [1, 0])
            + NetpbmReference.bytes("P2 2 1 3 3 0\n")
        let images = try PixelBuffer.decodeAll(netpbm: stream)
        #expect(images.map(\.samples) == [[65], [0, 255, 128], [0, 255, 0], [255, 0], [255, 0]])
        #expect(images.map(\.format) == [.gray8, .rgb8, .gray8, .grayAlpha8, .gray8])
        // Trailing white space is fine; trailing junk is an error for decodeAll only.
        #expect(try PixelBuffer.decodeAll(netpbm: NetpbmReference.bytes("P5 1 1 255\nA \n\n")).count == 1)
        #expect(throws: NetpbmError.unrecognizedFormat(offset: 13)) {
            try PixelBuffer.decodeAll(netpbm: NetpbmReference.bytes("P5 1 1 255\nA junk"))
        }
        // The second image's errors carry offsets into the whole stream.
        #expect(throws: NetpbmError.sampleOutOfRange(value: 9, maxval: 8, offset: 21)) {
            try PixelBuffer.decodeAll(netpbm: NetpbmReference.bytes("P5 1 1 255\nAP5 1 1 8\n", [9]))
        }
        // A plain image ends the stream, whatever follows.
        #expect(try PixelBuffer.decodeAll(netpbm: NetpbmReference.bytes("P2 1 1 3 3\nP5 1 1 255\nA")).count == 1)
    }

    @Test func imageCountCap() throws {
        let one = NetpbmReference.bytes("P5 1 1 255\nA")
        var limits = ImageLimits.default
        limits.maxImageCount = 3
        #expect(
            try PixelBuffer.decodeAll(netpbm: Array([[UInt8]](repeating: one, count: 3).joined()), limits: limits).count
                == 3)
        #expect(throws: NetpbmError.limitExceeded(.imageCount, value: 4, limit: 3)) {
            try PixelBuffer.decodeAll(netpbm: Array([[UInt8]](repeating: one, count: 4).joined()), limits: limits)
        }
        let many = Array([[UInt8]](repeating: one, count: 1000).joined())
        #expect(throws: NetpbmError.limitExceeded(.imageCount, value: 65, limit: 64)) {
            try PixelBuffer.decodeAll(netpbm: many)
        }
    }

    @Test func callerLimits() throws {
        var limits = ImageLimits.default
        limits.maxWidth = 4; limits.maxHeight = 3; limits.maxPixelCount = 10; limits.maxPAMDepth = 2
        limits.maxTupleTypeBytes = 3
        let ok = NetpbmReference.bytes("P5 4 2 255\n", [UInt8](repeating: 1, count: 8))
        #expect(try PixelBuffer(netpbm: ok, limits: limits).samples.count == 8)
        #expect(throws: NetpbmError.limitExceeded(.width, value: 5, limit: 4)) {
            try PixelBuffer(netpbm: NetpbmReference.bytes("P5 5 1 255\n"), limits: limits)
        }
        #expect(throws: NetpbmError.limitExceeded(.height, value: 4, limit: 3)) {
            try PixelBuffer(netpbm: NetpbmReference.bytes("P5 1 4 255\n"), limits: limits)
        }
        #expect(throws: NetpbmError.limitExceeded(.pixelCount, value: 12, limit: 10)) {
            try PixelBuffer(netpbm: NetpbmReference.bytes("P5 4 3 255\n"), limits: limits)
        }
        #expect(throws: NetpbmError.limitExceeded(.depth, value: 3, limit: 2)) {
            try PixelBuffer(netpbm: NetpbmReference.bytes("P7\nDEPTH 3\n"), limits: limits)
        }
        #expect(throws: NetpbmError.limitExceeded(.tupleType, value: 4, limit: 3)) {
            try PixelBuffer(netpbm: NetpbmReference.bytes("P7\nTUPLTYPE GRAY\n"), limits: limits)
        }
        // Limits raised to Int.max do not overflow anything.
        let open = ImageLimits(
            maxWidth: .max, maxHeight: .max, maxPixelCount: .max, maxHeaderBytes: .max,
            maxPAMDepth: .max, maxTupleTypeBytes: .max, maxImageCount: .max)
        #expect(throws: NetpbmError.truncatedRaster(expected: .max, available: 1)) {
            try PixelBuffer(
                netpbm: NetpbmReference.bytes("P6 9223372036854775807 9223372036854775807 65535\n", [0]), limits: open)
        }
        #expect(throws: NetpbmError.truncatedRaster(expected: .max, available: 1)) {
            try PixelBuffer(
                netpbm: NetpbmReference.bytes(
                    "P7\nWIDTH 3037000500\nHEIGHT 3037000500\nDEPTH 99999\nMAXVAL 1\nTUPLTYPE GRAYSCALE\nENDHDR\n", [0]),
                limits: open)
        }
        #expect(try PixelBuffer(netpbm: NetpbmReference.bytes("P5 1 1 255\n", [3]), limits: open).samples == [3])
    }
}
