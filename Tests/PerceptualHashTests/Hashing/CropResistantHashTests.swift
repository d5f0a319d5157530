import Testing
@testable import PerceptualHash

/// CropResistantHash against ImageHash 4.3.2's `crop_resistant_hash` (Pillow 13.0.0) on the
/// generated images of `Fixtures/crop-resistant` and `Fixtures/imagehash`.
@Suite struct CropResistantHashTests {
    /// The hasher for a `limit,threshold,min_size,side` row (limit 0: `None`).
    static func hasher(_ p: [Int]) -> CropResistantHash<DifferenceHash> {
        CropResistantHash(
            limitSegments: p[0] == 0 ? nil : p[0], segmentThreshold: p[1], minSegmentSize: p[2],
            segmentationImageSize: p[3])
    }

    @Test func everyReferenceHash() throws {
        var images: [String: PixelBuffer] = [:]
        for row in CropResistantFixtures.rows {
            if images[row.file] == nil { images[row.file] = try CropResistantFixtures.image(row.file) }
            let m = Self.hasher(row.parameters).multiFingerprint(of: images[row.file]!)
            #expect(m.description == row.hex, "\(row.testDescription)")
        }
        #expect(CropResistantFixtures.rows.count == 172)
    }

    @Test func segmentationImages() throws {
        let expected = try CropResistantFixtures.filters().segmentation
        #expect(expected.count == 62)
        for e in expected {
            let image = try CropResistantFixtures.image(e.file)
            let s = CropResistantHash().segmentationImage(of: image)
            #expect(CropResistantFixtures.fnv1a64(s) == e.fnv1a64, "\(e.file)")
        }
    }

    /// The checkerboard has 73 segments: its 72 bright squares, and one valley (the blur joins
    /// the dark squares at their corners, where the mean 120 is below the threshold); a flat
    /// image has one (the whole image).
    @Test func segmentCounts() throws {
        let checker = try CropResistantFixtures.image("crop-resistant/images/checker-120.pgm")
        #expect(CropResistantHash().multiFingerprint(of: checker).segments.count == 73)
        #expect(CropResistantHash(limitSegments: 7).multiFingerprint(of: checker).segments.count == 7)
        let flat = try PixelBuffer(width: 1000, height: 3, format: .rgb8, repeating: 90)
        let rects = CropResistantHash().segmentRectangles(of: flat)
        #expect(rects.count == 1 && rects[0].x == 0..<1000 && rects[0].y == 0..<3)
    }

    /// Each segment hash is the dHash of its crop rectangle (rounded half to even).
    @Test func segmentHashesAreCropHashes() throws {
        let image = try CropResistantFixtures.image("crop-resistant/images/blocks-150x90.ppm")
        let hasher = CropResistantHash()
        let rects = hasher.segmentRectangles(of: image)
        let m = hasher.multiFingerprint(of: image)
        #expect(rects.count == m.segments.count)
        for (rect, f) in zip(rects, m.segments) {
            var samples: [UInt8] = []
            for y in rect.y {
                for x in rect.x { samples += image.pixel(x: x, y: y)! }
            }
            let crop = try PixelBuffer(width: rect.x.count, height: rect.y.count, format: .rgb8, samples: samples)
            #expect(DifferenceHash().fingerprint(of: crop) == f, "\(rect)")
        }
    }

    /// Bounds on hostile input: a huge image of thin stripes is segmented on 300 x 300 pixels
    /// and keeps at most 300^2 / 501 segments; a fine noise image is one cheap search.
    @Test func boundedSegmentCount() throws {
        var rng = SplitMix64(seed: 3)
        let w = 1200, h = 900
        var samples = [UInt8](repeating: 0, count: w * h)
        for y in 0..<h { for x in 0..<w { samples[y * w + x] = (x / 5) % 2 == 0 ? 250 : UInt8(rng.next() % 20) } }
        let stripes = try PixelBuffer(width: w, height: h, format: .gray8, samples: samples)
        let m = CropResistantHash().multiFingerprint(of: stripes)
        #expect(m.segments.count >= 1 && m.segments.count <= 300 * 300 / 501)
        let limited = CropResistantHash(limitSegments: 4).multiFingerprint(of: stripes)
        #expect(limited.segments.count == min(4, m.segments.count))
    }
}
