import Foundation
import PerceptualHash
import Testing

@testable import phash

/// `--robust` for `phash compare`, `phash dedupe` and `phash index`: distances and groups equal
/// to the library's robust sets (checked here by brute force), robust databases (format
/// version 4) that round-trip, and refusals of plain/robust mixtures and corrupted files.
@Suite struct RobustCommandTests {
    /// Original, its mirror, and an unrelated scene, 96x72, as PPM files in `folder`.
    static func images(_ folder: TemporaryFolder) throws -> (original: String, mirror: String, other: String) {
        let (original, mirror) = DistancesCommandTests.mirrored(width: 96, height: 72, seed: 5)
        return (
            try folder.write("a-original.ppm", original), try folder.write("b-mirror.ppm", mirror),
            try folder.write("c-other.ppm", Self.blocksPPM(width: 96, height: 72, seed: 9))
        )
    }

    /// An image unlike the scenes: 12-pixel blocks of seeded random colours.
    static func blocksPPM(width: Int, height: Int, seed: UInt64) -> [UInt8] {
        var state = seed
        var colours: [UInt8] = []
        for _ in 0..<(((width + 11) / 12) * ((height + 11) / 12) * 3) {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            colours.append(UInt8(truncatingIfNeeded: state >> 56))
        }
        var rgb: [UInt8] = []
        for y in 0..<height {
            for x in 0..<width {
                let block = (y / 12) * ((width + 11) / 12) + x / 12
                rgb += colours[(3 * block)..<(3 * block + 3)]
            }
        }
        return TestImages.ppm(width: width, height: height, rgb: rgb)
    }

    /// The reference and query sets of the image at `path` as the CLI makes them for `spec`.
    static func sets(_ path: String, _ hasher: some ImageHasher, _ spec: AlgorithmSpec) throws
        -> (reference: RobustFingerprint, query: RobustFingerprint)
    {
        let robust = RobustHasher(hasher, configuration: RobustMode.configuration(for: spec))
        let image = try PixelBuffer(contentsOfFile: path)
        return (robust.referenceFingerprint(of: image), robust.queryFingerprint(of: image))
    }

    /// The symmetric robust distance written out: every query view of one against every
    /// reference view of the other, both ways.
    static func bruteDistance(
        _ a: (reference: RobustFingerprint, query: RobustFingerprint),
        _ b: (reference: RobustFingerprint, query: RobustFingerprint)
    ) -> Int {
        var best = Int.max
        for (q, r) in [(a.query, b.reference), (b.query, a.reference)] {
            for x in q.fingerprints { for y in r.fingerprints { best = min(best, x.distance(to: y)) } }
        }
        return best
    }

    @Test func configurationsAndThresholds() {
        let pdq = AlgorithmSpec(name: .pdq), phash8 = AlgorithmSpec(name: .phash)
        #expect(RobustMode.configuration(for: pdq) == .standard)
        #expect(RobustMode.configuration(for: phash8) == RobustConfiguration.standard.withThumbnailSide(32))
        #expect(RobustMode.recommendedThreshold(for: pdq) == RobustHasher<PDQHash>.recommendedPDQThreshold)
        #expect(RobustMode.recommendedThreshold(for: phash8) == RobustHasher<DCTHash>.recommendedDCTHash8Threshold)
        #expect(
            RobustMode.recommendedThreshold(for: AlgorithmSpec(name: .phash, size: 16))
                == RobustHasher<DCTHash>.recommendedDCTHash16Threshold)
        #expect(
            RobustMode.recommendedThreshold(for: AlgorithmSpec(name: .phash, size: 8, highFrequencyFactor: 2)) == nil)
        // The tag depends on the algorithm and on the views.
        let tags = Set([pdq, phash8, AlgorithmSpec(name: .phash, size: 16)].map { RobustDatabaseTag(algorithm: $0) })
        #expect(tags.count == 3)
        #expect(tags.allSatisfy { RobustDatabaseTag.isWellFormed($0.configuration) })
        #expect(RobustDatabaseTag(algorithm: pdq).viewCount == RobustConfiguration.standard.referenceVariants.count)
        #expect(
            !RobustDatabaseTag.isWellFormed("robust1-0C5B2A77") && !RobustDatabaseTag.isWellFormed("robust1-0c5b2a7"))
    }

    @Test func compareRobust() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let (original, mirror, other) = try Self.images(folder)
        let pdq = AlgorithmSpec(name: .pdq), phash8 = AlgorithmSpec(name: .phash)
        let near = Self.bruteDistance(
            try Self.sets(original, PDQHash(), pdq), try Self.sets(mirror, PDQHash(), pdq))
        let far = Self.bruteDistance(
            try Self.sets(original, PDQHash(), pdq), try Self.sets(other, PDQHash(), pdq))
        let threshold = RobustHasher<PDQHash>.recommendedPDQThreshold
        #expect(near <= threshold && far > threshold, "near \(near) far \(far)")

        let same = try CLI.run(["compare", "--robust", original, mirror])
        #expect(same.status == 0, "\(same.stderr)")
        let row = try #require(same.lines.first { $0.hasPrefix("pdq ") })
        #expect(row.split(separator: " ").map(String.init) == ["pdq", "256", "\(near)", "\(threshold)", "similar"])
        #expect(same.lines.last == "verdict: similar (pdq robust distance \(near) <= \(threshold))")
        #expect(!same.lines.contains { $0.hasPrefix("colorhash") || $0.hasPrefix("histogram") })

        let different = try CLI.run(["compare", "--robust", "--format", "json", original, other])
        #expect(different.status == 1, "\(different.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(different.stdout.utf8)) as? [String: Any])
        #expect(object["robust"] as? Bool == true && object["verdict"] as? String == "different")
        let hashes = try #require(object["hashes"] as? [[String: Any]])
        let pdqRow = try #require(hashes.first { $0["algorithm"] as? String == "pdq" })
        #expect(pdqRow["distance"] as? Int == far && pdqRow["threshold"] as? Int == threshold)
        let phashRow = try #require(hashes.first { $0["algorithm"] as? String == phash8.description })
        let phashDistance = Self.bruteDistance(
            try Self.sets(original, DCTHash(size: 8), phash8), try Self.sets(other, DCTHash(size: 8), phash8))
        #expect(phashRow["distance"] as? Int == phashDistance)
        #expect(phashRow["threshold"] as? Int == RobustHasher<DCTHash>.recommendedDCTHash8Threshold)
        let verticalRow = try #require(
            hashes.first { ($0["algorithm"] as? String)?.hasPrefix("dhash-vertical ") == true })
        #expect(verticalRow["threshold"] is NSNull && verticalRow["similar"] is NSNull)
        let dhashRow = try #require(hashes.first { ($0["algorithm"] as? String)?.hasPrefix("dhash ") == true })
        #expect(dhashRow["threshold"] as? Int == RobustHasher<DifferenceHash>.recommendedDifferenceHash8Threshold)
    }

    @Test func dedupeRobust() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let (original, mirror, other) = try Self.images(folder)
        // Plain dedupe does not group the mirror; robust dedupe groups it with its original.
        let plain = try CLI.run(["dedupe", "--algorithm", "pdq", "--format", "tsv", folder.url.path])
        #expect(plain.status == 0 && plain.lines == ["group\tpath\thash"], "\(plain.stdout)\(plain.stderr)")
        let robust = try CLI.run(["dedupe", "--algorithm", "pdq", "--robust", "--format", "tsv", folder.url.path])
        #expect(robust.status == 0, "\(robust.stderr)")
        let whole = { (path: String) in try Self.sets(path, PDQHash(), AlgorithmSpec(name: .pdq)).reference.entries[0] }
        #expect(try whole(original).variant == .identity)
        #expect(
            robust.lines == [
                "group\tpath\thash", "1\t\(original)\t\(try whole(original).fingerprint)",
                "1\t\(mirror)\t\(try whole(mirror).fingerprint)",
            ])
        // The groups equal the components of the brute-force symmetric distance at a
        // threshold between the two distances, for phash as well.
        let phash8 = AlgorithmSpec(name: .phash)
        let all = try [original, mirror, other].map { try Self.sets($0, DCTHash(size: 8), phash8) }
        let d01 = Self.bruteDistance(all[0], all[1]), d02 = Self.bruteDistance(all[0], all[2])
        let d12 = Self.bruteDistance(all[1], all[2])
        for t in Set([d01, d02, d12, d01 - 1, max(d02, d12)]) where t >= 0 {
            let result = try CLI.run([
                "dedupe", "--robust", "--threshold", "\(t)", "--format", "json", original, mirror, other,
            ])
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            let groups = try #require(object["groups"] as? [[[String: Any]]]).map { $0.map { $0["path"] as! String } }
            let paths = [original, mirror, other]
            var expected: [[String]] = []
            let linked = [d01 <= t, d02 <= t, d12 <= t]
            if linked.filter({ $0 }).count >= 2 {
                expected = [paths]
            } else if linked[0] {
                expected = [[paths[0], paths[1]]]
            } else if linked[1] {
                expected = [[paths[0], paths[2]]]
            } else if linked[2] {
                expected = [[paths[1], paths[2]]]
            }
            #expect(groups == expected, "t \(t): \(d01) \(d02) \(d12)")
            #expect(object["robust"] as? Bool == true && object["threshold"] as? Int == t)
        }
        let defaultThreshold = try CLI.run(["dedupe", "--robust", "--format", "json", original])
        #expect(
            defaultThreshold.stdout.contains("\"threshold\": \(RobustHasher<DCTHash>.recommendedDCTHash8Threshold)"))
        // No measured threshold: --threshold is required; --hashes and --min-quality do not combine.
        let unmeasured = try CLI.run(["dedupe", "--robust", "--algorithm", "dhash-vertical", original])
        #expect(unmeasured.status == 2 && unmeasured.stderr.contains("--threshold"), "\(unmeasured.stderr)")
        #expect(
            try CLI.run(["dedupe", "--robust", "--algorithm", "dhash-vertical", "--threshold", "5", original]).status
                == 0)
        #expect(try CLI.run(["dedupe", "--robust", "--hashes", "-"]).status == 2)
        #expect(try CLI.run(["dedupe", "--robust", "--algorithm", "pdq", "--min-quality", "50", original]).status == 2)
        #expect(try CLI.run(["dedupe", "--robust", "--algorithm", "colorhash", original]).status == 2)
    }

    @Test func indexRobustBuildAddSearch() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let (original, mirror, other) = try Self.images(folder)
        let db = folder.path("robust.phdb")
        let pdq = AlgorithmSpec(name: .pdq)
        let build = try CLI.run(["index", "build", db, "--robust", "--algorithm", "pdq", original, other])
        #expect(build.status == 0, "\(build.stderr)")
        let info = try CLI.run(["index", "info", db])
        let tag = RobustDatabaseTag(algorithm: pdq)
        #expect(info.lines.contains("format version: 4"))
        #expect(info.lines.contains("robust: \(tag.configuration), \(tag.viewCount) views per image"))

        // The file holds exactly the library's reference sets, in the configuration's order.
        let database = try FingerprintDatabase(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: db))))
        #expect(database.robust == tag && database.count == 2)
        let variants = RobustConfiguration.standard.referenceVariants
        let stored = try #require(database.robustSet(ofEntry: 0, variants: variants))
        #expect(stored == (try Self.sets(original, PDQHash(), pdq)).reference)

        // A search without --robust follows the database; the mirror finds its original at the
        // library's per-image distance, each image once.
        let query = try Self.sets(mirror, PDQHash(), pdq).query
        let distances = try [original, other].map { query.distance(to: try Self.sets($0, PDQHash(), pdq).reference) }
        let search = try CLI.run(["index", "search", db, "--format", "tsv", mirror])
        #expect(search.status == 0, "\(search.stderr)")
        let threshold = RobustHasher<PDQHash>.recommendedPDQThreshold
        let expected = zip([original, other], distances).filter { $0.1 <= threshold }.sorted { $0.1 < $1.1 }
        #expect(
            search.lines
                == ["query\tdistance\thash\tpath"]
                + (try expected.map {
                    "\(mirror)\t\($0.1)\t\(try Self.sets($0.0, PDQHash(), pdq).reference.entries[0].fingerprint)\t\($0.0)"
                }))
        let nearest = try CLI.run(["index", "search", db, "--robust", "--nearest", "2", "--format", "json", mirror])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(nearest.stdout.utf8)) as? [String: Any])
        let matches = try #require((object["queries"] as? [[String: Any]])?.first?["matches"] as? [[String: Any]])
        #expect(matches.map { $0["distance"] as? Int } == distances.sorted())
        #expect(try CLI.run(["index", "search", db, "--radius", "0", other]).status == 0)

        // add: a new image becomes a robust entry; adding it again changes nothing.
        let added = try CLI.run(["index", "add", db, mirror])
        #expect(
            added.status == 0 && added.stdout.contains("1 added, 0 updated, 0 unchanged, 3 images"), "\(added.stdout)")
        let again = try CLI.run(["index", "add", db, "--robust", mirror])
        #expect(again.stdout.contains("0 added, 0 updated, 1 unchanged, 3 images"), "\(again.stdout)")
        let reread = try FingerprintDatabase(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: db))))
        #expect(reread.robustSet(ofEntry: 2, variants: variants) == (try Self.sets(mirror, PDQHash(), pdq)).reference)
        // At radius 0 the mirror finds itself and its original (whose reference set holds the
        // mirrored view).
        let exact = try CLI.run(["index", "search", db, "--radius", "0", "--format", "tsv", mirror])
        let exactPaths = exact.lines.dropFirst().map { $0.split(separator: "\t").map(String.init) }
        #expect(exactPaths.map { [$0[0], $0[1], $0[3]] } == [[mirror, "0", original], [mirror, "0", mirror]])
        // remove works on robust entries.
        let removed = try CLI.run(["index", "remove", db, mirror])
        #expect(removed.status == 0 && removed.stdout.contains("1 removed, 2 images"))
        let afterRemove = try FingerprintDatabase(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: db))))
        #expect(
            afterRemove.robustSet(ofEntry: 1, variants: variants) == (try Self.sets(other, PDQHash(), pdq)).reference)
        // phash at size 8 without measured robust radius works; ahash needs --radius.
        let small = folder.path("small.phdb")
        #expect(
            try CLI.run(["index", "build", small, "--robust", "--algorithm", "dhash-vertical", original]).status == 0)
        let noRadius = try CLI.run(["index", "search", small, original])
        #expect(noRadius.status == 2 && noRadius.stderr.contains("--radius"), "\(noRadius.stderr)")
        #expect(try CLI.run(["index", "search", small, "--radius", "0", original]).status == 0)
    }

    /// `bytes` with the checksum redone.
    static func resealed(_ bytes: [UInt8]) -> [UInt8] {
        var out = Array(bytes.dropLast(4))
        var crc = IndexFile.crc32(out).littleEndian
        withUnsafeBytes(of: &crc) { out += $0 }
        return out
    }

    @Test func plainAndRobustAreNotMixed() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let (original, mirror, _) = try Self.images(folder)
        let plain = folder.path("plain.phdb")
        #expect(try CLI.run(["index", "build", plain, original]).status == 0)
        let add = try CLI.run(["index", "add", plain, "--robust", mirror])
        #expect(add.status == 2 && add.stderr.contains("plain fingerprints, not robust sets"), "\(add.stderr)")
        #expect(try CLI.run(["index", "search", plain, "--robust", mirror]).status == 2)
        #expect(
            try CLI.run([
                "index", "build", folder.path("q.phdb"), "--robust", "--algorithm", "pdq", "--min-quality", "50",
                original,
            ]).status == 2)

        // A robust database whose tag is another configuration's is refused for add and
        // search, but info and remove still work.
        let robust = folder.path("robust.phdb")
        #expect(try CLI.run(["index", "build", robust, "--robust", original]).status == 0)
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: robust)))
        let tag = RobustDatabaseTag(algorithm: AlgorithmSpec(name: .phash)).configuration
        let at = try #require(bytes.indices.first { Array(bytes[$0..<min(bytes.count, $0 + 16)]) == Array(tag.utf8) })
        var foreign = bytes
        foreign[at + 15] = foreign[at + 15] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
        try Data(Self.resealed(foreign)).write(to: URL(fileURLWithPath: robust))
        let search = try CLI.run(["index", "search", robust, mirror])
        #expect(search.status == 2 && search.stderr.contains("other views"), "\(search.stderr)")
        #expect(try CLI.run(["index", "add", robust, mirror]).status == 2)
        #expect(try CLI.run(["index", "info", robust]).status == 0)

        // File-level checks: a robust tag in a version 2 file, a version 4 file without a
        // tag, a malformed tag, a view count that does not fit the length, a flipped
        // fingerprint byte (checksum), and a plain database with a nonzero view count.
        func refused(_ data: [UInt8]) -> String? {
            do {
                _ = try FingerprintDatabase(bytes: data)
                return nil
            } catch { return error.description }
        }
        // A version 2 file (one fingerprint per entry) whose algorithm carries a robust tag.
        let plainBytes = Array(try Data(contentsOf: URL(fileURLWithPath: plain)))
        let oldName = Array(AlgorithmSpec(name: .phash).description.utf8)
        let newName = oldName + Array(" robust=\(tag)".utf8)
        var v2 = Array(plainBytes[0..<32]) + newName + plainBytes[(32 + oldName.count)...]
        v2[24] = UInt8(newName.count)
        #expect(refused(Self.resealed(v2))?.contains("a robust algorithm") == true)
        var malformed = bytes
        malformed[at + 8] = UInt8(ascii: "G")
        #expect(refused(Self.resealed(malformed))?.contains("malformed robust tag") == true)
        var views = bytes
        views[10] = views[10] &+ 1
        #expect(refused(Self.resealed(views))?.contains("where the header implies") == true)
        var flipped = bytes
        flipped[bytes.count - 5] ^= 0x01
        #expect(refused(flipped)?.contains("checksum mismatch") == true)
        var plainViews = plainBytes
        plainViews[10] = 1
        #expect(refused(Self.resealed(plainViews))?.contains("reserved header bytes") == true)
        var v4 = plainBytes
        v4[8] = 4
        v4[10] = 1
        #expect(refused(Self.resealed(v4))?.contains("has no robust tag") == true)
        // In memory: a robust database round-trips, a plain one keeps writing version 2.
        let database = try FingerprintDatabase(bytes: bytes)
        #expect(database.serialized() == bytes)
        #expect(try FingerprintDatabase(bytes: plainBytes).serialized()[8] == 2)
    }
}
