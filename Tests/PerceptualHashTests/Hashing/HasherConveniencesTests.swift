import Foundation
import Synchronization
import Testing
@testable import PerceptualHash

/// `fingerprint(ofFile:)`, the parallel batch APIs and the hashers' descriptions.
@Suite struct HasherConveniencesTests {
    static let hashers: [any ImageHasher] = [
        DCTHash(), AverageHash(), DifferenceHash(), DifferenceHash(direction: .vertical), RowDCTHash(),
    ]

    static func picture(_ seed: UInt64, width: Int = 37, height: Int = 29) -> PixelBuffer? {
        var rng = SplitMix64(seed: seed)
        let samples = (0..<width * height * 3).map { _ in UInt8.random(in: 0...255, using: &rng) }
        return try? PixelBuffer(width: width, height: height, format: .rgb8, samples: samples)
    }

    static func temporaryFile(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("phash-hasher-\(UUID().uuidString).ppm").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func fingerprintOfFileEqualsDecodeThenHash() throws {
        let image = try #require(Self.picture(1))
        let path = try Self.temporaryFile(image.netpbmEncoded())
        defer { try? FileManager.default.removeItem(atPath: path) }
        for hasher in Self.hashers {
            #expect(try hasher.fingerprint(ofFile: path) == hasher.fingerprint(of: image), "\(hasher)")
        }
        let missing = "/nonexistent-dir-phash/x.ppm"
        #expect(throws: NetpbmError.fileUnreadable(path: missing, errno: ENOENT)) {
            try DCTHash().fingerprint(ofFile: missing)
        }
        var limits = ImageLimits.default
        limits.maxPixelCount = 100
        #expect(throws: NetpbmError.limitExceeded(.pixelCount, value: 37 * 29, limit: 100)) {
            try AverageHash().fingerprint(ofFile: path, limits: limits)
        }
    }

    @Test func batchKeepsInputOrder() async throws {
        let images = (0..<23).compactMap { Self.picture(UInt64($0) + 100, width: 20 + $0, height: 40 - $0) }
        #expect(images.count == 23)
        for hasher in Self.hashers {
            let expected = images.map(hasher.fingerprint(of:))
            for width in [1, 3, 8, 100, 0, -2] {
                #expect(
                    await hasher.fingerprints(of: images, maxConcurrentTasks: width) == expected,
                    "\(hasher) width \(width)")
            }
        }
        #expect(await DCTHash().fingerprints(of: []) == [])
    }

    @Test func fileBatchReportsEachFile() async throws {
        let images = (0..<6).compactMap { Self.picture(UInt64($0) + 200) }
        var paths: [String] = []
        for image in images { paths.append(try Self.temporaryFile(image.netpbmEncoded())) }
        let bad = try Self.temporaryFile(Array("P6 2 2 255\n".utf8))  // truncated raster
        defer { for p in paths + [bad] { try? FileManager.default.removeItem(atPath: p) } }
        let hasher = DCTHash()
        let list = [paths[0], bad, paths[1], "/nonexistent-dir-phash/y.ppm"] + paths[2...]
        let results = await hasher.fingerprints(ofFiles: list, maxConcurrentTasks: 2)
        #expect(results.count == list.count)
        #expect(results[0] == .success(hasher.fingerprint(of: images[0])))
        #expect(results[1] == .failure(.truncatedRaster(expected: 12, available: 0)))
        #expect(results[2] == .success(hasher.fingerprint(of: images[1])))
        #expect(results[3] == .failure(.fileUnreadable(path: "/nonexistent-dir-phash/y.ppm", errno: ENOENT)))
        for k in 2..<6 { #expect(results[k + 2] == .success(hasher.fingerprint(of: images[k]))) }
    }

    /// A hasher that records how many calls run at once.
    final class Counter: Sendable {
        let state = Mutex<(running: Int, most: Int)>((0, 0))
    }

    struct CountingHasher: ImageHasher {
        let counter = Counter()
        var bitCount: Int { 8 }
        func fingerprint(of image: PixelBuffer) -> Fingerprint {
            counter.state.withLock { s in
                s.running += 1
                s.most = max(s.most, s.running)
            }
            usleep(20_000)
            counter.state.withLock { $0.running -= 1 }
            return Fingerprint(UInt64(image.width & 0xFF), bitCount: 8)
        }
    }

    @Test func batchWidthBoundsTheTasksInFlight() async throws {
        let images = (0..<24).compactMap { Self.picture(UInt64($0), width: 3 + $0, height: 3) }
        for width in [1, 3] {
            let counting = CountingHasher()
            let result = await counting.fingerprints(of: images, maxConcurrentTasks: width)
            #expect(result == images.map { Fingerprint(UInt64($0.width), bitCount: 8) })
            let most = counting.counter.state.withLock { $0.most }
            #expect(most >= 1 && most <= width, "width \(width): \(most) at once")
        }
    }

    @Test func hasherDescriptionsAreShort() {
        #expect(DCTHash().description == "DCTHash(size: 8, highFrequencyFactor: 4)")
        #expect("\(DCTHash())" == "DCTHash(size: 8, highFrequencyFactor: 4)")
        #expect(
            DCTHash.classic.description
                == "DCTHash(size: 8, highFrequencyFactor: 4, threshold: .mean, dcTerm: .excludedFromThreshold)")
        #expect(
            DCTHash(width: 8, height: 6, highFrequencyFactor: 2, transform: .butterfly).description
                == "DCTHash(width: 8, height: 6, highFrequencyFactor: 2, transform: .butterfly)")
        #expect(RowDCTHash().description == "RowDCTHash(size: 8, highFrequencyFactor: 4)")
        #expect(AverageHash().description == "AverageHash(size: 8)")
        #expect(AverageHash.classic.description == "AverageHash(size: 8, grayLevels: 64, comparison: .greaterOrEqual)")
        #expect(
            AverageHash(width: 9, height: 7, threshold: .median).description
                == "AverageHash(width: 9, height: 7, threshold: .median)")
        #expect(DifferenceHash().description == "DifferenceHash(size: 8)")
        #expect(DifferenceHash(direction: .vertical).description == "DifferenceHash(size: 8, direction: .vertical)")
        #expect(DifferenceHash.classic.description == "DifferenceHash(size: 8, polarity: .previousBrighter)")
        let custom = HashPreprocessing(conversion: .float, filter: .bicubic, passOrder: .horizontalFirst)
        #expect(
            DifferenceHash(size: 16, preprocessing: custom).description
                == "DifferenceHash(size: 16, preprocessing: HashPreprocessing(conversion: .float, filter: .bicubic, passOrder: .horizontalFirst))"
        )
        for hasher in Self.hashers {
            #expect(String(describing: hasher).count < 200, "\(type(of: hasher))")
            #expect(String(reflecting: hasher).count < 200, "\(type(of: hasher))")
        }
    }
}
