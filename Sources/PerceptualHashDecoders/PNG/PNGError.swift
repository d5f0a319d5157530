import PerceptualHash

/// Why PNG bytes could not be decoded.
///
/// Thrown as a typed error by ``PerceptualHash/PixelBuffer/init(png:options:limits:)-(Array<UInt8>,_,_)``.
/// Every case that points into the input carries a byte offset from the start of the file.
/// The decoder fails closed: callers filtering uploads should treat any error as "reject".
public enum PNGError: Error, Equatable, Hashable, Sendable {
    /// The input does not start with the 8-byte PNG signature `89 50 4E 47 0D 0A 1A 0A`
    /// (an empty input included); `offset` is the first byte that differs, or the input
    /// length when the input is a strict prefix of the signature.
    case invalidSignature(offset: Int)
    /// The input ends inside the chunk starting at `offset` (its length, type, data or CRC),
    /// or before any `IDAT` chunk.
    case truncatedChunk(offset: Int)
    /// A chunk length above 2^31 - 1 (PNG's limit); `offset` is where the chunk starts.
    case invalidChunkLength(length: UInt32, offset: Int)
    /// The CRC-32 stored after the chunk starting at `offset` differs from the one computed
    /// over its type and data. Checked unless ``PNGDecodingOptions/checksCRC`` is false.
    case crcMismatch(chunk: PNGChunkType, stored: UInt32, computed: UInt32, offset: Int)
    /// The first chunk is not `IHDR`; `offset` is where it starts.
    case missingHeader(offset: Int)
    /// The `IHDR` chunk at `offset` is malformed; `problem` says how.
    case invalidHeader(HeaderProblem, offset: Int)
    /// The image is wider, taller or has more pixels than the ``ImageLimits`` in force, or
    /// its decoded size does not fit in `Int` (reported as `.pixelCount` with `Int.max`).
    case limitExceeded(ImageLimits.Kind, value: Int, limit: Int)
    /// A chunk that must occur once (`IHDR`, `PLTE`) occurs again at `offset`, or `PLTE`
    /// comes after `IDAT`.
    case misplacedChunk(PNGChunkType, offset: Int)
    /// A `PLTE` chunk at `offset` whose length is 0, not a multiple of 3, or above 768
    /// (256 entries).
    case invalidPalette(offset: Int)
    /// An indexed-colour image (colour type 3) with no `PLTE` before its first `IDAT`
    /// (at `offset`).
    case missingPalette(offset: Int)
    /// `IEND`, at `offset`, comes before any `IDAT`.
    case missingImageData(offset: Int)
    /// The zlib stream of the `IDAT` chunks is broken; `offset` is the file offset where
    /// decoding stopped (for a checksum, where the trailer is).
    case corruptImageData(DeflateProblem, offset: Int)
    /// The `IDAT` chunks hold `compressed` bytes, too few for any zlib stream to inflate to
    /// the `expected` bytes the header implies (DEFLATE's largest ratio is 1032:1, a 258-byte
    /// match per two bits). Refused before the inflate buffer is allocated; `offset` is the
    /// end of the last `IDAT` chunk's data.
    case imageDataTooShort(expected: Int, compressed: Int, offset: Int)
    /// A scanline whose filter type byte is above 4. `pass` is 0 for a non-interlaced
    /// image and 1...7 for an Adam7 pass; `row` counts the rows of that pass from 0.
    case invalidFilterType(UInt8, pass: Int, row: Int)

    /// How an `IHDR` chunk is malformed.
    public enum HeaderProblem: Sendable, Equatable, Hashable {
        /// A chunk length other than 13.
        case invalidLength(Int)
        /// A width or height of 0, or above 2^31 - 1.
        case invalidDimensions(width: UInt32, height: UInt32)
        /// A colour type other than 0, 2, 3, 4, 6, or a bit depth the colour type does not
        /// allow (gray: 1, 2, 4, 8, 16; indexed: 1, 2, 4, 8; others: 8, 16).
        case invalidColorType(colorType: UInt8, bitDepth: UInt8)
        /// A compression method other than 0.
        case invalidCompressionMethod(UInt8)
        /// A filter method other than 0.
        case invalidFilterMethod(UInt8)
        /// An interlace method other than 0 (none) or 1 (Adam7).
        case invalidInterlaceMethod(UInt8)
    }
}

/// The four-letter type of a PNG chunk, such as `IHDR` or `IDAT`, as its four bytes.
public struct PNGChunkType: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The four bytes, first letter in the most significant byte.
    public let rawValue: UInt32

    /// The chunk type with these four bytes (first letter most significant).
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// `IHDR`.
    public static let header = PNGChunkType(rawValue: 0x4948_4452)
    /// `PLTE`.
    public static let palette = PNGChunkType(rawValue: 0x504C_5445)
    /// `IDAT`.
    public static let imageData = PNGChunkType(rawValue: 0x4944_4154)
    /// `IEND`.
    public static let end = PNGChunkType(rawValue: 0x4945_4E44)
    /// `tRNS`.
    public static let transparency = PNGChunkType(rawValue: 0x7452_4E53)

    /// The four bytes as text, for example `"IDAT"`; bytes outside printable ASCII as `\xNN`.
    public var description: String {
        var s = ""
        for shift in stride(from: 24, through: 0, by: -8) {
            let b = UInt8(truncatingIfNeeded: rawValue >> UInt32(shift))
            if b >= 0x20 && b < 0x7F {
                s.unicodeScalars.append(Unicode.Scalar(b))
            } else {
                let hex = String(b, radix: 16, uppercase: true)
                s += "\\x" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return s
    }
}
