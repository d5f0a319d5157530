import Foundation
import PerceptualHash
import Testing

@testable import phash

/// `phash distances`: one line per (query, reference) pair, plain or robust, equal to the
/// library's distances.
@Suite struct DistancesCommandTests {
    /// A scene and its left-right mirror as P6 files.
    static func mirrored(width: Int, height: Int, seed: UInt64) -> (original: [UInt8], mirror: [UInt8]) {
        let rgb = TestImages.scene(width: width, height: height, seed: seed, noise: 30)
        var flipped = rgb
        for y in 0..<height {
            for x in 0..<width {
                for c in 0..<3 { flipped[(y * width + x) * 3 + c] = rgb[(y * width + width - 1 - x) * 3 + c] }
            }
        }
        return (
            TestImages.ppm(width: width, height: height, rgb: rgb),
            TestImages.ppm(width: width, height: height, rgb: flipped)
        )
    }

    @Test func plainDistancesEqualTheLibrary() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let refs = [
            try folder.write("refs/a.ppm", TestImages.scenePPM(width: 80, height: 60, seed: 1)),
            try folder.write("refs/b.ppm", TestImages.scenePPM(width: 80, height: 60, seed: 2)),
        ]
        let query = try folder.write("q.ppm", TestImages.scenePPM(width: 80, height: 60, seed: 1, brightness: 5))
        let result = try CLI.run(["distances", folder.path("refs"), query])
        #expect(result.status == 0, "\(result.stderr)")
        let q = try libraryFingerprint(query, DCTHash(size: 8))
        let expected = try refs.map {
            "\(query)\t\($0)\t\(q.distance(to: try libraryFingerprint($0, DCTHash(size: 8))))"
        }
        #expect(result.lines == ["query\treference\tdistance"] + expected)
    }

    /// With --robust a mirrored copy comes back at the library's robust distance (query set of
    /// the copy against reference set of the original), within the recommended PDQ threshold,
    /// while plain PDQ puts it far away; json carries the same numbers.
    @Test func robustFindsTheMirror() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let (original, mirror) = Self.mirrored(width: 96, height: 72, seed: 5)
        let ref = try folder.write("ref.ppm", original)
        let other = try folder.write("other.ppm", TestImages.scenePPM(width: 96, height: 72, seed: 9, noise: 30))
        let query = try folder.write("mirror.ppm", mirror)
        let robust = RobustHasher(PDQHash())
        let refSet = robust.referenceFingerprint(of: try PixelBuffer(contentsOfFile: ref))
        let otherSet = robust.referenceFingerprint(of: try PixelBuffer(contentsOfFile: other))
        let querySet = robust.queryFingerprint(of: try PixelBuffer(contentsOfFile: query))
        let near = querySet.distance(to: refSet), far = querySet.distance(to: otherSet)
        #expect(near <= RobustHasher<PDQHash>.recommendedPDQThreshold && far > near, "near \(near) far \(far)")

        let tsv = try CLI.run(["distances", "--algorithm", "pdq", "--robust", ref, query])
        #expect(tsv.status == 0, "\(tsv.stderr)")
        #expect(tsv.lines == ["query\treference\tdistance", "\(query)\t\(ref)\t\(near)"])
        let plain = try CLI.run(["distances", "--algorithm", "pdq", ref, query])
        let plainDistance = try libraryFingerprint(query, PDQHash()).distance(
            to: try libraryFingerprint(ref, PDQHash()))
        #expect(plain.lines == ["query\treference\tdistance", "\(query)\t\(ref)\t\(plainDistance)"])
        #expect(plainDistance > near)

        let json = try CLI.run([
            "distances", "--algorithm", "pdq", "--robust", "--format", "json", folder.url.path, query,
        ])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["robust"] as? Bool == true && object["bits"] as? Int == 256)
        let pairs = try #require(object["pairs"] as? [[String: Any]])
        // References are the folder's three files in byte order: mirror.ppm, other.ppm, ref.ppm.
        #expect(pairs.map { $0["distance"] as? Int } == [0, far, near])
    }

    @Test func usageErrors() throws {
        #expect(try CLI.run(["distances", "only-one"]).status == 2)
        #expect(try CLI.run(["distances", "--format", "text", "a", "b"]).status == 2)
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let a = try folder.write("a.ppm", TestImages.scenePPM(seed: 1))
        let missing = try CLI.run(["distances", a, folder.path("missing.ppm")])
        #expect(missing.status == 2 && missing.lines == ["query\treference\tdistance"], "\(missing.stdout)")
        #expect(try CLI.run(["distances", "--help"]).stdout.contains("query<TAB>reference<TAB>distance"))
    }

    /// `hash --robust` prints the library's robust reference set, in each format.
    @Test func hashRobustPrintsTheReferenceSet() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let a = try folder.write("a.ppm", TestImages.scenePPM(width: 80, height: 60, seed: 3, noise: 20))
        let b = try folder.write("b.ppm", TestImages.scenePPM(width: 60, height: 80, seed: 4, noise: 20))
        let sets = try [a, b].map {
            RobustHasher(PDQHash()).referenceFingerprint(of: try PixelBuffer(contentsOfFile: $0))
        }
        let text = try CLI.run(["hash", "--algorithm", "pdq", "--robust", a, b])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.lines == ["\(sets[0])  \(a)", "\(sets[1])  \(b)"])
        #expect(try text.lines.map { try RobustFingerprint(String($0.prefix { $0 != " " })) } == sets)
        let small = RobustHasher(DCTHash(size: 8), configuration: RobustConfiguration.standard.withThumbnailSide(32))
            .referenceFingerprint(of: try PixelBuffer(contentsOfFile: a))
        let tsv = try CLI.run(["hash", "--robust", "--format", "tsv", a])
        #expect(tsv.lines == ["path\talgorithm\tbits\trobust", "\(a)\tphash\t64\t\(small)"])
        let json = try CLI.run(["hash", "--robust", "--algorithm", "pdq", "--format", "json", a, b])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let items = try #require(object["images"] as? [[String: Any]])
        #expect(items.map { $0["robust"] as? String } == sets.map(\.description))
        #expect(try CLI.run(["hash", "--robust", "--algorithm", "pdq", "--min-quality", "50", a]).status == 2)
    }
}
