import PerceptualHash
@testable import PerceptualHashDecoders
import Testing

/// Hostile and broken PNG files: each fails with the exact typed error and offset, before
/// allocating anything the header did not justify.
@Suite("PNG errors")
struct PNGErrorTests {
    static func error(_ bytes: [UInt8], options: PNGDecodingOptions = .default, limits: ImageLimits = .default)
        -> PNGError?
    {
        do throws(PNGError) {
            _ = try PixelBuffer(png: bytes, options: options, limits: limits)
            return nil
        } catch {
            return error
        }
    }

    /// A 2x2 8-bit gray image (rows 10 20 / 30 40) made of stored blocks.
    static let gray2x2 = Reference.png(
        Reference.ihdr(width: 2, height: 2, depth: 8, colorType: 0),
        Reference.chunk("IDAT", Reference.zlibStored([0, 10, 20, 0, 30, 40])))

    @Test("the hand-made file decodes")
    func handMade() throws {
        let image = try PixelBuffer(png: Self.gray2x2)
        #expect(image.format == .gray8 && image.samples == [10, 20, 30, 40])
        let isPNG = PixelBuffer.isPNG(Self.gray2x2.span.bytes)
        let zerosArePNG = PixelBuffer.isPNG([UInt8](repeating: 0, count: 8).span.bytes)
        #expect(isPNG && !zerosArePNG)
        let viaSpan = try PixelBuffer(png: Self.gray2x2.span.bytes)
        #expect(viaSpan == image)
    }

    @Test("signature")
    func signature() {
        #expect(Self.error([]) == .invalidSignature(offset: 0))
        #expect(Self.error([0x89, 0x50, 0x4E, 0x47]) == .invalidSignature(offset: 4))
        #expect(Self.error([0xFF, 0xD8, 0xFF, 0xE0, 0, 0, 0, 0]) == .invalidSignature(offset: 0))
        #expect(Self.error(Array("P5 1 1 255\n\0".utf8)) == .invalidSignature(offset: 0))
        #expect(Self.error([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x00]) == .invalidSignature(offset: 7))
    }

    @Test("every prefix fails until the image data is complete, then decodes")
    func prefixes() {
        let file = Self.gray2x2
        let idatEnd = file.count - 12  // IEND is 12 bytes
        for n in 0..<file.count {
            let e = Self.error(Array(file[..<n]))
            if n < idatEnd {
                #expect(e != nil, "prefix \(n)")
            } else {
                #expect(e == nil, "prefix \(n): \(String(describing: e))")
            }
        }
        #expect(Self.error(Array(file[..<20])) == .truncatedChunk(offset: 8))
        #expect(Self.error(Array(file[..<33])) == .truncatedChunk(offset: 33))
    }

    @Test("CRC mismatch, and the option that skips the check")
    func crc() throws {
        var file = Self.gray2x2
        file[29] ^= 0xFF  // IHDR's CRC (8 + 4 + 4 + 13 = 29)
        let stored = UInt32(file[29]) << 24 | UInt32(file[30]) << 16 | UInt32(file[31]) << 8 | UInt32(file[32])
        let computed = Reference.crc32(Array(file[12..<29]))
        #expect(Self.error(file) == .crcMismatch(chunk: .header, stored: stored, computed: computed, offset: 8))
        let image = try PixelBuffer(png: file, options: PNGDecodingOptions(checksCRC: false))
        #expect(image.samples == [10, 20, 30, 40])
        #expect(PNGChunkType.header.description == "IHDR")
        #expect(PNGChunkType(rawValue: 0x0049_4441).description == "\\x00IDA")
    }

    @Test("header problems")
    func header() {
        func ihdr(
            _ w: UInt32, _ h: UInt32, _ depth: UInt8, _ type: UInt8, compression: UInt8 = 0, filter: UInt8 = 0,
            interlace: UInt8 = 0
        ) -> PNGError? {
            let data = Reference.bigEndian(w) + Reference.bigEndian(h) + [depth, type, compression, filter, interlace]
            return Self.error(Reference.png(Reference.chunk("IHDR", data)))
        }
        #expect(ihdr(0, 1, 8, 0) == .invalidHeader(.invalidDimensions(width: 0, height: 1), offset: 8))
        #expect(
            ihdr(1, 0x8000_0000, 8, 0) == .invalidHeader(.invalidDimensions(width: 1, height: 0x8000_0000), offset: 8))
        #expect(ihdr(1, 1, 8, 5) == .invalidHeader(.invalidColorType(colorType: 5, bitDepth: 8), offset: 8))
        #expect(ihdr(1, 1, 16, 3) == .invalidHeader(.invalidColorType(colorType: 3, bitDepth: 16), offset: 8))
        #expect(ihdr(1, 1, 4, 2) == .invalidHeader(.invalidColorType(colorType: 2, bitDepth: 4), offset: 8))
        #expect(ihdr(1, 1, 3, 0) == .invalidHeader(.invalidColorType(colorType: 0, bitDepth: 3), offset: 8))
        #expect(ihdr(1, 1, 8, 0, compression: 1) == .invalidHeader(.invalidCompressionMethod(1), offset: 8))
        #expect(ihdr(1, 1, 8, 0, filter: 1) == .invalidHeader(.invalidFilterMethod(1), offset: 8))
        #expect(ihdr(1, 1, 8, 0, interlace: 2) == .invalidHeader(.invalidInterlaceMethod(2), offset: 8))
        let short = Reference.signature + Reference.chunk("IHDR", [0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0])
        #expect(Self.error(short) == .invalidHeader(.invalidLength(12), offset: 8))
        // The image data chunk first.
        #expect(Self.error(Reference.signature + Reference.chunk("IDAT", [1])) == .missingHeader(offset: 8))
        // A chunk length past 2^31 - 1.
        #expect(
            Self.error(Reference.signature + [0x80, 0, 0, 0] + Array("IHDR".utf8))
                == .invalidChunkLength(length: 0x8000_0000, offset: 8))
    }

    @Test("limits are checked on the header, before anything is allocated")
    func limits() {
        let idat = Reference.chunk("IDAT", Reference.zlibStored([0]))
        let huge = Reference.png(Reference.ihdr(width: 0x7FFF_FFFF, height: 0x7FFF_FFFF, depth: 16, colorType: 6), idat)
        #expect(Self.error(huge) == .limitExceeded(.width, value: 0x7FFF_FFFF, limit: 32768))
        let tall = Reference.png(Reference.ihdr(width: 1, height: 40_000, depth: 8, colorType: 0), idat)
        #expect(Self.error(tall) == .limitExceeded(.height, value: 40_000, limit: 32768))
        let many = Reference.png(Reference.ihdr(width: 30_000, height: 30_000, depth: 8, colorType: 0), idat)
        #expect(Self.error(many) == .limitExceeded(.pixelCount, value: 900_000_000, limit: 89_478_485))
        var small = ImageLimits.default
        small.maxPixelCount = 3
        #expect(Self.error(Self.gray2x2, limits: small) == .limitExceeded(.pixelCount, value: 4, limit: 3))
        // Within the limits, a huge header with a tiny stream is refused before allocating:
        // 20,000 x 4,000 RGBA16 needs 640 MB, which 12 bytes of zlib data cannot produce.
        let big = Reference.png(Reference.ihdr(width: 20_000, height: 4_000, depth: 16, colorType: 6), idat)
        #expect(Self.error(big) == .imageDataTooShort(expected: 4_000 * (1 + 160_000), compressed: 12, offset: 53))
        // At the ratio's edge the stream is inflated, and found short (the bound is not too tight).
        let edge = Reference.png(Reference.ihdr(width: 1031, height: 12, depth: 8, colorType: 0), idat)
        #expect(Self.error(edge) == .corruptImageData(.tooLittleData(expected: 12 * 1032, found: 1), offset: 49))
    }

    @Test("a decompression bomb stops at the size the header implies")
    func bomb() {
        var w = BitWriter()
        w.write(1, 1); w.write(1, 2)
        w.fixedSymbol(0)
        for _ in 0..<40_000 { w.fixedMatch(length: 258, distance: 1) }
        w.fixedSymbol(256)
        let file = Reference.png(
            Reference.ihdr(width: 1, height: 1, depth: 8, colorType: 0), Reference.chunk("IDAT", w.zlib(adlerOf: [])))
        guard case .corruptImageData(.tooMuchData(expected: 2), _) = Self.error(file) else {
            Issue.record("\(String(describing: Self.error(file)))")
            return
        }
    }

    @Test("image data problems carry file offsets")
    func imageData() {
        let ihdr = Reference.ihdr(width: 2, height: 2, depth: 8, colorType: 0)
        // Adler-32 flipped: the offset is the trailer's place in the file.
        var stream = Reference.zlibStored([0, 10, 20, 0, 30, 40])
        stream[stream.count - 1] ^= 1
        let file = Reference.png(ihdr, Reference.chunk("IDAT", stream))
        let adler = Reference.adler32([0, 10, 20, 0, 30, 40])
        #expect(
            Self.error(file)
                == .corruptImageData(
                    .adler32Mismatch(stored: adler ^ 1, computed: adler), offset: 33 + 8 + stream.count - 4))
        // The same stream split over three IDAT chunks: the offset lands in the third.
        let parts = [Array(stream[0..<5]), Array(stream[5..<9]), Array(stream[9...])]
        let split = Reference.png(
            ihdr, Reference.chunk("IDAT", parts[0]), Reference.chunk("IDAT", parts[1]),
            Reference.chunk("IDAT", parts[2]))
        let third = 33 + 12 + 5 + 12 + 4 + 8
        #expect(
            Self.error(split)
                == .corruptImageData(
                    .adler32Mismatch(stored: adler ^ 1, computed: adler), offset: third + parts[2].count - 4))
        // A filter type of 5 in row 1.
        let filter = Reference.png(ihdr, Reference.chunk("IDAT", Reference.zlibStored([0, 10, 20, 5, 30, 40])))
        #expect(Self.error(filter) == .invalidFilterType(5, pass: 0, row: 1))
        // Interlaced: the first non-empty pass of a 2x2 image is pass 1; pass 6 (x = 1) has 1 row.
        let adam7 = Reference.ihdr(width: 2, height: 2, depth: 8, colorType: 0, interlace: 1)
        // Passes: 1 (1x1), 6 (1x1), 7 (2x1): rows [f, v], [f, v], [f, v, v].
        let bad = Reference.png(adam7, Reference.chunk("IDAT", Reference.zlibStored([0, 10, 9, 20, 0, 30, 40])))
        #expect(Self.error(bad) == .invalidFilterType(9, pass: 6, row: 0))
        let good = Reference.png(adam7, Reference.chunk("IDAT", Reference.zlibStored([0, 10, 0, 20, 0, 30, 40])))
        #expect((try? PixelBuffer(png: good))?.samples == [10, 20, 30, 40])
    }

    @Test("chunk order and palettes")
    func chunks() {
        let indexed = Reference.ihdr(width: 1, height: 1, depth: 8, colorType: 3)
        let idat = Reference.chunk("IDAT", Reference.zlibStored([0, 0]))
        #expect(Self.error(Reference.png(indexed, idat)) == .missingPalette(offset: 33))
        let plte = Reference.chunk("PLTE", [1, 2, 3])
        #expect((try? PixelBuffer(png: Reference.png(indexed, plte, idat)))?.samples == [1, 2, 3])
        #expect(Self.error(Reference.png(indexed, plte, plte, idat)) == .misplacedChunk(.palette, offset: 48))
        #expect(
            Self.error(Reference.png(indexed, Reference.chunk("PLTE", [1, 2, 3, 4]), idat))
                == .invalidPalette(offset: 33))
        #expect(Self.error(Reference.png(indexed, Reference.chunk("PLTE", []), idat)) == .invalidPalette(offset: 33))
        let gray = Reference.ihdr(width: 1, height: 1, depth: 8, colorType: 0)
        #expect(Self.error(Reference.png(gray, gray, idat)) == .misplacedChunk(.header, offset: 33))
        #expect(Self.error(Reference.png(gray)) == .missingImageData(offset: 33))
        #expect(Self.error(Reference.signature + gray) == .truncatedChunk(offset: 33))
    }
}

@Suite("PNG error descriptions")
struct PNGErrorDescriptionTests {
    @Test("each names the problem and the offset")
    func sentences() {
        #expect(PNGError.invalidSignature(offset: 0).description == "not a PNG file (the signature differs at byte 0)")
        #expect(
            PNGError.crcMismatch(chunk: .imageData, stored: 1, computed: 0xABCDEF01, offset: 33).description
                == "PNG: CRC mismatch in the IDAT chunk at byte 33 (stored 0x00000001, computed 0xabcdef01)")
        #expect(
            PNGError.invalidFilterType(7, pass: 3, row: 2).description
                == "PNG: filter type 7 (not 0-4) on row 2 of Adam7 pass 3")
        #expect(
            PNGError.corruptImageData(.tooMuchData(expected: 6), offset: 41).description
                == "PNG: corrupt image data at byte 41: inflates to more than the 6 bytes the image needs")
        #expect(
            PNGError.limitExceeded(.width, value: 40_000, limit: 32_768).description
                == "PNG: the image is 40000 pixels wide, above the limit of 32768 (ImageLimits.maxWidth)")
    }
}
