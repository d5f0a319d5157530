import Testing
@testable import PerceptualHash

@Suite struct ResamplingFilterPlaneTests {
    /// The mode "F" cases of `Fixtures/resample/pillow13.txt`: Pillow's float resize of
    /// `byte * 0.25 - 7.5` planes, every filter; equal within 1 ulp (in practice bit-exact).
    @Test func matchesPillowFloatImages() throws {
        let cases = try ResampleCase.load("pillow13.txt").filter { $0.mode == "F" }
        #expect(cases.count > 80)
        var exact = 0
        for c in cases {
            let plane = c.inputSamples.map { Float($0) * 0.25 - 7.5 }
            let got = c.filter.resample(
                plane, width: c.width, height: c.height,
                toWidth: c.toWidth, toHeight: c.toHeight)
            let bytes = Fixtures.bytes(hex: c.expected)
            let want = (0..<(bytes.count / 4)).map { i in
                Float(
                    bitPattern: UInt32(bytes[4 * i]) << 24 | UInt32(bytes[4 * i + 1]) << 16
                        | UInt32(bytes[4 * i + 2]) << 8 | UInt32(bytes[4 * i + 3]))
            }
            #expect(got.count == want.count, "\(c)")
            var same = true
            for (a, b) in zip(got, want) where a != b {
                same = false
                #expect(abs(a - b) <= b.ulp, "\(c): \(a) vs Pillow \(b)")
            }
            if same { exact += 1 }
        }
        #expect(exact == cases.count, "\(exact) of \(cases.count) bit-exact")
    }
}
