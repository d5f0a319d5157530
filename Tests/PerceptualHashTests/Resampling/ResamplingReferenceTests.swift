import Testing
@testable import PerceptualHash

/// The library against the plain reference of the test (`ResamplingReference`), on seeded
/// random images, every filter, format and pass order, sizes up and down.
@Suite struct ResamplingReferenceTests {
    static let formats = PixelBuffer.Format.allCases

    @Test(arguments: ResamplingFilter.allCases)
    func eightBitMatchesReference(filter: ResamplingFilter) throws {
        var rng = SplitMix64(seed: 7 &+ UInt64(ResamplingFilter.allCases.firstIndex(of: filter)!))
        for trial in 0..<60 {
            let format = Self.formats[trial % 4]
            let w = Int(rng.next() % 40) + 1, h = Int(rng.next() % 40) + 1
            let W = Int(rng.next() % 30) + 1, H = trial % 5 == 0 ? Int(rng.next() % 6) + 1 : Int(rng.next() % 30) + 1
            let order = trial % 3 == 0 ? ResamplingPassOrder.horizontalFirst : .pillow13
            let ch = format.channelCount
            let samples = (0..<(w * h * ch)).map { _ in UInt8(truncatingIfNeeded: rng.next() >> 56) }
            let img = try PixelBuffer(width: w, height: h, format: format, samples: samples)
            let got = img.resized(width: W, height: H, filter: filter, passOrder: order)
            let want = ResamplingReference.resize8(samples, w, h, ch, alpha: format.hasAlpha, filter, W, H, order)
            #expect(got.samples == want, "\(filter) \(format) \(w)x\(h) -> \(W)x\(H) \(order) trial \(trial)")
        }
    }

    @Test(arguments: ResamplingFilter.allCases.filter { $0 != .nearest })
    func floatMatchesReference(filter: ResamplingFilter) {
        var rng = SplitMix64(seed: 99 &+ UInt64(ResamplingFilter.allCases.firstIndex(of: filter)!))
        for trial in 0..<40 {
            let w = Int(rng.next() % 40) + 1, h = Int(rng.next() % 60) + 1
            let W = Int(rng.next() % 30) + 1, H = Int(rng.next() % 30) + 1
            let order = trial % 3 == 0 ? ResamplingPassOrder.horizontalFirst : .pillow13
            let plane = (0..<(w * h)).map { _ in Float(Int(rng.next() % 2001) - 1000) / 7 }
            let got = filter.resample(plane, width: w, height: h, toWidth: W, toHeight: H, passOrder: order)
            let want = ResamplingReference.resizeF(plane, w, h, filter, W, H, order)
            #expect(got.count == W * H)
            let worst = zip(got, want).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? 0
            #expect(worst <= 1e-6, "\(filter) \(w)x\(h) -> \(W)x\(H) \(order): relative error \(worst)")
        }
    }

    @Test(arguments: PixelBuffer.Format.allCases)
    func sameSizeIsIdentity(format: PixelBuffer.Format) throws {
        var rng = SplitMix64(seed: 5)
        for (w, h) in [(1, 1), (3, 7), (16, 9)] {
            let samples = (0..<(w * h * format.channelCount)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            let img = try PixelBuffer(width: w, height: h, format: format, samples: samples)
            for f in ResamplingFilter.allCases {
                for order in ResamplingPassOrder.allCases {
                    #expect(
                        img.resized(width: w, height: h, filter: f, passOrder: order) == img, "\(format) \(w)x\(h) \(f)"
                    )
                }
                let plane = samples.prefix(w * h).map { Float($0) }
                #expect(f.resample(plane, width: w, height: h, toWidth: w, toHeight: h) == plane)
            }
        }
    }

    /// A 1x1 image stretches to a flat image of its colour with every filter (alpha 0 and 255 keep
    /// the colour; other alphas go through Pillow's premultiply round trip).
    @Test(arguments: ResamplingFilter.allCases)
    func onePixelInput(filter: ResamplingFilter) throws {
        for v: UInt8 in [0, 1, 77, 128, 254, 255] {
            let gray = try PixelBuffer(width: 1, height: 1, format: .gray8, samples: [v])
            for (W, H) in [(1, 2), (5, 1), (7, 3), (64, 64)] {
                let out = gray.resized(width: W, height: H, filter: filter)
                #expect(out.samples == [UInt8](repeating: v, count: W * H), "\(filter) \(v) -> \(W)x\(H)")
                let f = filter.resample([Float(v)], width: 1, height: 1, toWidth: W, toHeight: H)
                #expect(f == [Float](repeating: Float(v), count: W * H))
            }
            let rgba = try PixelBuffer(width: 1, height: 1, format: .rgba8, samples: [v, 200, 3, 255])
            #expect(
                rgba.resized(width: 3, height: 2, filter: filter).samples
                    == Array([[UInt8]](repeating: [v, 200, 3, 255], count: 6).joined()))
        }
        // Down to 1x1: every filter gives a single in-range pixel; box gives the rounded mean.
        let img = try PixelBuffer(width: 4, height: 1, format: .gray8, samples: [0, 10, 20, 31])
        #expect(img.resized(width: 1, height: 1, filter: .box).samples == [15])
    }

    /// The vectorized 8-bit path against the reference on the shapes that stress it: long
    /// kernels (large downscales), tall portraits (vertical first), 1-wide and 1-high images.
    @Test func largeDownscalesAndThinImages() throws {
        var rng = SplitMix64(seed: 2024)
        let shapes: [(Int, Int, Int, Int)] = [
            (400, 30, 7, 3), (30, 400, 8, 9), (1, 300, 1, 7), (300, 1, 9, 1), (257, 129, 32, 32),
            (129, 257, 9, 8), (2, 500, 3, 31), (61, 61, 60, 59),
        ]
        for (w, h, W, H) in shapes {
            for format in [PixelBuffer.Format.gray8, .rgb8, .rgba8] {
                let ch = format.channelCount
                let samples = (0..<(w * h * ch)).map { _ in UInt8(truncatingIfNeeded: rng.next() >> 56) }
                let img = try PixelBuffer(width: w, height: h, format: format, samples: samples)
                for f in [ResamplingFilter.lanczos, .box, .bicubic] {
                    let want = ResamplingReference.resize8(
                        samples, w, h, ch, alpha: format.hasAlpha, f, W, H, .pillow13)
                    #expect(
                        img.resized(width: W, height: H, filter: f).samples == want,
                        "\(format) \(w)x\(h) -> \(W)x\(H) \(f)")
                }
            }
        }
    }

    /// Premultiplication and its inverse, every colour and alpha, against the integer formula
    /// `round(c * a / 255)` and `min(255, 255 * c / a)`.
    @Test func premultiplyRoundTripFormulas() {
        var samples: [UInt8] = []
        for c in 0...255 { for a in 0...255 { samples += [UInt8(c), UInt8(a)] } }
        let pre = Resize8.premultiplied(samples, channels: 2)
        var back = pre
        Resize8.unpremultiply(&back, channels: 2)
        for c in 0...255 {
            for a in 0...255 {
                let i = (c * 256 + a) * 2
                #expect(Int(pre[i]) == (c * a + 127) / 255 && pre[i + 1] == UInt8(a), "c \(c) a \(a)")
                let p = Int(pre[i])
                let u = (a == 0 || a == 255) ? p : min(255, 255 * p / a)
                #expect(Int(back[i]) == u, "c \(c) a \(a)")
            }
        }
    }
}
