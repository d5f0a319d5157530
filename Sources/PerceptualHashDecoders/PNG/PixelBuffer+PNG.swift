import PerceptualHash

extension PixelBuffer {
    /// Decodes a PNG file held in memory into the pixels Pillow 13 gives for it.
    ///
    /// Every colour type and bit depth is read, Adam7-interlaced or not. The buffer's format
    /// follows the mode of Pillow's `Image.open(f)`, converted where ``PixelBuffer`` has no such
    /// mode:
    ///
    /// | PNG (colour type, bit depth) | Pillow mode | format | samples |
    /// |---|---|---|---|
    /// | gray 1 | `1` | `.gray8` | 0 or 255 |
    /// | gray 2, 4, 8 | `L` | `.gray8` | `v * 255 / (2^depth - 1)` |
    /// | gray 16 | `I;16` | `.gray8` | `min(v, 255)` as Pillow's `convert("L")`, or scaled (``PNGDecodingOptions/gray16``) |
    /// | RGB 8, 16 | `RGB` | `.rgb8` | 16 bits: the most significant byte |
    /// | indexed 1, 2, 4, 8 | `P` | `.rgb8` | `convert("RGB")`: the `PLTE` entry, black past its end |
    /// | gray + alpha 8 | `LA` | `.grayAlpha8` | copied |
    /// | gray + alpha 16 | `RGBA` | `.rgba8` | `(g, g, g, a)`, most significant bytes |
    /// | RGBA 8, 16 | `RGBA` | `.rgba8` | 16 bits: the most significant byte |
    ///
    /// So `grayscale()` of the result equals Pillow's `convert("L")`, the image ImageHash
    /// hashes. As in Pillow, `tRNS` does not change the pixels (an indexed image becomes RGB
    /// without alpha, unless ``PNGDecodingOptions/keepsPaletteAlpha`` asks for Pillow's
    /// `convert("RGBA")`), and `gAMA`, `cHRM`, `sRGB` and `iCCP` are ignored.
    ///
    /// Chunks are read up to the end of the first run of `IDAT` chunks; nothing after it is
    /// read (`IEND` may be missing). Unknown chunks are skipped, as Pillow does. Every chunk
    /// CRC read is checked unless `options.checksCRC` is false; the zlib stream's Adler-32
    /// is always checked; the stream must inflate to exactly the bytes the header implies.
    ///
    /// Safety: the header's width, height and pixel count are checked against `limits`
    /// before anything is allocated; the inflated data goes into one buffer of exactly the
    /// size the header implies (a stream producing more fails at the first byte too many),
    /// so memory stays within that buffer, the output and, for several `IDAT` chunks, a
    /// copy of the compressed data.
    ///
    /// ```swift
    /// let image = try PixelBuffer(png: pngBytes)
    /// let hash = DCTHash().fingerprint(of: image)   // ImageHash's phash of Image.open(f)
    /// ```
    ///
    /// - Complexity: O(file bytes + pixels).
    /// - Throws: ``PNGError``, with byte offsets into `bytes`.
    public init(
        png bytes: [UInt8], options: PNGDecodingOptions = .default, limits: ImageLimits = .default
    ) throws(PNGError) {
        self = try bytes.withUnsafeBufferPointer { (buffer) throws(PNGError) -> PixelBuffer in
            try PNGDecoder.decode(UnsafeRawBufferPointer(buffer), options: options, limits: limits)
        }
    }

    /// Decodes a PNG file in memory; the same as ``init(png:options:limits:)-(Array<UInt8>,_,_)``
    /// without copying the input first (memory from elsewhere: `pointer.bytes` of an
    /// `UnsafeRawBufferPointer`, `data.bytes` of a Foundation `Data`). The memory is only read,
    /// and only during the call.
    public init(
        png bytes: RawSpan, options: PNGDecodingOptions = .default, limits: ImageLimits = .default
    ) throws(PNGError) {
        self = try bytes.withUnsafeBytes { (raw) throws(PNGError) -> PixelBuffer in
            try PNGDecoder.decode(raw, options: options, limits: limits)
        }
    }

    /// Whether `bytes` starts with the 8-byte PNG signature.
    public static func isPNG(_ bytes: RawSpan) -> Bool {
        bytes.withUnsafeBytes { raw in
            raw.count >= 8 && zip(raw.prefix(8), PNGDecoder.signature).allSatisfy { $0 == $1 }
        }
    }
}
