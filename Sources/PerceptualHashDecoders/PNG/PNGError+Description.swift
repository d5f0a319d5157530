import PerceptualHash

extension PNGError: CustomStringConvertible {
    /// One English sentence naming the problem and its byte offset, for example
    /// `"PNG: CRC mismatch in the IHDR chunk at byte 8 (stored 0x..., computed 0x...)"`.
    public var description: String {
        switch self {
        case .invalidSignature(let offset):
            return "not a PNG file (the signature differs at byte \(offset))"
        case .truncatedChunk(let offset):
            return "PNG: the file ends inside the chunk at byte \(offset)"
        case .invalidChunkLength(let length, let offset):
            return "PNG: chunk length \(length) at byte \(offset) is above 2^31 - 1"
        case .crcMismatch(let chunk, let stored, let computed, let offset):
            return
                "PNG: CRC mismatch in the \(chunk) chunk at byte \(offset) (stored 0x\(hex(stored)), computed 0x\(hex(computed)))"
        case .missingHeader(let offset):
            return "PNG: the first chunk, at byte \(offset), is not IHDR"
        case .invalidHeader(let problem, let offset):
            return "PNG: invalid IHDR at byte \(offset): \(problem.sentence)"
        case .limitExceeded(let kind, let value, let limit):
            let atLeast = value == Int.max ? "at least " : ""
            switch kind {
            case .width:
                return "PNG: the image is \(atLeast)\(value) pixels wide, above the limit of \(limit) (\(kind))"
            case .height:
                return "PNG: the image is \(atLeast)\(value) pixels high, above the limit of \(limit) (\(kind))"
            default: return "PNG: the image has \(atLeast)\(value) pixels, above the limit of \(limit) (\(kind))"
            }
        case .misplacedChunk(let chunk, let offset):
            return "PNG: unexpected \(chunk) chunk at byte \(offset) (a second one, or after IDAT)"
        case .invalidPalette(let offset):
            return "PNG: the PLTE chunk at byte \(offset) is not 1 to 256 RGB entries"
        case .missingPalette(let offset):
            return "PNG: indexed-colour image without a PLTE chunk before the IDAT at byte \(offset)"
        case .missingImageData(let offset):
            return "PNG: IEND at byte \(offset) before any IDAT chunk"
        case .imageDataTooShort(let expected, let compressed, let offset):
            return
                "PNG: \(compressed) bytes of image data cannot inflate to the \(expected) bytes the header needs (data ends at byte \(offset))"
        case .corruptImageData(let problem, let offset):
            return "PNG: corrupt image data at byte \(offset): \(problem.sentence)"
        case .invalidFilterType(let type, let pass, let row):
            let place = pass == 0 ? "row \(row)" : "row \(row) of Adam7 pass \(pass)"
            return "PNG: filter type \(type) (not 0-4) on \(place)"
        }
    }

    private func hex(_ v: UInt32) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 8 - s.count) + s
    }
}

extension PNGError.HeaderProblem {
    var sentence: String {
        switch self {
        case .invalidLength(let n): "length \(n), not 13"
        case .invalidDimensions(let w, let h): "size \(w)x\(h) (each side must be 1 to 2^31 - 1)"
        case .invalidColorType(let t, let d): "colour type \(t) with bit depth \(d) is not allowed"
        case .invalidCompressionMethod(let m): "compression method \(m), not 0"
        case .invalidFilterMethod(let m): "filter method \(m), not 0"
        case .invalidInterlaceMethod(let m): "interlace method \(m), not 0 or 1"
        }
    }
}

extension DeflateProblem {
    var sentence: String {
        switch self {
        case .invalidZlibHeader: "invalid zlib header"
        case .presetDictionary: "the zlib stream asks for a preset dictionary"
        case .invalidBlockType: "DEFLATE block type 3"
        case .storedLengthMismatch: "stored block length and its complement disagree"
        case .tooManyCodes: "more than 286 literal/length or 30 distance codes"
        case .invalidCodeLengths: "over-subscribed or incomplete Huffman code"
        case .invalidRepeat: "code length repeat out of range"
        case .missingEndOfBlock: "no end-of-block code"
        case .invalidSymbol: "invalid Huffman code or symbol"
        case .distanceTooFar: "back-reference before the start of the data"
        case .truncated: "the data ends before the stream does"
        case .tooLittleData(let expected, let found): "inflates to \(found) bytes, the image needs \(expected)"
        case .tooMuchData(let expected): "inflates to more than the \(expected) bytes the image needs"
        case .adler32Mismatch(let stored, let computed): "Adler-32 mismatch (stored \(stored), computed \(computed))"
        }
    }
}
