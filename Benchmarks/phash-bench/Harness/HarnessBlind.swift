import Foundation
import PerceptualHash

/// The blind validation set: edits of the kinds the other sets cover, with parameters drawn per
/// image from other ranges and with other seeds (0xB1.. instead of 0xC0..), by their own
/// implementations (``BlindKit``: crops rounded to the nearest pixel, bilinear rotation with a
/// coloured fill, aspect changes by the library's bilinear resize). Written before any result on
/// it was seen and evaluated once, for the configuration chosen on the other sets.
extension HarnessAttack {
    static let blind: [HarnessAttack] = [
        HarnessAttack(name: "crop-two-sides", summary: "two random sides each cut by a uniform 0-30%") {
            image, index in
            var r = HarnessRandom(seed: 0xB1_0000 &+ UInt64(index))
            var cuts = [0.0, 0, 0, 0]
            let first = r.integer(0...3), second = (first + r.integer(1...3)) % 4
            cuts[first] = r.uniform(0...0.30)
            cuts[second] = r.uniform(0...0.30)
            return BlindKit.crop(image, cuts)
        },
        HarnessAttack(name: "crop-three-sides", summary: "three random sides each cut by a uniform 0-30%") {
            image, index in
            var r = HarnessRandom(seed: 0xB2_0000 &+ UInt64(index))
            var cuts = (0..<4).map { _ in r.uniform(0...0.30) }
            cuts[r.integer(0...3)] = 0
            return BlindKit.crop(image, cuts)
        },
        HarnessAttack(
            name: "rotate-crop",
            summary: "rotate by a uniform -12..12 degrees (bilinear, random colour), cut 3-12% per side"
        ) { image, index in
            var r = HarnessRandom(seed: 0xB3_0000 &+ UInt64(index))
            let fill = (UInt8(r.integer(0...255)), UInt8(r.integer(0...255)), UInt8(r.integer(0...255)))
            let turned = BlindKit.rotate(image, degrees: r.uniform(-12...12), fill: fill)
            return BlindKit.crop(turned, (0..<4).map { _ in r.uniform(0.03...0.12) })
        },
        HarnessAttack(
            name: "border-crop", summary: "each side cut by 0-15%, then a random-colour border of 0-20% per side"
        ) { image, index in
            var r = HarnessRandom(seed: 0xB4_0000 &+ UInt64(index))
            let cut = BlindKit.crop(image, (0..<4).map { _ in r.uniform(0...0.15) })
            let colour = (UInt8(r.integer(0...255)), UInt8(r.integer(0...255)), UInt8(r.integer(0...255)))
            let w = Double(cut.width), h = Double(cut.height)
            return BlindKit.border(
                cut, left: Int(w * r.uniform(0...0.2)), top: Int(h * r.uniform(0...0.2)),
                right: Int(w * r.uniform(0...0.2)), bottom: Int(h * r.uniform(0...0.2)), colour: colour)
        },
        HarnessAttack(
            name: "aspect-crop", summary: "each side cut by 0-10%, then the width scaled by 0.75-1.33 (bilinear)"
        ) { image, index in
            var r = HarnessRandom(seed: 0xB5_0000 &+ UInt64(index))
            let cut = BlindKit.crop(image, (0..<4).map { _ in r.uniform(0...0.10) })
            let factor = r.uniform(0.75...1.33)
            return cut.resized(
                width: max(1, Int((Double(cut.width) * factor).rounded())), height: cut.height, filter: .bilinear)
        },
        HarnessAttack(name: "flip-crop", summary: "mirror or upside down, then two random sides cut by 0-25%") {
            image, index in
            var r = HarnessRandom(seed: 0xB6_0000 &+ UInt64(index))
            let flipped = BlindKit.flip(image, horizontal: r.integer(0...1) == 1)
            var cuts = [0.0, 0, 0, 0]
            let first = r.integer(0...3), second = (first + r.integer(1...3)) % 4
            cuts[first] = r.uniform(0...0.25)
            cuts[second] = r.uniform(0...0.25)
            return BlindKit.crop(flipped, cuts)
        },
        HarnessAttack(
            name: "zoom-window", summary: "a window of 65-90% of each side at a random place, downscaled to 40-90%"
        ) { image, index in
            var r = HarnessRandom(seed: 0xB7_0000 &+ UInt64(index))
            let kw = r.uniform(0.65...0.90), kh = r.uniform(0.65...0.90)
            let left = r.uniform(0...(1 - kw)), top = r.uniform(0...(1 - kh))
            let cut = BlindKit.crop(image, [left, top, 1 - kw - left, 1 - kh - top])
            let s = r.uniform(0.40...0.90)
            return cut.resized(
                width: max(1, Int(Double(cut.width) * s)), height: max(1, Int(Double(cut.height) * s)),
                filter: .bilinear)
        },
    ]
}

/// The blind edits' own implementations, on `.rgb8` buffers.
enum BlindKit {
    /// Cuts `round(fraction * side)` pixels from each side, in the order left, top, right,
    /// bottom (at least one pixel remains on each axis).
    static func crop(_ image: PixelBuffer, _ cuts: [Double]) -> PixelBuffer {
        let w = image.width, h = image.height
        let x0 = min(w - 1, Int((cuts[0] * Double(w)).rounded()))
        let y0 = min(h - 1, Int((cuts[1] * Double(h)).rounded()))
        let x1 = max(x0 + 1, w - Int((cuts[2] * Double(w)).rounded()))
        let y1 = max(y0 + 1, h - Int((cuts[3] * Double(h)).rounded()))
        var out = [UInt8]()
        out.reserveCapacity((x1 - x0) * (y1 - y0) * 3)
        for y in y0..<y1 { out += image.samples[((y * w + x0) * 3)..<((y * w + x1) * 3)] }
        return HarnessCorpus.makeRGB(width: x1 - x0, height: y1 - y0, samples: out)
    }

    /// Columns reversed (`horizontal`) or rows reversed.
    static func flip(_ image: PixelBuffer, horizontal: Bool) -> PixelBuffer {
        let w = image.width, h = image.height
        var out = [UInt8]()
        out.reserveCapacity(w * h * 3)
        for y in 0..<h {
            let sy = horizontal ? y : h - 1 - y
            for x in 0..<w {
                let sx = horizontal ? w - 1 - x : x
                out += image.samples[((sy * w + sx) * 3)..<((sy * w + sx) * 3 + 3)]
            }
        }
        return HarnessCorpus.makeRGB(width: w, height: h, samples: out)
    }

    /// `image` framed by `colour`, the given widths in pixels per side.
    static func border(
        _ image: PixelBuffer, left: Int, top: Int, right: Int, bottom: Int, colour: (UInt8, UInt8, UInt8)
    ) -> PixelBuffer {
        let w = image.width + left + right, h = image.height + top + bottom
        var out = [UInt8]()
        out.reserveCapacity(w * h * 3)
        for y in 0..<h {
            for x in 0..<w {
                let sx = x - left, sy = y - top
                if sx >= 0, sy >= 0, sx < image.width, sy < image.height {
                    let o = (sy * image.width + sx) * 3
                    out += image.samples[o..<(o + 3)]
                } else {
                    out += [colour.0, colour.1, colour.2]
                }
            }
        }
        return HarnessCorpus.makeRGB(width: w, height: h, samples: out)
    }

    /// Turned by `degrees` counter-clockwise about the image centre, same size, bilinear;
    /// output pixels whose source lies outside the image are `fill`.
    static func rotate(_ image: PixelBuffer, degrees: Double, fill: (UInt8, UInt8, UInt8)) -> PixelBuffer {
        let w = image.width, h = image.height
        let a = degrees * .pi / 180, c = cos(a), s = sin(a)
        let cx = Double(w - 1) / 2, cy = Double(h - 1) / 2
        var out = [UInt8](repeating: 0, count: w * h * 3)
        for y in 0..<h {
            for x in 0..<w {
                let dx = Double(x) - cx, dy = Double(y) - cy
                let sx = c * dx + s * dy + cx, sy = -s * dx + c * dy + cy
                let o = (y * w + x) * 3
                guard sx >= 0, sy >= 0, sx <= Double(w - 1), sy <= Double(h - 1) else {
                    out[o] = fill.0; out[o + 1] = fill.1; out[o + 2] = fill.2
                    continue
                }
                let ix = min(Int(sx), w - 2 < 0 ? 0 : w - 2), iy = min(Int(sy), h - 2 < 0 ? 0 : h - 2)
                let fx = sx - Double(ix), fy = sy - Double(iy)
                let jx = min(ix + 1, w - 1), jy = min(iy + 1, h - 1)
                for ch in 0..<3 {
                    func p(_ px: Int, _ py: Int) -> Double { Double(image.samples[(py * w + px) * 3 + ch]) }
                    let v =
                        (1 - fy) * ((1 - fx) * p(ix, iy) + fx * p(jx, iy)) + fy
                        * ((1 - fx) * p(ix, jy) + fx * p(jx, jy))
                    out[o + ch] = UInt8(max(0, min(255, v.rounded())))
                }
            }
        }
        return HarnessCorpus.makeRGB(width: w, height: h, samples: out)
    }
}
