/// Why a ``PixelBuffer`` could not be made from caller-supplied sizes or memory.
///
/// Thrown (as a typed error) by the ``PixelBuffer`` initializers that take samples or raw
/// pixel memory. Decoding a Netpbm file throws ``NetpbmError`` instead.
public enum PixelBufferError: Error, Equatable, Hashable, Sendable {
    /// A width or height below 1.
    case invalidDimensions(width: Int, height: Int)
    /// A side or the pixel count past the ``ImageLimits`` in force.
    case limitExceeded(ImageLimits.Kind, value: Int, limit: Int)
    /// `width * height * channels` does not fit in `Int`. For raw pixel memory `channels` is
    /// the layout's bytes per pixel (``PixelLayout/bytesPerPixel``).
    case sizeOverflow(width: Int, height: Int, channels: Int)
    /// `bytesPerRow` is smaller than the bytes one row of pixels takes.
    case bytesPerRowTooSmall(bytesPerRow: Int, minimum: Int)
    /// `bytesPerRow * (height - 1) + rowBytes`, the bytes raw pixel memory must hold, does not
    /// fit in `Int`.
    case rowStrideOverflow(bytesPerRow: Int, height: Int)
    /// The memory holds fewer bytes than `bytesPerRow * (height - 1) + rowBytes`.
    case bufferTooShort(expected: Int, available: Int)
    /// A sample array whose length is not `width * height * channels`.
    case sampleCountMismatch(expected: Int, found: Int)
}
