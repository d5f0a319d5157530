import PerceptualHash
import PerceptualHashDecoders
import Testing

/// Hostile and unsupported JPEG input: typed errors with byte offsets, limits checked before
/// allocation, no crash on any prefix or corruption of valid files.
@Suite("JPEG errors")
struct JPEGErrorTests {
    /// The offset of the first `FF marker` in `bytes`.
    static func offset(of marker: UInt8, in bytes: [UInt8]) -> Int {
        for i in 0..<(bytes.count - 1) where bytes[i] == 0xFF && bytes[i + 1] == marker { return i }
        return -1
    }

    static func decode(_ bytes: [UInt8], limits: ImageLimits = .default) -> Result<PixelBuffer, JPEGError> {
        do throws(JPEGError) {
            return .success(try PixelBuffer(jpeg: bytes, limits: limits))
        } catch {
            return .failure(error)
        }
    }

    static func error(_ bytes: [UInt8], limits: ImageLimits = .default) -> JPEGError? {
        if case .failure(let e) = decode(bytes, limits: limits) { return e }
        return nil
    }

    @Test("not a JPEG")
    func signature() {
        #expect(Self.error([]) == .invalidSignature(offset: 0))
        #expect(Self.error([0xFF]) == .invalidSignature(offset: 0))
        #expect(Self.error(Array("P5 1 1 255 x".utf8)) == .invalidSignature(offset: 0))
        #expect(Self.error([0xFF, 0xD8]) == .truncated(offset: 2))
        #expect(Self.error([0xFF, 0xD8, 0xFF, 0xD9]) == .truncated(offset: 2))
        #expect(Self.error([0xFF, 0xD8, 0xFF, 0xD8]) == .unexpectedMarker(marker: 0xD8, offset: 2))
    }

    @Test("every strict prefix of a valid file throws, none crashes")
    func prefixes() throws {
        for name in ["pil-420-q50-17x9.jpg", "pil-422-prog-17x9.jpg", "own-440-rst2-35x29.jpg"] {
            let bytes = try JPEGFixtures.bytes(name)
            #expect(Self.error(bytes) == nil)
            for n in 0..<bytes.count {
                let e = Self.error(Array(bytes[0..<n]))
                #expect(e != nil, "\(name): prefix of \(n) bytes decoded")
            }
        }
    }

    @Test("unsupported processes and precisions are refused with their feature")
    func unsupported() throws {
        let bytes = try JPEGFixtures.bytes("pil-420-q50-17x9.jpg")
        let sof = Self.offset(of: 0xC0, in: bytes)
        for (marker, feature) in [
            (0xC9, JPEGError.Feature.arithmeticCoding), (0xCA, .arithmeticCoding), (0xC3, .losslessOrHierarchical),
            (0xC5, .losslessOrHierarchical),
        ] as [(UInt8, JPEGError.Feature)] {
            var b = bytes
            b[sof + 1] = marker
            #expect(Self.error(b) == .unsupported(feature, offset: sof), "\(marker)")
        }
        var twelve = bytes
        twelve[sof + 4] = 12
        #expect(Self.error(twelve) == .unsupported(.precision(12), offset: sof))
        // A 4-component (CMYK) frame header.
        let cmyk: [UInt8] = [
            0xFF, 0xD8, 0xFF, 0xC0, 0, 20, 8, 0, 1, 0, 1, 4, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0, 4, 0x11, 0,
        ]
        #expect(Self.error(cmyk) == .unsupported(.componentCount(4), offset: 2))
        // Sampling factors 3 and 2: not an integer ratio.
        var fractional = bytes
        fractional[sof + 11] = 0x32
        fractional[sof + 14] = 0x22
        #expect(Self.error(fractional) == .unsupported(.fractionalSampling, offset: sof))
    }

    @Test("size limits are checked from the frame header, before allocation")
    func limits() throws {
        var bytes = try JPEGFixtures.bytes("pil-420-q50-17x9.jpg")
        let sof = Self.offset(of: 0xC0, in: bytes)
        // 60000 x 60000.
        bytes[sof + 5] = 0xEA
        bytes[sof + 6] = 0x60
        bytes[sof + 7] = 0xEA
        bytes[sof + 8] = 0x60
        #expect(Self.error(bytes) == .limitExceeded(.width, value: 60000, limit: 32768))
        let wide = ImageLimits(maxWidth: 65535, maxHeight: 65535, maxPixelCount: 1 << 20)
        #expect(Self.error(bytes, limits: wide) == .limitExceeded(.pixelCount, value: 3_600_000_000, limit: 1 << 20))
        // Within generous limits, the few data bytes cannot code 3.6 billion pixels' blocks.
        let huge = ImageLimits(maxWidth: 65535, maxHeight: 65535, maxPixelCount: 1 << 40)
        guard case .dataTooShort(let blocks, let available) = Self.error(bytes, limits: huge) else {
            Issue.record("expected dataTooShort")
            return
        }
        #expect(blocks == 7500 * 7500 + 2 * 3750 * 3750 && available < 1000)
    }

    @Test("malformed segments and tables")
    func segments() throws {
        let bytes = try JPEGFixtures.bytes("pil-420-q50-17x9.jpg")
        // An over-subscribed Huffman table: three 1-bit codes.
        let dht = Self.offset(of: 0xC4, in: bytes)
        var b = bytes
        b[dht + 5] = 3
        #expect(Self.error(b) == .invalidSegment(marker: 0xC4, offset: dht))
        // A scan naming a component the frame lacks.
        let sos = Self.offset(of: 0xDA, in: bytes)
        b = bytes
        b[sos + 5] = 9
        #expect(Self.error(b) == .invalidSegment(marker: 0xDA, offset: sos))
        // A scan before the frame.
        let sof = Self.offset(of: 0xC0, in: bytes)
        b = bytes
        b[sof + 1] = 0xFE  // the frame header becomes a comment
        #expect(Self.error(b) == .unexpectedMarker(marker: 0xDA, offset: sos))
        // A frame whose quantization table was never defined.
        b = bytes
        b[sof + 12] = 3
        #expect(Self.error(b) == .undefinedTable(offset: sos))
        // A segment length running past the end.
        b = Array(bytes[0..<(dht + 10)])
        #expect(Self.error(b) == .truncated(offset: dht))
    }

    @Test("a restart marker out of sequence is corrupt data, at its offset")
    func restartMarkers() throws {
        var bytes = try JPEGFixtures.bytes("pil-444-rst1-61x45.jpg")
        let rst0 = Self.offset(of: 0xD0, in: bytes)
        bytes[rst0 + 1] = 0xD3
        #expect(Self.error(bytes) == .corruptData(offset: rst0))
    }

    @Test("corrupted entropy-coded data never crashes; an undecodable code is corrupt data")
    func corruption() throws {
        for name in ["pil-420-q90-33x31.jpg", "pil-444-prog-33x31.jpg", "pil-422-prog-rst-61x45.jpg"] {
            let bytes = try JPEGFixtures.bytes(name)
            var sos = 0
            for i in 0..<(bytes.count - 1) where bytes[i] == 0xFF && bytes[i + 1] == 0xDA { sos = i }
            var state: UInt64 = 0x9E37_79B9_7F4A_7C15
            for _ in 0..<300 {
                var b = bytes
                for _ in 0..<3 {
                    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    let at = sos + Int((state >> 33) % UInt64(bytes.count - sos))
                    b[at] ^= UInt8(truncatingIfNeeded: state >> 13) | 1
                }
                if case .success(let image) = Self.decode(b) {
                    #expect(image.samples.count == image.width * image.height * image.format.channelCount)
                }
            }
        }
        // All-ones data after the scan header: no Huffman code of 16 one bits exists.
        let bytes = try JPEGFixtures.bytes("pil-420-q50-17x9.jpg")
        let sos = Self.offset(of: 0xDA, in: bytes)
        let dataStart = sos + 2 + (Int(bytes[sos + 2]) << 8 | Int(bytes[sos + 3]))
        var b = Array(bytes[0..<dataStart])
        for _ in 0..<16 { b += [0xFF, 0x00] }
        b += [0xFF, 0xD9]
        guard case .corruptData(let at) = Self.error(b) else {
            Issue.record("expected corruptData")
            return
        }
        #expect(at > dataStart && at <= b.count)
    }
}
