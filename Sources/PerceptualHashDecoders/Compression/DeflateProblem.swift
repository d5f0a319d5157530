/// How a zlib stream (RFC 1950) holding DEFLATE data (RFC 1951) is broken.
///
/// The `problem` of ``PNGError/corruptImageData(_:offset:)``; the offset there is where in
/// the file the decoder stopped.
public enum DeflateProblem: Error, Sendable, Equatable, Hashable {
    /// The two-byte zlib header is not a valid DEFLATE header: the compression method is not
    /// 8, the window size exponent is above 7 (32 KiB), or `(CMF * 256 + FLG) % 31 != 0`.
    case invalidZlibHeader
    /// The zlib header asks for a preset dictionary (`FDICT`), which PNG forbids.
    case presetDictionary
    /// A block type of 3 (reserved).
    case invalidBlockType
    /// A stored block whose `NLEN` is not the one's complement of its `LEN`.
    case storedLengthMismatch
    /// A dynamic block declaring more than 286 literal/length or 30 distance codes.
    case tooManyCodes
    /// A set of code lengths that is over-subscribed, or incomplete (other than a single
    /// one-bit code, which RFC 1951 allows for distances and zlib for literals too).
    case invalidCodeLengths
    /// A code-length repeat (symbol 16) with no previous length, or a repeat running past
    /// the number of lengths the block declared.
    case invalidRepeat
    /// A dynamic block whose literal/length code has no end-of-block symbol (256).
    case missingEndOfBlock
    /// A bit pattern that decodes to no symbol, or to a symbol that may not occur
    /// (literal/length 286 and 287, distance 30 and 31).
    case invalidSymbol
    /// A back-reference to before the start of the output.
    case distanceTooFar
    /// The compressed data ends before the final block and the Adler-32 trailer.
    case truncated
    /// The stream inflates to fewer bytes than the image needs.
    case tooLittleData(expected: Int, found: Int)
    /// The stream inflates to more bytes than the image needs (decoding stops at the first
    /// byte too many, so a decompression bomb costs no memory past the image's own size).
    case tooMuchData(expected: Int)
    /// The Adler-32 of the inflated bytes differs from the stream's trailer.
    case adler32Mismatch(stored: UInt32, computed: UInt32)
}
