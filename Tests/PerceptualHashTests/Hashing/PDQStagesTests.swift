import Foundation
import Testing
@testable import PerceptualHash

/// PDQ's stages (matrix, downscale, DCT) against pdqhash 0.2.8's intermediate values and
/// against plain scalar versions written here.
@Suite("PDQ stages")
struct PDQStagesTests {
    static func floats(_ text: some StringProtocol) -> [Float] {
        text.split(whereSeparator: { $0 == " " || $0 == "," }).map { Float(bitPattern: UInt32($0, radix: 16) ?? 0) }
    }

    @Test("the DCT matrix equals the C++ table (double cos, float scale) in every bit")
    func matrix() throws {
        let expected = try Fixtures.lines("pdq/matrix.txt").flatMap(Self.floats)
        #expect(expected.count == 1024)
        let got = PDQTransform.matrix
        let differing = (0..<1024).filter { got[$0].bitPattern != expected[$0].bitPattern }
        #expect(differing.isEmpty, "entries \(differing)")
    }

    @Test("downscale + DCT equal pdqhash.compute_float bit for bit")
    func dctMatchesComputeFloat() throws {
        let lines = try Fixtures.lines("pdq/dct.tsv")
        #expect(lines.count == 6)
        for line in lines {
            let f = line.split(separator: "\t")
            let c = try #require(
                PDQCase.all.first {
                    $0.kind == f[0] && "\($0.width)" == f[1] && "\($0.height)" == f[2] && "\($0.seed)" == f[3]
                })
            let expected = Self.floats(f[4])
            let image = try c.image
            let plane = PDQDownscale.reduce(PDQDownscale.luma(image), width: c.width, height: c.height)
            let got = PDQTransform.forward(plane)
            let differing = (0..<256).filter { got[$0].bitPattern != expected[$0].bitPattern }
            #expect(differing.isEmpty, "\(c): coefficients \(differing.prefix(8))")
        }
    }

    /// The reference's loops, scalar, for one vector.
    static func scalarBox(_ v: [Float], window: Int) -> [Float] {
        let half = (window + 2) / 2
        var out = [Float](repeating: 0, count: v.count)
        var sum: Float = 0, count = 0, r = 0, l = 0, o = 0
        for _ in 0..<(half - 1) { sum += v[r]; count += 1; r += 1 }
        for _ in 0..<(window - half + 1) { sum += v[r]; count += 1; out[o] = sum / Float(count); r += 1; o += 1 }
        while r < v.count { sum += v[r]; sum -= v[l]; out[o] = sum / Float(count); r += 1; l += 1; o += 1 }
        for _ in 0..<(half - 1) { sum -= v[l]; count -= 1; out[o] = sum / Float(count); l += 1; o += 1 }
        return out
    }

    @Test(
        "SIMD column pass equals the scalar box filter on every column",
        arguments: [(1, 7, 1), (13, 9, 3), (37, 40, 8), (8, 100, 7), (67, 33, 33)])
    func columnsMatchScalar(_ shape: (Int, Int, Int)) {
        let (width, height, window) = shape
        var rng = SplitMix64(seed: UInt64(width * 1000 + height))
        let plane = (0..<(width * height)).map { _ in Float.random(in: 0...255, using: &rng) }
        var out = [Float](repeating: 0, count: plane.count)
        PDQDownscale.boxAlongColumns(plane, into: &out, width: width, height: height, window: window)
        for x in 0..<width {
            let column = (0..<height).map { plane[$0 * width + x] }
            let expected = Self.scalarBox(column, window: window)
            let got = (0..<height).map { out[$0 * width + x] }
            #expect(got.map(\.bitPattern) == expected.map(\.bitPattern), "\(shape) column \(x)")
        }
        var rows = [Float](repeating: 0, count: plane.count)
        PDQDownscale.boxAlongRows(plane, into: &rows, width: width, height: height, window: window)
        for y in 0..<height {
            let expected = Self.scalarBox(Array(plane[(y * width)..<(y * width + width)]), window: window)
            #expect(rows[(y * width)..<(y * width + width)].map(\.bitPattern) == expected.map(\.bitPattern))
        }
    }

    @Test(
        "the streamed downscale equals the two-plane one",
        arguments: [(5, 5), (7, 13), (64, 64), (64, 9), (300, 17), (129, 257), (1000, 130), (23, 1100)])
    func streamedEqualsPlanes(_ size: (Int, Int)) throws {
        let (width, height) = size
        let image = try PixelBuffer(
            width: width, height: height, format: .rgb8,
            samples: PDQCase.lcg(count: width * height * 3, seed: width + height))
        for shortcut in [true, false] {
            let planes = PDQDownscale.reduce(
                PDQDownscale.luma(image), width: width, height: height, shortcut64: shortcut)
            let streamed = PDQDownscale.reduce(image, shortcut64: shortcut)
            #expect(streamed.map(\.bitPattern) == planes.map(\.bitPattern), "\(size) shortcut \(shortcut)")
        }
    }

    @Test(
        "the streamed downscale equals the two-plane one for every pixel format",
        arguments: [PixelBuffer.Format.gray8, .grayAlpha8, .rgb8, .rgba8])
    func streamedFormats(_ format: PixelBuffer.Format) throws {
        for (width, height) in [(5, 9), (131, 21), (258, 300)] {
            let image = try PixelBuffer(
                width: width, height: height, format: format,
                samples: PDQCase.lcg(count: width * height * format.channelCount, seed: width * height))
            let planes = PDQDownscale.reduce(PDQDownscale.luma(image), width: width, height: height)
            let streamed = PDQDownscale.reduce(image)
            #expect(streamed.map(\.bitPattern) == planes.map(\.bitPattern), "\(format) \(width)x\(height)")
        }
    }

    @Test("integer luma (299 r + 587 g + 114 b) / 1000 equals the Double formula for all 2^24 colours")
    func integerLumaIsExact() {
        var mismatches: [(UInt8, UInt8, UInt8)] = []
        for r in 0...255 {
            for g in 0...255 {
                for b in 0...255 {
                    let (r, g, b) = (UInt8(r), UInt8(g), UInt8(b))
                    // Reference: NumPy's float64 arithmetic, as pdqhash.compute runs it.
                    let reference = Float((Double(r) * 0.299 + Double(g) * 0.587) + Double(b) * 0.114)
                    if PDQDownscale.integerLuma(r, g, b).bitPattern != reference.bitPattern {
                        mismatches.append((r, g, b))
                    }
                }
            }
        }
        #expect(mismatches.isEmpty, "first: \(mismatches.prefix(4))")
    }

    @Test("SIMD quality equals the scalar sum of truncated gradients", arguments: [1, 2, 3, 4])
    func qualityMatchesScalar(_ seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed))
        let scale = Float(seed * seed) * 10  // from gentle to steep gradients
        let plane = (0..<4096).map { _ in Float.random(in: 0...scale, using: &rng) }
        func gradient(_ u: Float, _ v: Float) -> Int { abs(Int(((u - v) * 100) / 255)) }
        var total = 0
        for i in 0..<63 { for j in 0..<64 { total += gradient(plane[i * 64 + j], plane[(i + 1) * 64 + j]) } }
        for i in 0..<64 { for j in 0..<63 { total += gradient(plane[i * 64 + j], plane[i * 64 + j + 1]) } }
        #expect(total > 0)
        #expect(PDQHash.quality(of: plane) == min(100, total / 90), "seed \(seed)")
    }

    @Test("window sizes and decimation indices")
    func windowsAndDecimation() {
        #expect(PDQDownscale.windowSize(length: 5) == 1)
        #expect(PDQDownscale.windowSize(length: 128) == 1)
        #expect(PDQDownscale.windowSize(length: 129) == 2)
        #expect(PDQDownscale.windowSize(length: 1024) == 8)
        #expect(PDQDownscale.windowSize(length: 4000) == 32)
        #expect((0..<64).map { PDQDownscale.decimationIndex($0, length: 64) } == Array(0..<64))
        #expect(PDQDownscale.decimationIndex(0, length: 5) == 0)
        #expect(PDQDownscale.decimationIndex(63, length: 5) == 4)
        #expect(PDQDownscale.decimationIndex(0, length: 1024) == 8)
    }

    @Test("quality: flat 0, and the reference's truncation per gradient")
    func quality() {
        #expect(PDQHash.quality(of: [Float](repeating: 77, count: 4096)) == 0)
        // Vertical stripes alternating 0 and 255: 64 * 63 horizontal pairs of |d| = 100.
        let stripes = (0..<4096).map { Float(($0 % 64) % 2 == 0 ? 0 : 255) }
        #expect(PDQHash.quality(of: stripes) == 100)
        // Steps of 2.55 give d = 1 (or 0 where Float rounds below 1): quality stays small.
        let ramp = (0..<4096).map { Float($0 % 64) * 3 }
        #expect(PDQHash.quality(of: ramp) == 64 * 63 * 1 / 90)
    }
}
