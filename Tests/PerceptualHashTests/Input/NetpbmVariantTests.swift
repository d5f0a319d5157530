import Testing
@testable import PerceptualHash

/// Every Netpbm variant: 7 formats (PAM with every tuple type) x maxval {1, 7, 15, 255, 256,
/// 1000, 65535} where legal x plain/raw x sizes {1x1, 1x9, 9x1, 3x7, 8x8, 9x9, 33x17},
/// written by `NetpbmReference` with seeded random samples and compared with pixels computed
/// independently (`Double` rounding).
@Suite("Netpbm variants")
struct NetpbmVariantTests {
    typealias Variant = NetpbmReference.Variant
    static let maxvals = [1, 7, 15, 255, 256, 1000, 65535]
    static let sizes: [(Int, Int)] = [(1, 1), (1, 9), (9, 1), (3, 7), (8, 8), (9, 9), (33, 17)]

    static let variants: [(Variant, Int)] = {
        var all: [(Variant, Int)] = [(.pbm(plain: true), 1), (.pbm(plain: false), 1)]
        for m in maxvals {
            for plain in [true, false] {
                all.append((.pgm(plain: plain), m))
                all.append((.ppm(plain: plain), m))
            }
            all.append((.pam(tupleType: "GRAYSCALE", depth: 1), m))
            all.append((.pam(tupleType: "GRAYSCALE_ALPHA", depth: 2), m))
            all.append((.pam(tupleType: "RGB", depth: 3), m))
            all.append((.pam(tupleType: "RGB_ALPHA", depth: 4), m))
            all.append((.pam(tupleType: "GRAYSCALE", depth: 3), m))  // extra planes
            all.append((.pam(tupleType: "RGB_ALPHA", depth: 6), m))
            for depth in 1...4 { all.append((.pam(tupleType: nil, depth: depth), m)) }
            all.append((.pam(tupleType: "MYTYPE", depth: 2), m))
        }
        all.append((.pam(tupleType: "BLACKANDWHITE", depth: 1), 1))
        all.append((.pam(tupleType: "BLACKANDWHITE", depth: 2), 1))
        all.append((.pam(tupleType: "BLACKANDWHITE_ALPHA", depth: 2), 1))
        return all
    }()

    @Test("decode equals the reference", arguments: variants)
    func decodesVariant(_ variant: Variant, maxval: Int) throws {
        let sampleMax = if case .pbm = variant { 1 } else { maxval }
        for (index, (width, height)) in Self.sizes.enumerated() {
            let seed = UInt64(index) &* 7919 &+ UInt64(maxval)
            let samples = NetpbmReference.randomSamples(
                count: width * height * variant.depth, maxval: sampleMax, seed: seed)
            let file = NetpbmReference.encode(variant, width: width, height: height, maxval: maxval, samples: samples)
            let image = try PixelBuffer(netpbm: file)
            let context = "\(variant) maxval \(maxval) \(width)x\(height) seed \(seed)"
            #expect(image.width == width && image.height == height, "\(context)")
            #expect(image.format == variant.format, "\(context)")
            let expected = NetpbmReference.expected(variant, maxval: maxval, samples: samples, pixels: width * height)
            #expect(image.samples == expected, "\(context)")
            // The RawSpan overload (here over a pointer's memory) agrees, and so does decodeAll.
            let viaPointer = try file.withUnsafeBytes { raw throws(NetpbmError) in try PixelBuffer(netpbm: raw.bytes) }
            #expect(viaPointer == image, "\(context)")
            #expect(try PixelBuffer.decodeAll(netpbm: file) == [image], "\(context)")
        }
    }

    @Test("the multiply-shift scaler equals (v * 255 + maxval / 2) / maxval")
    func scalerMatchesDivision() {
        // Exhaustive over v for selected maxvals, sampled over v for every maxval.
        let exhaustive = [1, 2, 3, 7, 15, 100, 254, 255, 256, 257, 1000, 1023, 1024, 4095, 32767, 32768, 65534, 65535]
        for m in exhaustive {
            let s = NetpbmSampleScaler(maxval: m)
            var bad = 0
            for v in 0...m where Int(s.scale(UInt64(v))) != (v * 255 + m / 2) / m { bad += 1 }
            #expect(bad == 0, "maxval \(m): \(bad) mismatches")
        }
        var rng = SplitMix64(seed: 2024)
        var mismatches: [String] = []
        for m in 1...65535 {
            let s = NetpbmSampleScaler(maxval: m)
            for v in [0, 1, m / 2, (m + 1) / 2, m - 1, m, Int(rng.next() % UInt64(m + 1))] where v >= 0 {
                let expected = (v * 255 + m / 2) / m
                if Int(s.scale(UInt64(v))) != expected { mismatches.append("v \(v) maxval \(m)") }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
        // The formula is round-half-up of v * 255 / maxval (checked against Double).
        for m in [1, 7, 15, 256, 1000, 65535] {
            let s = NetpbmSampleScaler(maxval: m)
            for v in stride(from: 0, through: m, by: max(1, m / 300)) {
                #expect(s.scale(UInt64(v)) == NetpbmReference.scaled(v, maxval: m), "v \(v) maxval \(m)")
            }
        }
    }

    @Test("every 8-bit value at maxval 255 and every 16-bit value at maxval 65535 decodes")
    func fullRange() throws {
        let all8 = (0..<256).map { UInt8($0) }
        #expect(try PixelBuffer(netpbm: NetpbmReference.bytes("P5 256 1 255\n", all8)).samples == all8)
        var raster: [UInt8] = []
        var expected: [UInt8] = []
        for v in stride(from: 0, to: 65536, by: 1) {
            raster += [UInt8(v >> 8), UInt8(v & 255)]
            expected.append(UInt8((v * 255 + 32767) / 65535))
        }
        let image = try PixelBuffer(netpbm: NetpbmReference.bytes("P5 256 256 65535\n", raster))
        #expect(image.samples == expected)
    }
}
