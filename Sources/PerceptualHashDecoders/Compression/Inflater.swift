/// A failure of ``Inflater``: what broke and the offset into the compressed bytes where
/// decoding stopped.
struct InflateError: Error, Equatable {
    var problem: DeflateProblem
    var offset: Int
}

/// Decodes a zlib stream (RFC 1950) of DEFLATE data (RFC 1951) into a buffer of a known size.
///
/// The output size is fixed in advance (for PNG, by the image header), so the output is one
/// allocation by the caller and a stream that would inflate past it fails at the first byte
/// too many (``DeflateProblem/tooMuchData(expected:)``): a decompression bomb costs at most
/// the output the header already declared.
///
/// Decoding is table-driven: each Huffman symbol is one lookup in a 10-bit primary table
/// (rarely a second one in a subtable, see ``HuffmanDecodingTable``), with bits taken from
/// a 64-bit buffer refilled 8 bytes at a time (``LSBBitReader``). One refill covers a whole
/// length/distance pair (at most 15 + 5 + 15 + 13 = 48 bits).
enum Inflater {
    static let lengthBase: [UInt16] = [
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115,
        131, 163, 195, 227, 258,
    ]
    static let lengthExtra: [UInt8] = [
        0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
    ]
    static let distanceBase: [UInt16] = [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
        2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
    ]
    static let distanceExtra: [UInt8] = [
        0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12,
        13, 13,
    ]
    /// The order in which a dynamic block sends the code-length code's lengths.
    static let codeLengthOrder: [Int] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    /// Kinds of table leaves (bits 5-7 of an entry, see ``HuffmanDecodingTable``).
    static let literalKind: UInt32 = 0 << 5, lengthKind: UInt32 = 1 << 5, endKind: UInt32 = 2 << 5,
        invalidKind: UInt32 = 3 << 5
    static let kindMask: UInt32 = 3 << 5

    /// The leaf words of the literal/length alphabet: a literal's byte, or a length's base and
    /// extra-bit count, or end-of-block, or invalid (286, 287).
    static let literalInfo: [UInt32] = (0..<288).map { s in
        switch s {
        case 0..<256: UInt32(s) << 16 | literalKind
        case 256: endKind
        case 257..<286: UInt32(lengthBase[s - 257]) << 16 | UInt32(lengthExtra[s - 257]) << 8 | lengthKind
        default: invalidKind
        }
    }
    /// The leaf words of the distance alphabet: base and extra-bit count, or invalid (30, 31).
    static let distanceInfo: [UInt32] = (0..<32).map { s in
        s < 30 ? UInt32(distanceBase[s]) << 16 | UInt32(distanceExtra[s]) << 8 | lengthKind : invalidKind
    }

    /// The fixed literal/length and distance codes (RFC 1951, section 3.2.6).
    static let fixedTables: (HuffmanDecodingTable, HuffmanDecodingTable) = {
        var lengths = [UInt8](repeating: 8, count: 288)
        for i in 144..<256 { lengths[i] = 9 }
        for i in 256..<280 { lengths[i] = 7 }
        var literal = HuffmanDecodingTable(primaryBits: 10)
        var distance = HuffmanDecodingTable(primaryBits: 10)
        let distanceLengths = [UInt8](repeating: 5, count: 32)
        literalInfo.withUnsafeBufferPointer { info in
            _ = lengths.withUnsafeBufferPointer {
                literal.build(lengths: $0, info: info.baseAddress, allowSingleCode: false)
            }
        }
        distanceInfo.withUnsafeBufferPointer { info in
            _ = distanceLengths.withUnsafeBufferPointer {
                distance.build(lengths: $0, info: info.baseAddress, allowSingleCode: false)
            }
        }
        return (literal, distance)
    }()

    /// Inflates the zlib stream at the start of `input` into all of `output`, and checks its
    /// Adler-32 trailer. Bytes after the trailer are ignored.
    ///
    /// - Returns: the input bytes the stream took, trailer included.
    /// - Throws: ``InflateError`` with an offset into `input`.
    static func inflateZlib(
        _ input: UnsafeRawBufferPointer, into output: UnsafeMutableBufferPointer<UInt8>
    ) throws(InflateError) -> Int {
        guard input.count >= 2 else { throw InflateError(problem: .truncated, offset: input.count) }
        let cmf = input[0], flg = input[1]
        guard cmf & 0x0F == 8, cmf >> 4 <= 7, (UInt16(cmf) << 8 | UInt16(flg)) % 31 == 0 else {
            throw InflateError(problem: .invalidZlibHeader, offset: 0)
        }
        guard flg & 0x20 == 0 else { throw InflateError(problem: .presetDictionary, offset: 1) }
        var reader = LSBBitReader(input, at: 2)
        var written = 0
        do throws(DeflateProblem) {
            written = try inflate(&reader, into: output)
        } catch {
            throw InflateError(problem: error, offset: min(reader.byteOffset, input.count))
        }
        do throws(DeflateProblem) {
            try reader.alignToByte()
        } catch {
            throw InflateError(problem: error, offset: input.count)
        }
        let at = reader.position
        guard written == output.count else {
            throw InflateError(problem: .tooLittleData(expected: output.count, found: written), offset: at)
        }
        guard at + 4 <= input.count else { throw InflateError(problem: .truncated, offset: input.count) }
        let stored =
            UInt32(input[at]) << 24 | UInt32(input[at + 1]) << 16 | UInt32(input[at + 2]) << 8 | UInt32(input[at + 3])
        let computed = Adler32.update(1, UnsafeRawBufferPointer(output))
        guard stored == computed else {
            throw InflateError(problem: .adler32Mismatch(stored: stored, computed: computed), offset: at)
        }
        return at + 4
    }

    /// Inflates DEFLATE blocks up to and including the final one; returns the bytes written.
    static func inflate(
        _ r: inout LSBBitReader, into output: UnsafeMutableBufferPointer<UInt8>
    ) throws(DeflateProblem) -> Int {
        guard let out = output.baseAddress else {
            // An empty output: only empty blocks fit. Decode into a 1-byte scratch.
            var scratch: UInt8 = 0
            return try withUnsafeMutablePointer(to: &scratch) { (p) throws(DeflateProblem) -> Int in
                try inflate(&r, into: UnsafeMutableBufferPointer(start: p, count: 0), base: p)
            }
        }
        return try inflate(&r, into: output, base: out)
    }

    private static func inflate(
        _ r: inout LSBBitReader, into output: UnsafeMutableBufferPointer<UInt8>,
        base out: UnsafeMutablePointer<UInt8>
    ) throws(DeflateProblem) -> Int {
        let capacity = output.count
        var op = 0
        var literal = HuffmanDecodingTable(primaryBits: 10)
        var distance = HuffmanDecodingTable(primaryBits: 10)
        var lengths = [UInt8](repeating: 0, count: 286 + 30)
        while true {
            let header = try r.read(3)
            let final = header & 1 != 0
            switch header >> 1 {
            case 0:
                try r.alignToByte()
                let p = r.position
                guard p + 4 <= r.end else { throw .truncated }
                let len = Int(r.base[p]) | Int(r.base[p + 1]) << 8
                let nlen = Int(r.base[p + 2]) | Int(r.base[p + 3]) << 8
                guard len == nlen ^ 0xFFFF else { throw .storedLengthMismatch }
                guard p + 4 + len <= r.end else {
                    r.position = r.end
                    throw .truncated
                }
                guard len <= capacity - op else { throw .tooMuchData(expected: capacity) }
                (out + op).update(from: r.base + p + 4, count: len)
                op += len
                r.position = p + 4 + len
            case 1:
                let (fixedLiteral, fixedDistance) = fixedTables
                op = try decodeBlock(
                    &r, literal: fixedLiteral, distance: fixedDistance, out: out, op: op, capacity: capacity)
            case 2:
                try readDynamicTables(&r, literal: &literal, distance: &distance, lengths: &lengths)
                op = try decodeBlock(&r, literal: literal, distance: distance, out: out, op: op, capacity: capacity)
            default:
                throw .invalidBlockType
            }
            if final { break }
        }
        try r.checkNotOverrun()
        return op
    }

    /// Reads a dynamic block's code definitions (RFC 1951, section 3.2.7) into the tables.
    private static func readDynamicTables(
        _ r: inout LSBBitReader, literal: inout HuffmanDecodingTable,
        distance: inout HuffmanDecodingTable, lengths: inout [UInt8]
    ) throws(DeflateProblem) {
        let literalCount = try r.read(5) + 257
        let distanceCount = try r.read(5) + 1
        let codeLengthCount = try r.read(4) + 4
        guard literalCount <= 286, distanceCount <= 30 else { throw .tooManyCodes }
        var codeLengthLengths = [UInt8](repeating: 0, count: 19)
        for i in 0..<codeLengthCount {
            codeLengthLengths[codeLengthOrder[i]] = UInt8(try r.read(3))
        }
        var codeLengthTable = HuffmanDecodingTable(primaryBits: 7)
        guard codeLengthLengths.withUnsafeBufferPointer({ codeLengthTable.build(lengths: $0, allowSingleCode: false) })
        else {
            throw .invalidCodeLengths
        }
        let total = literalCount + distanceCount
        var i = 0
        while i < total {
            try r.refill()
            let entry = codeLengthTable.entries[Int(r.peek(7))]
            let len = Int(entry & 0xF)
            guard len != 0 else { throw .invalidSymbol }
            r.consume(len)
            let symbol = Int(entry >> 16)
            if symbol < 16 {
                lengths[i] = UInt8(symbol)
                i += 1
                continue
            }
            let value: UInt8
            let repeatCount: Int
            switch symbol {
            case 16:
                guard i > 0 else { throw .invalidRepeat }
                value = lengths[i - 1]
                repeatCount = 3 + Int(r.peek(2)); r.consume(2)
            case 17:
                value = 0
                repeatCount = 3 + Int(r.peek(3)); r.consume(3)
            default:
                value = 0
                repeatCount = 11 + Int(r.peek(7)); r.consume(7)
            }
            guard repeatCount <= total - i else { throw .invalidRepeat }
            for k in i..<i + repeatCount { lengths[k] = value }
            i += repeatCount
        }
        guard lengths[256] != 0 else { throw .missingEndOfBlock }
        let ok = lengths.withUnsafeBufferPointer { all -> Bool in
            literalInfo.withUnsafeBufferPointer { li in
                distanceInfo.withUnsafeBufferPointer { di in
                    literal.build(
                        lengths: UnsafeBufferPointer(rebasing: all[0..<literalCount]), info: li.baseAddress,
                        allowSingleCode: true)
                        && distance.build(
                            lengths: UnsafeBufferPointer(rebasing: all[literalCount..<total]), info: di.baseAddress,
                            allowSingleCode: true)
                }
            }
        }
        guard ok else { throw .invalidCodeLengths }
    }

    /// Decodes one compressed block's symbols until end-of-block; returns the new output position.
    @inline(__always)
    private static func decodeBlock(
        _ r: inout LSBBitReader, literal: HuffmanDecodingTable, distance: HuffmanDecodingTable,
        out: UnsafeMutablePointer<UInt8>, op start: Int, capacity: Int
    ) throws(DeflateProblem) -> Int {
        try literal.entries.withUnsafeBufferPointer { (lt) throws(DeflateProblem) -> Int in
            try distance.entries.withUnsafeBufferPointer { (dt) throws(DeflateProblem) -> Int in
                try decodeSymbols(&r, lt.baseAddress!, dt.baseAddress!, out: out, op: start, capacity: capacity)
            }
        }
    }

    /// The hot loop of ``decodeBlock(_:literal:distance:out:op:capacity:)``.
    ///
    /// After one refill (at least 56 bits) a literal takes at most 15 bits, so up to three
    /// literals are decoded per refill; a length/distance pair takes at most 48 bits, so it is
    /// decoded only straight after a refill.
    private static func decodeSymbols(
        _ r: inout LSBBitReader, _ lt: UnsafePointer<UInt32>, _ dt: UnsafePointer<UInt32>,
        out: UnsafeMutablePointer<UInt8>, op start: Int, capacity: Int
    ) throws(DeflateProblem) -> Int {
        var op = start
        let primaryMask: UInt64 = (1 << 10) - 1

        @inline(__always)
        func lookup(_ table: UnsafePointer<UInt32>, _ bits: UInt64) -> UInt32 {
            let e = table[Int(truncatingIfNeeded: bits & primaryMask)]
            if e & HuffmanDecodingTable.linkFlag == 0 { return e }
            return table[Int(e >> 16) &+ Int(truncatingIfNeeded: (bits &>> 10) & ((1 &<< UInt64(e & 0xF)) &- 1))]
        }

        while true {
            try r.refill()
            var e = lookup(lt, r.bits)
            // Up to three literals on one refill (3 x 15 bits <= 56).
            var literals = 0
            while e & 0xF != 0, e & kindMask == literalKind, literals < 3 {
                guard op < capacity else { throw .tooMuchData(expected: capacity) }
                r.consume(Int(e & 0xF))
                out[op] = UInt8(truncatingIfNeeded: e >> 16)
                op &+= 1
                literals &+= 1
                e = lookup(lt, r.bits)
            }
            // A length/distance pair needs up to 48 bits: refill first when literals used some.
            if literals > 0 { continue }
            let codeLength = Int(e & 0xF)
            guard codeLength != 0 else { throw .invalidSymbol }
            switch e & kindMask {
            case lengthKind:
                break
            case endKind:
                r.consume(codeLength)
                return op
            case literalKind:
                continue  // unreachable: literals are taken above
            default:
                throw .invalidSymbol
            }
            r.consume(codeLength)
            let extra = Int((e >> 8) & 0xF)
            let length = Int(e >> 16) &+ Int(truncatingIfNeeded: r.peek(extra))
            r.consume(extra)

            let d = lookup(dt, r.bits)
            let distanceCodeLength = Int(d & 0xF)
            guard distanceCodeLength != 0, d & kindMask == lengthKind else { throw .invalidSymbol }
            r.consume(distanceCodeLength)
            let dextra = Int((d >> 8) & 0xF)
            let dist = Int(d >> 16) &+ Int(truncatingIfNeeded: r.peek(dextra))
            r.consume(dextra)

            guard dist <= op else { throw .distanceTooFar }
            guard length <= capacity &- op else { throw .tooMuchData(expected: capacity) }
            let dst = out + op
            let src = dst - dist
            if dist >= length {
                dst.update(from: src, count: length)
            } else if dist == 1 {
                dst.update(repeating: src.pointee, count: length)
            } else {
                for k in 0..<length { dst[k] = src[k] }
            }
            op &+= length
        }
    }
}
