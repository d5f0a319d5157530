/// The Netpbm container ``PixelBuffer/netpbmEncoded(as:)`` writes.
///
/// Every encoding is raw (binary) with maxval 255, so samples are written unchanged and
/// decoding the result gives back the same buffer.
public enum NetpbmEncoding: Sendable, Equatable, Hashable, CaseIterable {
    /// `.pgm` for `.gray8`, `.ppm` for `.rgb8`, `.pam` for the formats with alpha.
    case automatic
    /// P5 (raw PGM); holds `.gray8` only.
    case pgm
    /// P6 (raw PPM); holds `.rgb8` only.
    case ppm
    /// P7 (PAM) with `TUPLTYPE` `GRAYSCALE`, `GRAYSCALE_ALPHA`, `RGB` or `RGB_ALPHA`; holds
    /// every format.
    case pam

    /// Whether this encoding can hold `format` without losing anything.
    public func canEncode(_ format: PixelBuffer.Format) -> Bool {
        switch self {
        case .automatic, .pam: true
        case .pgm: format == .gray8
        case .ppm: format == .rgb8
        }
    }
}

extension PixelBuffer {
    /// The image as a raw Netpbm file with maxval 255.
    ///
    /// P5 is `P5\n<width> <height>\n255\n` then the samples; P6 likewise; P7 is
    /// `P7\nWIDTH w\nHEIGHT h\nDEPTH d\nMAXVAL 255\nTUPLTYPE t\nENDHDR\n` then the samples.
    /// ``init(netpbm:limits:)-(Array<UInt8>,_)`` decodes the result back to an equal buffer
    /// (given limits that admit its size).
    ///
    /// ```swift
    /// let image = try PixelBuffer(width: 1, height: 1, format: .rgba8, samples: [1, 2, 3, 4])
    /// let pam = image.netpbmEncoded()            // P7, TUPLTYPE RGB_ALPHA
    /// try PixelBuffer(netpbm: pam) == image      // true
    /// ```
    ///
    /// - Precondition: `encoding.canEncode(format)`: asking for `.pgm` of a colour image or
    ///   `.ppm` of a gray one is a programmer error (convert first, or use `.pam`).
    /// - Complexity: O(`samples.count`); one allocation.
    public func netpbmEncoded(as encoding: NetpbmEncoding = .automatic) -> [UInt8] {
        precondition(encoding.canEncode(format), "Netpbm encoding \(encoding) cannot hold format \(format)")
        let header: String
        switch (encoding, format) {
        case (.pgm, _), (.automatic, .gray8):
            header = "P5\n\(width) \(height)\n255\n"
        case (.ppm, _), (.automatic, .rgb8):
            header = "P6\n\(width) \(height)\n255\n"
        default:
            let tupleType: String
            switch format {
            case .gray8: tupleType = "GRAYSCALE"
            case .grayAlpha8: tupleType = "GRAYSCALE_ALPHA"
            case .rgb8: tupleType = "RGB"
            case .rgba8: tupleType = "RGB_ALPHA"
            }
            header =
                "P7\nWIDTH \(width)\nHEIGHT \(height)\nDEPTH \(format.channelCount)\n"
                + "MAXVAL 255\nTUPLTYPE \(tupleType)\nENDHDR\n"
        }
        let head = Array(header.utf8)
        let total = head.count + samples.count
        return [UInt8](unsafeUninitializedCapacity: total) { out, initialized in
            let raw = UnsafeMutableRawBufferPointer(out)
            head.withUnsafeBytes { raw.copyMemory(from: $0) }
            samples.withUnsafeBytes {
                UnsafeMutableRawBufferPointer(rebasing: raw[head.count...]).copyMemory(from: $0)
            }
            initialized = total
        }
    }
}
