/// A formula that turns a red, green, blue triple into one 8-bit gray value.
///
/// Every formula is exact integer arithmetic on the 8-bit samples `R`, `G`, `B`; none depends
/// on floating-point rounding. Results are always in `0...255`. ``PixelBuffer/grayscale(_:)``
/// applies a formula to a whole image (vectorised; see `Documentation/Grayscale.md`).
///
/// | case | gray value |
/// |---|---|
/// | ``rec601`` | `(19595 R + 38470 G + 7471 B + 32768) >> 16` (Pillow's `convert("L")`) |
/// | ``float`` | `(30 R + 59 G + 11 B + 50) / 100`: `0.3 R + 0.59 G + 0.11 B` rounded to nearest, halves up |
/// | ``integer`` | `(30 R + 59 G + 11 B) / 100` (truncating) |
/// | ``shift`` | `(76 R + 151 G + 28 B) >> 8` |
/// | ``average`` | `(R + G + B) / 3` (truncating) |
/// | ``greenOnly`` | `G` |
///
/// ```swift
/// let gray = image.grayscale(.rec601)   // what ImageHash hashes
/// ```
public enum GrayscaleConversion: Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// ITU-R BT.601 luma as Pillow computes it for `Image.convert("L")` since Pillow 7:
    /// `(19595 R + 38470 G + 7471 B + 32768) >> 16`. The ImageHash-compatible default.
    case rec601
    /// The classic floating-point weights `0.3 R + 0.59 G + 0.11 B`, rounded to the nearest
    /// integer with halves rounded up, computed exactly as `(30 R + 59 G + 11 B + 50) / 100`.
    /// The unrounded values are ``PixelBuffer/grayscalePlane()`` (`Float`) and
    /// ``PixelBuffer/grayscalePlaneDouble()``.
    case float
    /// The classic integer form `(30 R + 59 G + 11 B) / 100`, truncating.
    case integer
    /// The classic shift form `(76 R + 151 G + 28 B) >> 8`, truncating (at most 254).
    case shift
    /// The mean of the three channels, `(R + G + B) / 3`, truncating.
    case average
    /// The green channel alone, `G`.
    case greenOnly

    /// The gray value of one pixel by this formula.
    @inlinable
    public func gray(red r: UInt8, green g: UInt8, blue b: UInt8) -> UInt8 {
        let r = UInt32(r), g = UInt32(g), b = UInt32(b)
        switch self {
        case .rec601: return UInt8(truncatingIfNeeded: (19595 &* r &+ 38470 &* g &+ 7471 &* b &+ 32768) >> 16)
        case .float: return UInt8(truncatingIfNeeded: (30 &* r &+ 59 &* g &+ 11 &* b &+ 50) / 100)
        case .integer: return UInt8(truncatingIfNeeded: (30 &* r &+ 59 &* g &+ 11 &* b) / 100)
        case .shift: return UInt8(truncatingIfNeeded: (76 &* r &+ 151 &* g &+ 28 &* b) >> 8)
        case .average: return UInt8(truncatingIfNeeded: (r &+ g &+ b) / 3)
        case .greenOnly: return UInt8(truncatingIfNeeded: g)
        }
    }

    /// The Swift spelling of the case, for example `"rec601"`.
    public var description: String {
        switch self {
        case .rec601: "rec601"
        case .float: "float"
        case .integer: "integer"
        case .shift: "shift"
        case .average: "average"
        case .greenOnly: "greenOnly"
        }
    }
}
