/// The gray plane robust views are taken from: the content box of an image, Rec. 601 luma,
/// reduced by area averaging so that its longer side is at most a working size.
struct RobustPlane: Sendable {
    let width: Int
    let height: Int
    /// `width * height` values in `0 ... 255`, row-major.
    let values: [Float]

    /// The plane of `box` inside `image`: each output pixel is the mean luma
    /// `0.299 r + 0.587 g + 0.114 b` (gray samples as they are) over the source rectangle it
    /// covers, with fractional coverage at its edges. The box is scaled by
    /// `min(1, workingSide / max(boxWidth, boxHeight))`, sides rounded, at least 1.
    init(_ image: PixelBuffer, box: BorderTrim.ContentBox, workingSide: Int) {
        let bw = box.width, bh = box.height
        let scale = min(1, Double(workingSide) / Double(max(bw, bh)))
        let ow = max(1, Int((Double(bw) * scale).rounded())), oh = max(1, Int((Double(bh) * scale).rounded()))
        width = ow
        height = oh
        let hx = Self.weights(source: bw, target: ow), hy = Self.contributions(source: bh, target: oh)
        let channels = image.format.channelCount, gray = image.format.isGray
        var out = [Float](repeating: 0, count: ow * oh)
        var line = [Float](repeating: 0, count: bw)
        var reduced = [Float](repeating: 0, count: ow)
        let rowSamples = image.width * channels
        image.samples.withUnsafeBufferPointer { s in
            for y in 0..<bh {
                let base = (box.top + y) * rowSamples + box.left * channels
                if gray {
                    for x in 0..<bw { line[x] = Float(s[base + x * channels]) }
                } else {
                    for x in 0..<bw {
                        let o = base + x * channels
                        line[x] = 0.299 * Float(s[o]) + 0.587 * Float(s[o + 1]) + 0.114 * Float(s[o + 2])
                    }
                }
                for j in 0..<ow {
                    var acc: Float = 0
                    for (x, w) in hx[j] { acc += w * line[x] }
                    reduced[j] = acc
                }
                for (i, w) in hy[y] {
                    let o = i * ow
                    for j in 0..<ow { out[o + j] += w * reduced[j] }
                }
            }
        }
        values = out
    }

    /// For each target cell `j`, the source cells overlapping `[j s, (j + 1) s)` (`s = source /
    /// target`) with their overlap divided by `s`, so each list sums to 1.
    static func weights(source: Int, target: Int) -> [[(Int, Float)]] {
        let s = Double(source) / Double(target)
        return (0..<target).map { j in
            let a = Double(j) * s, b = Double(j + 1) * s
            var list: [(Int, Float)] = []
            var x = Int(a)
            while x < source && Double(x) < b {
                let overlap = min(b, Double(x + 1)) - max(a, Double(x))
                if overlap > 1e-9 { list.append((x, Float(overlap / s))) }
                x += 1
            }
            return list
        }
    }

    /// ``weights(source:target:)`` turned around: for each source cell, the target cells it
    /// feeds and with what weight.
    static func contributions(source: Int, target: Int) -> [[(Int, Float)]] {
        let forward = weights(source: source, target: target)
        var back = [[(Int, Float)]](repeating: [], count: source)
        for (j, list) in forward.enumerated() { for (x, w) in list { back[x].append((j, w)) } }
        return back
    }

    /// The `side x side` thumbnail of `view`'s geometry (its symmetry is not applied): output
    /// pixel `(u, v)` samples the plane bilinearly, edges repeated, at the point of the rotated
    /// and cropped frame it stands for (``RobustVariant``): with `W x H` the plane's size,
    /// `X = (left / 100 + (u + 0.5) / side (1 - (left + right) / 100)) W` (likewise `Y`), turned
    /// about the centre, `x = cos a (X - W/2) - sin a (Y - H/2) + W/2`,
    /// `y = sin a (X - W/2) + cos a (Y - H/2) + H/2`, read at pixel coordinates `(x - 0.5, y - 0.5)`.
    func thumbnail(_ view: RobustVariant, side: Int) -> [Float] {
        let W = Double(width), H = Double(height)
        let x0 = Double(view.left) / 100, xs = 1 - Double(view.left + view.right) / 100
        let y0 = Double(view.top) / 100, ys = 1 - Double(view.top + view.bottom) / 100
        let angle = Double(view.rotation) * .pi / 180
        let c = ResamplingMath.cos(angle), s = ResamplingMath.sin(angle)
        var out = [Float](repeating: 0, count: side * side)
        let maxX = Float(width - 1), maxY = Float(height - 1)
        values.withUnsafeBufferPointer { p in
            for v in 0..<side {
                let Y = (y0 + (Double(v) + 0.5) / Double(side) * ys) * H - H / 2
                for u in 0..<side {
                    let X = (x0 + (Double(u) + 0.5) / Double(side) * xs) * W - W / 2
                    let fx = Float(c * X - s * Y + W / 2 - 0.5), fy = Float(s * X + c * Y + H / 2 - 0.5)
                    let x = min(max(fx, 0), maxX), y = min(max(fy, 0), maxY)
                    let ix = min(Int(x), width - 1), iy = min(Int(y), height - 1)
                    let jx = min(ix + 1, width - 1), jy = min(iy + 1, height - 1)
                    let ax = x - Float(ix), ay = y - Float(iy)
                    let a = p[iy * width + ix], b = p[iy * width + jx]
                    let d = p[jy * width + ix], e = p[jy * width + jx]
                    let top = a + (b - a) * ax, bottom = d + (e - d) * ax
                    out[v * side + u] = top + (bottom - top) * ay
                }
            }
        }
        return out
    }
}
