import Testing
@testable import PerceptualHash

/// The same picture stored in every Netpbm variant gives the same pixels and the same
/// fingerprint for every hasher (average, DCT, difference both ways, row-DCT; sizes 2, 8,
/// 16): this catches polarity (PBM 1 = black, PAM BLACKANDWHITE 1 = white), maxval scaling
/// and 16-bit byte-order bugs where they would change a hash.
@Suite("Netpbm variants hash alike")
struct NetpbmHashEquivalenceTests {
    typealias Variant = NetpbmReference.Variant

    /// Every hasher's fingerprint of `image`.
    static func fingerprints(_ image: PixelBuffer) -> [Fingerprint] {
        FuzzEntries.hashers.map { $0.fingerprint(of: image) }
    }

    /// Decodes `file` and checks its gray pixels and fingerprints against the reference.
    static func check(
        _ name: String, _ file: [UInt8], gray: [UInt8], reference: [Fingerprint]
    ) throws {
        let image = try PixelBuffer(netpbm: file)
        let asGray = image.format == .gray8 ? image : image.grayscale(.rec601)
        #expect(asGray.samples == gray, "\(name): pixels differ")
        let prints = fingerprints(image)
        for (i, (got, want)) in zip(prints, reference).enumerated() {
            #expect(got == want, "\(name): \(FuzzEntries.hashers[i]) gives \(got), expected \(want)")
        }
    }

    @Test("a two-level picture: P1, P4, PAM BLACKANDWHITE, P2/P5/P3/P6/PAM at maxvals 1 to 65535")
    func twoLevels() throws {
        let (w, h) = (23, 17)
        var rng = SplitMix64(seed: 0xB1AC)
        // Blocks, so the hashes see structure rather than noise.
        let black = (0..<(w * h)).map { i in (i % w / 5 + i / w / 4 + Int(rng.next() % 4 == 0 ? 1 : 0)) % 2 }
        let gray = black.map { UInt8($0 == 1 ? 0 : 255) }
        let reference = Self.fingerprints(try PixelBuffer(width: w, height: h, format: .gray8, samples: gray))
        #expect(Set(reference.map(\.nonzeroBitCount)).count > 1, "the picture must give non-trivial hashes")
        for plain in [true, false] {
            try Self.check(
                "PBM plain \(plain)",
                NetpbmReference.encode(.pbm(plain: plain), width: w, height: h, maxval: 1, samples: black),
                gray: gray, reference: reference)
        }
        try Self.check(
            "PAM BLACKANDWHITE",
            NetpbmReference.encode(
                .pam(tupleType: "BLACKANDWHITE", depth: 1), width: w, height: h,
                maxval: 1, samples: black.map { 1 - $0 }),
            gray: gray, reference: reference)
        for m in [1, 15, 255, 1000, 65535] {
            let levels = black.map { $0 == 1 ? 0 : m }
            let rgb = levels.flatMap { [$0, $0, $0] }
            let variants: [(Variant, [Int])] = [
                (.pgm(plain: true), levels), (.pgm(plain: false), levels),
                (.pam(tupleType: "GRAYSCALE", depth: 1), levels),
                (.ppm(plain: true), rgb), (.ppm(plain: false), rgb), (.pam(tupleType: "RGB", depth: 3), rgb),
            ]
            for (variant, samples) in variants {
                try Self.check(
                    "\(variant) maxval \(m)",
                    NetpbmReference.encode(variant, width: w, height: h, maxval: m, samples: samples),
                    gray: gray, reference: reference)
            }
        }
    }

    @Test("a 16-level gray picture: P2/P5/P3/P6/PAM at maxvals 15, 255 and 65535")
    func sixteenLevels() throws {
        let (w, h) = (31, 9)
        var rng = SplitMix64(seed: 0x16)
        let level = (0..<(w * h)).map { i in (i % w + 2 * (i / w) + Int(rng.next() % 3)) % 16 }  // 0...15
        let gray = level.map { UInt8($0 * 17) }
        let reference = Self.fingerprints(try PixelBuffer(width: w, height: h, format: .gray8, samples: gray))
        for (m, scale) in [(15, 1), (255, 17), (65535, 17 * 257)] {
            let values = level.map { $0 * scale }
            let rgb = values.flatMap { [$0, $0, $0] }
            let variants: [(Variant, [Int])] = [
                (.pgm(plain: true), values), (.pgm(plain: false), values),
                (.pam(tupleType: "GRAYSCALE", depth: 1), values),
                (.ppm(plain: true), rgb), (.ppm(plain: false), rgb), (.pam(tupleType: "RGB", depth: 3), rgb),
            ]
            for (variant, samples) in variants {
                try Self.check(
                    "\(variant) maxval \(m)",
                    NetpbmReference.encode(variant, width: w, height: h, maxval: m, samples: samples),
                    gray: gray, reference: reference)
            }
        }
    }

    @Test("a colour picture: P3, P6 and PAM RGB at maxvals 255 and 65535")
    func colour() throws {
        let (w, h) = (19, 11)
        let rgb = NetpbmReference.randomSamples(count: w * h * 3, maxval: 255, seed: 0xC0).enumerated().map { i, v in
            (v + 8 * (i / 3 % w)) % 256  // a horizontal ramp under the noise
        }
        let image = try PixelBuffer(width: w, height: h, format: .rgb8, samples: rgb.map(UInt8.init))
        let gray = image.grayscale(.rec601).samples
        let reference = Self.fingerprints(image)
        for (m, scale) in [(255, 1), (65535, 257)] {
            for variant: Variant in [
                .ppm(plain: true), .ppm(plain: false), .pam(tupleType: "RGB", depth: 3), .pam(tupleType: nil, depth: 3),
            ] {
                let file = NetpbmReference.encode(
                    variant, width: w, height: h, maxval: m, samples: rgb.map { $0 * scale })
                try Self.check("\(variant) maxval \(m)", file, gray: gray, reference: reference)
                #expect(try PixelBuffer(netpbm: file) == image, "\(variant) maxval \(m): RGB samples differ")
            }
        }
    }
}
