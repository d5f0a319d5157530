import PerceptualHash

/// Turns one unfiltered scanline into 8-bit samples of the output format.
///
/// | file | output |
/// |---|---|
/// | gray, 1/2/4 bits | `.gray8`, `v * 255 / (2^depth - 1)` (x255, x85, x17) |
/// | gray, 8 bits | `.gray8`, copied |
/// | gray, 16 bits | `.gray8`, `min(v, 255)` or `(v * 255 + 32767) / 65535` (``PNGDecodingOptions/gray16``) |
/// | RGB, 8/16 bits | `.rgb8`, copied / most significant byte |
/// | indexed, 1/2/4/8 bits | `.rgb8`, the palette entry (black past the palette's end); `.rgba8` with `tRNS` alpha when ``PNGDecodingOptions/keepsPaletteAlpha`` |
/// | gray + alpha, 8 bits | `.grayAlpha8`, copied |
/// | gray + alpha, 16 bits | `.rgba8`, `(g, g, g, a)` of most significant bytes |
/// | RGBA, 8/16 bits | `.rgba8`, copied / most significant byte |
struct PNGRowExpander {
    let header: PNGHeader
    /// 256 entries of `paletteChannels` bytes (RGB or RGBA) for indexed images.
    let palette: [UInt8]?
    /// 3, or 4 when the palette carries alpha (``PNGDecodingOptions/keepsPaletteAlpha``).
    let paletteChannels: Int
    let gray16: PNGDecodingOptions.Gray16Conversion

    /// Writes `pixels` pixels of `src` to `dst`, `header.outputFormat.channelCount` samples each.
    func expand(_ src: UnsafePointer<UInt8>, pixels n: Int, into dst: UnsafeMutablePointer<UInt8>) {
        let depth = header.bitDepth
        switch (header.colorType, depth) {
        case (0, 8), (2, 8), (4, 8), (6, 8):
            dst.update(from: src, count: n * header.samplesPerPixel)
        case (0, 16):
            switch gray16 {
            case .clamped:
                for i in 0..<n { dst[i] = src[2 &* i] != 0 ? 255 : src[2 &* i &+ 1] }
            case .scaled:
                for i in 0..<n {
                    let v = UInt32(src[2 &* i]) << 8 | UInt32(src[2 &* i &+ 1])
                    dst[i] = UInt8(truncatingIfNeeded: (v &* 255 &+ 32767) / 65535)
                }
            }
        case (0, _):
            let scale: UInt8 = depth == 1 ? 255 : (depth == 2 ? 85 : 17)
            unpack(src, pixels: n, depth: depth) { i, v in dst[i] = v &* scale }
        case (2, _), (6, _):  // 16 bits: the most significant byte of each sample
            for i in 0..<n &* header.samplesPerPixel { dst[i] = src[2 &* i] }
        case (4, _):  // 16-bit gray + alpha: Pillow's RGBA
            for i in 0..<n {
                let g = src[4 &* i], a = src[4 &* i &+ 2]
                dst[4 &* i] = g
                dst[4 &* i &+ 1] = g
                dst[4 &* i &+ 2] = g
                dst[4 &* i &+ 3] = a
            }
        default:  // indexed
            palette!.withUnsafeBufferPointer { p in
                let p = p.baseAddress!
                if paletteChannels == 4 {
                    let words = UnsafeRawPointer(p)
                    let out = UnsafeMutableRawPointer(dst)
                    unpackIndices(src, pixels: n, depth: depth) { i, v in
                        out.storeBytes(
                            of: words.loadUnaligned(fromByteOffset: 4 &* Int(v), as: UInt32.self),
                            toByteOffset: 4 &* i, as: UInt32.self)
                    }
                } else if depth == 8 {
                    for i in 0..<n {
                        let e = 3 &* Int(src[i])
                        dst[3 &* i] = p[e]
                        dst[3 &* i &+ 1] = p[e &+ 1]
                        dst[3 &* i &+ 2] = p[e &+ 2]
                    }
                } else {
                    unpack(src, pixels: n, depth: depth) { i, v in
                        let e = 3 &* Int(v)
                        dst[3 &* i] = p[e]
                        dst[3 &* i &+ 1] = p[e &+ 1]
                        dst[3 &* i &+ 2] = p[e &+ 2]
                    }
                }
            }
        }
    }

    /// Calls `body(i, index)` for the `n` palette indices of `depth` (1, 2, 4 or 8) bits.
    @inline(__always)
    func unpackIndices(_ src: UnsafePointer<UInt8>, pixels n: Int, depth: Int, _ body: (Int, UInt8) -> Void) {
        if depth == 8 {
            for i in 0..<n { body(i, src[i]) }
        } else {
            unpack(src, pixels: n, depth: depth, body)
        }
    }

    /// Calls `body(i, value)` for the `n` samples of `depth` (1, 2 or 4) bits packed most
    /// significant first in `src`.
    @inline(__always)
    func unpack(_ src: UnsafePointer<UInt8>, pixels n: Int, depth: Int, _ body: (Int, UInt8) -> Void) {
        let perByte = 8 / depth
        let mask = UInt8((1 << depth) - 1)
        var i = 0
        var k = 0
        while i < n {
            let byte = src[k]
            var shift = 8 - depth
            for _ in 0..<min(perByte, n - i) {
                body(i, (byte >> UInt8(shift)) & mask)
                shift -= depth
                i += 1
            }
            k += 1
        }
    }
}
