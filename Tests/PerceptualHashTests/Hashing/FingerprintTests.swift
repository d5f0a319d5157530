import Testing
import Foundation
@testable import PerceptualHash

/// Plain reference: the bits of a hex string read as one big-endian integer, padded on the
/// left to `bitCount` bits.
private func referenceBits(hex: String, bitCount: Int) -> [Bool] {
    var bits: [Bool] = []
    for c in hex {
        let v = Int(String(c), radix: 16)!
        for b in (0..<4).reversed() { bits.append(v >> b & 1 == 1) }
    }
    return Array(bits.suffix(bitCount))
}

@Suite struct FingerprintTests {
    @Test func imageHashExamples() throws {
        var f = Fingerprint(bitCount: 64)
        f[bit: 0] = true
        #expect(f.description == "8000000000000000")
        #expect(Fingerprint(bitCount: 64).description == "0000000000000000")
        let g = try Fingerprint(hex: "d027473e388587f9")
        #expect(g.bitCount == 64)
        #expect(g.uint64Value == 0xd027_473e_3885_87f9)
        #expect(Fingerprint(0xd027_473e_3885_87f9) == g)
        #expect(g.description == "d027473e388587f9")
        #expect(try Fingerprint(hex: "D027473E388587F9") == g)
    }

    @Test(arguments: [1, 2, 3, 4, 5, 7, 9, 16, 25, 63, 64, 65, 100, 128, 255, 256, 257, 300, 1024])
    func bitsHexAndDistanceAgreeWithReference(bitCount: Int) throws {
        var rng = SplitMix64(seed: UInt64(bitCount))
        for _ in 0..<50 {
            let a = (0..<bitCount).map { _ in Bool.random(using: &rng) }
            let b = (0..<bitCount).map { _ in Bool.random(using: &rng) }
            let fa = Fingerprint(bits: a), fb = Fingerprint(bits: b)
            #expect(fa.bitCount == bitCount)
            #expect((0..<bitCount).map { fa[bit: $0] } == a, "bitCount \(bitCount)")
            let hex = fa.description
            #expect(hex.count == (bitCount + 3) / 4)
            #expect(referenceBits(hex: hex, bitCount: bitCount) == a, "bitCount \(bitCount) \(hex)")
            #expect(try Fingerprint(hex: hex, bitCount: bitCount) == fa)
            let expected = zip(a, b).filter { $0 != $1 }.count
            #expect(fa.distance(to: fb) == expected)
            #expect(fb.distance(to: fa) == expected)
            #expect(fa.distance(to: fa) == 0)
            #expect(fa.normalizedDistance(to: fb) == Double(expected) / Double(bitCount))
            #expect(fa.nonzeroBitCount == a.filter { $0 }.count)
            if bitCount <= 64 {
                var v: UInt64 = 0
                for bit in a { v = v << 1 | (bit ? 1 : 0) }
                #expect(fa.uint64Value == v)
                #expect(Fingerprint(v, bitCount: bitCount) == fa)
            } else {
                #expect(fa.uint64Value == nil)
            }
            let data = try JSONEncoder().encode([fa])
            #expect(try JSONDecoder().decode([Fingerprint].self, from: data) == [fa])
        }
    }

    @Test func hexErrors() throws {
        #expect(throws: FingerprintError.empty) { try Fingerprint(hex: "") }
        #expect(throws: FingerprintError.invalidCharacter("g", offset: 2)) { try Fingerprint(hex: "12g4") }
        #expect(throws: FingerprintError.invalidCharacter(" ", offset: 0)) { try Fingerprint(hex: " 1") }
        #expect(try Fingerprint(hex: "123456789abcdef", bitCount: 64) == Fingerprint(0x0123_4567_89ab_cdef))
        #expect(throws: FingerprintError.wrongLength(expected: 16, found: 17)) {
            try Fingerprint(hex: "123456789abcdef01", bitCount: 64)
        }
        #expect(throws: FingerprintError.tooManyBits(bitCount: 9)) { try Fingerprint(hex: "3ff", bitCount: 9) }
        #expect(throws: FingerprintError.invalidBitCount(0)) { try Fingerprint(hex: "0", bitCount: 0) }
        #expect(Fingerprint("xyz") == nil)
        #expect(Fingerprint("ff")?.bitCount == 8)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([Fingerprint].self, from: Data(#"["1ff/x"]"#.utf8))
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([Fingerprint].self, from: Data(#"["zz"]"#.utf8))
        }
    }

    @Test func codableUsesHexString() throws {
        let f = try Fingerprint(hex: "1ff", bitCount: 9)
        #expect(String(decoding: try JSONEncoder().encode([f]), as: UTF8.self) == #"["1ff\/9"]"#)
        let g = try Fingerprint(hex: "8000000000000000")
        #expect(String(decoding: try JSONEncoder().encode([g]), as: UTF8.self) == #"["8000000000000000"]"#)
    }

    @Test func wordsAndInlineStorage() {
        var f = Fingerprint(bitCount: 70)
        f.setWord(1, to: ~0)
        #expect(f.word(1) == 0xFC00_0000_0000_0000)  // only 6 bits used
        #expect(f.nonzeroBitCount == 6)
        #expect(f.words == [0, 0xFC00_0000_0000_0000])
        #expect(Fingerprint(bitCount: 256).tail.isEmpty)
        #expect(Fingerprint(bitCount: 257).tail.count == 1)
    }
}
