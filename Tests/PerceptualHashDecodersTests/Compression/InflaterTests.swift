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
        #expect(Self.problem(badAdler, capacity: 3) == .adler32Mismatch(stored: Reference.adler32([1, 2, 3]) ^ 1, computed: Reference.adler32([1, 2, 3])))
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
        #expect(Self.problem(dynamicHeader { $0.writeCode(1, 2); $0.write(0, 2) }, capacity: 4) == .invalidRepeat)
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
