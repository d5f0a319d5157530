import PerceptualHash

/// Why JPEG bytes could not be decoded.
///
/// Thrown as a typed error by ``PerceptualHash/PixelBuffer/init(jpeg:options:limits:)-(Array<UInt8>,_,_)``.
/// Every case that points into the input carries a byte offset from the start of the file.
/// The decoder fails closed: callers filtering uploads should treat any error as "reject".
public enum JPEGError: Error, Equatable, Hashable, Sendable {
    /// The input does not start with the SOI marker `FF D8` (an empty input included).
    case invalidSignature(offset: Int)
    /// The input ends inside the marker segment or the entropy-coded data starting at
    /// `offset`, or before its EOI marker (`offset` is then where a marker was expected).
    case truncated(offset: Int)
    /// The marker `marker` at `offset` is not valid where it stands: a second SOI, a second
    /// frame header, or a scan before the frame header. (Stray bytes between segments and
    /// restart markers outside entropy-coded data are skipped, as libjpeg skips them.)
    case unexpectedMarker(marker: UInt8, offset: Int)
    /// The marker segment of `marker` starting at `offset` is malformed (a length that
    /// does not match its contents, a table or component id out of range, a sampling
    /// factor outside 1...4, ...).
    case invalidSegment(marker: UInt8, offset: Int)
    /// A feature this decoder refuses; `offset` is where its marker starts.
    case unsupported(Feature, offset: Int)
    /// The image is wider, taller or has more pixels than the ``ImageLimits`` in force, or
    /// its sizes do not fit in `Int`.
    case limitExceeded(ImageLimits.Kind, value: Int, limit: Int)
    /// A scan starting at `offset` refers to a quantization or Huffman table that was never
    /// defined.
    case undefinedTable(offset: Int)
    /// The entropy-coded data is broken at or before `offset`: a bit sequence that is no
    /// Huffman code, a DC difference category above 15, an end-of-band run across a
    /// refinement with no first pass, or a restart marker missing or out of sequence.
    case corruptData(offset: Int)
    /// The file declares more coefficient blocks (`blocks`) than its `bytes` of data can
    /// encode (every block takes at least one bit in its first scan). Refused before the
    /// coefficient memory is allocated.
    case dataTooShort(blocks: Int, bytes: Int)

    /// JPEG features that are recognized but not decoded.
    public enum Feature: Sendable, Equatable, Hashable {
        /// Arithmetic entropy coding (SOF9-SOF11, SOF13-SOF15).
        case arithmeticCoding
        /// Lossless (SOF3) or hierarchical (SOF5-SOF7) processes.
        case losslessOrHierarchical
        /// A sample precision other than 8 bits (12-bit JPEG).
        case precision(Int)
        /// A component count other than 1 (gray) and 3 (YCbCr or RGB): 4 is CMYK or YCCK.
        case componentCount(Int)
        /// Sampling factors whose ratios to the largest factor are not integers (for example
        /// 3 and 2), which libjpeg-turbo refuses as well.
        case fractionalSampling
        /// More than 10 blocks in one MCU of an interleaved scan (the JPEG limit).
        case tooManyBlocksPerMCU
        /// A DNL marker (the height given after the first scan).
        case heightFromDNL
    }
}
