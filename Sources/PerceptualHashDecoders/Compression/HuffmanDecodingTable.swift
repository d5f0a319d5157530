/// A two-level lookup table that decodes one canonical Huffman code of DEFLATE (RFC 1951,
/// section 3.2.2), read least significant bit first.
///
/// The primary table is indexed by the next `primaryBits` input bits. A code of at most
/// `primaryBits` bits fills every primary entry whose low bits are its (bit-reversed) code.
/// Longer codes share a primary entry per `primaryBits`-bit prefix, which links to a
/// subtable indexed by the next `maxLength - primaryBits` bits, `maxLength` being the
/// longest code with that prefix.
///
/// Entry layout (`UInt32`):
/// - leaf: bits 0-3 the code length in bits (1...15, total including the primary bits), the
///   other bits those of the symbol's `info` word given to ``build(lengths:info:allowSingleCode:)``
///   (by default the symbol in bits 16-31; the inflater also stores a kind in bits 5-7 and
///   a count of extra bits in bits 8-11);
/// - link: bit 4 set, bits 0-3 the subtable's index bits, bits 16-31 its start index;
/// - `0`: no code has these bits (only possible for an incomplete code); decoding it is
///   ``DeflateProblem/invalidSymbol``.
struct HuffmanDecodingTable: Sendable {
    /// The bits indexing the primary table.
    let primaryBits: Int
    /// The primary table (`1 << primaryBits` entries), then the subtables.
    private(set) var entries: [UInt32]

    static let linkFlag: UInt32 = 0x10

    /// An empty table; ``build(lengths:allowSingleCode:)`` fills it.
    init(primaryBits: Int) {
        self.primaryBits = primaryBits
        entries = [UInt32](repeating: 0, count: 1 << primaryBits)
    }

    /// Fills the table for the code whose symbol `i` has length `lengths[i]` (0: unused); the
    /// leaf of symbol `i` is `info[i] | length` (`info` nil: `i << 16`).
    ///
    /// Returns false for an over-subscribed code and for an incomplete one, except a code of
    /// no symbols (every entry invalid) and, when `allowSingleCode`, a code of exactly one
    /// symbol of length 1 (as zlib accepts for literal/length and distance codes).
    mutating func build(
        lengths: UnsafeBufferPointer<UInt8>, info: UnsafePointer<UInt32>? = nil, allowSingleCode: Bool
    ) -> Bool {
        var counts = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var maxLength = 0
        withUnsafeMutableBytes(of: &counts) { raw in
            let c = raw.bindMemory(to: Int.self)
            for l in lengths where l != 0 {
                c[Int(l)] += 1
                maxLength = max(maxLength, Int(l))
            }
        }
        let primarySize = 1 << primaryBits
        entries.removeAll(keepingCapacity: true)
        entries.append(contentsOf: repeatElement(0, count: primarySize))
        if maxLength == 0 { return true }

        return withUnsafeBytes(of: &counts) { raw -> Bool in
            let count = raw.bindMemory(to: Int.self)
            // Over-subscription and completeness (Kraft sum).
            var left = 1
            for len in 1...15 {
                left <<= 1
                left -= count[len]
                if left < 0 { return false }
            }
            if left > 0, !(allowSingleCode && maxLength == 1) { return false }

            // First canonical code of each length.
            var next = [Int](repeating: 0, count: 16)
            var code = 0
            for len in 1...15 {
                code = (code + count[len - 1]) << 1
                next[len] = code
            }
            next[0] = 0
            // Codes as assigned, bit-reversed for LSB-first reading.
            var reversed = [UInt16](repeating: 0, count: lengths.count)
            for (symbol, l) in lengths.enumerated() where l != 0 {
                let len = Int(l)
                reversed[symbol] = Self.reverse(next[len], bits: len)
                next[len] += 1
            }
            // Longest code per primary prefix, for the subtable sizes.
            var longest = [UInt8](repeating: 0, count: primarySize)
            if maxLength > primaryBits {
                for (symbol, l) in lengths.enumerated() where Int(l) > primaryBits {
                    let prefix = Int(reversed[symbol]) & (primarySize - 1)
                    longest[prefix] = max(longest[prefix], l)
                }
                for prefix in 0..<primarySize where longest[prefix] != 0 {
                    let bits = Int(longest[prefix]) - primaryBits
                    entries[prefix] = UInt32(entries.count) << 16 | Self.linkFlag | UInt32(bits)
                    entries.append(contentsOf: repeatElement(0, count: 1 << bits))
                }
            }
            for (symbol, l) in lengths.enumerated() where l != 0 {
                let len = Int(l)
                let leaf = (info.map { $0[symbol] } ?? UInt32(symbol) << 16) | UInt32(len)
                let r = Int(reversed[symbol])
                if len <= primaryBits {
                    var i = r
                    while i < primarySize {
                        entries[i] = leaf
                        i += 1 << len
                    }
                } else {
                    let link = entries[r & (primarySize - 1)]
                    let start = Int(link >> 16), bits = Int(link & 0xF)
                    let subLength = len - primaryBits
                    var i = r >> primaryBits
                    while i < 1 << bits {
                        entries[start + i] = leaf
                        i += 1 << subLength
                    }
                }
            }
            return true
        }
    }

    /// The low `bits` bits of `code` in reverse order.
    @inline(__always)
    static func reverse(_ code: Int, bits: Int) -> UInt16 {
        var v = UInt16(truncatingIfNeeded: code)
        v = (v & 0x5555) << 1 | (v >> 1) & 0x5555
        v = (v & 0x3333) << 2 | (v >> 2) & 0x3333
        v = (v & 0x0F0F) << 4 | (v >> 4) & 0x0F0F
        v = v << 8 | v >> 8
        return v >> (16 - bits)
    }
}
