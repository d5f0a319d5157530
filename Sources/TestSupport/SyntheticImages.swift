import Foundation
import PerceptualHash

/// Seeded synthetic images shared by the package's tests and benchmark: each generator is
/// deterministic in its arguments, so tests can state expected values for them and benchmarks
/// time the same pixels on every run.
public enum SyntheticImages {
    // MARK: Smooth sinusoids (the hashing tests)

    /// A `width x height` image of `format`: per channel, the sum of four sinusoids
    /// `a * sin(fx * x + fy * y + phase)` with frequencies up to 6 pi over the longer side,
    /// phases and amplitudes (0.3...1) drawn from ``SplitMix64`` seeded by `seed`, as
    /// `clamp(128 + 50 * sum)` truncated to `UInt8`: smooth, like a photograph's low
    /// frequencies.
    public static func smooth(width: Int, height: Int, format: PixelBuffer.Format = .rgb8, seed: UInt64) -> PixelBuffer
    {
        var rng = SplitMix64(seed: seed)
        let channels = format.channelCount
        var waves: [(Double, Double, Double, Double)] = []
        for _ in 0..<(4 * channels) {
            waves.append(
                (
                    Double.random(in: -6...6, using: &rng) * .pi / Double(max(width, height)),
                    Double.random(in: -6...6, using: &rng) * .pi / Double(max(width, height)),
                    Double.random(in: 0...(2 * .pi), using: &rng),
                    Double.random(in: 0.3...1, using: &rng)
                ))
        }
        var samples = [UInt8](repeating: 0, count: width * height * channels)
        for y in 0..<height {
            for x in 0..<width {
                for c in 0..<channels {
                    var v = 0.0
                    for w in waves[(c * 4)..<(c * 4 + 4)] { v += w.3 * sin(w.0 * Double(x) + w.1 * Double(y) + w.2) }
                    samples[(y * width + x) * channels + c] = UInt8(max(0, min(255, 128 + 50 * v)))
                }
            }
        }
        return try! PixelBuffer(width: width, height: height, format: format, samples: samples)
    }

    /// `image` with every sample moved by a uniform integer in `-amplitude...amplitude`
    /// (``SplitMix64`` seeded by `seed`), clamped to `0...255`.
    public static func perturbed(_ image: PixelBuffer, amplitude: Int, seed: UInt64) -> PixelBuffer {
        var rng = SplitMix64(seed: seed)
        let samples = image.samples.map { s in
            UInt8(max(0, min(255, Int(s) + Int.random(in: -amplitude...amplitude, using: &rng))))
        }
        return try! PixelBuffer(width: image.width, height: image.height, format: image.format, samples: samples)
    }

    // MARK: Scenes as Netpbm files (the CLI tests)

    /// A binary P6 file of `width x height` RGB pixels.
    public static func ppm(width: Int, height: Int, rgb: [UInt8]) -> [UInt8] {
        Array("P6\n\(width) \(height)\n255\n".utf8) + rgb
    }

    /// A smooth colour scene: sums of low-frequency waves seeded by `seed`, plus `brightness`
    /// added to every sample and `noise` (0 = none) uniform noise of that amplitude from
    /// `noiseSeed`. Deterministic. Samples stay within 8...248 before brightness and noise.
    public static func scene(
        width: Int = 64, height: Int = 48, seed: UInt64, noise: Int = 0, noiseSeed: UInt64 = 1, brightness: Int = 0
    ) -> [UInt8] {
        var rng = SplitMix64(seed: seed)
        var params: [Double] = []
        for _ in 0..<12 { params.append(Double(rng.next() % 1000) / 1000) }
        var noiseRNG = SplitMix64(seed: noiseSeed)
        var out: [UInt8] = []
        out.reserveCapacity(width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                let u = Double(x) / Double(width), v = Double(y) / Double(height)
                for c in 0..<3 {
                    let a = params[c * 4], b = params[c * 4 + 1], p = params[c * 4 + 2], q = params[c * 4 + 3]
                    var value = 128 + 60 * sin(6.28 * (a * 3 * u + p)) + 60 * cos(6.28 * (b * 3 * v + q))
                    value += Double(brightness)
                    if noise > 0 { value += Double(Int(noiseRNG.next() % UInt64(2 * noise + 1)) - noise) }
                    out.append(UInt8(max(0, min(255, value.rounded()))))
                }
            }
        }
        return out
    }

    /// `scene` as a P6 file.
    public static func scenePPM(
        width: Int = 64, height: Int = 48, seed: UInt64, noise: Int = 0, noiseSeed: UInt64 = 1, brightness: Int = 0
    ) -> [UInt8] {
        ppm(
            width: width, height: height,
            rgb: scene(
                width: width, height: height, seed: seed, noise: noise, noiseSeed: noiseSeed, brightness: brightness))
    }

    // MARK: The benchmark's images

    /// A smooth seeded RGB test image: per channel, a grid of random control values (SplitMix64,
    /// `seed`) every 64 pixels, interpolated bilinearly in integers, plus a faint diagonal ripple.
    /// The same pixels are written by `--write-images` for `Benchmarks/imagehash_speed.py`.
    public static func benchmarkImage(width w: Int, height h: Int, seed: UInt64) -> PixelBuffer {
        var rng = SplitMix64(seed: seed)
        func next() -> UInt64 { rng.next() }
        let cell = 64
        let gw = w / cell + 2, gh = h / cell + 2
        let grid = (0..<(gw * gh * 3)).map { _ in Int(next() % 256) }
        var samples = [UInt8](repeating: 0, count: w * h * 3)
        for y in 0..<h {
            let gy = y / cell, fy = y % cell
            for x in 0..<w {
                let gx = x / cell, fx = x % cell
                for c in 0..<3 {
                    let a = grid[(gy * gw + gx) * 3 + c], b = grid[(gy * gw + gx + 1) * 3 + c]
                    let d = grid[((gy + 1) * gw + gx) * 3 + c], e = grid[((gy + 1) * gw + gx + 1) * 3 + c]
                    let top = a * (cell - fx) + b * fx, bottom = d * (cell - fx) + e * fx
                    let v = (top * (cell - fy) + bottom * fy) / (cell * cell) + ((x + y) % 7) - 3
                    samples[(y * w + x) * 3 + c] = UInt8(max(0, min(255, v)))
                }
            }
        }
        return try! PixelBuffer(width: w, height: h, format: .rgb8, samples: samples)
    }
}
