import Testing
@testable import PerceptualHash

/// `netpbmEncoded(as:)`: exact bytes, round trips for every format, and equivalence of one
/// picture stored in every Netpbm variant.
@Suite("Netpbm encoding")
struct NetpbmEncodingTests {
    static func randomBuffer(_ format: PixelBuffer.Format, width: Int, height: Int, seed: UInt64) throws -> PixelBuffer
    {
        var rng = SplitMix64(seed: seed)
        let count = width * height * format.channelCount
        return try PixelBuffer(
            width: width, height: height, format: format,
            samples: (0..<count).map { _ in UInt8(truncatingIfNeeded: rng.next()) })
    }

    @Test func exactBytes() throws {
        let gray = try PixelBuffer(width: 2, height: 1, format: .gray8, samples: [0, 255])
        #expect(gray.netpbmEncoded() == NetpbmReference.bytes("P5\n2 1\n255\n", [0, 255]))
        #expect(gray.netpbmEncoded(as: .pgm) == gray.netpbmEncoded())
        let rgb = try PixelBuffer(width: 1, height: 1, format: .rgb8, samples: [1, 2, 3])
        #expect(rgb.netpbmEncoded() == NetpbmReference.bytes("P6\n1 1\n255\n", [1, 2, 3]))
        let rgba = try PixelBuffer(width: 1, height: 1, format: .rgba8, samples: [1, 2, 3, 4])
        #expect(
            rgba.netpbmEncoded()
                == NetpbmReference.bytes(
                    "P7\nWIDTH 1\nHEIGHT 1\nDEPTH 4\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\nENDHDR\n", [1, 2, 3, 4]))
        let ga = try PixelBuffer(width: 1, height: 1, format: .grayAlpha8, samples: [9, 8])
        #expect(
            ga.netpbmEncoded(as: .pam)
                == NetpbmReference.bytes(
                    "P7\nWIDTH 1\nHEIGHT 1\nDEPTH 2\nMAXVAL 255\nTUPLTYPE GRAYSCALE_ALPHA\nENDHDR\n", [9, 8]))
    }

    @Test func containers() {
        #expect(NetpbmEncoding.pgm.canEncode(.gray8) && !NetpbmEncoding.pgm.canEncode(.rgb8))
        #expect(NetpbmEncoding.ppm.canEncode(.rgb8) && !NetpbmEncoding.ppm.canEncode(.rgba8))
        for format in PixelBuffer.Format.allCases {
            #expect(NetpbmEncoding.pam.canEncode(format) && NetpbmEncoding.automatic.canEncode(format))
        }
    }

    @Test("decode(encode(x)) == x", arguments: PixelBuffer.Format.allCases)
    func roundTrip(_ format: PixelBuffer.Format) throws {
        let sizes = [(1, 1), (1, 9), (9, 1), (3, 7), (8, 8), (33, 17), (64, 3)]
        for (i, (w, h)) in sizes.enumerated() {
            let seed = UInt64(i * 31 + format.channelCount)
            let image = try Self.randomBuffer(format, width: w, height: h, seed: seed)
            for encoding in NetpbmEncoding.allCases where encoding.canEncode(format) {
                let encoded = image.netpbmEncoded(as: encoding)
                #expect(try PixelBuffer(netpbm: encoded) == image, "\(format) \(encoding) \(w)x\(h) seed \(seed)")
            }
        }
    }

    @Test func concatenatedEncodingsDecodeAll() throws {
        let images = try PixelBuffer.Format.allCases.enumerated().map { i, f in
            try Self.randomBuffer(f, width: 3 + i, height: 2, seed: UInt64(i))
        }
        let stream = images.flatMap { $0.netpbmEncoded() }
        #expect(try PixelBuffer.decodeAll(netpbm: stream) == images)
        #expect(try PixelBuffer(netpbm: stream) == images[0])
    }

    /// One 2-level picture stored as P1, P4, PAM BLACKANDWHITE, P2/P5 and PAM GRAYSCALE at
    /// several maxvals, and P3/P6/PAM RGB: every decode gives the same pixels.
    @Test func equivalenceAcrossVariants() throws {
        let (w, h) = (13, 5)
        var rng = SplitMix64(seed: 77)
        let black = (0..<(w * h)).map { _ in Int(rng.next() % 2) }  // 1 = black
        let gray = black.map { $0 == 1 ? 0 : 255 }.map(UInt8.init)
        func level(_ maxval: Int) -> [Int] { black.map { $0 == 1 ? 0 : maxval } }
        var decoded: [(String, PixelBuffer)] = []
        for plain in [true, false] {
            decoded.append(
                (
                    "pbm \(plain)",
                    try PixelBuffer(
                        netpbm: NetpbmReference.encode(
                            .pbm(plain: plain), width: w, height: h, maxval: 1, samples: black))
                ))
        }
        decoded.append(
            (
                "pam bw",
                try PixelBuffer(
                    netpbm: NetpbmReference.encode(
                        .pam(tupleType: "BLACKANDWHITE", depth: 1), width: w, height: h, maxval: 1, samples: level(1)))
            ))
        for m in [1, 15, 255, 1000, 65535] {
            for plain in [true, false] {
                decoded.append(
                    (
                        "pgm \(m) \(plain)",
                        try PixelBuffer(
                            netpbm: NetpbmReference.encode(
                                .pgm(plain: plain), width: w, height: h, maxval: m, samples: level(m)))
                    ))
            }
            decoded.append(
                (
                    "pam gray \(m)",
                    try PixelBuffer(
                        netpbm: NetpbmReference.encode(
                            .pam(tupleType: "GRAYSCALE", depth: 1), width: w, height: h, maxval: m, samples: level(m)))
                ))
        }
        for (name, image) in decoded { #expect(image.format == .gray8 && image.samples == gray, "\(name)") }

        // Colour: the same RGB picture in P3, P6 and PAM RGB at several maxvals.
        let rgb = (0..<(w * h * 3)).map { _ in Int(rng.next() % 256) }
        let expected = rgb.map(UInt8.init)
        for m in [255, 65535] {
            // Exact multiples keep the same 8-bit value at maxval 65535 (v * 257).
            let stored = rgb.map { m == 255 ? $0 : $0 * 257 }
            for variant: NetpbmReference.Variant in [
                .ppm(plain: true), .ppm(plain: false), .pam(tupleType: "RGB", depth: 3),
            ] {
                let image = try PixelBuffer(
                    netpbm: NetpbmReference.encode(variant, width: w, height: h, maxval: m, samples: stored))
                #expect(image.format == .rgb8 && image.samples == expected, "\(variant) maxval \(m)")
            }
        }
        // And the gray picture's rec601 gray equals the colour picture with R = G = B.
        let asRGB = try PixelBuffer(
            netpbm: NetpbmReference.encode(
                .ppm(plain: false), width: w, height: h, maxval: 255,
                samples: gray.flatMap { [Int($0), Int($0), Int($0)] }))
        #expect(asRGB.grayscale(.rec601).samples == gray)
    }
}
