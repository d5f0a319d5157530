import Foundation
import Testing
@testable import PerceptualHash

/// Every public error type prints a readable sentence with its numbers, case by case.
@Suite struct ErrorDescriptionTests {
    @Test func netpbmErrors() {
        let cases: [(NetpbmError, String)] = [
            (.emptyInput, "the input is empty"),
            (
                .unrecognizedFormat(offset: 0),
                "not a Netpbm image: the bytes at offset 0 do not start with a magic number P1 to P7"
            ),
            (
                .unsupportedFormat(.pfm, offset: 3),
                "unsupported format at byte 3: PFM (Portable FloatMap, magic PF or Pf) images are not decoded"
            ),
            (
                .unsupportedFormat(.xvThumbnail, offset: 0),
                "unsupported format at byte 0: XV thumbnail (magic P7 332) images are not decoded"
            ),
            (.truncatedHeader(offset: 7), "truncated header: the input ends at byte 7, before the header is complete"),
            (.malformedHeader(.invalidNumber, offset: 12), "malformed header at byte 12: expected a decimal number"),
            (
                .invalidDimensions(width: 0, height: 5, depth: 3),
                "invalid dimensions: width 0, height 5, depth 3 (each must be at least 1)"
            ),
            (.invalidMaxval(value: 70000, offset: 9), "invalid maxval 70000 at byte 9: it must be 1 to 65535"),
            (
                .invalidMaxval(value: Int.max, offset: 9),
                "invalid maxval of 9223372036854775807 or more at byte 9: it must be 1 to 65535"
            ),
            (
                .limitExceeded(.width, value: 40000, limit: 32768),
                "the image is 40000 pixels wide, above the limit of 32768 (ImageLimits.maxWidth)"
            ),
            (
                .limitExceeded(.height, value: 50000, limit: 32768),
                "the image is 50000 pixels high, above the limit of 32768 (ImageLimits.maxHeight)"
            ),
            (
                .limitExceeded(.pixelCount, value: 900_000_000, limit: 89_478_485),
                "the image has 900000000 pixels, above the limit of 89478485 (ImageLimits.maxPixelCount)"
            ),
            (
                .limitExceeded(.pixelCount, value: Int.max, limit: 89_478_485),
                "the image has at least 9223372036854775807 pixels, above the limit of 89478485 (ImageLimits.maxPixelCount)"
            ),
            (
                .limitExceeded(.depth, value: 20, limit: 16),
                "the PAM depth is 20, above the limit of 16 (ImageLimits.maxPAMDepth)"
            ),
            (
                .limitExceeded(.headerBytes, value: 65537, limit: 65536),
                "the header is longer than 65536 bytes, the limit (ImageLimits.maxHeaderBytes)"
            ),
            (
                .limitExceeded(.tupleType, value: 300, limit: 255),
                "the PAM tuple type is 300 bytes long, above the limit of 255 (ImageLimits.maxTupleTypeBytes)"
            ),
            (
                .limitExceeded(.imageCount, value: 65, limit: 64),
                "the stream holds more than 64 images, the limit (ImageLimits.maxImageCount)"
            ),
            (
                .unsupportedPAMLayout(tupleType: .rgb, depth: 2, maxval: 255),
                "unsupported PAM layout: tuple type RGB with depth 2 and maxval 255"
            ),
            (
                .unsupportedPAMLayout(tupleType: .other, depth: 7, maxval: 1),
                "unsupported PAM layout: tuple type other with depth 7 and maxval 1"
            ),
            (
                .truncatedRaster(expected: 12, available: 3),
                "truncated pixel data: the header calls for at least 12 bytes after it, 3 are present"
            ),
            (
                .sampleOutOfRange(value: 300, maxval: 255, offset: 40),
                "the sample 300 at byte 40 is above the maxval 255"
            ),
            (
                .invalidRasterToken(offset: 8),
                "invalid pixel data at byte 8: expected a sample (0 or 1 in P1, a decimal number in P2 and P3)"
            ),
            (
                .fileUnreadable(path: "a b.ppm", errno: ENOENT),
                "cannot read 'a b.ppm': No such file or directory (errno 2)"
            ),
            (
                .fileTooLarge(path: "big.ppm", size: 2000, limit: 1000),
                "'big.ppm' is 2000 bytes, above the limit of 1000 bytes (maxFileBytes)"
            ),
            (
                .fileTooLarge(path: "/dev/zero", size: 1001, limit: 1000),
                "'/dev/zero' holds more than 1000 bytes, the limit (maxFileBytes)"
            ),
        ]
        for (error, text) in cases {
            #expect(error.description == text)
            #expect("\(error)" == text)
        }
    }

    @Test func headerProblems() {
        let cases: [(NetpbmError.HeaderProblem, String)] = [
            (.missingWhitespaceAfterMagic, "expected white space or a comment after the magic number"),
            (.invalidNumber, "expected a decimal number"),
            (.invalidRasterDelimiter, "expected one white-space byte or a comment after the last header number"),
            (.unknownField, "unknown PAM header line (expected WIDTH, HEIGHT, DEPTH, MAXVAL, TUPLTYPE or ENDHDR)"),
            (.duplicateField(.width), "the PAM field WIDTH appears twice"),
            (.missingField(.maxval), "the PAM field MAXVAL is missing before ENDHDR"),
            (.emptyTupleType, "a TUPLTYPE line with no text"),
            (.unexpectedText, "unexpected text after ENDHDR or after the magic number P7 on its line"),
        ]
        for (problem, text) in cases {
            #expect(
                NetpbmError.malformedHeader(problem, offset: 4).description == "malformed header at byte 4: " + text)
        }
        #expect(NetpbmHeaderField.allCases.map(\.description) == ["WIDTH", "HEIGHT", "DEPTH", "MAXVAL"])
        #expect(
            NetpbmTupleType.allCases.map(\.description) == [
                "BLACKANDWHITE", "GRAYSCALE", "RGB", "BLACKANDWHITE_ALPHA", "GRAYSCALE_ALPHA", "RGB_ALPHA", "other",
            ])
    }

    @Test func decoderErrorsReadWell() {
        #expect(throws: NetpbmError.self) { try PixelBuffer(netpbm: Array("P5 2 x 255\n".utf8)) }
        do {
            _ = try PixelBuffer(netpbm: Array("P5 2 x 255\n".utf8))
        } catch {
            #expect(error.description == "malformed header at byte 5: expected a decimal number")
        }
        do {
            _ = try PixelBuffer(netpbm: Array("P5 30000 30000 255\n".utf8))
        } catch {
            #expect(
                error.description
                    == "the image has 900000000 pixels, above the limit of 89478485 (ImageLimits.maxPixelCount)")
        }
    }

    @Test func pixelBufferErrors() {
        let cases: [(PixelBufferError, String)] = [
            (.invalidDimensions(width: 0, height: 3), "invalid dimensions 0 x 3: width and height must be at least 1"),
            (
                .limitExceeded(.pixelCount, value: 900_000_000, limit: 89_478_485),
                "the image has 900000000 pixels, above the limit of 89478485 (ImageLimits.maxPixelCount)"
            ),
            (
                .sizeOverflow(width: 1 << 40, height: 1 << 30, channels: 4),
                "1099511627776 x 1073741824 pixels x 4 bytes per pixel does not fit in Int"
            ),
            (
                .bytesPerRowTooSmall(bytesPerRow: 10, minimum: 12),
                "bytesPerRow 10 is smaller than one row of pixels, 12 bytes"
            ),
            (
                .rowStrideOverflow(bytesPerRow: Int.max, height: 3),
                "bytesPerRow 9223372036854775807 x 3 rows does not fit in Int"
            ),
            (
                .bufferTooShort(expected: 24, available: 20),
                "the pixel memory holds 20 bytes, fewer than the 24 that the size and bytesPerRow need"
            ),
            (.sampleCountMismatch(expected: 4, found: 3), "3 samples given, where width x height x channels is 4"),
        ]
        for (error, text) in cases { #expect(error.description == text) }
        do {
            _ = try PixelBuffer(width: 2, height: 2, format: .gray8, samples: [0, 0, 0])
        } catch {
            #expect(error.description == "3 samples given, where width x height x channels is 4")
        }
    }

    @Test func indexFileErrors() {
        let cases: [(IndexFileError, String)] = [
            (
                .truncated(needed: 36, found: 3),
                "the data is 3 bytes, shorter than the 36 bytes of an index file's header and checksum"
            ),
            (.notAnIndexFile, "not an index file: the first 8 bytes are not the magic 89 50 48 49 58 0D 0A 1A"),
            (
                .unsupportedVersion(3),
                "index file format version 3 is not supported (this library reads version 1, and 2 for robust indexes)"
            ),
            (.unknownKind(9), "unknown index kind 9 in the header (byte 10)"),
            (
                .robustIndexFile,
                "a robust index file (version 2); load it with RobustIndex(serialized:configurationTag:)"
            ),
            (.notARobustIndexFile, "a plain index file (version 1), not a robust one"),
            (
                .configurationMismatch(expected: 1, found: 0xABC),
                "a robust index made with another hasher or configuration (tag 0x00000abc, expected 0x00000001)"
            ),
            (
                .wrongKind(expected: .bkTree, found: .multiIndexHash),
                "the file holds a MultiIndexHashIndex, not a BKTreeIndex"
            ),
            (.reservedByteNotZero(offset: 11), "the reserved header byte at offset 11 is not zero"),
            (.invalidBitCount(0), "invalid bit count 0 in the header: it must be 1 to 65536"),
            (
                .sizeMismatch(count: 5, expectedBytes: 96, foundBytes: 90),
                "the header claims 5 entries, which take 96 bytes in all, but there are 90"
            ),
            (
                .sizeMismatch(count: UInt64.max, expectedBytes: nil, foundBytes: 90),
                "the header claims 18446744073709551615 entries, more than any file can hold, and there are 90 bytes"
            ),
            (
                .checksumMismatch(stored: 0, computed: 0x1C29_1CA3),
                "checksum mismatch: the file stores CRC-32 0x00000000 but its contents give 0x1c291ca3 (the file is damaged)"
            ),
            (.invalidParameter(99), "invalid index parameter 99 in the header (bytes 24 to 27)"),
            (.invalidEntry(index: 4), "entry 4 sets bits past the bit count"),
            (
                .io(operation: "open", path: "x.phdb", errno: EACCES),
                "cannot open 'x.phdb': Permission denied (errno 13)"
            ),
        ]
        for (error, text) in cases { #expect(error.description == text) }
        do {
            _ = try LinearScanIndex(serialized: [1, 2, 3])
        } catch {
            #expect(
                error.description
                    == "the data is 3 bytes, shorter than the 36 bytes of an index file's header and checksum")
        }
    }

    @Test func fingerprintErrors() {
        let cases: [(FingerprintError, String)] = [
            (.empty, "the hex string is empty"),
            (.invalidBitCount(0), "invalid bit count 0: a fingerprint has at least 1 bit"),
            (.invalidCharacter("g", offset: 2), "'g' at offset 2 is not a hex digit (0-9, a-f, A-F)"),
            (.invalidCharacter("\n", offset: 0), "'\\n' at offset 0 is not a hex digit (0-9, a-f, A-F)"),
            (.wrongLength(expected: 16, found: 17), "17 hex digits, more than the 16 that the bit count allows"),
            (.tooManyBits(bitCount: 9), "the value does not fit in 9 bits"),
            (.malformedBitCountSuffix, "malformed bit count after '/': expected a decimal number of at least 1"),
            (
                .bitCountMismatch(bitCount: 64, otherBitCount: 40),
                "cannot compare a 64-bit fingerprint with a 40-bit one"
            ),
        ]
        for (error, text) in cases { #expect(error.description == text) }
    }

    @Test func limitKindsNameTheirProperty() {
        #expect(
            ImageLimits.Kind.allCases.map(\.description) == [
                "ImageLimits.maxWidth", "ImageLimits.maxHeight", "ImageLimits.maxPixelCount", "ImageLimits.maxPAMDepth",
                "ImageLimits.maxHeaderBytes", "ImageLimits.maxTupleTypeBytes", "ImageLimits.maxImageCount",
            ])
    }
}
