/// libjpeg-turbo's YCbCr to RGB conversion (`jdcolor.c`), with its 16-bit fixed-point tables:
///
///     R = clamp(Y + ((91881 * (Cr - 128) + 32768) >> 16))
///     G = clamp(Y + ((-22554 * (Cb - 128) + 32768 - 46802 * (Cr - 128)) >> 16))
///     B = clamp(Y + ((116130 * (Cb - 128) + 32768) >> 16))
///
/// (91881, 116130, 46802, 22554 are 1.402, 1.772, 0.71414, 0.34414 times 2^16, rounded;
/// shifts are arithmetic; clamp to 0...255.)
enum JPEGColorConverter {
    /// Four tables of 256 entries, indexed by Cr, Cb, Cr, Cb: the R offset, the B offset, and
    /// the two scaled G terms.
    nonisolated(unsafe) static let tables: UnsafePointer<Int32> = {
        let t = UnsafeMutablePointer<Int32>.allocate(capacity: 1024)
        for i in 0..<256 {
            let x = Int32(i - 128)
            t[i] = (91881 * x + 32768) >> 16
            t[256 + i] = (116130 * x + 32768) >> 16
            t[512 + i] = -46802 * x
            t[768 + i] = -22554 * x + 32768
        }
        return UnsafePointer(t)
    }()

    /// Converts `count` pixels of the three rows into interleaved RGB at `output`.
    @inline(__always)
    static func convert(
        y: UnsafePointer<UInt8>, cb: UnsafePointer<UInt8>, cr: UnsafePointer<UInt8>, count: Int,
        into output: UnsafeMutablePointer<UInt8>
    ) {
        let crR = tables
        let cbB = tables + 256
        let crG = tables + 512
        let cbG = tables + 768
        var o = output
        for x in 0..<count {
            let l = Int32(y[x])
            let b = Int(cb[x])
            let r = Int(cr[x])
            o[0] = clamp(l &+ crR[r])
            o[1] = clamp(l &+ ((cbG[b] &+ crG[r]) >> 16))
            o[2] = clamp(l &+ cbB[b])
            o += 3
        }
    }

    @inline(__always)
    private static func clamp(_ v: Int32) -> UInt8 {
        UInt8(truncatingIfNeeded: min(max(v, 0), 255))
    }
}
