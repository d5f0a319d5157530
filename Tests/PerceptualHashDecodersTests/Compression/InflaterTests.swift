@testable import PerceptualHashDecoders
import Testing

@Suite("Inflate (RFC 1950/1951)")
struct InflaterTests {
    /// Inflates `stream` into `capacity` bytes.
    static func inflate(_ stream: [UInt8], capacity: Int) -> Result<[UInt8], InflateError> {
        var out = [UInt8](repeating: 0xEE, count: capacity)
        do throws(InflateError) {
            _ = try stream.withUnsafeBufferPointer { (s) throws(InflateError) -> Int in
                try out.withUnsafeMutableBufferPointer { (o) throws(InflateError) -> Int in
                    try Inflater.inflateZlib(UnsafeRawBufferPointer(s), into: o)
                }
            }
            return .success(out)
        } catch {
            return .failure(error)
        }
    }

    static func problem(_ stream: [UInt8], capacity: Int) -> DeflateProblem? {
        if case .failure(let e) = inflate(stream, capacity: capacity) { return e.problem }
        return nil
    }

    @Test("stored blocks, one and several (more than 65,535 bytes)", arguments: [0, 1, 100, 65535, 70000])
    func stored(_ count: Int) throws {
        let data = ChecksumTests.bytes(count, seed: 3)
        let stream = Reference.zlibStored(data)
        #expect(try Self.inflate(stream, capacity: count).get() == data, "\(count) bytes")
    }

    @Test("fixed-code literals and overlapping matches (distance 1, 2, 3, and far)")
    func fixedCode() throws {
        var w = BitWriter()
        w.write(1, 1); w.write(1, 2)  // final, fixed
        var expected: [UInt8] = []
        for b: UInt8 in [7, 200, 143, 144, 255, 0] {
            w.fixedSymbol(Int(b)); expected.append(b)
        }
        w.fixedMatch(length: 10, distance: 1)
        for _ in 0..<10 { expected.append(expected[expected.count - 1]) }
        w.fixedMatch(length: 258, distance: 3)
        for _ in 0..<258 { expected.append(expected[expected.count - 3]) }
        w.fixedMatch(length: 3, distance: expected.count)
        expected += expected[0..<3]
        w.fixedMatch(length: 17, distance: 2)
        for _ in 0..<17 { expected.append(expected[expected.count - 2]) }
        w.fixedSymbol(256)
        let stream = w.zlib(adlerOf: expected)
        #expect(try Self.inflate(stream, capacity: expected.count).get() == expected)
    }

    @Test("literals then far matches with the most extra bits, at every bit alignment")
    func longCodesAfterLiterals() throws {
        // A stored block of 30,000 bytes, then a fixed block of (9-bit literal, 9-bit literal,
        // length 257 (5 extra bits), distance 30,000 (13 extra bits)) repeated: 9 + 9 + 8 + 5
        // + 5 + 13 = 49 bits per group, so every alignment of the bit buffer occurs.
        var expected = ChecksumTests.bytes(30_000, seed: 11)
        var w = BitWriter()
        w.write(0, 1); w.write(0, 2)
        w.bytes += [0x30, 0x75, 0xCF, 0x8A]  // LEN 30000, NLEN
        w.bitCount = w.bytes.count * 8
        w.bytes += expected
        w.bitCount = w.bytes.count * 8
        w.write(1, 1); w.write(1, 2)
        for k in 0..<64 {
            for b in [200 + k % 50, 150 + k % 100] {
                w.fixedSymbol(b)
                expected.append(UInt8(b))
            }
            w.fixedMatch(length: 257, distance: 30_000)
            for _ in 0..<257 { expected.append(expected[expected.count - 30_000]) }
        }
        w.fixedSymbol(256)
        #expect(try Self.inflate(w.zlib(adlerOf: expected), capacity: expected.count).get() == expected)
    }

    @Test("15-bit literals then a 15-bit distance code with 13 extra bits (dynamic block)")
    func longestCodes() throws {
        // Literal/length code: 65 and 66 of length 15, 284 of 14, 256 (end) of 13, symbols
        // 0...11 of lengths 1...12 (complete: sum 2^-l = 1). Distance code: 28 and 29 of 15,
        // 0...13 of 1...14. Code-length code: 13 lengths of 4 bits and 6 of 5.
        var literalLengths = [UInt8](repeating: 0, count: 286)
        for s in 0..<12 { literalLengths[s] = UInt8(s + 1) }
        literalLengths[256] = 13; literalLengths[284] = 14; literalLengths[65] = 15; literalLengths[66] = 15
        var distanceLengths = [UInt8](repeating: 0, count: 30)
        for s in 0..<14 { distanceLengths[s] = UInt8(s + 1) }
        distanceLengths[28] = 15; distanceLengths[29] = 15
        var codeLengthLengths = [UInt8](repeating: 5, count: 19)
        for s in 0..<13 { codeLengthLengths[s] = 4 }
        let literalCodes = HuffmanDecodingTableTests.canonicalCodes(literalLengths)
        let distanceCodes = HuffmanDecodingTableTests.canonicalCodes(distanceLengths)
        let codeLengthCodes = HuffmanDecodingTableTests.canonicalCodes(codeLengthLengths)

        var expected = ChecksumTests.bytes(30_000, seed: 12)
        var w = BitWriter()
        w.write(0, 1); w.write(0, 2)
        w.bytes += [0x30, 0x75, 0xCF, 0x8A] + expected  // stored: LEN 30000, NLEN
        w.bitCount = w.bytes.count * 8
        w.write(1, 1); w.write(2, 2); w.write(286 - 257, 5); w.write(30 - 1, 5); w.write(19 - 4, 4)
        for s in Inflater.codeLengthOrder { w.write(Int(codeLengthLengths[s]), 3) }
        for l in literalLengths + distanceLengths {
            w.writeCode(codeLengthCodes[Int(l)], Int(codeLengthLengths[Int(l)]))
        }
        for _ in 0..<64 {
            for b in [65, 66] {
                w.writeCode(literalCodes[b], 15)
                expected.append(UInt8(b))
            }
            w.writeCode(literalCodes[284], 14); w.write(30, 5)  // length 227 + 30
            w.writeCode(distanceCodes[29], 15); w.write(30_000 - 24_577, 13)
            for _ in 0..<257 { expected.append(expected[expected.count - 30_000]) }
        }
        w.writeCode(literalCodes[256], 13)
        #expect(try Self.inflate(w.zlib(adlerOf: expected), capacity: expected.count).get() == expected)
    }

    @Test("broken streams give the exact problem")
    func problems() {
        let good = Reference.zlibStored([1, 2, 3])
        #expect(Self.problem([0x78], capacity: 3) == .truncated)
        #expect(Self.problem([0x78, 0x02] + good.dropFirst(2), capacity: 3) == .invalidZlibHeader)  // check bits
        #expect(Self.problem([0x88, 0x98] + good.dropFirst(2), capacity: 3) == .invalidZlibHeader)  // window 2^16
        // FDICT set: FLG = 0x20, and (0x7800 + 0x20) % 31 == 0.
        let fdict: UInt8 = 0x20
        #expect((0x7800 + Int(fdict)) % 31 == 0)
        #expect(Self.problem([0x78, fdict] + good.dropFirst(2), capacity: 3) == .presetDictionary)
        #expect(Self.problem([0x78, 0x01, 0x07], capacity: 3) == .invalidBlockType)  // final, type 3
        #expect(Self.problem([0x78, 0x01, 0x01, 3, 0, 0xFC, 0xFE, 1, 2, 3], capacity: 3) == .storedLengthMismatch)
        #expect(Self.problem(good, capacity: 2) == .tooMuchData(expected: 2))
        #expect(Self.problem(good, capacity: 4) == .tooLittleData(expected: 4, found: 3))
        var badAdler = good
        badAdler[badAdler.count - 1] ^= 1
        #expect(
            Self.problem(badAdler, capacity: 3)
                == .adler32Mismatch(stored: Reference.adler32([1, 2, 3]) ^ 1, computed: Reference.adler32([1, 2, 3])))
        // Every strict prefix fails.
        for n in 0..<good.count {
            #expect(Self.problem(Array(good[..<n]), capacity: 3) != nil, "prefix \(n)")
        }

        var far = BitWriter()
        far.write(1, 1); far.write(1, 2)
        far.fixedSymbol(65)
        far.fixedMatch(length: 3, distance: 2)
        far.fixedSymbol(256)
        #expect(Self.problem(far.zlib(adlerOf: []), capacity: 4) == .distanceTooFar)

        var bad = BitWriter()
        bad.write(1, 1); bad.write(1, 2)
        bad.fixedSymbol(286)
        #expect(Self.problem(bad.zlib(adlerOf: []), capacity: 4) == .invalidSymbol)
        var badDistance = BitWriter()
        badDistance.write(1, 1); badDistance.write(1, 2)
        badDistance.fixedSymbol(65)
        badDistance.fixedSymbol(257)
        badDistance.writeCode(30, 5)
        #expect(Self.problem(badDistance.zlib(adlerOf: []), capacity: 4) == .invalidSymbol)

        // Dynamic headers: too many codes, repeat with no previous length, no end-of-block.
        var many = BitWriter()
        many.write(1, 1); many.write(2, 2); many.write(30, 5); many.write(0, 5); many.write(0, 4)
        #expect(Self.problem(many.zlib(adlerOf: []), capacity: 4) == .tooManyCodes)
        // Code-length code: symbols 16, 17, 18, 0 of length 2 each (the first four sent).
        func dynamicHeader(_ body: (inout BitWriter) -> Void) -> [UInt8] {
            var w = BitWriter()
            w.write(1, 1); w.write(2, 2); w.write(0, 5); w.write(0, 5); w.write(0, 4)
            for _ in 0..<4 { w.write(2, 3) }
            body(&w)
            return w.zlib(adlerOf: [])
        }
        // Canonical codes of lengths 2 for symbols 0, 16, 17, 18: 0 -> 00, 16 -> 01, 17 -> 10, 18 -> 11.
        #expect(
            Self.problem(
                dynamicHeader {
                    $0.writeCode(1, 2); $0.write(0, 2)
                }, capacity: 4) == .invalidRepeat)
        let zeros = dynamicHeader { w in
            for _ in 0..<2 { w.writeCode(3, 2); w.write(127, 7) }  // 2 x 138 zeros > 258 lengths
        }
        #expect(Self.problem(zeros, capacity: 4) == .invalidRepeat)
        let noEnd = dynamicHeader { w in
            w.writeCode(3, 2); w.write(127, 7)  // 138 zeros
            w.writeCode(3, 2); w.write(120 - 11, 7)  // 120 zeros: 258 lengths, all zero
        }
        #expect(Self.problem(noEnd, capacity: 4) == .missingEndOfBlock)
        // Over-subscribed code-length code: 19 lengths of 1.
        var over = BitWriter()
        over.write(1, 1); over.write(2, 2); over.write(0, 5); over.write(0, 5); over.write(15, 4)
        for _ in 0..<19 { over.write(1, 3) }
        #expect(Self.problem(over.zlib(adlerOf: []), capacity: 4) == .invalidCodeLengths)
    }

    @Test("a decompression bomb stops at the first byte too many")
    func bomb() {
        var w = BitWriter()
        w.write(1, 1); w.write(1, 2)
        w.fixedSymbol(0)
        for _ in 0..<40_000 { w.fixedMatch(length: 258, distance: 1) }  // about 10 MB
        w.fixedSymbol(256)
        let stream = w.zlib(adlerOf: [])
        #expect(stream.count < 70_000)  // 13 bits per 258-byte match: 10,320,001 bytes inflated
        #expect(Self.problem(stream, capacity: 1000) == .tooMuchData(expected: 1000))
    }
}
