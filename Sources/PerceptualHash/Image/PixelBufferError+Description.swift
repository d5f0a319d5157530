extension PixelBufferError: CustomStringConvertible {
    /// One readable sentence with the numbers of the case, for logs and error messages, for
    /// example `"the image has 900000000 pixels, above the limit of 89478485
    /// (ImageLimits.maxPixelCount)"`. The text is for people; match on the cases in code.
    ///
    /// ```swift
    /// do {
    ///     _ = try PixelBuffer(width: 2, height: 2, format: .gray8, samples: [0, 0, 0])
    /// } catch {
    ///     print(error)   // 3 samples given, where width x height x channels is 4
    /// }
    /// ```
    public var description: String {
        switch self {
        case .invalidDimensions(let width, let height):
            return "invalid dimensions \(width) x \(height): width and height must be at least 1"
        case .limitExceeded(let kind, let value, let limit):
            return kind.sentence(value: value, limit: limit)
        case .sizeOverflow(let width, let height, let channels):
            return "\(width) x \(height) pixels x \(channels) bytes per pixel does not fit in Int"
        case .bytesPerRowTooSmall(let bytesPerRow, let minimum):
            return "bytesPerRow \(bytesPerRow) is smaller than one row of pixels, \(minimum) bytes"
        case .rowStrideOverflow(let bytesPerRow, let height):
            return "bytesPerRow \(bytesPerRow) x \(height) rows does not fit in Int"
        case .bufferTooShort(let expected, let available):
            return
                "the pixel memory holds \(available) bytes, fewer than the \(expected) that the size and bytesPerRow need"
        case .sampleCountMismatch(let expected, let found):
            return "\(found) samples given, where width x height x channels is \(expected)"
        }
    }
}
