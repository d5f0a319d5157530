/// The header of one Netpbm image, parsed and validated: every value is within the
/// ``ImageLimits`` it was parsed with, and the layout is one the raster decoder handles.
struct NetpbmHeader: Sendable, Equatable {
    /// The seven Netpbm formats, by magic number.
    enum Kind: Sendable, Equatable {
        case plainPBM, plainPGM, plainPPM, rawPBM, rawPGM, rawPPM, pam

        /// Whether the raster is ASCII (P1, P2, P3).
        var isPlain: Bool { self == .plainPBM || self == .plainPGM || self == .plainPPM }
    }

    /// The format of the magic number.
    var kind: Kind
    /// Columns, `1...limits.maxWidth`.
    var width: Int
    /// Rows, `1...limits.maxHeight`; `width * height <= limits.maxPixelCount`.
    var height: Int
    /// Samples per pixel in the raster: 1 (PBM, PGM), 3 (PPM) or the PAM depth.
    var depth: Int
    /// The maxval, `1...65535` (1 for PBM).
    var maxval: Int
    /// The PAM tuple type (`.other` for P1...P6).
    var tupleType: NetpbmTupleType
    /// The decoded buffer's format; its channels are the first `format.channelCount` planes.
    var format: PixelBuffer.Format
    /// Offset of the `P` of the magic number.
    var start: Int
    /// Offset of the first raster byte.
    var rasterStart: Int

    /// Bytes per raster sample of a PGM, PPM or PAM: 1 when maxval < 256, else 2.
    var bytesPerSample: Int { maxval < 256 ? 1 : 2 }
}

/// ASCII bytes the header grammar needs.
enum ASCII {
    static let p: UInt8 = 0x50  // P
    static let hash: UInt8 = 0x23  // #
    static let lf: UInt8 = 0x0A
    static let cr: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let zero: UInt8 = 0x30

    /// The white space of the Netpbm specification (C `isspace`): SP, TAB, LF, VT, FF, CR.
    @inline(__always)
    static func isWhitespace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }

    /// `0` ... `9`.
    @inline(__always)
    static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }

    /// `value * 10 + digit`, or `Int.max` when that does not fit (and once saturated, stays).
    @inline(__always)
    static func accumulate(_ value: Int, digit b: UInt8) -> Int {
        let d = Int(b &- 0x30)
        return value > (Int.max - d) / 10 ? Int.max : value * 10 + d
    }
}

/// Reads the header of the image whose magic starts at `start`, following NETPBM.md §1.6:
/// each number parsed with saturation, every limit checked before any multiplication, and
/// at most `limits.maxHeaderBytes` bytes examined.
struct NetpbmHeaderParser {
    let bytes: UnsafeRawBufferPointer
    let limits: ImageLimits
    let start: Int
    /// One past the last byte the header may use: `min(bytes.count, start + maxHeaderBytes)`.
    let end: Int
    var pos: Int

    init(bytes: UnsafeRawBufferPointer, start: Int, limits: ImageLimits) {
        self.bytes = bytes
        self.limits = limits
        self.start = start
        let room = bytes.count - start
        self.end = limits.maxHeaderBytes >= room ? bytes.count : start + max(0, limits.maxHeaderBytes)
        self.pos = start
    }

    /// The error for running into `end`: the header limit when more input exists, else EOF.
    var endError: NetpbmError {
        if end < bytes.count {
            let limit = limits.maxHeaderBytes
            return .limitExceeded(.headerBytes, value: limit == Int.max ? limit : limit + 1, limit: limit)
        }
        return .truncatedHeader(offset: bytes.count)
    }

    /// Parses the whole header; on return `pos` is irrelevant and the header's
    /// `rasterStart` is set.
    static func parse(
        _ bytes: UnsafeRawBufferPointer, at start: Int, limits: ImageLimits
    ) throws(NetpbmError) -> NetpbmHeader {
        let count = bytes.count
        guard start < count else { throw .emptyInput }
        guard bytes[start] == ASCII.p else { throw .unrecognizedFormat(offset: start) }
        guard start + 1 < count else { throw .truncatedHeader(offset: count) }
        let kind: NetpbmHeader.Kind
        switch bytes[start + 1] {
        case 0x31: kind = .plainPBM
        case 0x32: kind = .plainPGM
        case 0x33: kind = .plainPPM
        case 0x34: kind = .rawPBM
        case 0x35: kind = .rawPGM
        case 0x36: kind = .rawPPM
        case 0x37: kind = .pam
        case 0x46, 0x66: throw .unsupportedFormat(.pfm, offset: start)  // PF, Pf
        default: throw .unrecognizedFormat(offset: start)
        }
        var parser = NetpbmHeaderParser(bytes: bytes, start: start, limits: limits)
        parser.pos = start + 2
        if kind == .pam { return try parser.parsePAM() }
        return try parser.parsePNM(kind)
    }

    // MARK: P1 ... P6

    /// Skips white space and comments (`#` up to, not including, the next CR or LF).
    mutating func skipSeparators() throws(NetpbmError) {
        while true {
            guard pos < end else { throw endError }
            let b = bytes[pos]
            if ASCII.isWhitespace(b) {
                pos += 1
            } else if b == ASCII.hash {
                try skipComment()
            } else {
                return
            }
        }
    }

    /// From a `#`, moves `pos` to the CR or LF that ends the comment (which then acts as
    /// white space, as in libnetpbm).
    mutating func skipComment() throws(NetpbmError) {
        while true {
            guard pos < end else { throw endError }
            let b = bytes[pos]
            if b == ASCII.lf || b == ASCII.cr { return }
            pos += 1
        }
    }

    /// Reads one unsigned decimal header number (saturated at `Int.max`) and returns it with
    /// its offset. On return `pos` is at the byte after the digits, which exists within the
    /// header and is white space or `#`; another byte throws `malformedHeader(delimiterProblem)`.
    mutating func readNumber(
        delimiterProblem: NetpbmError.HeaderProblem
    ) throws(NetpbmError) -> (value: Int, offset: Int) {
        try skipSeparators()
        let offset = pos
        guard ASCII.isDigit(bytes[pos]) else { throw .malformedHeader(.invalidNumber, offset: pos) }
        var value = 0
        while pos < end, ASCII.isDigit(bytes[pos]) {
            value = ASCII.accumulate(value, digit: bytes[pos])
            pos += 1
        }
        guard pos < end else { throw endError }
        let b = bytes[pos]
        guard ASCII.isWhitespace(b) || b == ASCII.hash else {
            throw .malformedHeader(delimiterProblem, offset: pos)
        }
        return (value, offset)
    }

    mutating func parsePNM(_ kind: NetpbmHeader.Kind) throws(NetpbmError) -> NetpbmHeader {
        guard pos < end else { throw endError }
        guard ASCII.isWhitespace(bytes[pos]) || bytes[pos] == ASCII.hash else {
            throw .malformedHeader(.missingWhitespaceAfterMagic, offset: pos)
        }
        let isBitmap = kind == .plainPBM || kind == .rawPBM
        let depth = (kind == .plainPPM || kind == .rawPPM) ? 3 : 1

        let width = try readNumber(delimiterProblem: .invalidNumber).value
        guard width <= limits.maxWidth else {
            throw .limitExceeded(.width, value: width, limit: limits.maxWidth)
        }
        let height = try readNumber(delimiterProblem: isBitmap ? .invalidRasterDelimiter : .invalidNumber).value
        guard height <= limits.maxHeight else {
            throw .limitExceeded(.height, value: height, limit: limits.maxHeight)
        }
        guard width >= 1, height >= 1 else {
            throw .invalidDimensions(width: width, height: height, depth: depth)
        }
        try checkPixelCount(width: width, height: height)

        var maxval = 1
        if !isBitmap {
            let (value, offset) = try readNumber(delimiterProblem: .invalidRasterDelimiter)
            guard value >= 1, value <= 65_535 else { throw .invalidMaxval(value: value, offset: offset) }
            maxval = value
        }
        // `pos` is at the single delimiter byte: white space, or a comment whose CR/LF is
        // the delimiter (libnetpbm; NETPBM.md §1.7).
        if bytes[pos] == ASCII.hash { try skipComment() }
        let rasterStart = pos + 1
        return NetpbmHeader(
            kind: kind, width: width, height: height, depth: depth, maxval: maxval,
            tupleType: .other, format: depth == 3 ? .rgb8 : .gray8,
            start: start, rasterStart: rasterStart)
    }

    func checkPixelCount(width: Int, height: Int) throws(NetpbmError) {
        let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
        let value = overflow ? Int.max : pixels
        guard value <= limits.maxPixelCount else {
            throw .limitExceeded(.pixelCount, value: value, limit: limits.maxPixelCount)
        }
    }

    // MARK: P7

    mutating func parsePAM() throws(NetpbmError) -> NetpbmHeader {
        // First line: `P7`, optional blanks, LF. `P7 332` is an XV thumbnail.
        guard pos < end else { throw endError }
        guard ASCII.isWhitespace(bytes[pos]) || bytes[pos] == ASCII.hash else {
            throw .malformedHeader(.missingWhitespaceAfterMagic, offset: pos)
        }
        var first = pos
        while first < end, bytes[first] == ASCII.space || bytes[first] == 0x09 { first += 1 }
        if first + 3 <= bytes.count, bytes[first] == 0x33, bytes[first + 1] == 0x33,
            bytes[first + 2] == 0x32,
            first + 3 == bytes.count || ASCII.isWhitespace(bytes[first + 3])
        {
            throw .unsupportedFormat(.xvThumbnail, offset: start)
        }
        let (lineStart, lineEnd) = try nextLine()
        if lineStart < lineEnd { throw .malformedHeader(.unexpectedText, offset: lineStart) }

        var width: Int? = nil, height: Int? = nil, depth: Int? = nil, maxval: Int? = nil
        var tupleBytes: [UInt8] = []
        var sawTupleType = false
        while true {
            let (s, e) = try nextLine()
            // `s..<e` is the line without leading and trailing white space; a blank line or
            // one whose very first byte is `#` is skipped (an indented `#` is not a comment).
            guard s < e else { continue }
            if s == lineBeginning, bytes[s] == ASCII.hash { continue }
            var k = s
            while k < e, !ASCII.isWhitespace(bytes[k]) { k += 1 }
            var v = k
            while v < e, ASCII.isWhitespace(bytes[v]) { v += 1 }
            switch keyword(s, k) {
            case .endhdr:
                guard v == e else { throw .malformedHeader(.unexpectedText, offset: v) }
                return try finishPAM(
                    width: width, height: height, depth: depth, maxval: maxval,
                    tupleBytes: sawTupleType ? tupleBytes : nil, endhdrOffset: s)
            case .tupltype:
                guard v < e else { throw .malformedHeader(.emptyTupleType, offset: s) }
                let separator = tupleBytes.isEmpty ? 0 : 1
                let newLength = tupleBytes.count + separator + (e - v)
                guard newLength <= limits.maxTupleTypeBytes else {
                    throw .limitExceeded(.tupleType, value: newLength, limit: limits.maxTupleTypeBytes)
                }
                if separator == 1 { tupleBytes.append(ASCII.space) }
                tupleBytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[v..<e]))
                sawTupleType = true
            case .field(let field):
                let value = try pamNumber(v, e)
                switch field {
                case .width:
                    guard width == nil else { throw .malformedHeader(.duplicateField(.width), offset: s) }
                    guard value <= limits.maxWidth else {
                        throw .limitExceeded(.width, value: value, limit: limits.maxWidth)
                    }
                    width = value
                case .height:
                    guard height == nil else { throw .malformedHeader(.duplicateField(.height), offset: s) }
                    guard value <= limits.maxHeight else {
                        throw .limitExceeded(.height, value: value, limit: limits.maxHeight)
                    }
                    height = value
                case .depth:
                    guard depth == nil else { throw .malformedHeader(.duplicateField(.depth), offset: s) }
                    guard value <= limits.maxPAMDepth else {
                        throw .limitExceeded(.depth, value: value, limit: limits.maxPAMDepth)
                    }
                    depth = value
                case .maxval:
                    guard maxval == nil else { throw .malformedHeader(.duplicateField(.maxval), offset: s) }
                    guard value >= 1, value <= 65_535 else { throw .invalidMaxval(value: value, offset: v) }
                    maxval = value
                }
            case .unknown:
                throw .malformedHeader(.unknownField, offset: s)
            }
        }
    }

    /// Where the line last returned by ``nextLine()`` began (before stripping white space).
    var lineBeginning = 0

    /// Returns the next LF-terminated line, stripped of leading and trailing white space
    /// (so a CRLF line loses its CR), and moves `pos` past its LF.
    mutating func nextLine() throws(NetpbmError) -> (Int, Int) {
        lineBeginning = pos
        var lf = pos
        while true {
            guard lf < end else { throw endError }
            if bytes[lf] == ASCII.lf { break }
            lf += 1
        }
        var s = pos, e = lf
        pos = lf + 1
        while s < e, ASCII.isWhitespace(bytes[s]) { s += 1 }
        while e > s, ASCII.isWhitespace(bytes[e - 1]) { e -= 1 }
        return (s, e)
    }

    enum Keyword { case endhdr, tupltype, field(NetpbmHeaderField), unknown }

    func keyword(_ s: Int, _ k: Int) -> Keyword {
        func equals(_ word: StaticString) -> Bool {
            guard k - s == word.utf8CodeUnitCount else { return false }
            let w = word.utf8Start
            for i in 0..<(k - s) where bytes[s + i] != w[i] { return false }
            return true
        }
        if equals("WIDTH") { return .field(.width) }
        if equals("HEIGHT") { return .field(.height) }
        if equals("DEPTH") { return .field(.depth) }
        if equals("MAXVAL") { return .field(.maxval) }
        if equals("TUPLTYPE") { return .tupltype }
        if equals("ENDHDR") { return .endhdr }
        return .unknown
    }

    /// The PAM value `s..<e`: digits only (no sign, nothing after), saturated at `Int.max`.
    func pamNumber(_ s: Int, _ e: Int) throws(NetpbmError) -> Int {
        guard s < e else { throw .malformedHeader(.invalidNumber, offset: s) }
        var value = 0
        for i in s..<e {
            let b = bytes[i]
            guard ASCII.isDigit(b) else { throw .malformedHeader(.invalidNumber, offset: i) }
            value = ASCII.accumulate(value, digit: b)
        }
        return value
    }

    func finishPAM(
        width: Int?, height: Int?, depth: Int?, maxval: Int?, tupleBytes: [UInt8]?,
        endhdrOffset: Int
    ) throws(NetpbmError) -> NetpbmHeader {
        guard let width else { throw .malformedHeader(.missingField(.width), offset: endhdrOffset) }
        guard let height else { throw .malformedHeader(.missingField(.height), offset: endhdrOffset) }
        guard let depth else { throw .malformedHeader(.missingField(.depth), offset: endhdrOffset) }
        guard let maxval else { throw .malformedHeader(.missingField(.maxval), offset: endhdrOffset) }
        guard width >= 1, height >= 1, depth >= 1 else {
            throw .invalidDimensions(width: width, height: height, depth: depth)
        }
        try checkPixelCount(width: width, height: height)
        let tupleType = tupleBytes.map(NetpbmHeaderParser.tupleType(of:)) ?? .other
        let format: PixelBuffer.Format?
        switch tupleType {
        case .blackAndWhite: format = maxval == 1 ? .gray8 : nil
        case .blackAndWhiteAlpha: format = maxval == 1 && depth >= 2 ? .grayAlpha8 : nil
        case .grayscale: format = .gray8
        case .grayscaleAlpha: format = depth >= 2 ? .grayAlpha8 : nil
        case .rgb: format = depth >= 3 ? .rgb8 : nil
        case .rgbAlpha: format = depth >= 4 ? .rgba8 : nil
        case .other:
            switch depth {
            case 1: format = .gray8
            case 2: format = .grayAlpha8
            case 3: format = .rgb8
            case 4: format = .rgba8
            default: format = nil
            }
        }
        guard let format else {
            throw .unsupportedPAMLayout(tupleType: tupleType, depth: depth, maxval: maxval)
        }
        return NetpbmHeader(
            kind: .pam, width: width, height: height, depth: depth, maxval: maxval,
            tupleType: tupleType, format: format, start: start, rasterStart: pos)
    }

    static func tupleType(of text: [UInt8]) -> NetpbmTupleType {
        func equals(_ word: StaticString) -> Bool {
            text.elementsEqual(UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount))
        }
        if equals("BLACKANDWHITE") { return .blackAndWhite }
        if equals("GRAYSCALE") { return .grayscale }
        if equals("RGB") { return .rgb }
        if equals("BLACKANDWHITE_ALPHA") { return .blackAndWhiteAlpha }
        if equals("GRAYSCALE_ALPHA") { return .grayscaleAlpha }
        if equals("RGB_ALPHA") { return .rgbAlpha }
        return .other
    }
}
