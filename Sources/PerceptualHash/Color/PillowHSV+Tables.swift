/// Pillow's hue and saturation bytes as table lookups, for hashing every pixel of an image
/// (``ColorHash``): the same bytes as ``PillowHSV/hueSaturation(red:green:blue:)``, without its
/// divisions.
///
/// Saturation depends only on `max` and `cr = max - min`. Hue depends only on which channel
/// Pillow's branches pick (`R == max` first, then `G == max`), which of the other two is the
/// smaller, `cr`, and `d = max - mid` (`0 ... cr`): its `rc`, `gc`, `bc` are `0`, `1` and
/// `d / cr` in some order. The tables are filled once, on first use, by the exact formula
/// (about 230,000 evaluations, 260 KiB).
extension PillowHSV {
    /// `S` for every `max` and `cr <= max`, at `max << 8 | cr`.
    static let saturationTable: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 1 << 16)
        for maxc in 0..<256 {
            for cr in 0...maxc {
                let m = UInt8(maxc), low = UInt8(maxc - cr)
                table[maxc << 8 | cr] = hueSaturation(red: m, green: low, blue: low).saturation
            }
        }
        return table
    }()

    /// Entries per case of ``hueTable``: `(cr, d)` with `0 <= d <= cr <= 255`, triangular.
    static let hueCaseStride = 256 * 257 / 2

    /// `H` for case `k` (see ``hueCase(red:green:blue:max:)``), `cr` and `d` at
    /// `k * hueCaseStride + cr * (cr + 1) / 2 + d`, from a pixel of the same case, `cr` and `d`
    /// whose smallest channel is 0.
    static let hueTable: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 6 * hueCaseStride)
        for cr in 1..<256 {
            for d in 0...cr {
                let c = UInt8(cr), m = UInt8(cr - d)
                let pixels: [(UInt8, UInt8, UInt8)] = [
                    (c, m, 0), (c, 0, m), (m, c, 0), (0, c, m), (m, 0, c), (0, m, c),
                ]
                for (k, p) in pixels.enumerated() {
                    table[k * hueCaseStride + cr * (cr + 1) / 2 + d] =
                        hueSaturation(red: p.0, green: p.1, blue: p.2).hue
                }
            }
        }
        return table
    }()

    /// Pillow's branch and the order of the other two channels, `0 ..< 6`, and `d = max - mid`:
    /// 0 `R` max, `G >= B`; 1 `R` max, `G < B`; 2 `G` max (`R < max`), `R >= B`; 3 `G` max,
    /// `R < B`; 4 `B` max, `R >= G`; 5 `B` max, `R < G`.
    @inline(__always)
    static func hueCase(red r: UInt8, green g: UInt8, blue b: UInt8, max maxc: UInt8) -> (case: Int, d: Int) {
        if r == maxc { return g >= b ? (0, Int(maxc &- g)) : (1, Int(maxc &- b)) }
        if g == maxc { return r >= b ? (2, Int(maxc &- r)) : (3, Int(maxc &- b)) }
        return r >= g ? (4, Int(maxc &- r)) : (5, Int(maxc &- g))
    }
}
