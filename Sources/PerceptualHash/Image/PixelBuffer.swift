/// An 8-bit image held in memory: the input of every conversion, resize and hash.
///
/// Samples are interleaved, row-major, top row first, with no padding between rows:
/// the sample of channel `c` of pixel `(x, y)` is `samples[(y * width + x) * format.channelCount + c]`.
/// Channel order is the order the format's name spells (`.rgba8`: red, green, blue, alpha).
/// Alpha is straight (not premultiplied); 255 is opaque.
///
/// A `PixelBuffer` that exists is valid: every initializer checks that `width >= 1`,
/// `height >= 1`, that `samples.count == width * height * format.channelCount` and that the
/// size is within the ``ImageLimits`` it was given. Hashing and comparing therefore never throw.
///
/// ```swift
/// let gray = try PixelBuffer(width: 2, height: 1, format: .gray8, samples: [0, 255])
/// gray.pixel(x: 1, y: 0)   // [255]
/// ```
public struct PixelBuffer: Sendable, Equatable {
    /// How the samples of one pixel are laid out. Every format has 8-bit samples.
    public enum Format: Sendable, Equatable, Hashable, CaseIterable, CustomStringConvertible {
        /// One gray sample per pixel; 0 is black, 255 white.
        case gray8
        /// A gray sample followed by a straight alpha sample.
        case grayAlpha8
        /// Red, green and blue samples.
        case rgb8
        /// Red, green, blue and a straight alpha sample.
        case rgba8

        /// The number of samples per pixel: 1, 2, 3 or 4.
        @inlinable
        public var channelCount: Int {
            switch self {
            case .gray8: 1
            case .grayAlpha8: 2
            case .rgb8: 3
            case .rgba8: 4
            }
        }

        /// Whether the last channel is an alpha channel (`.grayAlpha8`, `.rgba8`).
        @inlinable
        public var hasAlpha: Bool { self == .grayAlpha8 || self == .rgba8 }

        /// Whether the pixels carry one gray sample rather than three colour samples
        /// (`.gray8`, `.grayAlpha8`).
        @inlinable
        public var isGray: Bool { self == .gray8 || self == .grayAlpha8 }

        /// The Swift spelling of the case, for example `"rgb8"`.
        public var description: String {
            switch self {
            case .gray8: "gray8"
            case .grayAlpha8: "grayAlpha8"
            case .rgb8: "rgb8"
            case .rgba8: "rgba8"
            }
        }
    }

    /// The number of columns, at least 1.
    public let width: Int
    /// The number of rows, at least 1.
    public let height: Int
    /// The layout of each pixel's samples.
    public let format: Format
    /// All samples, interleaved, row-major, no row padding;
    /// `samples.count == width * height * format.channelCount`.
    public let samples: [UInt8]

    /// Creates a buffer from interleaved samples, checking every size.
    ///
    /// - Throws: ``PixelBufferError/invalidDimensions(width:height:)`` when a side is below 1,
    ///   ``PixelBufferError/limitExceeded(_:value:limit:)`` when a side or the pixel count is past
    ///   `limits`, ``PixelBufferError/sizeOverflow(width:height:channels:)`` when
    ///   `width * height * channels` does not fit in `Int`, and
    ///   ``PixelBufferError/sampleCountMismatch(expected:found:)`` when `samples` has another length.
    public init(
        width: Int, height: Int, format: Format, samples: [UInt8],
        limits: ImageLimits = .default
    ) throws(PixelBufferError) {
        let expected = try PixelBuffer.checkedSampleCount(
            width: width, height: height, channels: format.channelCount, limits: limits)
        guard samples.count == expected else {
            throw .sampleCountMismatch(expected: expected, found: samples.count)
        }
        self.init(uncheckedWidth: width, height: height, format: format, samples: samples)
    }

    /// Creates a buffer whose every sample has one value (for example a flat test image).
    ///
    /// - Throws: the size errors of ``init(width:height:format:samples:limits:)``.
    public init(
        width: Int, height: Int, format: Format, repeating value: UInt8,
        limits: ImageLimits = .default
    ) throws(PixelBufferError) {
        let count = try PixelBuffer.checkedSampleCount(
            width: width, height: height, channels: format.channelCount, limits: limits)
        self.init(
            uncheckedWidth: width, height: height, format: format,
            samples: [UInt8](repeating: value, count: count))
    }

    /// Creates a buffer without checking; callers inside the module guarantee the invariants.
    @usableFromInline
    internal init(uncheckedWidth width: Int, height: Int, format: Format, samples: [UInt8]) {
        assert(width >= 1 && height >= 1 && samples.count == width * height * format.channelCount)
        self.width = width
        self.height = height
        self.format = format
        self.samples = samples
    }

    /// Validates a size and returns `width * height * channels`, the number of samples.
    ///
    /// The checks run in an order that never overflows: sides `>= 1`, sides within the limits,
    /// the pixel count with overflow detection, the pixel count within the limit, then the
    /// sample count with overflow detection.
    internal static func checkedSampleCount(
        width: Int, height: Int, channels: Int, limits: ImageLimits
    ) throws(PixelBufferError) -> Int {
        guard width >= 1, height >= 1 else { throw .invalidDimensions(width: width, height: height) }
        guard width <= limits.maxWidth else {
            throw .limitExceeded(.width, value: width, limit: limits.maxWidth)
        }
        guard height <= limits.maxHeight else {
            throw .limitExceeded(.height, value: height, limit: limits.maxHeight)
        }
        let (pixels, o1) = width.multipliedReportingOverflow(by: height)
        let (count, o2) = pixels.multipliedReportingOverflow(by: channels)
        guard !o1, !o2 else { throw .sizeOverflow(width: width, height: height, channels: channels) }
        guard pixels <= limits.maxPixelCount else {
            throw .limitExceeded(.pixelCount, value: pixels, limit: limits.maxPixelCount)
        }
        return count
    }

    /// The number of pixels, `width * height`.
    @inlinable
    public var pixelCount: Int { width * height }

    /// The number of samples in one row, `width * format.channelCount`.
    @inlinable
    public var rowSampleCount: Int { width * format.channelCount }

    /// The samples of pixel `(x, y)`, `format.channelCount` of them, or `nil` when `(x, y)`
    /// is outside the image.
    public func pixel(x: Int, y: Int) -> ArraySlice<UInt8>? {
        guard x >= 0, x < width, y >= 0, y < height else { return nil }
        let channels = format.channelCount
        let start = (y * width + x) * channels
        return samples[start..<start + channels]
    }

    /// The samples of row `y`, `rowSampleCount` of them, with the array's indices
    /// (`y * rowSampleCount ..< (y + 1) * rowSampleCount`).
    ///
    /// - Precondition: `0 <= y < height`.
    public func row(_ y: Int) -> ArraySlice<UInt8> {
        precondition(y >= 0 && y < height, "row \(y) is outside 0..<\(height)")
        let n = rowSampleCount
        return samples[y * n..<(y + 1) * n]
    }

    /// Calls `body` with a pointer to all samples (`width * height * format.channelCount` of
    /// them, laid out as ``samples``). The pointer is valid only inside `body`.
    @inlinable
    public func withUnsafeBufferPointer<R, E: Error>(
        _ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R
    ) throws(E) -> R {
        try samples.withUnsafeBufferPointer(body)
    }
}
