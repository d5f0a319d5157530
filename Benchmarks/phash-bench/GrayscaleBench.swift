import Foundation
import PerceptualHash
import PerceptualHashTestSupport

/// `phash-bench grayscale [runs]`: times every ``GrayscaleConversion`` on a generated
/// 1920x1080 RGB image (and RGBA), the float planes, and raw-memory input (bgra8, rgb16le),
/// in megapixels per second: the median of `runs` (default 11, at least 5) timed runs after
/// one warm-up run. Every timed call allocates its output, as callers do.
///
/// `scalar` rows run the per-pixel ``GrayscaleConversion/gray(red:green:blue:)`` loop (the
/// implementation before the vectorised kernels) for comparison.
func runGrayscaleBenchmark(arguments: [String]) {
    let runs = arguments.first.flatMap { Int($0) }.map { max($0, 5) } ?? 11
    let width = 1920, height = 1080, pixels = width * height
    var rng = SplitMix64(seed: 0x1234_5678_9ABC_DEF0)
    func next() -> UInt8 { UInt8(truncatingIfNeeded: rng.next()) }
    let rgb = try! PixelBuffer(
        width: width, height: height, format: .rgb8, samples: (0..<pixels * 3).map { _ in next() })
    let rgba = try! PixelBuffer(
        width: width, height: height, format: .rgba8, samples: (0..<pixels * 4).map { _ in next() })
    func row(_ label: String, _ mpx: Double) {
        print("  \(label.padding(toLength: 28, withPad: " ", startingAt: 0)) \(String(format: "%8.1f", mpx))")
    }
    print("grayscale: \(width)x\(height), median of \(runs) runs, Mpx/s")
    for conversion in GrayscaleConversion.allCases {
        row(
            "rgb8  \(conversion)",
            benchMegapixelsPerSecond(pixels: pixels, runs: runs) {
                grayscaleBlackHole(rgb.grayscale(conversion).samples)
            })
    }
    for conversion in GrayscaleConversion.allCases {
        row(
            "rgba8 \(conversion)",
            benchMegapixelsPerSecond(pixels: pixels, runs: runs) {
                grayscaleBlackHole(rgba.grayscale(conversion).samples)
            })
    }
    row(
        "rgb8  rec601 scalar",
        benchMegapixelsPerSecond(pixels: pixels, runs: runs) {
            grayscaleBlackHole(scalarGray(rgb, .rec601))
        })
    row(
        "rgb8  float scalar",
        benchMegapixelsPerSecond(pixels: pixels, runs: runs) {
            grayscaleBlackHole(scalarGray(rgb, .float))
        })
    row(
        "rgb8  grayscalePlane (Float)",
        benchMegapixelsPerSecond(pixels: pixels, runs: runs) {
            grayscaleBlackHole(rgb.grayscalePlane().count)
        })
    row(
        "rgb8  grayscalePlaneDouble",
        benchMegapixelsPerSecond(pixels: pixels, runs: runs) {
            grayscaleBlackHole(rgb.grayscalePlaneDouble().count)
        })

    print("raw-memory input: \(width)x\(height), median of \(runs) runs, Mpx/s")
    let rgb16le = PixelLayout(channels: .rgb, sample: .uint16LittleEndian)
    let inputs: [(String, PixelLayout, Int, AlphaHandling)] = [
        ("rgb8 (copy)", .rgb8, 0, .keep),
        ("rgb8 +64 stride", .rgb8, 64, .keep),
        ("bgra8", .bgra8, 0, .keep),
        ("bgra8 premultiplied->rgb8", .bgra8, 0, .compositePremultiplied(over: .white)),
        ("rgb16le", rgb16le, 0, .keep),
    ]
    for (label, layout, padding, alpha) in inputs {
        let stride = width * layout.bytesPerPixel + padding
        let bytes = (0..<stride * height).map { _ in next() }
        row(
            label,
            benchMegapixelsPerSecond(pixels: pixels, runs: runs) {
                let image = try! PixelBuffer(
                    width: width, height: height, layout: layout, bytesPerRow: stride, bytes: bytes, alpha: alpha)
                grayscaleBlackHole(image.samples)
            })
        if label == "bgra8" || label == "rgb16le" {
            row(
                "\(label) + rec601",
                benchMegapixelsPerSecond(pixels: pixels, runs: runs) {
                    let image = try! PixelBuffer(
                        width: width, height: height, layout: layout, bytesPerRow: stride, bytes: bytes)
                    grayscaleBlackHole(image.grayscale().samples)
                })
        }
    }
}

/// The per-pixel scalar loop, for comparison with the library's kernels.
private func scalarGray(_ image: PixelBuffer, _ conversion: GrayscaleConversion) -> [UInt8] {
    let stride = image.format.channelCount
    return [UInt8](unsafeUninitializedCapacity: image.pixelCount) { out, count in
        image.withUnsafeBufferPointer { src in
            for i in 0..<image.pixelCount {
                let s = i &* stride
                out[i] = conversion.gray(red: src[s], green: src[s &+ 1], blue: src[s &+ 2])
            }
        }
        count = image.pixelCount
    }
}

/// Median throughput of `body` over `runs` timed runs after one warm-up, in Mpx/s.
private func benchMegapixelsPerSecond(pixels: Int, runs: Int, _ body: () -> Void) -> Double {
    body()
    var times: [Double] = []
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    times.sort()
    return Double(pixels) / times[times.count / 2] / 1e6
}

@inline(never)
private func grayscaleBlackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}
