import Testing
@testable import PerceptualHash

/// The fused gray + resize path of the hashers (``FusedGrayResize``) against the two-step path
/// `image.grayscale(c).resized(...)`, which the Pillow fixtures check byte for byte.
///
/// Debug builds run the scalar twins of the dot products and release builds the SIMD ones
/// (``KernelChoice``); `KernelChoiceTests` compares the twins directly in both.
@Suite struct FusedGrayResizeTests {
    /// Source shapes: odd sizes, tall portraits (Pillow 13 runs the vertical pass first), wide
    /// strips, 1 x N and N x 1, and huge downscale factors.
    static let shapes: [(Int, Int)] = [
        (37, 29), (41, 211), (211, 13), (1, 57), (57, 1), (1, 1),
        (900, 5), (5, 900), (3, 2), (9, 8), (300, 9),
    ]
    /// Target grids: the hash inputs, non-square ones, and upscales of small sources.
    static let targets: [(Int, Int)] = [(8, 8), (9, 8), (32, 32), (5, 17)]

    /// A seeded image: smooth ramps plus noise, with saturated runs (0 and 255) so that the
    /// clamp of the fixed-point sum is exercised.
    static func image(width: Int, height: Int, format: PixelBuffer.Format, seed: UInt64) -> PixelBuffer {
        var rng = SplitMix64(seed: seed)
        let channels = format.channelCount
        var samples = [UInt8](repeating: 0, count: width * height * channels)
        for y in 0..<height {
            for x in 0..<width {
                let mode = rng.next() % 16
                for c in 0..<channels {
                    let noise = Int(rng.next() % 64)
                    let ramp = (x * 255 / max(width, 1) + y * 97 / max(height, 1) + c * 40) % 256
                    let v: Int = mode == 0 ? 0 : (mode == 1 ? 255 : (ramp + noise - 32))
                    samples[(y * width + x) * channels + c] = UInt8(max(0, min(255, v)))
                }
            }
        }
        return try! PixelBuffer(width: width, height: height, format: format, samples: samples)
    }

    /// Every filter with rec601; the other conversions (the same row kernels feed both paths)
    /// with LANCZOS, BOX and nearest.
    @Test(arguments: GrayscaleConversion.allCases)
    func fusedEqualsTwoStep(conversion: GrayscaleConversion) {
        let filters = conversion == .rec601 ? ResamplingFilter.allCases : [.lanczos, .box, .nearest]
        var checked = 0
        for (s, shape) in Self.shapes.enumerated() {
            for format in [PixelBuffer.Format.rgb8, .rgba8] {
                let seed = UInt64(s * 10 + (format == .rgb8 ? 1 : 2))
                let image = Self.image(width: shape.0, height: shape.1, format: format, seed: seed)
                for target in Self.targets + [(shape.0, 8), (8, shape.1), (shape.0, shape.1)] {
                    for filter in filters {
                        for order in ResamplingPassOrder.allCases {
                            let p = HashPreprocessing(conversion: conversion, filter: filter, passOrder: order)
                            let expected = p.twoStepReducedGray(image, width: target.0, height: target.1)
                            let direct = FusedGrayResize.reduce(
                                image, conversion: conversion, toWidth: target.0, toHeight: target.1,
                                filter: filter, passOrder: order)
                            // Fused exactly when there is a convolution to run.
                            let shouldFuse = filter != .nearest && (target.0, target.1) != (shape.0, shape.1)
                            #expect((direct != nil) == shouldFuse, "\(shape) -> \(target) \(filter)")
                            if let direct { #expect(direct == expected) }
                            let got = p.reducedGray(image, width: target.0, height: target.1)
                            #expect(
                                got == expected,
                                "\(format) \(shape.0)x\(shape.1) seed \(seed) -> \(target.0)x\(target.1) \(conversion) \(filter) \(order)"
                            )
                            checked += 1
                        }
                    }
                }
            }
        }
        #expect(checked == Self.shapes.count * 2 * (Self.targets.count + 3) * filters.count * 2)
    }

    /// Gray input is not fused: `reducedGray` is the resize alone.
    @Test func grayInputUsesTheResize() {
        let image = Self.image(width: 40, height: 30, format: .gray8, seed: 7)
        #expect(
            FusedGrayResize.reduce(
                image, conversion: .rec601, toWidth: 8, toHeight: 8,
                filter: .lanczos, passOrder: .pillow13) == nil)
        #expect(
            HashPreprocessing().reducedGray(image, width: 8, height: 8)
                == image.resized(width: 8, height: 8).samples)
    }

    /// The split weights rebuild every fixed-point weight exactly, `high` is zero outside the
    /// recorded run, and the runs stay inside the padded tap count.
    @Test(arguments: [(1920, 8), (1920, 32), (4000, 9), (640, 33), (37, 8), (5, 17), (3, 3000)])
    func narrowSplitRebuildsWeights(input: Int, output: Int) {
        for filter in ResamplingFilter.allCases where filter != .nearest {
            let axis = ResamplingAxis(filter: filter, inputCount: input, outputCount: output)
            let k = axis.fixedWeights()
            let w = NarrowSplitWeights(axis: axis)
            for i in 0..<output {
                #expect(w.highStart[i] % 8 == 0 && w.highCount[i] % 8 == 0)
                #expect(w.highStart[i] + w.highCount[i] <= w.padded[i])
                #expect(w.padded[i] >= axis.counts[i] && w.padded[i] <= w.stride)
                for j in 0..<w.stride {
                    let expected = j < axis.counts[i] ? k[i * axis.stride + j] : 0
                    let low = Int32(w.low[i * w.stride + j]), high = Int32(w.high[i * w.stride + j])
                    #expect(high == 0 || low >= 0)
                    #expect(high * 32768 + low == expected, "\(filter) \(input)->\(output) i \(i) j \(j)")
                    if high != 0 {
                        #expect(j >= w.highStart[i] && j < w.highStart[i] + w.highCount[i])
                    }
                }
            }
        }
    }

    /// The large downscales keep most taps out of the second product (the point of the split):
    /// none at 1920 -> 8, under a third at 1920 -> 32.
    @Test func largeDownscaleNeedsFewHighTaps() {
        let axis = ResamplingAxis(filter: .lanczos, inputCount: 1920, outputCount: 8)
        let w = NarrowSplitWeights(axis: axis)
        #expect(w.highCount.allSatisfy { $0 == 0 }, "\(w.highCount)")
        let axis32 = ResamplingAxis(filter: .lanczos, inputCount: 1920, outputCount: 32)
        let w32 = NarrowSplitWeights(axis: axis32)
        #expect(w32.highCount.reduce(0, +) * 3 < w32.padded.reduce(0, +), "\(w32.highCount)")
    }

    /// The dot product against a plain sum, on seeded extreme values (samples 0...255, weights
    /// over the whole `Int16` range) and every length that is a multiple of 8 up to 64.
    @Test func dotMatchesPlainSum() {
        var rng = SplitMix64(seed: 99)
        for n in stride(from: 0, through: 64, by: 8) {
            let p = (0..<n).map { _ in Int16(rng.next() % 256) }
            let w = (0..<n).map { _ in Int16(truncatingIfNeeded: rng.next()) }
            var expected: Int32 = 0
            for j in 0..<n { expected &+= Int32(p[j]) &* Int32(w[j]) }
            let got = p.withUnsafeBufferPointer { pp in
                w.withUnsafeBufferPointer { ww in
                    NarrowSplitWeights.dot(
                        pp.baseAddress ?? UnsafePointer(bitPattern: 8)!,
                        ww.baseAddress ?? UnsafePointer(bitPattern: 8)!, n)
                }
            }
            #expect(got == expected, "n \(n)")
        }
    }
}
