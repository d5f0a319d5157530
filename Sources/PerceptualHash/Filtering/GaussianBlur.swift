/// Pillow's `ImageFilter.GaussianBlur(radius)` on a gray plane, byte for byte: `passes`
/// extended box blurs per axis (Gwosdek et al., "Theoretical Foundations of Gaussian
/// Convolution by Extended Box Filtering", SSVM 2011), all horizontal passes first, then all
/// vertical ones, each pass rounding to 8 bits.
///
/// The box radius `r` comes from the standard deviation `radius` in `Float` arithmetic, as
/// Pillow's `_gaussian_blur_radius` computes it (`sigma2 = radius^2 / passes`,
/// `L = sqrt(12 sigma2 + 1)` in `Double` then `Float`, `l = floor((L - 1) / 2)`,
/// `a = (2l + 1)(l(l + 1) - 3 sigma2) / (6(sigma2 - (l + 1)^2))`, `r = l + a`; 1.375 for the
/// default radius 2 and 3 passes). One pass over a line `p` of `n` samples, with `k = Int(r)`,
/// `ww = UInt32(Float(2^24) / (2r + 1))`, `fw = (2^24 - (2k + 1) ww) / 2` and indices clamped to
/// `0 ..< n` (the edge sample repeats): `out[x] = (ww * (p[x-k] + ... + p[x+k]) + fw * (p[x-k-1]
/// + p[x+k+1]) + 2^23) >> 24`, in `UInt32` (no overflow: the weights sum to at most `2^24`).
struct GaussianBlur: Sendable, Hashable {
    /// The standard deviation of the Gaussian the boxes approximate (Pillow's `radius`).
    let radius: Float
    /// Box passes per axis (Pillow uses 3).
    let passes: Int

    /// Pillow's `GaussianBlur(radius)` with its 3 passes per axis.
    init(radius: Float = 2, passes: Int = 3) {
        precondition(radius >= 0 && passes >= 1, "radius must be >= 0 and passes >= 1, not \(radius), \(passes)")
        self.radius = radius
        self.passes = passes
    }

    /// Pillow's `_gaussian_blur_radius`: the extended box radius, in `Float` as in C.
    var boxRadius: Float {
        let sigma2: Float = radius * radius / Float(passes)
        let bigL = Float((12.0 * Double(sigma2) + 1.0).squareRoot())
        let l = Float(((Double(bigL) - 1.0) / 2.0).rounded(.down))
        var a: Float = (2 * l + 1) * (l * (l + 1) - 3 * sigma2)
        a /= 6 * (sigma2 - (l + 1) * (l + 1))
        return l + a
    }

    /// The blurred `width x height` plane (row-major). A radius of 0 returns `plane` unchanged.
    ///
    /// - Complexity: O(`passes * width * height`), two planes of working memory.
    func apply(_ plane: [UInt8], width: Int, height: Int) -> [UInt8] {
        precondition(plane.count == width * height, "plane has \(plane.count) samples, not \(width) x \(height)")
        guard radius != 0 else { return plane }
        let r = boxRadius
        var rows = plane
        for _ in 0..<passes { Self.boxPass(&rows, lineLength: width, lineCount: height, radius: r) }
        var columns = Self.transposed(rows, width: width, height: height)
        for _ in 0..<passes { Self.boxPass(&columns, lineLength: height, lineCount: width, radius: r) }
        return Self.transposed(columns, width: height, height: width)
    }

    /// One extended box pass over every line of `plane` (Pillow's `ImagingHorizontalBoxBlur`).
    static func boxPass(_ plane: inout [UInt8], lineLength n: Int, lineCount: Int, radius floatRadius: Float) {
        let k = Int(floatRadius)
        let ww = UInt32(Float(UInt32(1 << 24)) / (floatRadius * 2 + 1))
        let fw = (UInt32(1 << 24) &- UInt32(k * 2 + 1) &* ww) / 2
        let last = n - 1
        var line = [UInt8](repeating: 0, count: n)
        plane.withUnsafeMutableBufferPointer { p in
            line.withUnsafeMutableBufferPointer { out in
                for y in 0..<lineCount {
                    let base = y * n
                    @inline(__always) func at(_ i: Int) -> UInt32 { UInt32(p[base + min(max(i, 0), last)]) }
                    // The window sum for x = -1.
                    var acc: UInt32 = 0
                    for i in (-1 - k)...(-1 + k) { acc &+= at(i) }
                    for x in 0..<n {
                        acc = acc &+ at(x + k) &- at(x - k - 1)
                        let bulk = acc &* ww &+ (at(x - k - 1) &+ at(x + k + 1)) &* fw
                        out[x] = UInt8(truncatingIfNeeded: (bulk &+ (1 << 23)) >> 24)
                    }
                    for x in 0..<n { p[base + x] = out[x] }
                }
            }
        }
    }

    /// The `height x width` transpose of a `width x height` plane.
    static func transposed(_ plane: [UInt8], width: Int, height: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: width * height) { out, count in
            plane.withUnsafeBufferPointer { p in
                for y in 0..<height {
                    for x in 0..<width { out[x * height + y] = p[y * width + x] }
                }
            }
            count = width * height
        }
    }
}
