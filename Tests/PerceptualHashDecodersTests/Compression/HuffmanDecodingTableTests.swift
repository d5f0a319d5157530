@testable import PerceptualHashDecoders
import Testing

@Suite("Huffman decoding tables")
struct HuffmanDecodingTableTests {
    /// A deterministic generator (SplitMix64).
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }

    /// Code lengths of a complete prefix code with `used` symbols among `alphabet`, made by
    /// splitting random leaves of a binary tree (depth at most `maxLength`).
    static func completeLengths(alphabet: Int, used: Int, maxLength: Int, seed: UInt64) -> [UInt8] {
        var g = Generator(state: seed)
        var leaves = [1, 1]
        while leaves.count < used {
            let candidates = leaves.indices.filter { leaves[$0] < maxLength }
            let i = candidates[g.next(candidates.count)]
            let d = leaves.remove(at: i)
            leaves += [d + 1, d + 1]
        }
        var lengths = [UInt8](repeating: 0, count: alphabet)
        var slots = Array(0..<alphabet)
        for d in leaves {
            let s = slots.remove(at: g.next(slots.count))
            lengths[s] = UInt8(d)
        }
        return lengths
    }

    /// The canonical codes of RFC 1951, section 3.2.2, step by step.
    static func canonicalCodes(_ lengths: [UInt8]) -> [Int] {
        var count = [Int](repeating: 0, count: 16)
        for l in lengths where l > 0 { count[Int(l)] += 1 }
        var next = [Int](repeating: 0, count: 16)
        var code = 0
        for bits in 1...15 {
            code = (code + count[bits - 1]) << 1
            next[bits] = code
        }
        return lengths.map { l in
            guard l > 0 else { return -1 }
            defer { next[Int(l)] += 1 }
            return next[Int(l)]
        }
    }

    @Test("decodes what the canonical code encodes", arguments: 0..<24)
    func roundTrip(_ seed: Int) {
        let alphabet = [19, 30, 288][seed % 3]
        let maxLength = seed % 3 == 0 ? 7 : 15
        var g = Generator(state: UInt64(seed) &* 977)
        let used = 2 + g.next(alphabet - 1)
        let lengths = Self.completeLengths(alphabet: alphabet, used: used, maxLength: maxLength, seed: UInt64(seed))
        let codes = Self.canonicalCodes(lengths)
        let symbols = (0..<2000).map { _ in
            var s = g.next(alphabet)
            while lengths[s] == 0 { s = (s + 1) % alphabet }
            return s
        }
        var writer = BitWriter()
        for s in symbols { writer.writeCode(codes[s], Int(lengths[s])) }
        for primary in [7, 10] {
            var table = HuffmanDecodingTable(primaryBits: primary)
            #expect(
                lengths.withUnsafeBufferPointer { table.build(lengths: $0, allowSingleCode: false) }, "seed \(seed)")
            var decoded: [Int] = []
            writer.bytes.withUnsafeBytes { raw in
                var r = LSBBitReader(raw, at: 0)
                for _ in symbols {
                    try? r.refill()
                    var e = table.entries[Int(r.peek(primary))]
                    if e & HuffmanDecodingTable.linkFlag != 0 {
                        e =
                            table.entries[
                                Int(e >> 16) + Int((r.bits >> UInt64(primary)) & ((1 << UInt64(e & 0xF)) - 1))]
                    }
                    r.consume(Int(e & 0xF))
                    decoded.append(Int(e >> 16))
                }
            }
            #expect(decoded == symbols, "seed \(seed), alphabet \(alphabet), \(used) codes, primary bits \(primary)")
        }
    }

    @Test("over-subscribed and incomplete codes are refused; one 1-bit code only where allowed")
    func invalidCodes() {
        func build(_ lengths: [UInt8], single: Bool = true) -> Bool {
            var t = HuffmanDecodingTable(primaryBits: 10)
            return lengths.withUnsafeBufferPointer { t.build(lengths: $0, allowSingleCode: single) }
        }
        #expect(!build([1, 1, 1]))  // over-subscribed
        #expect(!build([1, 2]))  // incomplete
        #expect(!build([2, 2, 2, 0]))  // incomplete
        #expect(build([1, 2, 2]))
        #expect(build([0, 1, 0]))  // one code of length 1
        #expect(!build([0, 1, 0], single: false))
        #expect(!build([0, 2, 0]))  // one code, but of length 2
        #expect(build([0, 0, 0]))  // no codes: every entry invalid
        var t = HuffmanDecodingTable(primaryBits: 10)
        _ = [UInt8](repeating: 0, count: 30).withUnsafeBufferPointer { t.build(lengths: $0, allowSingleCode: true) }
        #expect(t.entries.allSatisfy { $0 == 0 })
    }
}
