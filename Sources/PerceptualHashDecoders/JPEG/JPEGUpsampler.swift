/// Brings one component's samples to the full image size row by row, as libjpeg-turbo 3's
/// default ("fancy") upsampling does (`jdsample.c`):
///
/// - 2:1 horizontal (4:2:2): the triangle filter `(3 * nearer + further + 1 or 2) >> 2`
///   (bias 1 on the left output, 2 on the right), edge samples copied; plain doubling when
///   the component is at most 2 samples wide.
/// - 1:2 vertical (4:4:0): `(3 * nearer row + further row + 1 or 2) >> 2` (1 for the upper
///   output row, 2 for the lower), whatever the width.
/// - 2:1 both (4:2:0): column sums `3 * nearer row + further row`, then
///   `(3 * this + neighbour + 8 or 7) >> 4` (8 left, 7 right) and `(4 * this + 8 or 7) >> 4`
///   at the edges; plain 2 x 2 replication when at most 2 samples wide.
/// - other integer ratios (4:1:1, ...): replication.
///
/// Above the first row and below the last row (of the component's `height` real rows) the
/// edge row is repeated, as libjpeg's context rows are.
struct JPEGUpsampler {
    let plane: UnsafePointer<UInt8>
    let stride: Int
    /// The component's real samples per row and rows.
    let width: Int
    let height: Int
    let hFactor: Int
    let vFactor: Int
    let fancyHorizontal: Bool
    let outputWidth: Int

    init(
        plane: UnsafePointer<UInt8>, stride: Int, width: Int, height: Int, hFactor: Int, vFactor: Int,
        outputWidth: Int
    ) {
        self.plane = plane
        self.stride = stride
        self.width = width
        self.height = height
        self.hFactor = hFactor
        self.vFactor = vFactor
        self.outputWidth = outputWidth
        fancyHorizontal = hFactor == 2 && (vFactor == 1 || vFactor == 2) && width > 2
    }

    /// Samples a row buffer must hold for ``row(_:into:sums:)``.
    var rowCapacity: Int { max(outputWidth, width * hFactor) + 16 }

    /// Output row `y`: a pointer into the plane (full-size components) or into `buffer`.
    /// `sums` holds `width` values.
    @inline(__always)
    func row(_ y: Int, into buffer: UnsafeMutablePointer<UInt8>, sums: UnsafeMutablePointer<Int32>)
        -> UnsafePointer<UInt8>
    {
        if hFactor == 1 && vFactor == 1 { return plane + y * stride }
        let inRow = y / vFactor
        let near = plane + inRow * stride
        if vFactor == 2 && (hFactor == 1 || fancyHorizontal) {
            let lower = y & 1 == 1
            let farRow = lower ? min(inRow + 1, height - 1) : max(inRow - 1, 0)
            let far = plane + farRow * stride
            if hFactor == 1 {
                let bias: Int32 = lower ? 2 : 1
                for x in 0..<width {
                    buffer[x] = UInt8(truncatingIfNeeded: (Int32(near[x]) * 3 + Int32(far[x]) + bias) >> 2)
                }
                return UnsafePointer(buffer)
            }
            for x in 0..<width { sums[x] = Int32(near[x]) * 3 + Int32(far[x]) }
            var this = sums[0]
            var next = sums[1]
            buffer[0] = UInt8(truncatingIfNeeded: (this * 4 + 8) >> 4)
            buffer[1] = UInt8(truncatingIfNeeded: (this * 3 + next + 7) >> 4)
            var last = this
            this = next
            var o = 2
            if width > 2 {
                for x in 2..<width {
                    next = sums[x]
                    buffer[o] = UInt8(truncatingIfNeeded: (this * 3 + last + 8) >> 4)
                    buffer[o + 1] = UInt8(truncatingIfNeeded: (this * 3 + next + 7) >> 4)
                    o += 2
                    last = this
                    this = next
                }
            }
            buffer[o] = UInt8(truncatingIfNeeded: (this * 3 + last + 8) >> 4)
            buffer[o + 1] = UInt8(truncatingIfNeeded: (this * 4 + 7) >> 4)
            return UnsafePointer(buffer)
        }
        if fancyHorizontal {
            var v = Int32(near[0])
            buffer[0] = UInt8(truncatingIfNeeded: v)
            buffer[1] = UInt8(truncatingIfNeeded: (v * 3 + Int32(near[1]) + 2) >> 2)
            var o = 2
            for x in 1..<(width - 1) {
                v = Int32(near[x]) * 3
                buffer[o] = UInt8(truncatingIfNeeded: (v + Int32(near[x - 1]) + 1) >> 2)
                buffer[o + 1] = UInt8(truncatingIfNeeded: (v + Int32(near[x + 1]) + 2) >> 2)
                o += 2
            }
            v = Int32(near[width - 1])
            buffer[o] = UInt8(truncatingIfNeeded: (v * 3 + Int32(near[width - 2]) + 1) >> 2)
            buffer[o + 1] = UInt8(truncatingIfNeeded: v)
            return UnsafePointer(buffer)
        }
        // Replication.
        var o = 0
        for x in 0..<width {
            let s = near[x]
            for _ in 0..<hFactor {
                buffer[o] = s
                o += 1
            }
        }
        return UnsafePointer(buffer)
    }
}
