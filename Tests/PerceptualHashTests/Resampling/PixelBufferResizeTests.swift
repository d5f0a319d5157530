import Testing
@testable import PerceptualHash

@Suite struct PixelBufferResizeTests {
    /// Every case of `Fixtures/resample/pillow13.txt`: Pillow 13.0.0 `Image.resize` on generated
    /// L, LA, RGB and RGBA images, every filter, many sizes both ways. Byte-exact.
    @Test(arguments: ResamplingFilter.allCases)
    func matchesPillow13(filter: ResamplingFilter) throws {
        let cases = try ResampleCase.load("pillow13.txt").filter { $0.mode != "F" && $0.filter == filter }
        #expect(cases.count > 800)
        var failures = 0
        var inputs: [String: PixelBuffer] = [:]
        for c in cases {
            let key = "\(c.mode) \(c.width) \(c.height) \(c.kind) \(c.seed)"
            let input =
                try inputs[key]
                ?? PixelBuffer(
                    width: c.width, height: c.height, format: c.format,
                    samples: c.inputSamples)
            inputs[key] = input
            let out = input.resized(width: c.toWidth, height: c.toHeight, filter: c.filter)
            #expect(out.width == c.toWidth && out.height == c.toHeight && out.format == c.format)
            let got = ResampleCase.encode(out.samples)
            if got != c.expected {
                failures += 1
                if failures <= 20 { Issue.record("\(c): got \(got), Pillow 13 \(c.expected)") }
            }
        }
        #expect(failures == 0, "\(failures) of \(cases.count) cases differ from Pillow 13")
    }

    /// The cases of `Fixtures/resample/pillow12.txt` (Pillow 12.0.0, only those where Pillow 13
    /// runs the vertical pass first) with `.horizontalFirst`.
    @Test(arguments: ResamplingFilter.allCases.filter { $0 != .nearest })
    func matchesPillow12WithHorizontalFirst(filter: ResamplingFilter) throws {
        let cases = try ResampleCase.load("pillow12.txt").filter { $0.mode != "F" && $0.filter == filter }
        #expect(cases.count > 200)
        var failures = 0
        var differFrom13 = 0
        for c in cases {
            let input = try PixelBuffer(
                width: c.width, height: c.height, format: c.format,
                samples: c.inputSamples)
            let out = input.resized(
                width: c.toWidth, height: c.toHeight, filter: c.filter,
                passOrder: .horizontalFirst)
            let got = ResampleCase.encode(out.samples)
            if got != c.expected {
                failures += 1
                if failures <= 20 { Issue.record("\(c): got \(got), Pillow 12 \(c.expected)") }
            }
            let new = input.resized(width: c.toWidth, height: c.toHeight, filter: c.filter)
            if new.samples != out.samples { differFrom13 += 1 }
        }
        #expect(failures == 0, "\(failures) of \(cases.count) cases differ from Pillow 12")
        // The two orders must really differ on some of these (else the test proves nothing).
        #expect(differFrom13 > 2, "only \(differFrom13) cases differ between the orders")
    }
}
