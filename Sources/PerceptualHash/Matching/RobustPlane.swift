/// The gray plane robust views are taken from: the content box of an image, Rec. 601 luma,
/// reduced by area averaging so that its longer side is at most a working size.
struct RobustPlane: Sendable {
    let width: Int
    let height: Int
    /// `width * height` values in `0 ... 255`, row-major.
    let values: [Float]

    /// The plane of `box` inside `image`: each output pixel is the mean luma
    /// `0.299 r + 0.587 g + 0.114 b` (gray samples as they are) over the source rectangle it
    /// covers, with fractional coverage at its edges (computed as each source pixel's share of
    /// at most two target cells per axis, in `Float`). The box is scaled by
    /// `min(1, workingSide / max(boxWidth, boxHeight))`, sides rounded, at least 1.
    init(_ image: PixelBuffer, box: BorderTrim.ContentBox, workingSide: Int) {
        let bw = box.width, bh = box.height
        let scale = min(1, Double(workingSide) / Double(max(bw, bh)))
        let ow = max(1, Int((Double(bw) * scale).rounded())), oh = max(1, Int((Double(bh) * scale).rounded()))
        width = ow
        height = oh
        let (hx, tx) = Self.split(source: bw, target: ow), (hy, ty) = Self.split(source: bh, target: oh)
        let channels = image.format.channelCount, gray = image.format.isGray
        let rowSamples = image.width * channels
        // Rows first: each source row's samples (every channel, contiguous, vectorizable) are
        // added, weighted, into the accumulators of the (at most two) target rows they overlap;
        // when no later source row reaches a target row, its accumulated channels become luma
        // (luma is linear, so the mean of the luma is the luma of the means) and the row is
        // reduced along x.
        let n = bw * channels
        let columnCell = hx.map { $0.0 }, columnWeight = hx.map { $0.1 }
        let scratch = UnsafeMutableBufferPointer<Float>.allocate(capacity: 2 * n + bw + ow + 1)
        defer { scratch.deallocate() }
        scratch.initialize(repeating: 0)
        var acc0 = UnsafeMutableBufferPointer(rebasing: scratch[0..<n])
        var acc1 = UnsafeMutableBufferPointer(rebasing: scratch[n..<(2 * n)])
        let g = UnsafeMutableBufferPointer(rebasing: scratch[(2 * n)..<(2 * n + bw)])
        let r = UnsafeMutableBufferPointer(rebasing: scratch[(2 * n + bw)...])
        self.values = [Float](unsafeUninitializedCapacity: ow * oh) { o, initialized in
            image.samples.withUnsafeBufferPointer { s in
                columnCell.withUnsafeBufferPointer { cell in
                    columnWeight.withUnsafeBufferPointer { weight in
                        var current = 0
                        // Turns accumulator `row` into luma, reduces it along x into target
                        // row `current`, and clears it.
                        func emit(_ row: UnsafeMutableBufferPointer<Float>) {
                            if gray {
                                for x in 0..<bw { g[x] = row[x &* channels] }
                            } else {
                                for x in 0..<bw {
                                    let p = x &* channels
                                    g[x] = 0.299 * row[p] + 0.587 * row[p &+ 1] + 0.114 * row[p &+ 2]
                                }
                            }
                            for k in 0..<n { row[k] = 0 }
                            for j in 0...ow { r[j] = 0 }
                            for x in 0..<bw {
                                let j = cell[x], w = weight[x], v = g[x]
                                r[j] += w * v
                                r[j &+ 1] += (tx - w) * v
                            }
                            let base = current * ow
                            for j in 0..<ow { o[base &+ j] = r[j] }
                        }
                        for y in 0..<bh {
                            let q = s.baseAddress! + (box.top + y) * rowSamples + box.left * channels
                            let (i, w) = hy[y]
                            while current < i {
                                emit(acc0)
                                swap(&acc0, &acc1)
                                current += 1
                            }
                            let w2 = ty - w
                            if w2 > 0 {
                                for k in 0..<n {
                                    let v = Float(q[k])
                                    acc0[k] += w * v
                                    acc1[k] += w2 * v
                                }
                            } else {
                                for k in 0..<n { acc0[k] += w * Float(q[k]) }
                            }
                        }
                        while current < oh {
                            emit(acc0)
                            swap(&acc0, &acc1)
                            current += 1
                        }
                    }
                }
            }
            initialized = ow * oh
        }
        // Each target cell is one unit long on each axis, so the overlaps sum to 1: a mean.
    }

    /// How each source cell splits between target cells when `source` cells shrink to
    /// `target` (`source >= target`): cell `x` covers `[x t, (x + 1) t)` in target units
    /// (`t = target / source <= 1`), so it overlaps target cell `j = floor(x t)` by `w` and
    /// cell `j + 1` by `t - w`; `scale` is `t`. The second share is 0 when the cell does not
    /// straddle a boundary.
    static func split(source: Int, target: Int) -> (cells: [(Int, Float)], scale: Float) {
        let t = Double(target) / Double(source)
        let cells = (0..<source).map { x -> (Int, Float) in
            let a = Double(x) * t, b = Double(x + 1) * t
            let j = min(target - 1, Int(a))
            let w = min(b, Double(j + 1)) - a
            return (j, Float(w))
        }
        return (cells, Float(t))
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
        let maxX = Float(width - 1), maxY = Float(height - 1)
        let w = width, h = height
        // Along a thumbnail row, X grows by a constant step, so x and y are affine in u.
        let stepX = xs * W / Double(side)
        let dx = Float(c * stepX), dy = Float(s * stepX)
        if view.rotation == 0 {
            // No rotation: x depends on u only and y on v only.
            func taps(_ start: Double, _ extent: Double, _ size: Int) -> [(Int, Int, Float)] {
                (0..<side).map { k in
                    let t = min(
                        max(Float((start + (Double(k) + 0.5) / Double(side) * extent) * Double(size) - 0.5), 0),
                        Float(size - 1))
                    let i = Int(t)
                    return (i, min(i + 1, size - 1), t - Float(i))
                }
            }
            let xt = taps(x0, xs, w), yt = taps(y0, ys, h)
            return [Float](unsafeUninitializedCapacity: side * side) { out, initialized in
                values.withUnsafeBufferPointer { p in
                    for v in 0..<side {
                        let (iy, jy, ay) = yt[v]
                        for u in 0..<side {
                            let (ix, jx, ax) = xt[u]
                            let a = p[iy * w + ix], b = p[iy * w + jx]
                            let d = p[jy * w + ix], e = p[jy * w + jx]
                            let top = a + (b - a) * ax, bottom = d + (e - d) * ax
                            out[v * side + u] = top + (bottom - top) * ay
                        }
                    }
                }
                initialized = side * side
            }
        }
        return [Float](unsafeUninitializedCapacity: side * side) { out, initialized in
            values.withUnsafeBufferPointer { p in
                for v in 0..<side {
                    let Y = (y0 + (Double(v) + 0.5) / Double(side) * ys) * H - H / 2
                    let X = (x0 + 0.5 / Double(side) * xs) * W - W / 2
                    let fx0 = Float(c * X - s * Y + W / 2 - 0.5), fy0 = Float(s * X + c * Y + H / 2 - 0.5)
                    for u in 0..<side {
                        let x = min(max(fx0 + Float(u) * dx, 0), maxX), y = min(max(fy0 + Float(u) * dy, 0), maxY)
                        let ix = Int(x), iy = Int(y)
                        let jx = min(ix + 1, w - 1), jy = min(iy + 1, h - 1)
                        let ax = x - Float(ix), ay = y - Float(iy)
                        let a = p[iy * w + ix], b = p[iy * w + jx]
                        let d = p[jy * w + ix], e = p[jy * w + jx]
                        let top = a + (b - a) * ax, bottom = d + (e - d) * ax
                        out[v * side + u] = top + (bottom - top) * ay
                    }
                }
            }
            initialized = side * side
        }
    }
}
