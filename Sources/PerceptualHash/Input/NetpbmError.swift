/// Why Netpbm bytes (PBM, PGM, PPM or PAM) could not be decoded, or a Netpbm file not read.
///
/// Thrown as a typed error by ``PixelBuffer/init(netpbm:limits:)-(Array<UInt8>,_)``,
/// ``PixelBuffer/decodeAll(netpbm:limits:)`` and ``PixelBuffer/init(contentsOfFile:limits:maxFileBytes:)``.
/// Every case that points into the input carries the byte offset from the start of the
/// whole input (not of one image of a multi-image stream). Callers that filter uploads
/// should treat any error as "reject": the decoder fails closed.
///
/// Numbers read from a header are *saturated*: a value that does not fit in `Int` is
/// reported as `Int.max`; the decoder never wraps or traps on a huge number.
public enum NetpbmError: Error, Equatable, Hashable, Sendable {
    /// The input holds no bytes at all.
    case emptyInput
    /// The bytes at `offset` do not start with `P1` ... `P7` (for example a PNG or JPEG
    /// signature, `P0`, `P8`, `Px`).
    case unrecognizedFormat(offset: Int)
    /// A recognised relative of Netpbm this decoder does not read (PFM, XV thumbnail);
    /// `offset` is where its magic number starts.
    case unsupportedFormat(UnsupportedFormat, offset: Int)
    /// The input ends before the header is complete (inside a number, a comment, a PAM
    /// line, or before the byte that delimits the raster); `offset` is the input length.
    case truncatedHeader(offset: Int)
    /// The header breaks the Netpbm grammar at `offset`; `reason` says how.
    case malformedHeader(HeaderProblem, offset: Int)
    /// A width, height or PAM depth of 0, reported once the header is complete
    /// (for PBM/PGM/PPM, `depth` is the samples per pixel: 1 or 3).
    case invalidDimensions(width: Int, height: Int, depth: Int)
    /// A maxval of 0 or above 65,535 (saturated at `Int.max`); `offset` is where the number starts.
    case invalidMaxval(value: Int, offset: Int)
    /// A header value past the ``ImageLimits`` in force. For `.headerBytes`, `value` is
    /// `limit + 1` (the header was still going on when the limit was reached).
    case limitExceeded(ImageLimits.Kind, value: Int, limit: Int)
    /// A PAM tuple type that cannot be decoded with its depth and maxval: `RGB` with depth
    /// below 3, `*_ALPHA` without room for the alpha plane, `BLACKANDWHITE*` with maxval
    /// other than 1, or an unknown tuple type with a depth above 4.
    case unsupportedPAMLayout(tupleType: NetpbmTupleType, depth: Int, maxval: Int)
    /// Fewer raster bytes than the header requires. For raw formats `expected` is the exact
    /// raster size; for plain formats it is a lower bound (1 byte per PBM pixel, 2 per
    /// PGM/PPM sample less one) of what was still needed. `available` counts the bytes
    /// from the raster start to the end of the input. `expected` saturates at `Int.max`.
    case truncatedRaster(expected: Int, available: Int)
    /// A sample above the image's maxval (raw or plain; plain values saturate at `Int.max`),
    /// starting at byte `offset`.
    case sampleOutOfRange(value: Int, maxval: Int, offset: Int)
    /// A plain raster holds something other than a sample at `offset`: not `0`/`1` in P1,
    /// not a decimal digit (or a digit run ended by a non-separator) in P2/P3.
    case invalidRasterToken(offset: Int)
    /// Opening, inspecting or reading the file failed with the C `errno` value.
    case fileUnreadable(path: String, errno: Int32)
    /// The file holds more than the `maxFileBytes` the caller allowed (`size` is its
    /// size, or `limit + 1` for a stream whose size is unknown in advance).
    case fileTooLarge(path: String, size: Int, limit: Int)

    /// Formats that share the `P` magic letter but are not decoded.
    public enum UnsupportedFormat: Sendable, Equatable, Hashable, CaseIterable {
        /// Portable FloatMap, magic `PF` (colour) or `Pf` (gray).
        case pfm
        /// XV thumbnail, magic `P7 332`.
        case xvThumbnail
    }

    /// How a header broke the grammar (the `reason` of ``NetpbmError/malformedHeader(_:offset:)``).
    public enum HeaderProblem: Sendable, Equatable, Hashable {
        /// The magic number is not followed by white space or a comment (`P21 1 255`).
        case missingWhitespaceAfterMagic
        /// Something other than a decimal number where one is expected (`abc`, `-1`, `+1`,
        /// `1x`, `WIDTH 1 2`).
        case invalidNumber
        /// The byte after the last header number of a raw image is neither white space nor
        /// a comment (`255X`).
        case invalidRasterDelimiter
        /// A PAM header line whose keyword is not one of `WIDTH`, `HEIGHT`, `DEPTH`,
        /// `MAXVAL`, `TUPLTYPE`, `ENDHDR` (matched case-sensitively), including an
        /// indented `#`.
        case unknownField
        /// A PAM field that appears twice.
        case duplicateField(NetpbmHeaderField)
        /// A PAM field missing at `ENDHDR`.
        case missingField(NetpbmHeaderField)
        /// A PAM `TUPLTYPE` line with no text.
        case emptyTupleType
        /// Text after `ENDHDR` on its line, or after the magic `P7` on the first line.
        case unexpectedText
    }
}

/// The numeric fields of a PAM header, named in ``NetpbmError/HeaderProblem``.
public enum NetpbmHeaderField: Sendable, Equatable, Hashable, CaseIterable {
    /// `WIDTH`.
    case width
    /// `HEIGHT`.
    case height
    /// `DEPTH`.
    case depth
    /// `MAXVAL`.
    case maxval
}

/// A PAM `TUPLTYPE`, as far as the decoder interprets it.
///
/// Matching is exact and case-sensitive on the whole tuple type (several `TUPLTYPE` lines
/// are joined with one space first, as libnetpbm does, so `RGB` + `EXTRA` is `.other`).
public enum NetpbmTupleType: Sendable, Equatable, Hashable, CaseIterable {
    /// `BLACKANDWHITE`: maxval 1, 0 is black and 1 white (the opposite of PBM).
    case blackAndWhite
    /// `GRAYSCALE`.
    case grayscale
    /// `RGB`.
    case rgb
    /// `BLACKANDWHITE_ALPHA`: maxval 1, plane 1 is opacity.
    case blackAndWhiteAlpha
    /// `GRAYSCALE_ALPHA`: plane 1 is opacity.
    case grayscaleAlpha
    /// `RGB_ALPHA`: plane 3 is opacity.
    case rgbAlpha
    /// A missing or unrecognised tuple type: interpreted by depth (1 gray, 2 gray + alpha,
    /// 3 RGB, 4 RGBA; other depths are rejected).
    case other
}
