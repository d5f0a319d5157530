/// Choices for ``PerceptualHash/PixelBuffer/init(jpeg:options:limits:)-(Array<UInt8>,_,_)``.
///
/// The defaults give Pillow's pixels: the buffer equals what Pillow 13 returns from
/// `Image.open(f)`, stored orientation included.
///
/// ```swift
/// var options = JPEGDecodingOptions()
/// options.appliesEXIFOrientation = true   // upright, as ImageOps.exif_transpose
/// ```
public struct JPEGDecodingOptions: Sendable, Equatable, Hashable {
    /// Whether the EXIF orientation tag, when present, is applied to the decoded pixels
    /// (``EXIFOrientation/apply(to:)``). Default false: the stored pixels, as Pillow's
    /// `Image.open` and so ImageHash see them.
    public var appliesEXIFOrientation: Bool

    /// Options; every argument defaults to the value of ``default``.
    public init(appliesEXIFOrientation: Bool = false) {
        self.appliesEXIFOrientation = appliesEXIFOrientation
    }

    /// The stored pixels, EXIF orientation not applied.
    public static let `default` = JPEGDecodingOptions()
}
