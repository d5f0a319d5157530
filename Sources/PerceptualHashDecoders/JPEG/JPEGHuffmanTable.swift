/// One DHT table in decoding form: a 9-bit lookahead table for short codes, and per-length
/// code ranges for the longer ones (JPEG codes are canonical, at most 16 bits, MSB first).
final class JPEGHuffmanTable {
    static let lookaheadBits = 9

    /// Indexed by the next 9 bits: `length << 8 | symbol`, or 0 when the code is longer.
    let lookahead: UnsafeMutablePointer<UInt16>
    /// For each length 1...16 (index 0 unused; 17 is a sentinel): the largest code of that
    /// length, or -1.
    let maxCode: UnsafeMutablePointer<Int32>
    /// For each length: index into `symbols` of the first code of that length minus that code.
    let offset: UnsafeMutablePointer<Int32>
    /// The symbols in code order, padded to 256.
    let symbols: UnsafeMutablePointer<UInt8>

    /// The table's pointers, for the decoding loops (no reference counting).
    var lookup: JPEGHuffmanLookup {
        JPEGHuffmanLookup(lookahead: lookahead, maxCode: maxCode, offset: offset, symbols: symbols)
    }

    deinit {
        lookahead.deallocate()
        maxCode.deallocate()
        offset.deallocate()
        symbols.deallocate()
    }

    /// Builds the table from the 16 code counts and the symbols of a DHT entry; nil when the
    /// counts describe more codes than fit (an over-subscribed table, or codes of one length
    /// that use up its all-ones code, which libjpeg refuses too) or symbols are missing.
    init?(counts: [Int], symbols: [UInt8]) {
        self.symbols = .allocate(capacity: 256)
        self.symbols.initialize(repeating: 0, count: 256)
        for (i, s) in symbols.enumerated() { self.symbols[i] = s }
        lookahead = .allocate(capacity: 1 << Self.lookaheadBits)
        lookahead.initialize(repeating: 0, count: 1 << Self.lookaheadBits)
        maxCode = .allocate(capacity: 18)
        maxCode.initialize(repeating: -1, count: 18)
        offset = .allocate(capacity: 18)
        offset.initialize(repeating: 0, count: 18)
        var code: Int32 = 0
        var k = 0
        for length in 1...16 {
            let n = counts[length - 1]
            offset[length] = Int32(k) - code
            if n > 0 {
                for _ in 0..<n {
                    if code >= (1 << length) || k >= symbols.count { return nil }
                    if length <= Self.lookaheadBits {
                        let shift = Self.lookaheadBits - length
                        let first = Int(code) << shift
                        let entry = UInt16(length << 8) | UInt16(symbols[k])
                        for i in first..<(first + (1 << shift)) { lookahead[i] = entry }
                    }
                    code += 1
                    k += 1
                }
                maxCode[length] = code - 1
                // As libjpeg: the codes of a length must leave the all-ones code unused.
                if code >= (1 << length) { return nil }
            }
            code <<= 1
        }
        maxCode[17] = Int32.max
    }
}

/// The pointers of a ``JPEGHuffmanTable``, valid while the table lives.
struct JPEGHuffmanLookup {
    let lookahead: UnsafeMutablePointer<UInt16>
    let maxCode: UnsafeMutablePointer<Int32>
    let offset: UnsafeMutablePointer<Int32>
    let symbols: UnsafeMutablePointer<UInt8>
}
