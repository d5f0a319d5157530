/// Pillow's `Image.convert("HSV")` for one 8-bit RGB pixel (`rgb2hsv_row` in Pillow's
/// `Convert.c`, which follows Python's `colorsys`), with its exact `float` and `double`
/// arithmetic, so that every hue and saturation byte equals Pillow 13's.
///
/// With `max`, `min` the largest and smallest channel and `cr = max - min`: `V = max`; when
/// `cr == 0`, `H = S = 0`. Otherwise, in `Float`: `s = cr / max`, `rc = (max - R) / cr`,
/// `gc = (max - G) / cr`, `bc = (max - B) / cr`; `h = bc - gc` when `R == max` (in `Float`),
/// else `h = Float(2.0 + Double(rc) - Double(bc))` when `G == max`, else
/// `h = Float(4.0 + Double(gc) - Double(rc))`; then `h = Float(fmod(Double(h) / 6 + 1, 1))`;
/// `H = Int(Double(h) * 255)` and `S = Int(Double(s) * 255)`, truncated.
enum PillowHSV {
    /// Pillow's `(H, S)` bytes of the pixel `(r, g, b)` (`V` is `max(r, g, b)`).
    @inline(__always)
    static func hueSaturation(red r: UInt8, green g: UInt8, blue b: UInt8) -> (hue: UInt8, saturation: UInt8) {
        let maxc = max(r, max(g, b)), minc = min(r, min(g, b))
        if maxc == minc { return (0, 0) }
        let cr = Float(maxc &- minc)
        let s = cr / Float(maxc)
        let rc = Float(maxc &- r) / cr
        let gc = Float(maxc &- g) / cr
        let bc = Float(maxc &- b) / cr
        let h: Float
        if r == maxc {
            h = bc - gc
        } else if g == maxc {
            h = Float(2.0 + Double(rc) - Double(bc))
        } else {
            h = Float(4.0 + Double(gc) - Double(rc))
        }
        // fmod(x, 1) for x in [5/6, 11/6]: x - 1 is exact there (Sterbenz).
        let x = Double(h) / 6.0 + 1.0
        let wrapped = Float(x >= 1.0 ? x - 1.0 : x)
        let hue = Int(Double(wrapped) * 255.0), saturation = Int(Double(s) * 255.0)
        return (
            UInt8(truncatingIfNeeded: min(max(hue, 0), 255)), UInt8(truncatingIfNeeded: min(max(saturation, 0), 255))
        )
    }
}
