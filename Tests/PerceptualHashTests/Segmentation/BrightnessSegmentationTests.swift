import Testing
@testable import PerceptualHash

/// BrightnessSegmentation against a literal transcription of ImageHash 4.3.2's
/// `_find_all_segments` / `_find_region` (sets of coordinates, the border pre-seeded, repeated
/// scans for the first remaining pixel), on small seeded planes.
@Suite struct BrightnessSegmentationTests {
    struct Pixel: Hashable { let r: Int, c: Int }

    /// ImageHash's `_find_region`: the region grown in layers from the first remaining pixel.
    static func findRegion(_ remaining: [[Bool]], _ segmented: inout Set<Pixel>) -> Set<Pixel>? {
        var start: Pixel? = nil
        outer: for r in remaining.indices {
            for c in remaining[r].indices where remaining[r][c] {
                start = Pixel(r: r, c: c)
                break outer
            }
        }
        guard let start else { return nil }  // ImageHash: IndexError
        var inRegion: Set<Pixel> = [start], notInRegion: Set<Pixel> = []
        var newPixels = inRegion
        while true {
            var tryNext: Set<Pixel> = []
            for p in newPixels {
                for q in [
                    Pixel(r: p.r - 1, c: p.c), Pixel(r: p.r + 1, c: p.c), Pixel(r: p.r, c: p.c - 1),
                    Pixel(r: p.r, c: p.c + 1),
                ] { tryNext.insert(q) }
            }
            tryNext.subtract(segmented)
            tryNext.subtract(notInRegion)
            if tryNext.isEmpty { break }
            newPixels = []
            for p in tryNext {
                if remaining[p.r][p.c] {
                    inRegion.insert(p)
                    newPixels.insert(p)
                    segmented.insert(p)
                } else {
                    notInRegion.insert(p)
                }
            }
        }
        return inRegion
    }

    /// ImageHash's `_find_all_segments`, returning each kept segment's size and bounding box.
    static func reference(_ plane: [UInt8], side: Int, threshold: Int, minSize: Int) -> [BrightnessSegmentation
        .Segment]
    {
        let bright = (0..<side).map { r in (0..<side).map { c in Int(plane[r * side + c]) > threshold } }
        var unassigned = [[Bool]](repeating: [Bool](repeating: true, count: side), count: side)
        var segmented: Set<Pixel> = []
        for z in 0..<side {
            segmented.insert(Pixel(r: -1, c: z))
            segmented.insert(Pixel(r: z, c: -1))
            segmented.insert(Pixel(r: side, c: z))
            segmented.insert(Pixel(r: z, c: side))
        }
        var out: [BrightnessSegmentation.Segment] = []
        func keep(_ s: Set<Pixel>) {
            for p in s { unassigned[p.r][p.c] = false }
            guard s.count > minSize else { return }
            out.append(
                .init(
                    size: s.count, minRow: s.map(\.r).min()!, maxRow: s.map(\.r).max()!,
                    minColumn: s.map(\.c).min()!, maxColumn: s.map(\.c).max()!))
        }
        while true {
            let remaining = (0..<side).map { r in (0..<side).map { c in bright[r][c] && unassigned[r][c] } }
            guard let s = findRegion(remaining, &segmented) else { break }
            keep(s)
        }
        while segmented.count < side * side {
            let remaining = (0..<side).map { r in (0..<side).map { c in !bright[r][c] && unassigned[r][c] } }
            guard let s = findRegion(remaining, &segmented) else { break }
            keep(s)
        }
        return out
    }

    @Test(arguments: [1, 2, 3, 5, 8, 13, 20])
    func matchesImageHashTranscription(side: Int) {
        var rng = SplitMix64(seed: UInt64(side))
        for trial in 0..<40 {
            // Mixtures of noise (many one-pixel components) and blocks (large ones).
            let block = 1 + trial % 5
            let values = (0..<side * side).map { i -> UInt8 in
                let (r, c) = (i / side / block, i % side / block)
                let blockValue = UInt8(truncatingIfNeeded: (r &* 31 &+ c &* 17 &+ trial &* 7) % 256)
                return trial % 3 == 0 ? UInt8(truncatingIfNeeded: rng.next()) : blockValue
            }
            for (threshold, minSize) in [(128, 0), (128, 2), (100, 5), (200, 1)] {
                let ours = BrightnessSegmentation(threshold: threshold, minSegmentSize: minSize)
                    .segments(of: values, side: side)
                let theirs = Self.reference(values, side: side, threshold: threshold, minSize: minSize)
                #expect(ours == theirs, "side \(side) trial \(trial) threshold \(threshold) min \(minSize)")
            }
        }
    }

    /// The last valley is skipped when ImageHash's counter (border plus segmented pixels)
    /// reaches side^2 first: a bright 10 x 10 plane with a 3 x 3 dark corner (4*10 + 91 >= 100).
    @Test func skippedLastValley() {
        var plane = [UInt8](repeating: 200, count: 100)
        for r in 7..<10 { for c in 7..<10 { plane[r * 10 + c] = 0 } }
        let s = BrightnessSegmentation(threshold: 128, minSegmentSize: 0).segments(of: plane, side: 10)
        #expect(s.map(\.size) == [91])
        #expect(Self.reference(plane, side: 10, threshold: 128, minSize: 0).map(\.size) == [91])
    }

    /// The worst case for the number of components: a 300 x 300 checkerboard, 90,000
    /// one-pixel regions. ImageHash's counter never grows (one-pixel regions add nothing), so
    /// it runs out of valley pixels and raises IndexError; the search here visits each pixel
    /// once and returns no segment (CropResistantHash then hashes the whole image).
    @Test func checkerboardOfOnePixelRegions() {
        let side = 300
        let plane = (0..<side * side).map { i in UInt8((i / side + i % side) % 2 == 0 ? 255 : 0) }
        #expect(BrightnessSegmentation(threshold: 128, minSegmentSize: 500).segments(of: plane, side: side).isEmpty)
        // With no size floor every region is kept, hills first: the counter stays at 4 * side,
        // below side^2, until the valleys run out.
        let all = BrightnessSegmentation(threshold: 128, minSegmentSize: 0).segments(of: plane, side: side)
        #expect(all.count == side * side && all.allSatisfy { $0.size == 1 })
        #expect(all[side * side / 2].minRow == 0 && all[side * side / 2].minColumn == 1)
        // On a small board the transcription of ImageHash's search agrees up to its IndexError.
        let small = (0..<36).map { i in UInt8((i / 6 + i % 6) % 2 == 0 ? 255 : 0) }
        #expect(
            BrightnessSegmentation(threshold: 128, minSegmentSize: 0).segments(of: small, side: 6)
                == Self.reference(small, side: 6, threshold: 128, minSize: 0))
    }
}
