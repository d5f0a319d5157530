import Testing
@testable import PerceptualHash

/// MultiFingerprint's text form and matching against ImageHash 4.3.2's `ImageMultiHash`.
@Suite struct MultiFingerprintTests {
    @Test func imageHashMatching() throws {
        let lines = try Fixtures.lines("crop-resistant/matching.tsv")
        #expect(lines.count == 486)
        for line in lines {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let a = try MultiFingerprint(hex: f[0]), b = try MultiFingerprint(hex: f[1])
            let cutoff = f[2].isEmpty ? nil : Double(f[2])!, rate = f[3].isEmpty ? nil : Double(f[3])!
            let d = a.hashDiff(b, hammingCutoff: cutoff, bitErrorRate: rate)
            #expect(d.matches == Int(f[4])! && d.distanceSum == Int(f[5])!, "\(line)")
            #expect(a.matches(b, hammingCutoff: cutoff, bitErrorRate: rate) == (f[6] == "1"), "\(line)")
            #expect(a.matches(b, regionCutoff: 2, hammingCutoff: cutoff, bitErrorRate: rate) == (f[7] == "1"))
            #expect(a.distance(to: b, hammingCutoff: cutoff, bitErrorRate: rate) == Double(f[8])!, "\(line)")
            #expect(a.description == f[0])
        }
    }

    @Test func parsing() throws {
        let m = try MultiFingerprint(hex: "d027473e388587f9,0000FFFF0000ffff")
        #expect(m.segments.count == 2 && m.segmentBitCount == 64)
        #expect(m.description == "d027473e388587f9,0000ffff0000ffff")
        #expect(MultiFingerprint(m.description) == m)
        #expect(throws: FingerprintError.empty) { try MultiFingerprint(hex: "") }
        #expect(throws: FingerprintError.empty) { try MultiFingerprint(hex: "ab,,cd") }
        #expect(throws: FingerprintError.bitCountMismatch(bitCount: 8, otherBitCount: 12)) {
            try MultiFingerprint(hex: "ab,cde")
        }
        #expect(throws: FingerprintError.invalidCharacter(" ", offset: 0)) { try MultiFingerprint(hex: "ab, cd") }
        #expect(throws: FingerprintError.empty) { try MultiFingerprint(segments: []) }
    }

    /// Identity: every segment matches itself at distance 0, so the score is 0.
    @Test func identity() throws {
        let m = try MultiFingerprint(hex: "d027473e388587f9,0000ffff0000ffff,1234567812345678")
        #expect(m.hashDiff(m) == (3, 0))
        #expect(m.distance(to: m) == 0)
        #expect(m.matches(m, regionCutoff: 3) && !m.matches(m, regionCutoff: 4))
    }
}
