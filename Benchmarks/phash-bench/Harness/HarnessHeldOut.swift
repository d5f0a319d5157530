import Foundation
import PerceptualHash

/// The held-out edit set: edits of the same kinds as the harness's geometric ones, with other
/// parameters and in combination, written independently of ``AttackKit`` (own crop, flip,
/// border and rotation code; rotation by bicubic interpolation with coloured fills instead of
/// bilinear with black) so that robust matching is not tuned to one implementation.
///
/// Robust matching's views were chosen on the harness set; this set is only evaluated.
extension HarnessAttack {
    static let heldOut: [HarnessAttack] = [
        HarnessAttack(name: "crop3", summary: "crop 3% of each border") { image, _ in
            HeldOutKit.crop(image, 0.03, 0.03, 0.03, 0.03)
        },
        HarnessAttack(name: "crop16", summary: "crop 16% of each border") { image, _ in
            HeldOutKit.crop(image, 0.16, 0.16, 0.16, 0.16)
        },
        HarnessAttack(name: "crop-left20", summary: "crop 20% of the width on the left only") { image, _ in
            HeldOutKit.crop(image, 0.20, 0, 0, 0)
        },
        HarnessAttack(name: "crop-bottom30", summary: "crop 30% of the height at the bottom only") { image, _ in
            HeldOutKit.crop(image, 0, 0, 0, 0.30)
        },
        HarnessAttack(name: "crop-corner", summary: "keep the top-left 82% x 82%") { image, _ in
            HeldOutKit.crop(image, 0, 0, 0.18, 0.18)
        },
        HarnessAttack(name: "crop-uneven", summary: "crop 4% left, 12% top, 15% right, 6% bottom") { image, _ in
            HeldOutKit.crop(image, 0.04, 0.12, 0.15, 0.06)
        },
        HarnessAttack(name: "rotate-7-white", summary: "rotate -7 degrees, bicubic, white fill") { image, _ in
            HeldOutKit.rotate(image, degrees: -7, fill: (255, 255, 255))
        },
        HarnessAttack(name: "rotate13-gray", summary: "rotate 13 degrees, bicubic, mid-gray fill") { image, _ in
            HeldOutKit.rotate(image, degrees: 13, fill: (128, 128, 128))
        },
        HarnessAttack(name: "rotate5-crop", summary: "rotate 5 degrees, bicubic, then crop 8% of each border") {
            image, _ in
            HeldOutKit.crop(HeldOutKit.rotate(image, degrees: 5, fill: (0, 0, 0)), 0.08, 0.08, 0.08, 0.08)
        },
        HarnessAttack(name: "frame-white10", summary: "white frame, 10% of the width on every side") { image, _ in
            let p = Int(Double(image.width) * 0.10)
            return HeldOutKit.border(image, left: p, top: p, right: p, bottom: p, colour: (255, 255, 255))
        },
        HarnessAttack(name: "letterbox", summary: "black bars above and below, 15% of the height each") { image, _ in
            let p = Int(Double(image.height) * 0.15)
            return HeldOutKit.border(image, left: 0, top: p, right: 0, bottom: p, colour: (0, 0, 0))
        },
        HarnessAttack(name: "pad-blue-left", summary: "dark blue bar on the left, 30% of the width") { image, _ in
            HeldOutKit.border(
                image, left: Int(Double(image.width) * 0.30), top: 0, right: 0, bottom: 0, colour: (20, 30, 90))
        },
        HarnessAttack(name: "frame-gray-jpeg", summary: "gray (200) frame of 6%, then JPEG-like quality 50") {
            image, _ in
            let p = Int(Double(image.width) * 0.06)
            return AttackKit.jpeg(
                HeldOutKit.border(image, left: p, top: p, right: p, bottom: p, colour: (200, 200, 200)), quality: 50)
        },
        HarnessAttack(name: "vflip", summary: "upside down (rows reversed)") { image, _ in
            HeldOutKit.flip(image, horizontal: false)
        },
        HarnessAttack(name: "mirror-crop12", summary: "mirror, then crop 12% of each border") { image, _ in
            HeldOutKit.crop(HeldOutKit.flip(image, horizontal: true), 0.12, 0.12, 0.12, 0.12)
        },
        HarnessAttack(name: "mirror-crop-right25", summary: "mirror, then crop 25% of the width on the right") {
            image, _ in
            HeldOutKit.crop(HeldOutKit.flip(image, horizontal: true), 0, 0, 0.25, 0)
        },
        HarnessAttack(name: "mirror-rotate8", summary: "mirror, then rotate 8 degrees, bicubic, black fill") {
            image, _ in
            HeldOutKit.rotate(HeldOutKit.flip(image, horizontal: true), degrees: 8, fill: (0, 0, 0))
        },
        HarnessAttack(name: "crop10-scale40", summary: "crop 10% of each border, then downscale to 40% (box filter)") {
            image, _ in
            let c = HeldOutKit.crop(image, 0.10, 0.10, 0.10, 0.10)
            return c.resized(width: max(1, c.width * 2 / 5), height: max(1, c.height * 2 / 5), filter: .box)
        },
    ]
}

/// The held-out edits' own implementations, on `.rgb8` buffers.
enum HeldOutKit {
    /// Cuts `floor(fraction * side)` pixels from each side (at least one pixel remains).
    static func crop(_ image: PixelBuffer, _ left: Double, _ top: Double, _ right: Double, _ bottom: Double)
        -> PixelBuffer
    {
        let w = image.width, h = image.height
        let x0 = Int(Double(w) * left), x1 = max(x0 + 1, w - Int(Double(w) * right))
        let y0 = Int(Double(h) * top), y1 = max(y0 + 1, h - Int(Double(h) * bottom))
        var out = [UInt8](repeating: 0, count: (x1 - x0) * (y1 - y0) * 3)
        var k = 0
        for y in y0..<y1 {
            for x in x0..<x1 {
                for ch in 0..<3 { out[k] = image.samples[(y * w + x) * 3 + ch]; k += 1 }
            }
        }
        return HarnessCorpus.makeRGB(width: x1 - x0, height: y1 - y0, samples: out)
    }

    /// Columns reversed (`horizontal`) or rows reversed.
    static func flip(_ image: PixelBuffer, horizontal: Bool) -> PixelBuffer {
        let w = image.width, h = image.height
        var out = [UInt8](repeating: 0, count: w * h * 3)
        for y in 0..<h {
            for x in 0..<w {
                let sx = horizontal ? w - 1 - x : x, sy = horizontal ? y : h - 1 - y
                for ch in 0..<3 { out[(y * w + x) * 3 + ch] = image.samples[(sy * w + sx) * 3 + ch] }
            }
        }
        return HarnessCorpus.makeRGB(width: w, height: h, samples: out)
    }

    /// The image inside a border of `colour`, the given widths on each side.
    static func border(
        _ image: PixelBuffer, left: Int, top: Int, right: Int, bottom: Int, colour: (UInt8, UInt8, UInt8)
    ) -> PixelBuffer {
        let w = image.width + left + right, h = image.height + top + bottom
        var out = [UInt8](repeating: 0, count: w * h * 3)
        for i in 0..<(w * h) { out[3 * i] = colour.0; out[3 * i + 1] = colour.1; out[3 * i + 2] = colour.2 }
        for y in 0..<image.height {
            for x in 0..<image.width {
                for ch in 0..<3 {
                    out[((y + top) * w + x + left) * 3 + ch] = image.samples[(y * image.width + x) * 3 + ch]
                }
            }
        }
        return HarnessCorpus.makeRGB(width: w, height: h, samples: out)
    }

    /// Catmull-Rom weight (cubic convolution, a = -0.5).
    static func cubic(_ t: Double) -> Double {
        let x = abs(t)
        if x < 1 { return 1.5 * x * x * x - 2.5 * x * x + 1 }
        if x < 2 { return -0.5 * x * x * x + 2.5 * x * x - 4 * x + 2 }
        return 0
    }

    /// Rotation by `degrees` counter-clockwise about the centre `(w / 2, h / 2)` in continuous
    /// coordinates (pixel centres at `i + 0.5`), same size, bicubic (Catmull-Rom) with clamped
    /// taps; output pixels whose source falls outside the image get `fill`.
    static func rotate(_ image: PixelBuffer, degrees: Double, fill: (UInt8, UInt8, UInt8)) -> PixelBuffer {
        let w = image.width, h = image.height
        let a = degrees * .pi / 180, c = cos(a), s = sin(a)
        let cx = Double(w) / 2, cy = Double(h) / 2
        var out = [UInt8](repeating: 0, count: w * h * 3)
        let fills = [fill.0, fill.1, fill.2]
        for y in 0..<h {
            for x in 0..<w {
                let px = Double(x) + 0.5 - cx, py = Double(y) + 0.5 - cy
                let sx = c * px - s * py + cx, sy = s * px + c * py + cy
                let o = (y * w + x) * 3
                guard sx >= 0, sy >= 0, sx <= Double(w), sy <= Double(h) else {
                    for ch in 0..<3 { out[o + ch] = fills[ch] }
                    continue
                }
                let fx = sx - 0.5, fy = sy - 0.5
                let ix = Int(fx.rounded(.down)), iy = Int(fy.rounded(.down))
                var acc = [0.0, 0.0, 0.0]
                for j in -1...2 {
                    let wy = cubic(fy - Double(iy + j))
                    let yy = min(h - 1, max(0, iy + j))
                    for i in -1...2 {
                        let wgt = wy * cubic(fx - Double(ix + i))
                        let xx = min(w - 1, max(0, ix + i))
                        for ch in 0..<3 { acc[ch] += wgt * Double(image.samples[(yy * w + xx) * 3 + ch]) }
                    }
                }
                for ch in 0..<3 { out[o + ch] = UInt8(max(0, min(255, acc[ch].rounded()))) }
            }
        }
        return HarnessCorpus.makeRGB(width: w, height: h, samples: out)
    }
}

/// The sweep set: each edit draws its parameters per image (SplitMix64 seeded from the edit
/// and the image's index), so over the corpus every edit covers a range instead of one value.
/// Uses the held-out implementations (``HeldOutKit``).
extension HarnessAttack {
    static let sweep: [HarnessAttack] = [
        HarnessAttack(name: "crop-any", summary: "each side cut by a uniform 0-22%") { image, index in
            var r = HarnessRandom(seed: 0xC0 &+ UInt64(index))
            return HeldOutKit.crop(
                image, r.uniform(0...0.22), r.uniform(0...0.22), r.uniform(0...0.22), r.uniform(0...0.22))
        },
        HarnessAttack(name: "crop-one-side", summary: "one random side cut by a uniform 5-35%") { image, index in
            var r = HarnessRandom(seed: 0xC1 &+ UInt64(index))
            var cuts = [0.0, 0, 0, 0]
            cuts[r.integer(0...3)] = r.uniform(0.05...0.35)
            return HeldOutKit.crop(image, cuts[0], cuts[1], cuts[2], cuts[3])
        },
        HarnessAttack(name: "rotate-any", summary: "rotate by a uniform -16..16 degrees, bicubic, random gray fill") {
            image, index in
            var r = HarnessRandom(seed: 0xC2 &+ UInt64(index))
            let g = UInt8(r.integer(0...255))
            return HeldOutKit.rotate(image, degrees: r.uniform(-16...16), fill: (g, g, g))
        },
        HarnessAttack(name: "border-any", summary: "random colour, each side a uniform 0-25% of the width") {
            image, index in
            var r = HarnessRandom(seed: 0xC3 &+ UInt64(index))
            let c = (UInt8(r.integer(0...255)), UInt8(r.integer(0...255)), UInt8(r.integer(0...255)))
            let w = Double(image.width)
            return HeldOutKit.border(
                image, left: Int(w * r.uniform(0...0.25)), top: Int(w * r.uniform(0...0.25)),
                right: Int(w * r.uniform(0...0.25)), bottom: Int(w * r.uniform(0...0.25)), colour: c)
        },
        HarnessAttack(name: "mirror-crop-any", summary: "mirror, then each side cut by a uniform 0-15%") {
            image, index in
            var r = HarnessRandom(seed: 0xC4 &+ UInt64(index))
            return HeldOutKit.crop(
                HeldOutKit.flip(image, horizontal: true), r.uniform(0...0.15), r.uniform(0...0.15), r.uniform(0...0.15),
                r.uniform(0...0.15))
        },
        HarnessAttack(
            name: "combo-any", summary: "mirror half the time, rotate -8..8, each side cut 0-10%, border 0-15%"
        ) { image, index in
            var r = HarnessRandom(seed: 0xC5 &+ UInt64(index))
            var out = r.integer(0...1) == 1 ? HeldOutKit.flip(image, horizontal: true) : image
            out = HeldOutKit.rotate(out, degrees: r.uniform(-8...8), fill: (0, 0, 0))
            out = HeldOutKit.crop(
                out, r.uniform(0...0.10), r.uniform(0...0.10), r.uniform(0...0.10), r.uniform(0...0.10))
            let p = Int(Double(out.width) * r.uniform(0...0.15))
            return HeldOutKit.border(out, left: p, top: 0, right: p, bottom: 0, colour: (0, 0, 0))
        },
    ]
}
