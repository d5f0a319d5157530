import Foundation
@testable import PerceptualHash

/// Seeded photo-like test images for the matching tests: a few soft coloured blobs over a
/// gradient plus fine texture, so that no edge row or column is uniform.
enum RobustTestImages {
    static func photo(width: Int, height: Int, seed: UInt64) -> PixelBuffer {
        var rng = SplitMix64(seed: seed)
        func unit() -> Double { Double(rng.next() >> 11) * 0x1p-53 }
        let blobs = (0..<6).map { _ in
            (
                x: unit() * Double(width), y: unit() * Double(height),
                r: (0.1 + 0.3 * unit()) * Double(max(width, height)),
                colour: (unit() * 200 - 100, unit() * 200 - 100, unit() * 200 - 100)
            )
        }
        let gx = unit() * 80 - 40, gy = unit() * 80 - 40
        let f = (0..<4).map { _ in 0.05 + 0.2 * unit() }, phase = unit() * 6
        var samples = [UInt8](repeating: 0, count: width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                var c = (
                    110 + gx * Double(x) / Double(width) + gy * Double(y) / Double(height),
                    120 + gy * Double(x) / Double(width), 100 + gx * Double(y) / Double(height)
                )
                for b in blobs {
                    let d2 =
                        ((Double(x) - b.x) * (Double(x) - b.x) + (Double(y) - b.y) * (Double(y) - b.y)) / (b.r * b.r)
                    let w = exp(-d2)
                    c.0 += w * b.colour.0; c.1 += w * b.colour.1; c.2 += w * b.colour.2
                }
                // Mid-frequency texture, 20 levels, so that no edge line is uniform within 16.
                let texture =
                    20 * sin(Double(x) * f[0] + Double(y) * f[1] + phase) * cos(Double(y) * f[2] - Double(x) * f[3])
                let o = (y * width + x) * 3
                samples[o] = clamp(c.0 + texture); samples[o + 1] = clamp(c.1 + texture);
                samples[o + 2] = clamp(c.2 - texture)
            }
        }
        return try! PixelBuffer(width: width, height: height, format: .rgb8, samples: samples)
    }

    static func clamp(_ v: Double) -> UInt8 { UInt8(max(0, min(255, v.rounded()))) }

    /// `image` with columns reversed (`horizontal`) or rows reversed.
    static func flipped(_ image: PixelBuffer, horizontal: Bool) -> PixelBuffer {
        let w = image.width, h = image.height, c = image.format.channelCount
        var out = image.samples
        for y in 0..<h {
            for x in 0..<w {
                let (sx, sy) = horizontal ? (w - 1 - x, y) : (x, h - 1 - y)
                for k in 0..<c { out[(y * w + x) * c + k] = image.samples[(sy * w + sx) * c + k] }
            }
        }
        return try! PixelBuffer(width: w, height: h, format: image.format, samples: out)
    }

    /// `image` inside a border of one colour.
    static func padded(_ image: PixelBuffer, left: Int, top: Int, right: Int, bottom: Int, colour: [UInt8])
        -> PixelBuffer
    {
        let w = image.width + left + right, h = image.height + top + bottom, c = image.format.channelCount
        var out = [UInt8](repeating: 0, count: w * h * c)
        for i in 0..<(w * h) { for k in 0..<c { out[i * c + k] = colour[k] } }
        for y in 0..<image.height {
            for x in 0..<image.width {
                for k in 0..<c {
                    out[((y + top) * w + x + left) * c + k] = image.samples[(y * image.width + x) * c + k]
                }
            }
        }
        return try! PixelBuffer(width: w, height: h, format: image.format, samples: out)
    }

    /// The rectangle `x0 ..< x1`, `y0 ..< y1` of `image`.
    static func cropped(_ image: PixelBuffer, x0: Int, y0: Int, x1: Int, y1: Int) -> PixelBuffer {
        let c = image.format.channelCount
        var out: [UInt8] = []
        for y in y0..<y1 { out += image.samples[((y * image.width + x0) * c)..<((y * image.width + x1) * c)] }
        return try! PixelBuffer(width: x1 - x0, height: y1 - y0, format: image.format, samples: out)
    }

    /// Rotation by `degrees` counter-clockwise about the centre, same size, bilinear, black
    /// outside (the harness's convention, written again here).
    static func rotated(_ image: PixelBuffer, degrees: Double) -> PixelBuffer {
        let w = image.width, h = image.height
        let a = degrees * .pi / 180, co = cos(a), si = sin(a)
        let cx = Double(w - 1) / 2, cy = Double(h - 1) / 2
        var out = [UInt8](repeating: 0, count: w * h * 3)
        for y in 0..<h {
            for x in 0..<w {
                let dx = Double(x) - cx, dy = Double(y) - cy
                let sx = co * dx - si * dy + cx, sy = si * dx + co * dy + cy
                guard sx >= 0, sy >= 0, sx <= Double(w - 1), sy <= Double(h - 1) else { continue }
                let x0 = Int(sx), y0 = Int(sy), x1 = min(w - 1, x0 + 1), y1 = min(h - 1, y0 + 1)
                let fx = sx - Double(x0), fy = sy - Double(y0)
                for k in 0..<3 {
                    func p(_ x: Int, _ y: Int) -> Double { Double(image.samples[(y * w + x) * 3 + k]) }
                    let top = p(x0, y0) + (p(x1, y0) - p(x0, y0)) * fx,
                        bottom = p(x0, y1) + (p(x1, y1) - p(x0, y1)) * fx
                    out[(y * w + x) * 3 + k] = clamp(top + (bottom - top) * fy)
                }
            }
        }
        return try! PixelBuffer(width: w, height: h, format: .rgb8, samples: out)
    }

    /// The smallest distance between any fingerprint of `a` and any of `b`, by brute force.
    static func bruteForceDistance(_ a: RobustFingerprint, _ b: RobustFingerprint) -> Int {
        var best = Int.max
        for x in a.fingerprints { for y in b.fingerprints { best = min(best, x.distance(to: y)) } }
        return best
    }
}
