import Foundation
import PerceptualHash
import Testing

@testable import phash

/// `--algorithm crop-resistant` in `hash` and `compare`, and its refusal elsewhere.
@Suite struct CropResistantCommandTests {
    static func images(_ folder: TemporaryFolder) throws -> [String] {
        try (0..<3 as Range<UInt64>).map { seed in
            try folder.write("img\(seed).ppm", TestImages.scenePPM(seed: seed, noise: Int(seed) * 3))
        }
    }

    static func library(_ path: String) throws -> MultiFingerprint {
        let image = try PixelBuffer(netpbm: [UInt8](Data(contentsOf: URL(fileURLWithPath: path))))
        return CropResistantHash().multiFingerprint(of: image)
    }

    @Test func hashEqualsTheLibrary() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let paths = try Self.images(folder)
        let text = try CLI.run(["hash", "--algorithm", "crop-resistant"] + paths)
        #expect(text.status == 0, "\(text.stderr)")
        let expected = try paths.map { "\(try Self.library($0))  \($0)" }
        #expect(text.lines == expected)
        let tsv = try CLI.run(["hash", "--algorithm", "crop-resistant", "--format", "tsv"] + paths)
        #expect(tsv.lines.first == "path\talgorithm\tsegments\thash")
        for (line, path) in zip(tsv.lines.dropFirst(), paths) {
            let m = try Self.library(path)
            #expect(line == "\(path)\tcrop-resistant\t\(m.segments.count)\t\(m)")
            // The text form reads back to the same segments.
            #expect(try MultiFingerprint(hex: String(line.split(separator: "\t")[3])) == m)
        }
    }

    @Test func compareMatchesItselfAndReportsScores() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let paths = try Self.images(folder)
        let same = try CLI.run(["compare", "--algorithm", "crop-resistant", paths[0], paths[0]])
        #expect(same.status == 0, "\(same.stderr)")
        #expect(same.lines.last?.hasPrefix("verdict: similar") == true)
        let a = try Self.library(paths[0]), b = try Self.library(paths[1])
        let json = try CLI.run(["compare", "--algorithm", "crop-resistant", "--format", "json", paths[0], paths[1]])
        #expect(json.status == (a.matches(b) ? 0 : 1))
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        #expect(object["hash_a"] as? String == a.description)
        let ab = object["a_in_b"] as! [String: Any]
        #expect(ab["matches"] as? Int == a.hashDiff(b).matches)
        #expect(ab["score"] as? Double == a.distance(to: b))
    }

    @Test(arguments: [
        ["dedupe", "--algorithm", "crop-resistant", "a.ppm"], ["distances", "--algorithm", "crop-resistant", "a.ppm"],
        ["index", "build", "--algorithm", "crop-resistant", "x.idx", "a.ppm"],
        ["hash", "--algorithm", "crop-resistant", "--size", "16", "a.ppm"],
        ["compare", "--algorithm", "phash", "a.ppm", "b.ppm"],
    ])
    func refusals(_ arguments: [String]) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains("crop-resistant"), "\(arguments): \(result.stderr)")
    }
}
