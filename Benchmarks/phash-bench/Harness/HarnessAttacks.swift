import Foundation
import PerceptualHash

/// One edit applied to an original to make a "should still match" copy.
///
/// Every attack takes and returns `.rgb8` and is deterministic: the noise attack seeds its
/// generator from the image's index, so the same corpus gives the same pixels.
struct HarnessAttack: Sendable {
    let name: String
    let summary: String
    let apply: @Sendable (PixelBuffer, _ index: Int) -> PixelBuffer
}

extension HarnessAttack {
    /// The attack suite, in report order.
    static let all: [HarnessAttack] = [
        HarnessAttack(name: "scale50", summary: "downscale to 50% (library LANCZOS)") { image, _ in
            AttackKit.scale(image, 0.5)
        },
        HarnessAttack(name: "scale25", summary: "downscale to 25% (library LANCZOS)") { image, _ in
            AttackKit.scale(image, 0.25)
        },
        HarnessAttack(name: "stretch", summary: "stretch x1.2 horizontally (LANCZOS)") { image, _ in
            image.resized(
                width: max(1, Int((Double(image.width) * 1.2).rounded())), height: image.height, filter: .lanczos)
        },
        HarnessAttack(name: "jpeg30", summary: "JPEG-like, quality 30, 4:2:0") { image, _ in
            AttackKit.jpeg(image, quality: 30)
        },
        HarnessAttack(name: "jpeg10", summary: "JPEG-like, quality 10, 4:2:0") { image, _ in
            AttackKit.jpeg(image, quality: 10)
        },
        HarnessAttack(name: "blur1", summary: "Gaussian blur, sigma 1 (kernel radius 3)") { image, _ in
            AttackKit.blur(image, sigma: 1)
        },
        HarnessAttack(name: "blur2", summary: "Gaussian blur, sigma 2 (kernel radius 6)") { image, _ in
            AttackKit.blur(image, sigma: 2)
        },
        HarnessAttack(name: "noise10", summary: "Gaussian noise, sigma 10 per sample") { image, index in
            AttackKit.noise(image, sigma: 10, seed: 0x0A11_5EED &+ UInt64(index))
        },
        HarnessAttack(name: "bright30", summary: "brightness +30% (x1.3)") { image, _ in
            AttackKit.map(image) { 1.3 * $0 }
        },
        HarnessAttack(name: "contrast-30", summary: "contrast -30% around the mean gray") { image, _ in
            AttackKit.contrast(image, factor: 0.7)
        },
        HarnessAttack(name: "gamma0.6", summary: "gamma 0.6: 255 (v/255)^0.6") { image, _ in
            AttackKit.map(image) { 255 * pow($0 / 255, 0.6) }
        },
        HarnessAttack(name: "gray", summary: "grayscale (rec601), kept as RGB") { image, _ in AttackKit.gray(image) },
        HarnessAttack(name: "crop5", summary: "crop 5% of each border") { image, _ in
            AttackKit.crop(image, fraction: 0.05)
        },
        HarnessAttack(name: "crop10", summary: "crop 10% of each border") { image, _ in
            AttackKit.crop(image, fraction: 0.10)
        },
        HarnessAttack(name: "rotate3", summary: "rotate 3 degrees, bilinear, same size, black fill") { image, _ in
            AttackKit.rotate(image, degrees: 3)
        },
        HarnessAttack(name: "rotate10", summary: "rotate 10 degrees, bilinear, same size, black fill") { image, _ in
            AttackKit.rotate(image, degrees: 10)
        },
        HarnessAttack(name: "mirror", summary: "horizontal mirror") { image, _ in AttackKit.mirror(image) },
        HarnessAttack(name: "band", summary: "white band over the bottom eighth") { image, _ in AttackKit.band(image) },
        HarnessAttack(name: "pad20", summary: "20% black padding left and right") { image, _ in
            AttackKit.pad(image, fraction: 0.2)
        },
    ]

    /// The attacks `--quick` keeps when no `--attacks` is given.
    static let quickNames = ["scale50", "jpeg30", "blur1", "noise10", "crop5", "rotate3"]
}

/// The attack implementations, on `.rgb8` buffers.
enum AttackKit {
    /// Rounds and clamps to a sample.
    @inline(__always)
    static func sample(_ v: Double) -> UInt8 { UInt8(max(0, min(255, v.rounded()))) }

    /// LANCZOS downscale of both sides by `factor` (sides rounded, at least 1).
    static func scale(_ image: PixelBuffer, _ factor: Double) -> PixelBuffer {
        image.resized(
            width: max(1, Int((Double(image.width) * factor).rounded())),
            height: max(1, Int((Double(image.height) * factor).rounded())), filter: .lanczos)
    }

    /// Applies `f` to every sample through a 256-entry table, rounding and clamping.
    static func map(_ image: PixelBuffer, _ f: (Double) -> Double) -> PixelBuffer {
        let table = (0..<256).map { sample(f(Double($0))) }
        return HarnessCorpus.makeRGB(
            width: image.width, height: image.height, samples: image.samples.map { table[Int($0)] })
    }

    /// `mean + factor (v - mean)` per sample, with `mean` the mean rec601 gray of the image
    /// rounded to an integer (as Pillow's `ImageEnhance.Contrast`).
    static func contrast(_ image: PixelBuffer, factor: Double) -> PixelBuffer {
        let gray = image.grayscale(.rec601).samples
        let mean = (Double(gray.reduce(0) { $0 + Int($1) }) / Double(gray.count)).rounded()
        return map(image) { mean + factor * ($0 - mean) }
    }

    /// The rec601 gray of each pixel copied to R, G and B.
    static func gray(_ image: PixelBuffer) -> PixelBuffer {
        HarnessCorpus.rgb(image.grayscale(.rec601))
    }

    /// Removes `round(fraction * width)` columns on the left and on the right and
    /// `round(fraction * height)` rows at the top and at the bottom (at least 1x1 remains).
    static func crop(_ image: PixelBuffer, fraction: Double) -> PixelBuffer {
        let dx = min((image.width - 1) / 2, Int((Double(image.width) * fraction).rounded()))
        let dy = min((image.height - 1) / 2, Int((Double(image.height) * fraction).rounded()))
        let w = image.width - 2 * dx, h = image.height - 2 * dy
        var out = [UInt8]()
        out.reserveCapacity(w * h * 3)
        for y in dy..<dy + h {
            let start = (y * image.width + dx) * 3
            out.append(contentsOf: image.samples[start..<start + w * 3])
        }
        return HarnessCorpus.makeRGB(width: w, height: h, samples: out)
    }

    /// Left-right flip.
    static func mirror(_ image: PixelBuffer) -> PixelBuffer {
        let w = image.width
        var out = image.samples
        image.samples.withUnsafeBufferPointer { s in
            for y in 0..<image.height {
                for x in 0..<w {
                    let from = (y * w + (w - 1 - x)) * 3, to = (y * w + x) * 3
                    out[to] = s[from]; out[to + 1] = s[from + 1]; out[to + 2] = s[from + 2]
                }
            }
        }
        return HarnessCorpus.makeRGB(width: w, height: image.height, samples: out)
    }

    /// Sets the bottom `ceil(height / 8)` rows to white.
    static func band(_ image: PixelBuffer) -> PixelBuffer {
        let rows = (image.height + 7) / 8
        var out = image.samples
        for i in ((image.height - rows) * image.width * 3)..<out.count { out[i] = 255 }
        return HarnessCorpus.makeRGB(width: image.width, height: image.height, samples: out)
    }

    /// Adds `round(fraction * width)` black columns on the left and on the right.
    static func pad(_ image: PixelBuffer, fraction: Double) -> PixelBuffer {
        let p = Int((Double(image.width) * fraction).rounded())
        let w = image.width + 2 * p
        var out = [UInt8](repeating: 0, count: w * image.height * 3)
        for y in 0..<image.height {
            let src = y * image.width * 3, dst = (y * w + p) * 3
            for i in 0..<image.width * 3 { out[dst + i] = image.samples[src + i] }
        }
        return HarnessCorpus.makeRGB(width: w, height: image.height, samples: out)
    }

    /// Adds `sigma * N(0, 1)` to every sample (Box-Muller on a seeded SplitMix64), rounds, clamps.
    static func noise(_ image: PixelBuffer, sigma: Double, seed: UInt64) -> PixelBuffer {
        var rng = HarnessRandom(seed: seed)
        var out = image.samples
        var i = 0
        while i < out.count {
            // Box-Muller: two independent normals from two uniforms, u1 in (0, 1].
            let u1 = 1 - rng.unit(), u2 = rng.unit()
            let r = (-2 * log(u1)).squareRoot()
            out[i] = sample(Double(out[i]) + sigma * r * cos(2 * .pi * u2))
            if i + 1 < out.count { out[i + 1] = sample(Double(out[i + 1]) + sigma * r * sin(2 * .pi * u2)) }
            i += 2
        }
        return HarnessCorpus.makeRGB(width: image.width, height: image.height, samples: out)
    }

    /// Separable Gaussian blur with standard deviation `sigma`: kernel `exp(-x^2 / (2 sigma^2))`
    /// for `|x| <= ceil(3 sigma)`, normalized to sum 1; edges clamped (replicated); horizontal
    /// pass then vertical pass in `Double`, rounded once at the end.
    static func blur(_ image: PixelBuffer, sigma: Double) -> PixelBuffer {
        let radius = Int((3 * sigma).rounded(.up))
        var kernel = (-radius...radius).map { exp(-Double($0 * $0) / (2 * sigma * sigma)) }
        let total = kernel.reduce(0, +)
        kernel = kernel.map { $0 / total }
        let w = image.width, h = image.height
        var horizontal = [Double](repeating: 0, count: w * h * 3)
        image.samples.withUnsafeBufferPointer { s in
            for y in 0..<h {
                for x in 0..<w {
                    var acc = (0.0, 0.0, 0.0)
                    for k in -radius...radius {
                        let xx = min(w - 1, max(0, x + k))
                        let base = (y * w + xx) * 3, weight = kernel[k + radius]
                        acc.0 += weight * Double(s[base]); acc.1 += weight * Double(s[base + 1]);
                        acc.2 += weight * Double(s[base + 2])
                    }
                    let o = (y * w + x) * 3
                    horizontal[o] = acc.0; horizontal[o + 1] = acc.1; horizontal[o + 2] = acc.2
                }
            }
        }
        var out = [UInt8](repeating: 0, count: w * h * 3)
        for y in 0..<h {
            for x in 0..<w {
                var acc = (0.0, 0.0, 0.0)
                for k in -radius...radius {
                    let yy = min(h - 1, max(0, y + k))
                    let base = (yy * w + x) * 3, weight = kernel[k + radius]
                    acc.0 += weight * horizontal[base]; acc.1 += weight * horizontal[base + 1];
                    acc.2 += weight * horizontal[base + 2]
                }
                let o = (y * w + x) * 3
                out[o] = sample(acc.0); out[o + 1] = sample(acc.1); out[o + 2] = sample(acc.2)
            }
        }
        return HarnessCorpus.makeRGB(width: w, height: h, samples: out)
    }

    /// Rotation by `degrees` (counter-clockwise on screen) about the image centre
    /// `((w - 1) / 2, (h - 1) / 2)`, same size: each output pixel samples the input at the
    /// inversely rotated position by bilinear interpolation; positions outside the sample grid
    /// `[0, w - 1] x [0, h - 1]` are black.
    static func rotate(_ image: PixelBuffer, degrees: Double) -> PixelBuffer {
        let w = image.width, h = image.height
        let angle = degrees * .pi / 180
        let c = cos(angle), s = sin(angle)
        let cx = Double(w - 1) / 2, cy = Double(h - 1) / 2
        var out = [UInt8](repeating: 0, count: w * h * 3)
        image.samples.withUnsafeBufferPointer { src in
            for y in 0..<h {
                for x in 0..<w {
                    let dx = Double(x) - cx, dy = Double(y) - cy
                    // Inverse rotation (y grows downwards, so this turns the picture counter-clockwise).
                    let sx = c * dx - s * dy + cx, sy = s * dx + c * dy + cy
                    guard sx >= -1e-9, sy >= -1e-9, sx <= Double(w - 1) + 1e-9, sy <= Double(h - 1) + 1e-9 else {
                        continue
                    }
                    let x0 = min(w - 1, max(0, Int(sx))), y0 = min(h - 1, max(0, Int(sy)))
                    let x1 = min(w - 1, x0 + 1), y1 = min(h - 1, y0 + 1)
                    let fx = max(0, sx - Double(x0)), fy = max(0, sy - Double(y0))
                    for ch in 0..<3 {
                        let a = Double(src[(y0 * w + x0) * 3 + ch]), b = Double(src[(y0 * w + x1) * 3 + ch])
                        let d = Double(src[(y1 * w + x0) * 3 + ch]), e = Double(src[(y1 * w + x1) * 3 + ch])
                        let top = a + (b - a) * fx, bottom = d + (e - d) * fx
                        out[(y * w + x) * 3 + ch] = sample(top + (bottom - top) * fy)
                    }
                }
            }
        }
        return HarnessCorpus.makeRGB(width: w, height: h, samples: out)
    }

    /// The JPEG (ITU T.81, Annex K) luminance quantization table, row-major.
    static let luminanceTable: [Int] = [
        16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55,
        14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62,
        18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92,
        49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
    ]
    /// The JPEG (ITU T.81, Annex K) chrominance quantization table, row-major.
    static let chrominanceTable: [Int] = [
        17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99,
        24, 26, 56, 99, 99, 99, 99, 99, 47, 66, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
    ]

    /// `table` scaled by the IJG quality formula: `s = q < 50 ? 5000 / q : 200 - 2q` (integer),
    /// entry `clamp((t s + 50) / 100, 1, 255)` (integer division).
    static func scaledTable(_ table: [Int], quality: Int) -> [Double] {
        let q = max(1, min(100, quality))
        let s = q < 50 ? 5000 / q : 200 - 2 * q
        return table.map { Double(max(1, min(255, ($0 * s + 50) / 100))) }
    }

    static let blockDCT = DCT2D(rows: 8, columns: 8)

    /// A JPEG round trip without entropy coding: JFIF RGB -> YCbCr (full range), planes padded
    /// to a multiple of 16 by edge replication, Cb and Cr averaged over 2x2 (4:2:0), each 8x8
    /// block level-shifted by -128, transformed by the library's `DCT2D` (orthonormal, which is
    /// JPEG's FDCT), divided by the IJG-scaled table and rounded, multiplied back, inverse
    /// transformed; chroma upsampled by replication; back to RGB, rounded and clamped.
    static func jpeg(_ image: PixelBuffer, quality: Int) -> PixelBuffer {
        let w = image.width, h = image.height
        let pw = (w + 15) / 16 * 16, ph = (h + 15) / 16 * 16
        var yPlane = [Double](repeating: 0, count: pw * ph)
        var cbFull = [Double](repeating: 0, count: pw * ph)
        var crFull = [Double](repeating: 0, count: pw * ph)
        image.samples.withUnsafeBufferPointer { s in
            for y in 0..<ph {
                let sy = min(y, h - 1)
                for x in 0..<pw {
                    let o = (sy * w + min(x, w - 1)) * 3
                    let r = Double(s[o]), g = Double(s[o + 1]), b = Double(s[o + 2])
                    yPlane[y * pw + x] = 0.299 * r + 0.587 * g + 0.114 * b
                    cbFull[y * pw + x] = -0.168736 * r - 0.331264 * g + 0.5 * b + 128
                    crFull[y * pw + x] = 0.5 * r - 0.418688 * g - 0.081312 * b + 128
                }
            }
        }
        let cw = pw / 2, chh = ph / 2
        func subsample(_ plane: [Double]) -> [Double] {
            var out = [Double](repeating: 0, count: cw * chh)
            for y in 0..<chh {
                for x in 0..<cw {
                    let a = plane[(2 * y) * pw + 2 * x], b = plane[(2 * y) * pw + 2 * x + 1]
                    let c = plane[(2 * y + 1) * pw + 2 * x], d = plane[(2 * y + 1) * pw + 2 * x + 1]
                    out[y * cw + x] = (a + b + c + d) / 4
                }
            }
            return out
        }
        let lq = scaledTable(luminanceTable, quality: quality)
        let cq = scaledTable(chrominanceTable, quality: quality)
        quantize(&yPlane, width: pw, height: ph, table: lq)
        var cb = subsample(cbFull), cr = subsample(crFull)
        quantize(&cb, width: cw, height: chh, table: cq)
        quantize(&cr, width: cw, height: chh, table: cq)
        var out = [UInt8](repeating: 0, count: w * h * 3)
        for y in 0..<h {
            for x in 0..<w {
                let yy = yPlane[y * pw + x]
                let b = cb[(y / 2) * cw + x / 2] - 128, r = cr[(y / 2) * cw + x / 2] - 128
                let o = (y * w + x) * 3
                out[o] = sample(yy + 1.402 * r)
                out[o + 1] = sample(yy - 0.344136 * b - 0.714136 * r)
                out[o + 2] = sample(yy + 1.772 * b)
            }
        }
        return HarnessCorpus.makeRGB(width: w, height: h, samples: out)
    }

    /// Quantizes every 8x8 block of `plane` (sides multiples of 8) in place.
    static func quantize(_ plane: inout [Double], width: Int, height: Int, table: [Double]) {
        var block = [Double](repeating: 0, count: 64)
        for by in stride(from: 0, to: height, by: 8) {
            for bx in stride(from: 0, to: width, by: 8) {
                for v in 0..<8 { for u in 0..<8 { block[v * 8 + u] = plane[(by + v) * width + bx + u] - 128 } }
                var coefficients = blockDCT.forward(block, normalization: .orthonormal)
                for k in 0..<64 { coefficients[k] = (coefficients[k] / table[k]).rounded() * table[k] }
                let back = blockDCT.inverse(coefficients, normalization: .orthonormal)
                for v in 0..<8 { for u in 0..<8 { plane[(by + v) * width + bx + u] = back[v * 8 + u] + 128 } }
            }
        }
    }
}
