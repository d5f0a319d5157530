import Foundation
import PerceptualHash
import Testing

/// `phash compare` and `phash dedupe`.
@Suite struct CompareDedupeTests {
    static let algorithmNames = [
        "ahash", "phash", "dhash", "dhash-vertical", "phash-simple", "ahash-classic", "phash-classic", "dhash-classic",
    ]

    /// Documentation/Benchmarks.md, "Thresholds for a false-positive rate" (1e-4 per pair),
    /// 64-bit hashes.
    static let thresholds64 = [
        "ahash": 0, "phash": 13, "dhash": 8, "dhash-vertical": 7, "phash-simple": 0, "ahash-classic": 0,
        "phash-classic": 6, "dhash-classic": 8,
    ]
    /// The same for the gray-histogram distances that were measured.
    static let histogramThresholds: [String: String] = [
        "euclidean": "0.021130", "cosine": "0.032930", "coincidence": "0.238900",
    ]

    @Test func compareIdenticalAndDifferent() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let a = try folder.write("a.ppm", TestImages.scenePPM(seed: 3))
        let a2 = try folder.write("a2.ppm", TestImages.scenePPM(seed: 3))
        let b = try folder.write("b.ppm", TestImages.scenePPM(seed: 4))
        let same = try CLI.run(["compare", a, a2])
        #expect(same.status == 0, "\(same.stderr)")
        let lines = same.lines
        #expect(lines[0] == "A: \(a)")
        #expect(lines[1] == "B: \(a2)")
        for name in Self.algorithmNames {
            let row = try #require(lines.first { $0.hasPrefix(name + " ") }, "\(name)")
            #expect(
                row.split(separator: " ").map(String.init) == [
                    name, "64", "0", "\(Self.thresholds64[name]!)", "similar",
                ],
                "\(row)")
        }
        for method in HistogramComparison.allCases {
            let row = try #require(lines.first { $0.hasPrefix("\(method) ") }, "\(method)")
            let fields = row.split(separator: " ").map(String.init)
            #expect(fields.count == 5, "\(row)")
            #expect(Double(fields[2]) == 0, "\(method): distance of identical images, \(row)")
            if let threshold = Self.histogramThresholds["\(method)"] {
                #expect(fields[3] == threshold && fields[4] == "similar", "\(row)")
            } else {
                #expect(fields[3] == "-" && fields[4] == "-", "no threshold known for \(method)")
            }
        }
        #expect(lines.last == "verdict: similar (phash distance 0 <= 13)")

        let different = try CLI.run(["compare", "--format", "json", a, b])
        #expect(different.status == 1, "a different verdict exits 1: \(different.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(different.stdout.utf8)) as? [String: Any])
        let hashes = try #require(object["hashes"] as? [[String: Any]])
        #expect(hashes.count == 12)  // the eight sized hashes, pdq, whash, whash-db4, colorhash
        let imageA = try PixelBuffer(contentsOfFile: a), imageB = try PixelBuffer(contentsOfFile: b)
        let phashRow = try #require(hashes.first { $0["algorithm"] as? String == "phash size=8 highfreq=4" })
        let expected = DCTHash().distance(between: imageA, and: imageB)
        #expect(phashRow["distance"] as? Int == expected)
        #expect(phashRow["a"] as? String == "\(DCTHash().fingerprint(of: imageA))")
        #expect(object["verdict"] as? String == (expected <= 13 ? "similar" : "different"))
        #expect(expected > 13, "two unrelated scenes should differ, distance \(expected)")
        let histograms = try #require(object["histograms"] as? [[String: Any]])
        let ha = Histogram(imageA), hb = Histogram(imageB)
        for row in histograms {
            let method = try #require(HistogramComparison.allCases.first { "\($0)" == row["comparison"] as? String })
            let value = try #require(row["value"] as? Double)
            // Foundation's JSON parser on Linux may be off by an ulp or two from the printed
            // shortest-round-trip decimal, hence the tolerance.
            let reference = ha.compare(to: hb, using: method)
            #expect(abs(value - reference) <= 1e-12 * max(1, abs(reference)), "\(method)")
            let distance = try #require(row["distance"] as? Double)
            #expect(abs(distance - method.distance(fromValue: reference)) <= 1e-12, "\(method)")
        }
    }

    /// Other sizes take the library's table at 1e-4 per pair (Benchmarks.md, "Thresholds for a
    /// false-positive rate"): measured at 4, 6, 8, 12, 16, 24 and 32, interpolated between them
    /// (20 lies between 16 and 24). aHash stays at 0 (identical fingerprints) at every size.
    @Test(arguments: [
        (12, "phash", 44), (16, "phash", 90), (16, "ahash-classic", 0), (4, "dhash", 0),
        (16, "dhash-vertical", 62), (20, "ahash", 0),
    ])
    func thresholdsForOtherSizes(_ size: Int, _ name: String, _ threshold: Int) throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let a = try folder.write("a.ppm", TestImages.scenePPM(seed: 3))
        let result = try CLI.run(["compare", "--size", "\(size)", a, a])
        let row = try #require(result.lines.first { $0.hasPrefix(name + " ") }, "\(result.stdout)")
        #expect(row.split(separator: " ").map(String.init) == [name, "\(size * size)", "0", "\(threshold)", "similar"])
    }

    @Test func compareErrors() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let a = try folder.write("a.ppm", TestImages.scenePPM(seed: 3))
        let one = try CLI.run(["compare", a])
        #expect(one.status == 2)
        #expect(one.stderr.contains("expected two images, got 1"))
        let missing = try CLI.run(["compare", a, folder.path("none.ppm")])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("none.ppm"))
        #expect(missing.stdout.isEmpty)
        let bad = try CLI.run(["compare", "--threshold", "3", a, a])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("unknown option '--threshold'"))
    }

    /// Three scenes, two with noisy copies: two groups, largest first, input order inside.
    @Test(arguments: ["phash", "dhash", "ahash"])
    func dedupeGroupsImages(_ algorithm: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        // (name, scene, brightness shift): the copies are the scene 3 or 5 levels brighter.
        let files: [(String, UInt64, Int)] = [
            ("1-b.ppm", 11, 0), ("2-a.ppm", 10, 0), ("3-c.ppm", 12, 0), ("4-b-brighter.ppm", 11, 3),
            ("5-a-brighter.ppm", 10, 5), ("6-b-brighter.ppm", 11, 5),
        ]
        var paths: [String] = []
        for (name, seed, brightness) in files {
            paths.append(try folder.write("set/" + name, TestImages.scenePPM(seed: seed, brightness: brightness)))
        }
        let result = try CLI.run(["dedupe", "--algorithm", algorithm, folder.path("set")])
        #expect(result.status == 0, "\(result.stderr)")
        let groups = result.stdout.components(separatedBy: "\n\n").map {
            $0.split(separator: "\n").map { String($0.dropFirst(18)) }
        }
        #expect(groups == [[paths[0], paths[3], paths[5]], [paths[1], paths[4]]], "\(algorithm)\n\(result.stdout)")

        let json = try CLI.run(["dedupe", "--algorithm", algorithm, "--format", "json", folder.path("set")])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let jsonGroups = try #require(object["groups"] as? [[[String: String]]])
        #expect(jsonGroups.map { $0.map { $0["path"]! } } == groups)
        #expect(object["threshold"] as? Int == Self.thresholds64[algorithm])

        // Threshold 0 after noise: no group unless the noise left the hash unchanged.
        let strict = try CLI.run([
            "dedupe", "--algorithm", algorithm, "--threshold", "0", "--format", "json", folder.path("set"),
        ])
        let strictObject = try #require(
            try JSONSerialization.jsonObject(with: Data(strict.stdout.utf8)) as? [String: Any])
        let strictGroups = try #require(strictObject["groups"] as? [[[String: String]]])
        for group in strictGroups {
            #expect(Set(group.map { $0["hash"]! }).count == 1, "\(algorithm): threshold 0 groups equal hashes only")
        }
    }

    /// Groups are connected components: a chain a-b-c links a and c even when they are further
    /// apart than the threshold. Checked against all-pairs union-find on seeded clustered sets
    /// of 64- and 256-bit fingerprints, at thresholds that exercise every search path (exact
    /// chunk probes, probes within one bit, the scan fallback).
    @Test(
        arguments: [
            (1, 40, 1, 4), (2, 40, 1, 12), (3, 40, 1, 25), (4, 700, 1, 8), (5, 60, 4, 30), (6, 60, 4, 90),
        ] as [(UInt64, Int, Int, Int)])
    func dedupeMatchesAllPairs(_ seed: UInt64, _ clusters: Int, _ wordsPer: Int, _ threshold: Int) throws {
        var rng = SplitMix64(seed: seed)
        var fingerprints: [[UInt64]] = []
        let bits = 64 * wordsPer
        for _ in 0..<clusters {  // cluster centres, each with a random walk of 0...5 steps
            var f = (0..<wordsPer).map { _ in rng.next() }
            fingerprints.append(f)
            for _ in 0..<Int(rng.next() % 6) {
                for _ in 0..<(1 + Int(rng.next() % UInt64(max(1, threshold / 2)))) {
                    let b = Int(rng.next() % UInt64(bits))
                    f[b / 64] ^= 1 << UInt64(b % 64)
                }
                fingerprints.append(f)
            }
        }
        fingerprints.shuffle(using: &rng)
        func hex(_ words: [UInt64]) -> String {
            words.map {
                let s = String($0, radix: 16); return String(repeating: "0", count: 16 - s.count) + s
            }.joined()
        }
        func distance(_ a: [UInt64], _ b: [UInt64]) -> Int { zip(a, b).map { ($0 ^ $1).nonzeroBitCount }.reduce(0, +) }
        let text = fingerprints.enumerated().map { "\(hex($1))  img\($0).ppm" }.joined(separator: "\n") + "\n"
        let result = try CLI.run(["dedupe", "--hashes", "-", "--threshold", "\(threshold)"], stdin: text)
        let context = "seed \(seed), \(fingerprints.count) x \(bits) bits, threshold \(threshold)"
        #expect(result.status == 0, "\(context): \(result.stderr)")
        let groups =
            result.stdout.isEmpty
            ? []
            : result.stdout.components(separatedBy: "\n\n").map {
                $0.split(separator: "\n").map { Int($0.split(separator: "img")[1].dropLast(4))! }
            }
        // Reference: union-find over all pairs.
        var parent = Array(fingerprints.indices)
        func find(_ x: Int) -> Int { parent[x] == x ? x : find(parent[x]) }
        for i in fingerprints.indices {
            for j in (i + 1)..<fingerprints.count where distance(fingerprints[i], fingerprints[j]) <= threshold {
                parent[find(i)] = find(j)
            }
        }
        var components: [Int: [Int]] = [:]
        for i in fingerprints.indices { components[find(i), default: []].append(i) }
        let expected = components.values.filter { $0.count > 1 }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0[0] < $1[0] }
        #expect(groups == expected, "\(context)")
        #expect(expected.contains { $0.count >= 3 }, "\(context): the data should have chains")
    }

    @Test func dedupeErrors() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let a = try folder.write("a.ppm", TestImages.scenePPM(seed: 3))
        let b = try folder.write("b.ppm", TestImages.scenePPM(seed: 3))
        let corrupt = try folder.write("c.ppm", Array("P6\n4 4\n300\n".utf8))
        let result = try CLI.run(["dedupe", a, corrupt, b])
        #expect(result.status == 2)
        #expect(result.lines.map { String($0.dropFirst(18)) } == [a, b])
        #expect(result.stderr.contains("\(corrupt): "))
        let badThreshold = try CLI.run(["dedupe", "--threshold", "65", a])
        #expect(badThreshold.status == 2)
        #expect(badThreshold.stderr.contains("--threshold must be an integer in 0...64"))
        let badList = try CLI.run(["dedupe", "--hashes", "-"], stdin: "zz  a.ppm\n")
        #expect(badList.status == 2)
        #expect(badList.stderr.contains("-:1: 'zz' is not a hex fingerprint"))
        let widths = try CLI.run(["dedupe", "--hashes", "-"], stdin: "00ff  a.ppm\n00ff00ff  b.ppm\n")
        #expect(widths.status == 2)
        #expect(widths.stderr.contains("-:2: 32-bit fingerprint among 16-bit ones"), "\(widths.stderr)")
        let huge = try CLI.run(["dedupe", "--hashes", "-"], stdin: String(repeating: "f", count: 1025) + "  a.ppm\n")
        #expect(huge.status == 2)
        #expect(huge.stderr.contains("4100-bit fingerprint, at most 4096 bits"), "\(huge.stderr)")
        let mixed = try CLI.run(["dedupe", "--hashes", "-", a], stdin: "")
        #expect(mixed.status == 2)
    }

    /// `dedupe --format tsv`: a header, then one row per image with its 1-based group number.
    @Test func dedupeTSV() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let text = """
            00000000000000ff  a.ppm
            00000000000000fe  b\\tc.ppm
            ffffffff00000000  c.ppm
            ffffffff00000001  d.ppm
            ffffffff00000003  e.ppm
            0f0f0f0f0f0f0f0f  f.ppm

            """
        let list = try folder.write("hashes.txt", Array(text.utf8))
        let result = try CLI.run(["dedupe", "--format", "tsv", "--threshold", "2", "--hashes", list])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.lines == [
                "group\tpath\thash",
                "1\tc.ppm\tffffffff00000000", "1\td.ppm\tffffffff00000001", "1\te.ppm\tffffffff00000003",
                "2\ta.ppm\t00000000000000ff", "2\tb\\tc.ppm\t00000000000000fe",
            ])
        // The escaped tab came back as a real tab in JSON.
        let json = try CLI.run(["dedupe", "--format", "json", "--threshold", "2", "--hashes", list])
        #expect(json.stdout.contains(#"{"path": "b\tc.ppm", "hash": "00000000000000fe"}"#), "\(json.stdout)")
        let malformed = try folder.write("bad.txt", Array("00000000000000ff  a\\q.ppm\n".utf8))
        let refused = try CLI.run(["dedupe", "--hashes", malformed])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("bad.txt:1: malformed escape in the path"))
    }

    /// `compare` documents its exit statuses; the top-level help states the convention.
    @Test func exitStatusesAreDocumented() throws {
        let compare = try CLI.run(["compare", "--help"])
        #expect(compare.stdout.contains("0 the verdict is \"similar\", 1 the verdict is \"different\", 2 an error"))
        let top = try CLI.run(["--help"])
        #expect(top.stdout.contains("Exit status: 0 success"))
        #expect(top.stdout.contains("1 no match"))
        #expect(top.stdout.contains("2 an error"))
    }
}
