import Foundation
import Testing
@testable import PerceptualHash

@Suite struct RobustVariantTests {
    @Test func configurationCodableRoundTrip() throws {
        for c in [
            RobustConfiguration.standard, .dihedralOnly,
            RobustConfiguration(trim: nil, thumbnailSide: 16, rotations: [3]),
            RobustConfiguration(sideCrops: [5], querySideCrops: [7, 12]),
        ] {
            let data = try JSONEncoder().encode(c)
            #expect(try JSONDecoder().decode(RobustConfiguration.self, from: data) == c)
        }
    }

    /// `querySideCrops` adds, per amount, the four one-sided query crops after the whole image
    /// and the centre (which is there only with rotations).
    @Test func querySideCrops() {
        let c = RobustConfiguration(sideCrops: [5], rotations: [4], querySideCrops: [7, 12])
        #expect(
            c.queryVariants == [
                .identity, RobustVariant(left: 14, top: 14, right: 14, bottom: 14),
                RobustVariant(left: 7), RobustVariant(top: 7), RobustVariant(right: 7), RobustVariant(bottom: 7),
                RobustVariant(left: 12), RobustVariant(top: 12), RobustVariant(right: 12), RobustVariant(bottom: 12),
            ])
        #expect(RobustConfiguration(querySideCrops: [3]).queryVariants.count == 5)
    }

    @Test func textForm() throws {
        let v = RobustVariant(left: 14, top: 14, right: 14, bottom: 14, rotation: -10, symmetry: .flipY)
        #expect(v.description == "14,14,14,14@-10/5")
        #expect(RobustVariant("14,14,14,14@-10/5") == v)
        #expect(RobustVariant.identity.description == "0,0,0,0@0/0")
        for bad in [
            "", "0,0,0@0/0", "0,0,0,0@0", "0,0,0,0@46/0", "0,0,0,0@0/8", "50,0,50,0@0/0", "-1,0,0,0@0/0",
            "0,0,0,0@0/0/0", "a,0,0,0@0/0", "0,0,0,0@0/00000",
        ] {
            #expect(RobustVariant(bad) == nil, "\(bad) parsed")
        }
        let data = try JSONEncoder().encode([v])
        #expect(String(decoding: data, as: UTF8.self) == "[\"14,14,14,14@-10\\/5\"]")
        #expect(try JSONDecoder().decode([RobustVariant].self, from: data) == [v])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([RobustVariant].self, from: Data("[\"x\"]".utf8))
        }
    }

    /// The standard configuration's reference views: 8 whole-image symmetries, then 29 partial
    /// views (2 centred crops, 12 one-sided, 8 corner, 7 rotations) each as is and mirrored;
    /// queries: the whole image, its centre and the four one-sided 10% crops.
    @Test func standardConfiguration() {
        let c = RobustConfiguration.standard
        #expect(c.referenceVariants.count == 66)
        #expect(Set(c.referenceVariants).count == 66)
        #expect(
            c.queryVariants == [
                .identity, RobustVariant(left: 14, top: 14, right: 14, bottom: 14), RobustVariant(left: 10),
                RobustVariant(top: 10), RobustVariant(right: 10), RobustVariant(bottom: 10),
            ])
        #expect(c.queryVariants.allSatisfy { c.referenceVariants.contains($0) })
        #expect(Array(c.referenceVariants.prefix(8)) == DihedralTransform.allCases.map { RobustVariant(symmetry: $0) })
        #expect(
            c.referenceVariants.contains(
                RobustVariant(left: 14, top: 14, right: 14, bottom: 14, rotation: -15, symmetry: .flipY)))
        #expect(c.referenceVariants.contains(RobustVariant(bottom: 30)))
        #expect(c.referenceVariants.contains(RobustVariant(left: 20, bottom: 20, symmetry: .flipY)))
        #expect(RobustConfiguration.dihedralOnly.referenceVariants.count == 8)
        let thumb32 = c.withThumbnailSide(32)
        #expect(
            thumb32.thumbnailSide == 32 && thumb32.workingSide == 64 && thumb32.referenceVariants == c.referenceVariants
        )
        #expect(RobustConfiguration.dihedralOnly.queryVariants == [.identity])
    }
}
