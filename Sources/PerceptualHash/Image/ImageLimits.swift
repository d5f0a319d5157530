/// Caps on the size of an image, checked on header values or arguments before any memory
/// is allocated for pixels.
///
/// The defaults follow `Documentation/Security.md`: 32,768 pixels per side (so one row of
/// RGBA16 stays within 256 KiB) and 89,478,485 pixels in all (Pillow's `MAX_IMAGE_PIXELS`;
/// anything Pillow opens without a warning opens here). There is no "unlimited" default;
/// a caller may raise any limit up to `Int.max`.
///
/// ```swift
/// var limits = ImageLimits.default
/// limits.maxPixelCount = 1 << 20        // e.g. inside a fuzz harness
/// ```
public struct ImageLimits: Sendable, Equatable, Hashable {
    /// The largest accepted width in pixels. Default 32,768.
    public var maxWidth: Int
    /// The largest accepted height in pixels. Default 32,768.
    public var maxHeight: Int
    /// The largest accepted `width * height`. Default 89,478,485.
    public var maxPixelCount: Int
    /// The most bytes a Netpbm header may take, from the magic number to the first raster
    /// byte, comments included. Default 65,536.
    public var maxHeaderBytes: Int
    /// The largest accepted PAM `DEPTH`. Default 16.
    public var maxPAMDepth: Int
    /// The longest accepted PAM tuple type, in bytes, after joining several `TUPLTYPE` lines.
    /// Default 255 (libnetpbm's buffer).
    public var maxTupleTypeBytes: Int
    /// The most images decoded from one multi-image Netpbm stream. Default 64.
    public var maxImageCount: Int

    /// Creates limits; every argument defaults to the value of ``default``.
    public init(
        maxWidth: Int = 32_768,
        maxHeight: Int = 32_768,
        maxPixelCount: Int = 89_478_485,
        maxHeaderBytes: Int = 65_536,
        maxPAMDepth: Int = 16,
        maxTupleTypeBytes: Int = 255,
        maxImageCount: Int = 64
    ) {
        self.maxWidth = maxWidth
        self.maxHeight = maxHeight
        self.maxPixelCount = maxPixelCount
        self.maxHeaderBytes = maxHeaderBytes
        self.maxPAMDepth = maxPAMDepth
        self.maxTupleTypeBytes = maxTupleTypeBytes
        self.maxImageCount = maxImageCount
    }

    /// 32,768 per side, 89,478,485 pixels, 64 KiB of header, PAM depth 16, tuple type 255
    /// bytes, 64 images per stream.
    public static let `default` = ImageLimits()

    /// Which limit an input went past.
    public enum Kind: Sendable, Equatable, Hashable, CaseIterable {
        /// ``ImageLimits/maxWidth``.
        case width
        /// ``ImageLimits/maxHeight``.
        case height
        /// ``ImageLimits/maxPixelCount``.
        case pixelCount
        /// ``ImageLimits/maxPAMDepth``.
        case depth
        /// ``ImageLimits/maxHeaderBytes``.
        case headerBytes
        /// ``ImageLimits/maxTupleTypeBytes``.
        case tupleType
        /// ``ImageLimits/maxImageCount``.
        case imageCount
    }
}
