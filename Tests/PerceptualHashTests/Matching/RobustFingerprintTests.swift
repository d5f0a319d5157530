import Foundation
import Testing
@testable import PerceptualHash

@Suite struct RobustFingerprintTests {
    static func randomSet(bits: Int, count: Int, seed: UInt64) -> RobustFingerprint {
        var rng = SplitMix64(seed: seed)
        let variants = RobustConfiguration.standard.referenceVariants
        let entries = (0..<count).map { i in
            var f = Fingerprint(bitCount: bits)
            for w in 0..<f.wordCount { f.setWord(w, to: rng.next()) }
            return RobustFingerprint.Entry(variant: variants[i % variants.count], fingerprint: f)
        }
        return try! RobustFingerprint(entries: entries)
    }

    /// The set distance is the brute-force minimum over all pairs, symmetric, 0 on itself;
    /// `matches` agrees with it at every threshold.
    @Test(arguments: [64, 256, 100])
    func distanceIsTheMinimumOverPairs(bits: Int) {
        for seed in UInt64(1)...20 {
            let a = Self.randomSet(bits: bits, count: 1 + Int(seed % 7), seed: seed)
            let b = Self.randomSet(bits: bits, count: 1 + Int(seed % 5) * 9, seed: seed &* 31)
            let expected = RobustTestImages.bruteForceDistance(a, b)
            #expect(a.distance(to: b) == expected, "bits \(bits) seed \(seed)")
            #expect(b.distance(to: a) == expected, "bits \(bits) seed \(seed)")
            #expect(a.distance(to: a) == 0)
            for t in [expected - 1, expected, expected + 1] where t >= 0 {
                #expect(a.matches(b, within: t) == (expected <= t), "bits \(bits) seed \(seed) threshold \(t)")
            }
        }
    }

    @Test(arguments: [64, 256, 1, 100])
    func textBinaryAndCodableRoundTrips(bits: Int) throws {
        let set = Self.randomSet(bits: bits, count: 44, seed: UInt64(bits))
        let text = set.description
        #expect(text.hasPrefix("robust1/\(bits);0,0,0,0@0/0="))
        #expect(try RobustFingerprint(text) == set)
        let bytes = set.serialized()
        #expect(bytes.count == 13 + 44 * (6 + (bits + 7) / 8))
        #expect(Array(bytes.prefix(5)) == Array("PHRF".utf8) + [1])
        #expect(try RobustFingerprint(serialized: bytes) == set)
        let json = try JSONEncoder().encode(set)
        #expect(try JSONDecoder().decode(RobustFingerprint.self, from: json) == set)
    }

    /// A known 64-bit set written by hand in both forms.
    /// A query set made with the earlier two-view default (whole image and centre) still parses
    /// from its text, binary and Codable forms, and compares with a reference set of the
    /// current default at the smallest distance over its two views; the current six-view
    /// query is never farther (its first two views are those two).
    @Test func earlierTwoViewQueriesStillParseAndCompare() throws {
        let standard = RobustConfiguration.standard.withThumbnailSide(32)
        let earlier = RobustConfiguration(
            thumbnailSide: 32, workingSide: standard.workingSide, referenceVariants: standard.referenceVariants,
            queryVariants: [.identity, RobustVariant(left: 14, top: 14, right: 14, bottom: 14)])
        let original = RobustTestImages.photo(width: 160, height: 120, seed: 21)
        let copy = RobustTestImages.cropped(original, x0: 4, y0: 14, x1: 140, y1: 112)
        let reference = RobustHasher(DCTHash(size: 8), configuration: standard).referenceFingerprint(of: original)
        let old = RobustHasher(DCTHash(size: 8), configuration: earlier).queryFingerprint(of: copy)
        let current = RobustHasher(DCTHash(size: 8), configuration: standard).queryFingerprint(of: copy)
        #expect(old.count == 2 && current.count == 6)
        #expect(Array(current.entries.prefix(2)) == old.entries)
        let text = old.description
        #expect(text.hasPrefix("robust1/64;0,0,0,0@0/0=") && text.contains(";14,14,14,14@0/0="))
        for parsed in [
            try RobustFingerprint(text), try RobustFingerprint(serialized: old.serialized()),
            try JSONDecoder().decode(RobustFingerprint.self, from: JSONEncoder().encode(old)),
        ] {
            #expect(parsed == old)
            #expect(parsed.distance(to: reference) == RobustTestImages.bruteForceDistance(parsed, reference))
            #expect(current.distance(to: reference) <= parsed.distance(to: reference))
        }
    }

    @Test func knownForms() throws {
        let f = try Fingerprint(hex: "d027473e388587f9")
        let set = try RobustFingerprint(entries: [
            .init(variant: RobustVariant(right: 12, symmetry: .flipY), fingerprint: f)
        ])
        #expect(set.description == "robust1/64;0,0,12,0@0/5=d027473e388587f9")
        #expect(
            set.serialized() == Array("PHRF".utf8) + [
                1, 64, 0, 0, 0, 1, 0, 0, 0, 0, 0, 12, 0, 0, 5,
                0xd0, 0x27, 0x47, 0x3e, 0x38, 0x85, 0x87, 0xf9,
            ])
    }

    @Test func badInputThrowsTypedErrors() throws {
        let good = Self.randomSet(bits: 64, count: 2, seed: 5).serialized()
        #expect(throws: RobustFingerprintError.badMagic) {
            try RobustFingerprint(serialized: [0x50, 0x48, 0x52, 0x47] + good.dropFirst(4))
        }
        #expect(throws: RobustFingerprintError.unsupportedVersion(2)) {
            try RobustFingerprint(serialized: Array(good.prefix(4)) + [2] + good.dropFirst(5))
        }
        #expect(throws: RobustFingerprintError.truncated(expected: good.count, found: good.count - 1)) {
            try RobustFingerprint(serialized: Array(good.dropLast()))
        }
        #expect(throws: RobustFingerprintError.truncated(expected: 13, found: 3)) {
            try RobustFingerprint(serialized: [1, 2, 3])
        }
        var huge = good
        huge[9] = 0xff; huge[10] = 0xff
        #expect(throws: RobustFingerprintError.tooManyEntries(0xffff)) { try RobustFingerprint(serialized: huge) }
        var badVariant = good
        badVariant[13 + 4] = 100  // rotation 100
        #expect(throws: RobustFingerprintError.invalidVariant(index: 0)) {
            try RobustFingerprint(serialized: badVariant)
        }
        let odd = Self.randomSet(bits: 4, count: 1, seed: 1).serialized()
        var padding = odd
        padding[padding.count - 1] |= 0x01
        #expect(throws: RobustFingerprintError.nonzeroPadding(index: 0)) { try RobustFingerprint(serialized: padding) }
        #expect(throws: RobustFingerprintError.empty) { try RobustFingerprint(entries: []) }
        #expect(throws: RobustFingerprintError.empty) { try RobustFingerprint("robust1/64") }
        #expect(throws: RobustFingerprintError.mixedBitCounts(64, 256)) {
            try RobustFingerprint(entries: [
                .init(variant: .identity, fingerprint: Fingerprint(bitCount: 64)),
                .init(variant: .identity, fingerprint: Fingerprint(bitCount: 256)),
            ])
        }
        for text in ["robust2/64;0,0,0,0@0/0=00", "robust1/64;0,0,0,0@0/0=zz", "robust1/0;", "robust1/64;0,0,0,0@0/0"] {
            #expect(throws: RobustFingerprintError.self, "\(text)") { try RobustFingerprint(text) }
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(RobustFingerprint.self, from: Data("\"robust1/x\"".utf8))
        }
    }
}
