import Foundation
import PerceptualHash

/// Keeps a value alive so the optimizer cannot drop the work that produced it.
@inline(never)
func resampleBlackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}

/// `phash-bench resample [runs]`: Mpx/s (input megapixels per second) of
/// `PixelBuffer.resized` on a generated 1920x1080 image, RGB and gray, LANCZOS and BOX, to 32x32
/// and 8x8 (the hash inputs). Median of `runs` (default 15) timed runs after one warm-up.
/// `Benchmarks/pillow_resize.py` times Pillow on the same image. An optional second argument
/// keeps only the lines that contain it (e.g. `"RGB lanczos  -> 32x32"`), for profiling one case
/// (`valgrind --tool=callgrind phash-bench resample 1 "RGB lanczos  -> 32x32"`).
func runResampleBenchmark(arguments: [String]) {
    let runs = arguments.first.flatMap { Int($0) } ?? 15
    let only = arguments.count > 1 ? arguments[1] : nil
    let w = 1920, h = 1080
    var rgb = [UInt8](repeating: 0, count: w * h * 3)
    for y in 0..<h {
        for x in 0..<w {
            for c in 0..<3 {
                rgb[(y * w + x) * 3 + c] = UInt8(truncatingIfNeeded: x &* 7 &+ y &* 3 &+ c &* 85 &+ (x ^ y))
            }
        }
    }
    let color = try! PixelBuffer(width: w, height: h, format: .rgb8, samples: rgb)
    let gray = color.grayscale(.rec601)
    let mpx = Double(w * h) / 1e6
    print("resample: 1920x1080 input, median of \(runs) runs")
    for (name, image) in [("RGB", color), ("L", gray)] {
        for filter in [ResamplingFilter.lanczos, .box, .bicubic, .bilinear] {
            for (tw, th) in [(32, 32), (8, 8)] {
                let line =
                    "\(name.padding(toLength: 3, withPad: " ", startingAt: 0)) \(String(describing: filter).padding(toLength: 8, withPad: " ", startingAt: 0)) -> \(tw)x\(th)"
                if let only, !line.contains(only) { continue }
                _ = image.resized(width: tw, height: th, filter: filter)
                var times: [Double] = []
                for _ in 0..<runs {
                    let t0 = DispatchTime.now().uptimeNanoseconds
                    let out = image.resized(width: tw, height: th, filter: filter)
                    let t1 = DispatchTime.now().uptimeNanoseconds
                    resampleBlackHole(out)
                    times.append(Double(t1 - t0) / 1e9)
                }
                times.sort()
                let med = times[times.count / 2]
                print(
                    "\(line.padding(toLength: 26, withPad: " ", startingAt: 0)) \(String(format: "%8.3f ms  %8.1f Mpx/s", med * 1e3, mpx / med))"
                )
            }
        }
    }
}
