extension ImageLimits.Kind: CustomStringConvertible {
    /// The name of the ``ImageLimits`` property this kind stands for, for example
    /// `"ImageLimits.maxPixelCount"`.
    public var description: String {
        switch self {
        case .width: "ImageLimits.maxWidth"
        case .height: "ImageLimits.maxHeight"
        case .pixelCount: "ImageLimits.maxPixelCount"
        case .depth: "ImageLimits.maxPAMDepth"
        case .headerBytes: "ImageLimits.maxHeaderBytes"
        case .tupleType: "ImageLimits.maxTupleTypeBytes"
        case .imageCount: "ImageLimits.maxImageCount"
        }
    }

    /// One sentence for an input that went past this limit with `value` (see
    /// ``NetpbmError/limitExceeded(_:value:limit:)``): what was found, the limit, and the
    /// ``ImageLimits`` property that sets it.
    func sentence(value: Int, limit: Int) -> String {
        let atLeast = value == Int.max ? "at least " : ""
        switch self {
        case .width:
            return "the image is \(atLeast)\(value) pixels wide, above the limit of \(limit) (\(self))"
        case .height:
            return "the image is \(atLeast)\(value) pixels high, above the limit of \(limit) (\(self))"
        case .pixelCount:
            return "the image has \(atLeast)\(value) pixels, above the limit of \(limit) (\(self))"
        case .depth:
            return "the PAM depth is \(atLeast)\(value), above the limit of \(limit) (\(self))"
        case .headerBytes:
            return "the header is longer than \(limit) bytes, the limit (\(self))"
        case .tupleType:
            return "the PAM tuple type is \(value) bytes long, above the limit of \(limit) (\(self))"
        case .imageCount:
            return "the stream holds more than \(limit) images, the limit (\(self))"
        }
    }
}

extension NetpbmError: CustomStringConvertible {
    /// One readable sentence with the numbers of the case, for logs and error messages, for
    /// example `"the image has 900000000 pixels, above the limit of 89478485
    /// (ImageLimits.maxPixelCount)"` or `"malformed header at byte 12: expected a decimal
    /// number"`. The text is for people; match on the cases in code.
    ///
    /// ```swift
    /// do {
    ///     _ = try PixelBuffer(netpbm: Array("P5 2 x 255\n".utf8))
    /// } catch {
    ///     print(error)   // malformed header at byte 5: expected a decimal number
    /// }
    /// ```
    public var description: String {
        switch self {
        case .emptyInput:
            return "the input is empty"
        case .unrecognizedFormat(let offset):
            return "not a Netpbm image: the bytes at offset \(offset) do not start with a magic number P1 to P7"
        case .unsupportedFormat(let format, let offset):
            return "unsupported format at byte \(offset): \(format) images are not decoded"
        case .truncatedHeader(let offset):
            return "truncated header: the input ends at byte \(offset), before the header is complete"
        case .malformedHeader(let problem, let offset):
            return "malformed header at byte \(offset): \(problem)"
        case .invalidDimensions(let width, let height, let depth):
            return "invalid dimensions: width \(width), height \(height), depth \(depth) (each must be at least 1)"
        case .invalidMaxval(let value, let offset):
            let shown = value == Int.max ? "of \(Int.max) or more" : "\(value)"
            return "invalid maxval \(shown) at byte \(offset): it must be 1 to 65535"
        case .limitExceeded(let kind, let value, let limit):
            return kind.sentence(value: value, limit: limit)
        case .unsupportedPAMLayout(let tupleType, let depth, let maxval):
            return "unsupported PAM layout: tuple type \(tupleType) with depth \(depth) and maxval \(maxval)"
        case .truncatedRaster(let expected, let available):
            return
                "truncated pixel data: the header calls for at least \(expected) bytes after it, \(available) are present"
        case .sampleOutOfRange(let value, let maxval, let offset):
            let shown = value == Int.max ? "of \(Int.max) or more" : "\(value)"
            return "the sample \(shown) at byte \(offset) is above the maxval \(maxval)"
        case .invalidRasterToken(let offset):
            return
                "invalid pixel data at byte \(offset): expected a sample (0 or 1 in P1, a decimal number in P2 and P3)"
        case .fileUnreadable(let path, let code):
            return "cannot read '\(path)': \(SystemError.message(code)) (errno \(code))"
        case .fileTooLarge(let path, let size, let limit):
            if size == limit &+ 1 {
                return "'\(path)' holds more than \(limit) bytes, the limit (maxFileBytes)"
            }
            return "'\(path)' is \(size) bytes, above the limit of \(limit) bytes (maxFileBytes)"
        }
    }
}

extension NetpbmError.UnsupportedFormat: CustomStringConvertible {
    /// `"PFM (Portable FloatMap, magic PF or Pf)"` or `"XV thumbnail (magic P7 332)"`.
    public var description: String {
        switch self {
        case .pfm: "PFM (Portable FloatMap, magic PF or Pf)"
        case .xvThumbnail: "XV thumbnail (magic P7 332)"
        }
    }
}

extension NetpbmError.HeaderProblem: CustomStringConvertible {
    /// What the header should have held, as the end of a sentence, for example
    /// `"expected a decimal number"`.
    public var description: String {
        switch self {
        case .missingWhitespaceAfterMagic:
            return "expected white space or a comment after the magic number"
        case .invalidNumber:
            return "expected a decimal number"
        case .invalidRasterDelimiter:
            return "expected one white-space byte or a comment after the last header number"
        case .unknownField:
            return "unknown PAM header line (expected WIDTH, HEIGHT, DEPTH, MAXVAL, TUPLTYPE or ENDHDR)"
        case .duplicateField(let field):
            return "the PAM field \(field) appears twice"
        case .missingField(let field):
            return "the PAM field \(field) is missing before ENDHDR"
        case .emptyTupleType:
            return "a TUPLTYPE line with no text"
        case .unexpectedText:
            return "unexpected text after ENDHDR or after the magic number P7 on its line"
        }
    }
}

extension NetpbmHeaderField: CustomStringConvertible {
    /// The keyword as written in a PAM header: `"WIDTH"`, `"HEIGHT"`, `"DEPTH"`, `"MAXVAL"`.
    public var description: String {
        switch self {
        case .width: "WIDTH"
        case .height: "HEIGHT"
        case .depth: "DEPTH"
        case .maxval: "MAXVAL"
        }
    }
}

extension NetpbmTupleType: CustomStringConvertible {
    /// The tuple type as written in a PAM header (`"RGB_ALPHA"`), or `"other"` for a missing
    /// or unrecognised one.
    public var description: String {
        switch self {
        case .blackAndWhite: "BLACKANDWHITE"
        case .grayscale: "GRAYSCALE"
        case .rgb: "RGB"
        case .blackAndWhiteAlpha: "BLACKANDWHITE_ALPHA"
        case .grayscaleAlpha: "GRAYSCALE_ALPHA"
        case .rgbAlpha: "RGB_ALPHA"
        case .other: "other"
        }
    }
}
