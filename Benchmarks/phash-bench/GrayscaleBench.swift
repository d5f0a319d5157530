import Foundation
import PerceptualHash

/// `phash-bench grayscale [runs]`: times every ``GrayscaleConversion`` on a generated
/// 1920x1080 RGB image (and RGBA), in megapixels per second, median of `runs` (default 11)
/// after one warm-up run.
func runGrayscaleBenchmark(arguments: [String]) {
    let runs = arguments.first.flatMap { Int($0) }.map { max($0, 5) } ?? 11
    let width = 1920, height = 1080
    var state: UInt64 = 0x1234_5678_9ABC_DEF0
    func next() -> UInt8 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return UInt8(truncatingIfNeeded: z ^ (z >> 31))
    }
    let rgbSamples = (0..<width * height * 3).map { _ in next() }
    let rgb = try! PixelBuffer(width: width, height: height, format: .rgb8, samples: rgbSamples)
    print("grayscale: \(width)x\(height), median of \(runs) runs, Mpx/s")
    for conversion in GrayscaleConversion.allCases {
        let mpx = benchMegapixelsPerSecond(pixels: width * height, runs: runs) {
            grayscaleBlackHole(rgb.grayscale(conversion).samples)
        }
        print("  rgb8  \(conversion.description.padding(toLength: 10, withPad: " ", startingAt: 0)) \(String(format: "%8.1f", mpx))")
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
private func grayscaleBlackHole(_ value: [UInt8]) {
    if value.count == -1 { print(value) }
}
