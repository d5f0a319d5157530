/// Choices for ``PerceptualHash/PixelBuffer/init(png:options:limits:)-(Array<UInt8>,_,_)``.
///
/// The defaults give Pillow's pixels: the buffer equals what Pillow 13 returns from
/// `Image.open(f)` (converted as `Documentation/Decoders.md` tabulates), with every
/// checksum verified.
///
/// ```swift
/// var options = PNGDecodingOptions()
/// options.checksCRC = false          // accept files with damaged chunk CRCs
/// options.gray16 = .scaled           // 16-bit gray keeps its full range
/// ```
public struct PNGDecodingOptions: Sendable, Equatable, Hashable {
    /// How a 16-bit gray sample `v` (Pillow's mode `I;16`) becomes 8 bits.
    public enum Gray16Conversion: Sendable, Equatable, Hashable, CaseIterable {
        /// `min(v, 255)`: what Pillow's `convert("L")` (and so ImageHash) does with `I;16`.
        /// Most 16-bit photographs become nearly all white.
        case clamped
        /// `(v * 255 + 32767) / 65535` (integer division): the nearest 8-bit value, as the
        /// core's 16-bit ``PerceptualHash/PixelLayout/SampleEncoding`` does.
        case scaled
    }

    /// Whether every chunk's CRC-32 is checked (``PNGError/crcMismatch(chunk:stored:computed:offset:)``
    /// otherwise). Default true. The zlib stream's Adler-32 is always checked.
    public var checksCRC: Bool
    /// How 16-bit gray samples become 8 bits. Default ``Gray16Conversion/clamped`` (Pillow).
    public var gray16: Gray16Conversion
    /// Whether an indexed-colour image with a `tRNS` chunk becomes `.rgba8`, each palette
    /// entry with the chunk's alpha (255 past the chunk's end; an index past the palette is
    /// opaque black): Pillow's `convert("RGBA")`. Default false: `.rgb8` without alpha, as
    /// Pillow's `convert("RGB")` and `convert("L")` (and so ImageHash) see the image. Indexed
    /// images without `tRNS`, and other colour types, are not affected.
    public var keepsPaletteAlpha: Bool

    /// Options; every argument defaults to the value of ``default``.
    public init(checksCRC: Bool = true, gray16: Gray16Conversion = .clamped, keepsPaletteAlpha: Bool = false) {
        self.checksCRC = checksCRC
        self.gray16 = gray16
        self.keepsPaletteAlpha = keepsPaletteAlpha
    }

    /// CRCs checked, 16-bit gray clamped as Pillow does, palette alpha dropped.
    public static let `default` = PNGDecodingOptions()
}
