/// Pillow's `ImageFilter.MedianFilter(3)` on a gray plane, byte for byte: every sample becomes
/// the median (the 5th smallest) of the 3 x 3 window around it, the image's edge rows and
/// columns repeated outside it (Pillow's `expand(1)` before `ImagingRankFilter`).
enum MedianFilter {
    /// The 3 x 3 median of a `width x height` plane (row-major).
    ///
    /// - Complexity: O(`width * height`): a 19-comparison median-of-9 network per sample.
    static func median3x3(_ plane: [UInt8], width: Int, height: Int) -> [UInt8] {
        precondition(plane.count == width * height, "plane has \(plane.count) samples, not \(width) x \(height)")
        return [UInt8](unsafeUninitializedCapacity: width * height) { out, count in
            plane.withUnsafeBufferPointer { p in
                for y in 0..<height {
                    let up = max(y - 1, 0) * width, mid = y * width, down = min(y + 1, height - 1) * width
                    for x in 0..<width {
                        let l = max(x - 1, 0), r = min(x + 1, width - 1)
                        out[mid + x] = median9(
                            p[up + l], p[up + x], p[up + r], p[mid + l], p[mid + x], p[mid + r],
                            p[down + l], p[down + x], p[down + r])
                    }
                }
            }
            count = width * height
        }
    }

    /// The median of nine values (the selection network of Paeth, Graphics Gems, 1990).
    @inline(__always)
    static func median9(
        _ a0: UInt8, _ a1: UInt8, _ a2: UInt8, _ a3: UInt8, _ a4: UInt8, _ a5: UInt8, _ a6: UInt8, _ a7: UInt8,
        _ a8: UInt8
    ) -> UInt8 {
        var p = (a0, a1, a2, a3, a4, a5, a6, a7, a8)
        @inline(__always) func sort(_ a: inout UInt8, _ b: inout UInt8) {
            let lo = min(a, b), hi = max(a, b)
            a = lo
            b = hi
        }
        sort(&p.1, &p.2); sort(&p.4, &p.5); sort(&p.7, &p.8)
        sort(&p.0, &p.1); sort(&p.3, &p.4); sort(&p.6, &p.7)
        sort(&p.1, &p.2); sort(&p.4, &p.5); sort(&p.7, &p.8)
        sort(&p.0, &p.3); sort(&p.5, &p.8); sort(&p.4, &p.7)
        sort(&p.3, &p.6); sort(&p.1, &p.4); sort(&p.2, &p.5)
        sort(&p.4, &p.7); sort(&p.4, &p.2); sort(&p.6, &p.4)
        sort(&p.4, &p.2)
        return p.4
    }
}
