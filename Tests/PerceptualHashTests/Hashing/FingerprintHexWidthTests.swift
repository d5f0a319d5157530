import Testing
@testable import PerceptualHash

/// `Fingerprint(hex:bitCount:)` with leading zeros omitted, and `checkedDistance(to:)`.
@Suite struct FingerprintHexWidthTests {
    /// A 64-bit hash stored as an integer and printed without padding reads back as 64 bits.
    @Test func integerWithoutLeadingZerosReadsBackAt64Bits() throws {
        let value: UInt64 = 0x0000_003e_3885_87f9
        let text = String(value, radix: 16)
        #expect(text == "3e388587f9")
        let f = try Fingerprint(hex: text, bitCount: 64)
        #expect(f.bitCount == 64)
        #expect(f.uint64Value == value)
        #expect(f == Fingerprint(value))
        #expect(f.description == "0000003e388587f9")
        let full = try Fingerprint(hex: "d027473e388587f9")
        #expect(full.distance(to: f) == (full.uint64Value! ^ value).nonzeroBitCount)
        // The width-inferring initializer still reads 10 digits as 40 bits.
        #expect(try Fingerprint(hex: text).bitCount == 40)
    }

    @Test func randomValuesWithShortHexRoundTrip() throws {
        var rng = SplitMix64(seed: 11)
        for _ in 0..<2000 {
            let shift = UInt64.random(in: 0...63, using: &rng)
            let value = rng.next() >> shift
            let text = String(value, radix: 16)
            let f = try Fingerprint(hex: text, bitCount: 64)
            #expect(f == Fingerprint(value), "\(text)")
            #expect(try Fingerprint(hex: text.uppercased(), bitCount: 64) == f)
            // A signed database column: the same bits through Int64(bitPattern:).
            let signed = Int64(bitPattern: value)
            #expect(UInt64(bitPattern: signed) == f.uint64Value)
        }
    }

    @Test(arguments: [1, 3, 4, 5, 9, 13, 64, 65, 100, 256, 300])
    func everyShorterLengthPadsWithZeros(bitCount: Int) throws {
        var rng = SplitMix64(seed: UInt64(bitCount) &* 7)
        let digits = (bitCount + 3) / 4
        for length in 1...digits {
            // A random value of `length` digits that fits in `bitCount` bits.
            var bits = [Bool](repeating: false, count: bitCount)
            let low = min(bitCount, length * 4)
            for i in (bitCount - low)..<bitCount { bits[i] = Bool.random(using: &rng) }
            let expected = Fingerprint(bits: bits)
            let text = String(expected.description.suffix(length))
            #expect(try Fingerprint(hex: text, bitCount: bitCount) == expected, "\(bitCount) bits, '\(text)'")
        }
    }

    @Test func valuesThatDoNotFitAreRefused() throws {
        #expect(throws: FingerprintError.wrongLength(expected: 16, found: 17)) {
            try Fingerprint(hex: "0000000000000000f", bitCount: 64)
        }
        #expect(throws: FingerprintError.tooManyBits(bitCount: 9)) { try Fingerprint(hex: "2ff", bitCount: 9) }
        #expect(throws: FingerprintError.tooManyBits(bitCount: 1)) { try Fingerprint(hex: "2", bitCount: 1) }
        #expect(throws: FingerprintError.wrongLength(expected: 1, found: 2)) { try Fingerprint(hex: "01", bitCount: 1) }
        #expect(throws: FingerprintError.empty) { try Fingerprint(hex: "", bitCount: 64) }
        #expect(throws: FingerprintError.invalidCharacter("x", offset: 1)) {
            try Fingerprint(hex: "0x12", bitCount: 64)
        }
        #expect(throws: FingerprintError.invalidCharacter("-", offset: 0)) { try Fingerprint(hex: "-1", bitCount: 64) }
        #expect(try Fingerprint(hex: "ff", bitCount: 9).description == "0ff")
        #expect(try Fingerprint(hex: "1", bitCount: 1).description == "1")
    }

    @Test func checkedDistanceThrowsOnMismatchAndAgreesOtherwise() throws {
        let a = try Fingerprint(hex: "d027473e388587f9")
        let b = try Fingerprint(hex: "3e388587f9")
        #expect(throws: FingerprintError.bitCountMismatch(bitCount: 64, otherBitCount: 40)) {
            try a.checkedDistance(to: b)
        }
        let c = try Fingerprint(hex: "3e388587f9", bitCount: 64)
        #expect(try a.checkedDistance(to: c) == a.distance(to: c))
        #expect(try a.checkedDistance(to: a) == 0)
        var rng = SplitMix64(seed: 5)
        for bitCount in [7, 64, 130, 300] {
            let x = Fingerprint(bits: (0..<bitCount).map { _ in Bool.random(using: &rng) })
            let y = Fingerprint(bits: (0..<bitCount).map { _ in Bool.random(using: &rng) })
            #expect(try x.checkedDistance(to: y) == x.distance(to: y))
        }
    }
}
