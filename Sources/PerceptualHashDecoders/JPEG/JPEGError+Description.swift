import PerceptualHash

extension JPEGError: CustomStringConvertible {
    /// One English sentence naming the problem and its byte offset, for example
    /// `"JPEG: corrupt entropy-coded data at byte 622"`.
    public var description: String {
        switch self {
        case .invalidSignature(let offset):
            return "not a JPEG file (no SOI marker at byte \(offset))"
        case .truncated(let offset):
            return "JPEG: the file ends inside the data starting at byte \(offset)"
        case .unexpectedMarker(let marker, let offset):
            return "JPEG: unexpected marker 0x\(hex(marker)) at byte \(offset)"
        case .invalidSegment(let marker, let offset):
            return "JPEG: malformed 0x\(hex(marker)) segment at byte \(offset)"
        case .unsupported(let feature, let offset):
            return "JPEG: unsupported \(feature.sentence) (at byte \(offset))"
        case .limitExceeded(let kind, let value, let limit):
            switch kind {
            case .width: return "JPEG: the image is \(value) pixels wide, above the limit of \(limit) (\(kind))"
            case .height: return "JPEG: the image is \(value) pixels high, above the limit of \(limit) (\(kind))"
            default: return "JPEG: the image has \(value) pixels, above the limit of \(limit) (\(kind))"
            }
        case .undefinedTable(let offset):
            return "JPEG: the scan at byte \(offset) uses an undefined table"
        case .corruptData(let offset):
            return "JPEG: corrupt entropy-coded data at byte \(offset)"
        case .dataTooShort(let blocks, let bytes):
            return "JPEG: \(blocks) blocks declared but only \(bytes) bytes of data"
        }
    }
}

extension JPEGError.Feature {
    var sentence: String {
        switch self {
        case .arithmeticCoding: "arithmetic coding"
        case .losslessOrHierarchical: "lossless or hierarchical JPEG"
        case .precision(let bits): "\(bits)-bit samples"
        case .componentCount(let n): "component count \(n) (CMYK/YCCK or other)"
        case .fractionalSampling: "fractional sampling factor ratios"
        case .tooManyBlocksPerMCU: "MCU of more than 10 blocks"
        case .heightFromDNL: "DNL marker"
        }
    }
}

private func hex(_ b: UInt8) -> String {
    let s = String(b, radix: 16, uppercase: true)
    return s.count == 1 ? "0" + s : s
}
