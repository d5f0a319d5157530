import Foundation
@testable import PerceptualHash

/// A plain, slow reference of Pillow's resize written straight from the formulas
/// (`Documentation/Resampling.md`), independent of the library's code: kernels with Foundation's
/// `sin`/`cos`, per-output weights, 22-bit fixed point with `Int64` sums, two passes with an
/// 8-bit intermediate over the whole image (no row restriction), explicit pass order.
enum ResamplingReference {
    static func kernel(_ f: ResamplingFilter, _ x: Double) -> Double {
        switch f {
        case .nearest, .box: return (x > -0.5 && x <= 0.5) ? 1 : 0
        case .bilinear: return max(0, 1 - abs(x))
        case .hamming:
            let a = abs(x)
            if a == 0 { return 1 }
            if a >= 1 { return 0 }
            let t = a * Double.pi
            return sin(t) / t * (Double(Float(0.54)) + Double(Float(0.46)) * cos(t))
        case .bicubic:
            let a = -0.5, v = abs(x)
            if v < 1 { return ((a + 2) * v - (a + 3)) * v * v + 1 }
            if v < 2 { return (((v - 5) * v + 8) * v - 4) * a }
            return 0
        case .lanczos:
            func sinc(_ x: Double) -> Double { x == 0 ? 1 : sin(x * Double.pi) / (x * Double.pi) }
            return (x >= -3 && x < 3) ? sinc(x) * sinc(x / 3) : 0
        }
    }

    static func support(_ f: ResamplingFilter) -> Double {
        switch f {
        case .nearest: 0
        case .box: 0.5
        case .bilinear, .hamming: 1
        case .bicubic: 2
        case .lanczos: 3
        }
    }

    /// Per output: (first input, normalised weights).
    static func weights(_ f: ResamplingFilter, _ inSize: Int, _ outSize: Int) -> [(Int, [Double])] {
        let scale = Double(inSize) / Double(outSize)
        let fs = max(scale, 1)
        let support = support(f) * fs
        return (0..<outSize).map { i in
            let c = (Double(i) + 0.5) * scale
            let lo = max(0, Int(c - support + 0.5))
            let hi = min(inSize, Int(c + support + 0.5))
            var w = (lo..<hi).map { kernel(f, (Double($0) - c + 0.5) * (1 / fs)) }
            let s = w.reduce(0, +)
            if s != 0 { w = w.map { $0 / s } }
            return (lo, w)
        }
    }

    static func fixed(_ w: Double) -> Int64 {
        let v = w * 4194304
        return Int64(w < 0 ? v - 0.5 : v + 0.5)
    }

    /// One 8-bit pass along an axis of an interleaved image.
    static func pass8(
        _ img: [UInt8], _ w: Int, _ h: Int, _ ch: Int, horizontal: Bool, _ f: ResamplingFilter,
        _ outSize: Int
    ) -> [UInt8] {
        let inSize = horizontal ? w : h
        let coeffs = weights(f, inSize, outSize)
        let ow = horizontal ? outSize : w, oh = horizontal ? h : outSize
        var out = [UInt8](repeating: 0, count: ow * oh * ch)
        for y in 0..<oh {
            for x in 0..<ow {
                for c in 0..<ch {
                    let (lo, ws) = coeffs[horizontal ? x : y]
                    var acc: Int64 = 1 << 21
                    for (j, wt) in ws.enumerated() {
                        let sx = horizontal ? lo + j : x, sy = horizontal ? y : lo + j
                        acc += Int64(img[(sy * w + sx) * ch + c]) * fixed(wt)
                    }
                    out[(y * ow + x) * ch + c] = UInt8(min(255, max(0, acc >> 22)))
                }
            }
        }
        return out
    }

    static func resize8(
        _ img: [UInt8], _ w: Int, _ h: Int, _ ch: Int, alpha: Bool, _ f: ResamplingFilter,
        _ W: Int, _ H: Int, _ order: ResamplingPassOrder
    ) -> [UInt8] {
        if W == w && H == h { return img }
        if f == .nearest {
            func idx(_ n: Int, _ m: Int) -> [Int] {
                let s = Double(n) / Double(m)
                var x = s / 2
                var r: [Int] = []
                for _ in 0..<m { r.append(min(n - 1, Int(x))); x += s }
                return r
            }
            let ix = idx(w, W), iy = idx(h, H)
            var out: [UInt8] = []
            for y in 0..<H { for x in 0..<W { for c in 0..<ch { out.append(img[(iy[y] * w + ix[x]) * ch + c]) } } }
            return out
        }
        var src = img
        if alpha {
            for p in stride(from: 0, to: src.count, by: ch) {
                let a = Int(src[p + ch - 1])
                for c in 0..<(ch - 1) { src[p + c] = UInt8((Int(src[p + c]) * a + 127) / 255) }
            }
        }
        let vFirst = H < h && (h - H) > 2 * (w - W) && order == .pillow13
        var out: [UInt8]
        if vFirst {
            let t = H != h ? pass8(src, w, h, ch, horizontal: false, f, H) : src
            out = W != w ? pass8(t, w, H, ch, horizontal: true, f, W) : t
        } else {
            let t = W != w ? pass8(src, w, h, ch, horizontal: true, f, W) : src
            out = H != h ? pass8(t, W, h, ch, horizontal: false, f, H) : t
        }
        if alpha {
            for p in stride(from: 0, to: out.count, by: ch) {
                let a = Int(out[p + ch - 1])
                if a == 0 || a == 255 { continue }
                for c in 0..<(ch - 1) { out[p + c] = UInt8(min(255, 255 * Int(out[p + c]) / a)) }
            }
        }
        return out
    }

    /// The float path: Double weights, Double sums in tap order, Float after each pass.
    static func passF(_ img: [Float], _ w: Int, _ h: Int, horizontal: Bool, _ f: ResamplingFilter, _ outSize: Int)
        -> [Float]
    {
        let coeffs = weights(f, horizontal ? w : h, outSize)
        let ow = horizontal ? outSize : w, oh = horizontal ? h : outSize
        var out = [Float](repeating: 0, count: ow * oh)
        for y in 0..<oh {
            for x in 0..<ow {
                let (lo, ws) = coeffs[horizontal ? x : y]
                var acc = 0.0
                for (j, wt) in ws.enumerated() {
                    acc += Double(img[horizontal ? y * w + lo + j : (lo + j) * w + x]) * wt
                }
                out[y * ow + x] = Float(acc)
            }
        }
        return out
    }

    static func resizeF(
        _ img: [Float], _ w: Int, _ h: Int, _ f: ResamplingFilter, _ W: Int, _ H: Int,
        _ order: ResamplingPassOrder
    ) -> [Float] {
        if W == w && H == h { return img }
        precondition(f != .nearest)
        let vFirst = H < h && (h - H) > 2 * (w - W) && order == .pillow13
        if vFirst {
            let t = H != h ? passF(img, w, h, horizontal: false, f, H) : img
            return W != w ? passF(t, w, H, horizontal: true, f, W) : t
        }
        let t = W != w ? passF(img, w, h, horizontal: true, f, W) : img
        return H != h ? passF(t, W, h, horizontal: false, f, H) : t
    }
}
