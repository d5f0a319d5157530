/// How the pixels of caller-supplied memory are laid out: the order of the channels in one
/// pixel and how each sample is encoded.
///
/// A pixel is `channels.channelCount` samples, each `sample.bytesPerSample` bytes, in the order
/// the channel name spells (`.bgra`: blue, green, red, alpha); pixels follow each other
/// without gaps inside a row. `x` in `.rgbx` / `.bgrx` is an unused padding byte (or 16-bit
/// word) that is skipped.
///
/// ```swift
/// let layout = PixelLayout(channels: .bgra, sample: .uint16LittleEndian)
/// layout.bytesPerPixel      // 8
/// layout.outputFormat       // .rgba8
/// ```
public struct PixelLayout: Sendable, Hashable, CustomStringConvertible {
    /// The channels of one pixel, in memory order.
    public enum Channels: Sendable, Hashable, CaseIterable, CustomStringConvertible {
        /// Gray. Becomes `.gray8`.
        case gray
        /// Gray, then straight alpha. Becomes `.grayAlpha8`.
        case grayAlpha
        /// Red, green, blue. Becomes `.rgb8`.
        case rgb
        /// Blue, green, red. Becomes `.rgb8` (reordered).
        case bgr
        /// Red, green, blue, alpha. Becomes `.rgba8`.
        case rgba
        /// Blue, green, red, alpha. Becomes `.rgba8` (reordered).
        case bgra
        /// Alpha, red, green, blue. Becomes `.rgba8` (reordered).
        case argb
        /// Alpha, blue, green, red. Becomes `.rgba8` (reordered).
        case abgr
        /// Red, green, blue, one unused sample. Becomes `.rgb8` (the unused sample is dropped).
        case rgbx
        /// Blue, green, red, one unused sample. Becomes `.rgb8` (reordered, unused sample dropped).
        case bgrx

        /// The number of samples per pixel in memory, unused ones included: 1, 2, 3 or 4.
        @inlinable
        public var channelCount: Int {
            switch self {
            case .gray: 1
            case .grayAlpha: 2
            case .rgb, .bgr: 3
            case .rgba, .bgra, .argb, .abgr, .rgbx, .bgrx: 4
            }
        }

        /// Whether one of the samples is alpha (`.grayAlpha`, `.rgba`, `.bgra`, `.argb`, `.abgr`).
        @inlinable
        public var hasAlpha: Bool {
            switch self {
            case .grayAlpha, .rgba, .bgra, .argb, .abgr: true
            case .gray, .rgb, .bgr, .rgbx, .bgrx: false
            }
        }

        /// The ``PixelBuffer/Format`` these channels become when alpha is kept:
        /// `.gray8`, `.grayAlpha8`, `.rgb8` (`rgb`, `bgr`, `rgbx`, `bgrx`) or `.rgba8`
        /// (`rgba`, `bgra`, `argb`, `abgr`).
        @inlinable
        public var outputFormat: PixelBuffer.Format {
            switch self {
            case .gray: .gray8
            case .grayAlpha: .grayAlpha8
            case .rgb, .bgr, .rgbx, .bgrx: .rgb8
            case .rgba, .bgra, .argb, .abgr: .rgba8
            }
        }

        /// The Swift spelling of the case, for example `"bgra"`.
        public var description: String {
            switch self {
            case .gray: "gray"
            case .grayAlpha: "grayAlpha"
            case .rgb: "rgb"
            case .bgr: "bgr"
            case .rgba: "rgba"
            case .bgra: "bgra"
            case .argb: "argb"
            case .abgr: "abgr"
            case .rgbx: "rgbx"
            case .bgrx: "bgrx"
            }
        }
    }

    /// How one sample is stored.
    ///
    /// 16-bit samples `v` are scaled to 8 bits as `(v * 255 + 32767) / 65535` (integer
    /// division): the nearest 8-bit value, which maps 0 to 0 and 65535 to 255 and is exact
    /// for `v = 257 * k`. No alignment is required: 16-bit samples are read byte by byte,
    /// so they may start at any address.
    public enum SampleEncoding: Sendable, Hashable, CaseIterable, CustomStringConvertible {
        /// One byte per sample.
        case uint8
        /// Two bytes per sample, most significant byte first.
        case uint16BigEndian
        /// Two bytes per sample, least significant byte first.
        case uint16LittleEndian

        /// 1 or 2.
        @inlinable
        public var bytesPerSample: Int { self == .uint8 ? 1 : 2 }

        /// The Swift spelling of the case, for example `"uint16LittleEndian"`.
        public var description: String {
            switch self {
            case .uint8: "uint8"
            case .uint16BigEndian: "uint16BigEndian"
            case .uint16LittleEndian: "uint16LittleEndian"
            }
        }
    }

    /// The channels of one pixel, in memory order.
    public var channels: Channels
    /// The encoding of every sample.
    public var sample: SampleEncoding

    /// A layout of `channels` with samples encoded as `sample` (8-bit by default).
    @inlinable
    public init(channels: Channels, sample: SampleEncoding = .uint8) {
        self.channels = channels
        self.sample = sample
    }

    /// The bytes one pixel takes: `channels.channelCount * sample.bytesPerSample` (1...8).
    @inlinable
    public var bytesPerPixel: Int { channels.channelCount * sample.bytesPerSample }

    /// The format of a buffer made from this layout when alpha is kept
    /// (``Channels/outputFormat``).
    @inlinable
    public var outputFormat: PixelBuffer.Format { channels.outputFormat }

    /// For example `"bgra/uint16LittleEndian"`.
    public var description: String { "\(channels)/\(sample)" }

    /// 8-bit gray.
    public static let gray8 = PixelLayout(channels: .gray)
    /// 8-bit gray and alpha.
    public static let grayAlpha8 = PixelLayout(channels: .grayAlpha)
    /// 8-bit red, green, blue.
    public static let rgb8 = PixelLayout(channels: .rgb)
    /// 8-bit blue, green, red.
    public static let bgr8 = PixelLayout(channels: .bgr)
    /// 8-bit red, green, blue, alpha.
    public static let rgba8 = PixelLayout(channels: .rgba)
    /// 8-bit blue, green, red, alpha (the usual little-endian ARGB32 of graphics APIs).
    public static let bgra8 = PixelLayout(channels: .bgra)
    /// 8-bit alpha, red, green, blue.
    public static let argb8 = PixelLayout(channels: .argb)
    /// 8-bit alpha, blue, green, red.
    public static let abgr8 = PixelLayout(channels: .abgr)
    /// 8-bit red, green, blue, unused.
    public static let rgbx8 = PixelLayout(channels: .rgbx)
    /// 8-bit blue, green, red, unused.
    public static let bgrx8 = PixelLayout(channels: .bgrx)
}
