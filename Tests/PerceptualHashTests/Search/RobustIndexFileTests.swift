import Testing

@testable import PerceptualHash

/// Robust index files (`IndexFile` version 2): round trips, the header fields as documented,
/// the configuration tag, and refusals of plain files, other tags and damaged bytes.
@Suite struct RobustIndexFileTests {
    /// CRC-32 (IEEE, reflected, 0xEDB88320) bit by bit, independent of `IndexFile.crc32`.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes {
            c ^= UInt32(b)
            for _ in 0..<8 { c = c & 1 == 1 ? (c >> 1) ^ 0xEDB8_8320 : c >> 1 }
        }
        return ~c
    }

    static func u32(_ b: [UInt8], _ at: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(b[at + $1]) << UInt32(8 * $1) }
    }

    func roundTrip<I: HammingIndex>(_ type: I.Type, bits: Int) throws {
        let references = RobustIndexTests.sets(bits: bits, images: 40, views: 9, seed: 7)
        var index = RobustIndex<I>(bitCount: bits)
        for (i, r) in references.enumerated() { index.insert(r, id: UInt32(i)) }
        let tag: UInt32 = 0xA1B2_C3D4
        let bytes = index.serialized(configurationTag: tag)
        // The documented header: version 2, flags 1, tag at 28, the CRC over the rest.
        #expect(bytes[8] == 2 && bytes[9] == 0 && bytes[11] == 1)
        #expect(Self.u32(bytes, 28) == tag)
        #expect(Self.u32(bytes, bytes.count - 4) == Self.crc32(Array(bytes.dropLast(4))))
        #expect(bytes.count == 36 + references.count * 9 * (8 * ((bits + 63) / 64) + 4))
        let back = try RobustIndex<I>(serialized: bytes, configurationTag: tag)
        let queries =
            RobustIndexTests.sets(bits: bits, images: 5, views: 2, seed: 8) + [
                try RobustFingerprint(entries: Array(references[3].entries.suffix(2)))
            ]
        for q in queries {
            for radius in [0, bits / 4, bits / 2] {
                #expect(back.neighbors(of: q, within: radius) == index.neighbors(of: q, within: radius))
            }
        }
        // Refusals: a plain reader, another tag, a plain file, damaged bytes.
        #expect(throws: IndexFileError.robustIndexFile) { try I(serialized: bytes) }
        #expect(throws: IndexFileError.configurationMismatch(expected: tag &+ 1, found: tag)) {
            try RobustIndex<I>(serialized: bytes, configurationTag: tag &+ 1)
        }
        #expect(throws: IndexFileError.notARobustIndexFile) {
            try RobustIndex<I>(serialized: index.index.serialized(), configurationTag: tag)
        }
        var damaged = bytes
        damaged[40] ^= 0x10
        #expect(
            throws: IndexFileError.checksumMismatch(
                stored: Self.u32(bytes, bytes.count - 4), computed: Self.crc32(Array(damaged.dropLast(4))))
        ) {
            try RobustIndex<I>(serialized: damaged, configurationTag: tag)
        }
        #expect(throws: IndexFileError.truncated(needed: 36, found: 20)) {
            try RobustIndex<I>(serialized: Array(bytes.prefix(20)), configurationTag: tag)
        }
        // A consistent robust header over a truncated body: the plain checks still apply.
        let short = IndexFile.robustFile(Array(index.index.serialized().prefix(100)) + [0, 0, 0, 0], tag: tag)
        #expect(throws: (any Error).self) { try RobustIndex<I>(serialized: short, configurationTag: tag) }
    }

    @Test func roundTrips() throws {
        try roundTrip(LinearScanIndex.self, bits: 64)
        try roundTrip(MultiIndexHashIndex.self, bits: 256)
        try roundTrip(BKTreeIndex.self, bits: 64)
        try roundTrip(VPTreeIndex.self, bits: 256)
    }

    /// The tag is the CRC-32 of the documented text, and tells hashers and views apart.
    @Test func configurationTag() {
        let pdq = RobustHasher(PDQHash())
        let c = RobustConfiguration.standard
        let text =
            "PDQHash()\n\(String(describing: c.trim!))\n\(c.thumbnailSide) \(c.workingSide)\n"
            + c.referenceVariants.map { "\($0)" }.joined(separator: ";") + "\n"
            + c.queryVariants.map { "\($0)" }.joined(separator: ";")
        #expect(String(describing: PDQHash()) == "PDQHash()")
        #expect(pdq.configurationTag == Self.crc32(Array(text.utf8)))
        let tags = [
            pdq.configurationTag, RobustHasher(PDQHash(), configuration: .dihedralOnly).configurationTag,
            RobustHasher(DCTHash(size: 8), configuration: c.withThumbnailSide(32)).configurationTag,
            RobustHasher(DCTHash(size: 16)).configurationTag,
            RobustHasher(PDQHash(), configuration: RobustConfiguration(trim: nil)).configurationTag,
        ]
        #expect(Set(tags).count == tags.count)
        #expect(RobustHasher(PDQHash()).configurationTag == pdq.configurationTag)
    }
}
