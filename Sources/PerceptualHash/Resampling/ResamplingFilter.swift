/// A resampling filter: how output pixels are computed from input pixels when an image or
/// plane changes size. The set, kernels and supports are Pillow's.
///
/// Every filter except ``nearest`` is a separable convolution. Along one axis, with `in`
/// input samples and `out` output samples, `scale = in / out`, `filterscale = max(scale, 1)`
/// and `support = self.support * filterscale`; output sample `i` is centred at
/// `(i + 0.5) * scale` and uses the input samples whose distance from the centre, divided by
/// `filterscale`, falls inside the kernel (see ``kernel(_:)``). When downscaling the kernel is
/// stretched by `filterscale` (it averages over the footprint of an output pixel); when
/// upscaling it is used as is (it interpolates). The weights of one output sample are
/// normalised to sum to 1. `Documentation/Resampling.md` gives every detail.
///
/// | case | Pillow name | kernel `k(x)` | support |
/// |---|---|---|---|
/// | ``nearest`` | `NEAREST` | input sample `Int((i + 0.5) * scale)` (no convolution) | - |
/// | ``box`` | `BOX` | `1` for `-0.5 < x <= 0.5` | 0.5 |
/// | ``bilinear`` | `BILINEAR` | `1 - abs(x)` | 1 |
/// | ``hamming`` | `HAMMING` | `sinc(x) * (0.54 + 0.46 cos(pi x))` | 1 |
/// | ``bicubic`` | `BICUBIC` | Keys cubic, `a = -0.5` | 2 |
/// | ``lanczos`` | `LANCZOS` | `sinc(x) * sinc(x / 3)` | 3 |
///
/// ```swift
/// let small = image.resized(width: 32, height: 32, filter: .lanczos)
/// ```
public enum ResamplingFilter: Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Nearest neighbour: output sample `i` copies input sample `floor((i + 0.5) * scale)`,
    /// where the positions are accumulated as Pillow does (`x0 = scale / 2`, then `+= scale`
    /// per output sample, in `Double`).
    case nearest
    /// The box filter: `k(x) = 1` for `-0.5 < x <= 0.5`, else 0. Downscaling averages every
    /// input sample whose centre falls inside the output pixel. Support 0.5.
    case box
    /// The triangle (tent) filter: `k(x) = max(0, 1 - |x|)`. Support 1.
    case bilinear
    /// The Hamming-windowed sinc: `k(0) = 1`, `k(x) = sin(pi x) / (pi x) * (0.54 + 0.46 cos(pi x))`
    /// for `0 < |x| < 1`, else 0. The constants 0.54 and 0.46 are the `Float` values nearest to
    /// them, as in Pillow (`0.54f`, `0.46f`). Support 1.
    case hamming
    /// Keys' cubic convolution with `a = -0.5`: `k(x) = ((a + 2)|x| - (a + 3)) x^2 + 1` for
    /// `|x| < 1`, `k(x) = (((|x| - 5)|x| + 8)|x| - 4) a` for `1 <= |x| < 2`, else 0. Support 2.
    case bicubic
    /// The Lanczos-3 windowed sinc: `k(x) = sinc(x) sinc(x / 3)` for `-3 <= x < 3`, else 0, with
    /// `sinc(x) = sin(pi x) / (pi x)` and `sinc(0) = 1`. Support 3. ImageHash's filter.
    case lanczos

    /// The kernel's half-width in input samples at scale 1: 0.5 (box), 1 (bilinear, hamming),
    /// 2 (bicubic), 3 (lanczos); 0 for ``nearest``, which is not a convolution.
    @inlinable
    public var support: Double {
        switch self {
        case .nearest: 0
        case .box: 0.5
        case .bilinear, .hamming: 1
        case .bicubic: 2
        case .lanczos: 3
        }
    }

    /// The kernel value `k(x)` at distance `x` (in kernel units), computed with Pillow's
    /// expressions and evaluation order in `Double`.
    ///
    /// The trigonometric functions are this module's own (the standard library has none),
    /// accurate to within one unit in the last place, so the values agree with Pillow's (which calls the C
    /// library's `sin` and `cos`) except possibly in the last bit. ``nearest`` has no kernel;
    /// for it this returns the box kernel.
    public func kernel(_ x: Double) -> Double {
        switch self {
        case .nearest, .box:
            return x > -0.5 && x <= 0.5 ? 1 : 0
        case .bilinear:
            let a = x < 0 ? -x : x
            return a < 1 ? 1 - a : 0
        case .hamming:
            let a = x < 0 ? -x : x
            if a == 0 { return 1 }
            if a >= 1 { return 0 }
            let t = a * Double.pi
            return ResamplingMath.sin(t) / t
                * (Double(Float(0.54)) + Double(Float(0.46)) * ResamplingMath.cos(t))
        case .bicubic:
            let a = -0.5
            let v = x < 0 ? -x : x
            if v < 1 { return ((a + 2) * v - (a + 3)) * v * v + 1 }
            if v < 2 { return (((v - 5) * v + 8) * v - 4) * a }
            return 0
        case .lanczos:
            guard x >= -3 && x < 3 else { return 0 }
            return ResamplingMath.sinc(x) * ResamplingMath.sinc(x / 3)
        }
    }

    /// The Swift spelling of the case, for example `"lanczos"`.
    public var description: String {
        switch self {
        case .nearest: "nearest"
        case .box: "box"
        case .bilinear: "bilinear"
        case .hamming: "hamming"
        case .bicubic: "bicubic"
        case .lanczos: "lanczos"
        }
    }
}
