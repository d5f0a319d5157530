import Testing
@testable import PerceptualHash

/// Checks every grayscale formula against conditions written as exact rational inequalities
/// (not the library's expressions), over seeded samples, extremes and Pillow's own output.
@Suite struct GrayscaleTests {
    /// Whether `gray` is the value `conversion` must give for (r, g, b), stated as bounds on
    /// the exact rational weighted sum.
    static func isCorrect(_ gray: UInt8, _ conversion: GrayscaleConversion, _ r: UInt8, _ g: UInt8, _ b: UInt8) -> Bool
    {
        let v = Int(gray), r = Int(r), g = Int(g), b = Int(b)
        switch conversion {
        case .rec601:
            // Round half up of (19595 R + 38470 G + 7471 B) / 65536, evaluated exactly in Double
            // (a dyadic rational with < 53 significant bits).
            let exact = Double(19595 * r + 38470 * g + 7471 * b) / 65536
            return Double(v) - 0.5 <= exact && exact < Double(v) + 0.5
        case .float:
            // 0.3 R + 0.59 G + 0.11 B = s / 100, rounded to nearest, halves up:
            // v - 1/2 <= s / 100 < v + 1/2.
            let s = 30 * r + 59 * g + 11 * b
            return 100 * v - 50 <= s && s < 100 * v + 50
        case .integer:
            let s = 30 * r + 59 * g + 11 * b
            return 100 * v <= s && s < 100 * (v + 1)
        case .shift:
            let s = 76 * r + 151 * g + 28 * b
            return 256 * v <= s && s < 256 * (v + 1)
        case .average:
            let s = r + g + b
            return 3 * v <= s && s < 3 * (v + 1)
        case .greenOnly:
            return v == g
        }
    }

    static func randomBytes(_ count: Int, seed: UInt64) -> [UInt8] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
    }

    /// Checks `image.grayscale(conversion)` pixel by pixel; returns the number of wrong pixels.
    static func wrongPixels(_ image: PixelBuffer, _ conversion: GrayscaleConversion) -> Int {
        let gray = image.grayscale(conversion)
        guard gray.format == .gray8, gray.width == image.width, gray.height == image.height else { return -1 }
        let c = image.format.channelCount
        let samples = image.samples, out = gray.samples
        var wrong = 0
        for i in 0..<image.pixelCount {
            let r = samples[c * i], g = samples[c * i + 1], b = samples[c * i + 2]
            if !isCorrect(out[i], conversion, r, g, b) || out[i] != conversion.gray(red: r, green: g, blue: b) {
                wrong += 1
            }
        }
        return wrong
    }

    @Test(arguments: GrayscaleConversion.allCases)
    func millionSeededTriples(conversion: GrayscaleConversion) throws {
        let (w, h, seed): (Int, Int, UInt64) = (1001, 999, 0x6772_6179)  // 999,999 pixels
        let image = try PixelBuffer(
            width: w, height: h, format: .rgb8, samples: Self.randomBytes(w * h * 3, seed: seed))
        #expect(Self.wrongPixels(image, conversion) == 0, "\(conversion) \(w)x\(h) seed \(seed)")
    }

    @Test(arguments: GrayscaleConversion.allCases)
    func extremesGraysAndRamps(conversion: GrayscaleConversion) throws {
        var samples: [UInt8] = []
        for v in 0...255 {
            let v = UInt8(v)
            samples += [v, v, v, v, 0, 0, 0, v, 0, 0, 0, v, 255 - v, v, 255, 255, 255 - v, v]
        }
        for r in [0, 255] as [UInt8] {
            for g in [0, 255] as [UInt8] { for b in [0, 255] as [UInt8] { samples += [r, g, b] } }
        }
        let image = try PixelBuffer(width: samples.count / 3, height: 1, format: .rgb8, samples: samples)
        #expect(Self.wrongPixels(image, conversion) == 0, "\(conversion)")
        // Every gray maps to itself except by `.shift` (weights sum to 255/256) and
        // `.integer`/`.average`, which are exact on grays too.
        let grays = try PixelBuffer(
            width: 256, height: 1, format: .rgb8, samples: (0...255).flatMap { [UInt8($0), UInt8($0), UInt8($0)] })
        let out = grays.grayscale(conversion).samples
        for v in 0...255 {
            let expected = conversion == .shift ? (255 * v) >> 8 : v
            #expect(Int(out[v]) == expected, "\(conversion) gray \(v)")
        }
        #expect(
            try PixelBuffer(width: 1, height: 1, format: .rgb8, samples: [255, 255, 255]).grayscale(conversion).samples
                == [conversion == .shift ? 254 : 255])
    }

    /// Sizes from 1 to 40 pixels wide and a few odd rectangles hit every vector-loop tail.
    @Test(arguments: GrayscaleConversion.allCases)
    func oddSizesRGBAndRGBA(conversion: GrayscaleConversion) throws {
        var sizes = (1...40).map { ($0, 1) }
        sizes += [(1, 9), (9, 1), (3, 7), (33, 17), (129, 3), (17, 33)]
        for (w, h) in sizes {
            for format in [PixelBuffer.Format.rgb8, .rgba8] {
                let seed = UInt64(w * 1000 + h) &* 31 &+ UInt64(format.channelCount)
                let image = try PixelBuffer(
                    width: w, height: h, format: format,
                    samples: Self.randomBytes(w * h * format.channelCount, seed: seed))
                #expect(Self.wrongPixels(image, conversion) == 0, "\(conversion) \(format) \(w)x\(h) seed \(seed)")
            }
        }
    }

    @Test(arguments: GrayscaleConversion.allCases)
    func rgbaIgnoresAlpha(conversion: GrayscaleConversion) throws {
        let (w, h) = (37, 11)
        let rgb = Self.randomBytes(w * h * 3, seed: 7)
        let alphas = Self.randomBytes(w * h, seed: 8)
        var rgba: [UInt8] = [], opaque: [UInt8] = []
        for i in 0..<w * h {
            rgba += [rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2], alphas[i]]
            opaque += [rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2], 255]
        }
        let fromRGB = try PixelBuffer(width: w, height: h, format: .rgb8, samples: rgb).grayscale(conversion)
        let fromRGBA = try PixelBuffer(width: w, height: h, format: .rgba8, samples: rgba).grayscale(conversion)
        let fromOpaque = try PixelBuffer(width: w, height: h, format: .rgba8, samples: opaque).grayscale(conversion)
        #expect(fromRGBA == fromRGB, "\(conversion)")
        #expect(fromOpaque == fromRGB, "\(conversion)")
    }

    @Test(arguments: GrayscaleConversion.allCases)
    func grayInputs(conversion: GrayscaleConversion) throws {
        for (w, h) in [(1, 1), (1, 9), (9, 1), (3, 7), (33, 17)] {
            let g = Self.randomBytes(w * h, seed: UInt64(w * h))
            let a = Self.randomBytes(w * h, seed: UInt64(w * h) + 1)
            let gray = try PixelBuffer(width: w, height: h, format: .gray8, samples: g)
            #expect(gray.grayscale(conversion) == gray, "\(conversion) \(w)x\(h)")
            let ga = try PixelBuffer(
                width: w, height: h, format: .grayAlpha8, samples: (0..<w * h).flatMap { [g[$0], a[$0]] })
            #expect(ga.grayscale(conversion) == gray, "\(conversion) \(w)x\(h)")
        }
    }

    @Test func defaultIsRec601() throws {
        let image = try PixelBuffer(width: 2, height: 1, format: .rgb8, samples: [255, 0, 0, 0, 0, 255])
        #expect(image.grayscale().samples == [76, 29])
        #expect(image.grayscale(.average).samples == [85, 85])
        #expect(
            GrayscaleConversion.allCases.map(\.description) == [
                "rec601", "float", "integer", "shift", "average", "greenOnly",
            ])
    }

    /// Pillow 13 `convert("L")` on seeded RGB, RGBA and LA images and on a 4096-colour
    /// lattice (Scripts/references/grayscale.py).
    @Test func rec601EqualsPillowByteForByte() throws {
        let lines = try Fixtures.lines("grayscale/pillow-convert-L.txt")
        #expect(lines.count == 19)
        var latticeColours = Set<[UInt8]>()
        for line in lines {
            let f = line.split(separator: " ")
            try #require(f.count == 5, "\(line.prefix(40))")
            let (mode, w, h) = (String(f[0]), Int(f[1])!, Int(f[2])!)
            let input = Fixtures.bytes(hex: f[3]), expected = Fixtures.bytes(hex: f[4])
            let format: PixelBuffer.Format = mode == "RGB" ? .rgb8 : mode == "RGBA" ? .rgba8 : .grayAlpha8
            let image = try PixelBuffer(width: w, height: h, format: format, samples: input)
            #expect(image.grayscale(.rec601).samples == expected, "\(mode) \(w)x\(h)")
            if mode == "RGB", w == 64, h == 64 {
                for i in 0..<4096 { latticeColours.insert(Array(input[3 * i..<3 * i + 3])) }
            }
        }
        #expect(latticeColours.count == 4096)
        #expect(latticeColours.contains([0, 0, 0]) && latticeColours.contains([255, 255, 255]))
    }

    /// `grayscalePlane()` is the Float nearest to s / 100 (s = 30 R + 59 G + 11 B): checked
    /// exactly in Double, where `Double(f) * 100` has at most 31 significant bits; likewise
    /// `grayscalePlaneDouble()` in Float80.
    @Test func floatPlaneIsNearestFloat() throws {
        for (w, h, format) in [(1, 1, PixelBuffer.Format.rgb8), (33, 17, .rgb8), (31, 9, .rgba8), (300, 300, .rgb8)] {
            let seed = UInt64(w * h)
            let image = try PixelBuffer(
                width: w, height: h, format: format, samples: Self.randomBytes(w * h * format.channelCount, seed: seed))
            let plane = image.grayscalePlane()
            let plane64 = image.grayscalePlaneDouble()
            #expect(plane.count == w * h && plane64.count == w * h)
            let c = format.channelCount
            let floatBytes = image.grayscale(.float).samples
            var wrong = 0
            for i in 0..<w * h {
                let s = Double(
                    30 * Int(image.samples[c * i]) + 59 * Int(image.samples[c * i + 1]) + 11
                        * Int(image.samples[c * i + 2]))
                let f = plane[i]
                func error(_ x: Float) -> Double { abs(Double(x) * 100 - s) }
                // The nearest Float: neither neighbour is closer, and on a tie the even one.
                let e = error(f), up = error(f.nextUp), down = error(f.nextDown)
                if e > up || e > down || (e == up || e == down) && f.significandBitPattern & 1 != 0 { wrong += 1 }
                // The Double plane: the same check in Float80, where d * 100 (<= 60 bits) is exact.
                let d = plane64[i]
                #if arch(x86_64) || arch(i386)
                    func error64(_ x: Double) -> Float80 { abs(Float80(x) * 100 - Float80(s)) }
                    let e64 = error64(d), up64 = error64(d.nextUp), down64 = error64(d.nextDown)
                    if e64 > up64 || e64 > down64 || (e64 == up64 || e64 == down64) && d.significandBitPattern & 1 != 0
                    {
                        wrong += 1
                    }
                #else
                    if abs(d * 100 - s) > 100 * d.ulp { wrong += 1 }
                #endif
                // Rounding the plane half up gives the `.float` bytes.
                let rounded = UInt8((Double(f) + 0.5).rounded(.down))
                if s.truncatingRemainder(dividingBy: 100) != 50, rounded != floatBytes[i] { wrong += 1 }
            }
            #expect(wrong == 0, "\(format) \(w)x\(h) seed \(seed)")
        }
        #expect(try PixelBuffer(width: 1, height: 1, format: .rgb8, samples: [1, 2, 3]).grayscalePlane() == [1.81])
        #expect(
            try PixelBuffer(width: 1, height: 1, format: .rgb8, samples: [255, 255, 255]).grayscalePlane() == [255])
    }

    @Test func floatPlaneOfGrayIsTheGray() throws {
        let g = Self.randomBytes(35, seed: 3), a = Self.randomBytes(35, seed: 4)
        let gray = try PixelBuffer(width: 7, height: 5, format: .gray8, samples: g)
        let ga = try PixelBuffer(
            width: 7, height: 5, format: .grayAlpha8, samples: (0..<35).flatMap { [g[$0], a[$0]] })
        #expect(gray.grayscalePlane() == g.map(Float.init))
        #expect(ga.grayscalePlane() == g.map(Float.init))
        #expect(gray.grayscalePlaneDouble() == g.map(Double.init))
        #expect(ga.grayscalePlaneDouble() == g.map(Double.init))
    }
}
