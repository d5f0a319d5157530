import Testing
import Foundation
@testable import PerceptualHash

/// A seeded image of the given format; `levels` limits the distinct values (runs of equal
/// values exercise the interleaved counters).
private func randomImage(width: Int, height: Int, format: PixelBuffer.Format, seed: UInt64, levels: Int = 256)
    -> PixelBuffer
{
    var rng = SplitMix64(seed: seed)
    let n = width * height * format.channelCount
    let step = 256 / levels
    let samples = (0..<n).map { _ in UInt8(Int.random(in: 0..<levels, using: &rng) * step) }
    return try! PixelBuffer(width: width, height: height, format: format, samples: samples)
}

/// Plain reference: per pixel, its cell found by scanning the boundaries, its values by the
/// format, one added to each bin.
private func referenceCounts(_ image: PixelBuffer, channels: Histogram.Channels, bins: Int, grid: Int) -> [Int] {
    let segments = channels.count, stride = image.format.channelCount
    func cellIndex(_ i: Int, _ side: Int) -> Int {
        var k = 0
        while !(i >= k * side / grid && i < (k + 1) * side / grid) { k += 1 }
        return k
    }
    let columnOf = (0..<image.width).map { cellIndex($0, image.width) }
    var out = [Int](repeating: 0, count: grid * grid * segments * bins)
    let p = image.samples
    for y in 0..<image.height {
        let row = cellIndex(y, image.height)
        for x in 0..<image.width {
            let i = (y * image.width + x) * stride
            let cell = row * grid + columnOf[x]
            func add(_ s: Int, _ v: UInt8) { out[(cell * segments + s) * bins + Int(v) * bins / 256] += 1 }
            switch (channels, image.format.isGray) {
            case (.gray, true): add(0, p[i])
            case (.gray(let c), false): add(0, c.gray(red: p[i], green: p[i + 1], blue: p[i + 2]))
            case (.rgb, true): add(0, p[i]); add(1, p[i]); add(2, p[i])
            case (.rgb, false): add(0, p[i]); add(1, p[i + 1]); add(2, p[i + 2])
            }
        }
    }
    return out
}

private let sampleBinCounts = [1, 2, 3, 7, 16, 64, 100, 255, 256]

@Suite struct HistogramTests {
    @Test func smallExample() throws {
        let image = try PixelBuffer(width: 3, height: 1, format: .gray8, samples: [0, 128, 255])
        #expect(Histogram(image, binCount: 2).counts == [1, 2])
        #expect(Histogram(image, binCount: 3).counts == [1, 1, 1])  // 0, 128*3/256 = 1, 255*3/256 = 2
        #expect(Histogram(image, binCount: 1).counts == [3])
        let full = Histogram(image)
        #expect(full.counts.count == 256 && full.counts[0] == 1 && full.counts[128] == 1 && full.counts[255] == 1)
        #expect(full.counts.reduce(0, +) == 3)
        let rgb = try PixelBuffer(width: 2, height: 1, format: .rgba8, samples: [10, 200, 30, 0, 10, 20, 255, 99])
        let h = Histogram(rgb, channels: .rgb, binCount: 4)
        #expect(h.counts == [2, 0, 0, 0, /* G */ 1, 0, 0, 1, /* B */ 1, 0, 0, 1])
        #expect(Array(h.counts(cell: 0, channel: 1)) == [1, 0, 0, 1])
        #expect(h.total(cell: 0, channel: 2) == 2)
        #expect(h.channels.description == "rgb")
        #expect(Histogram.Channels.gray(.average).description == "gray(average)")
    }

    /// Every format, a sample of bin counts, grids 1...8, gray (every conversion over the
    /// sweep) and RGB, on seeded odd-sized images, against the plain per-pixel loop.
    @Test(arguments: PixelBuffer.Format.allCases)
    func matchesPlainLoop(format: PixelBuffer.Format) {
        let sizes = [(1, 1), (1, 7), (9, 1), (5, 3), (13, 11), (31, 17), (40, 29)]
        var caseIndex = 0
        for (w, h) in sizes {
            for bins in sampleBinCounts {
                for grid in 1...8 {
                    caseIndex += 1
                    if caseIndex % 5 != 0 && grid > 2 { continue }  // a fifth of the larger grids
                    let seed = UInt64(caseIndex) &* 7919 &+ UInt64(w * 100 + h)
                    let image = randomImage(
                        width: w, height: h, format: format, seed: seed, levels: caseIndex % 2 == 0 ? 256 : 4)
                    let conversion = GrayscaleConversion.allCases[caseIndex % GrayscaleConversion.allCases.count]
                    for channels in [Histogram.Channels.gray(conversion), .rgb] {
                        let ours = Histogram(image, channels: channels, binCount: bins, gridSize: grid)
                        let expected = referenceCounts(image, channels: channels, bins: bins, grid: grid)
                        #expect(
                            ours.counts == expected,
                            "\(format) \(w)x\(h) seed \(seed) \(channels) bins \(bins) grid \(grid)")
                        #expect(ours.binCount == bins && ours.gridSize == grid && ours.channels == channels)
                        #expect(ours.counts.reduce(0, +) == w * h * channels.count)
                    }
                }
            }
        }
    }

    /// A larger image with long runs of one value, all paths (1-channel stride 1 and 2,
    /// 3-channel stride 3 and 4).
    @Test func largeImageWithRuns() throws {
        for format in PixelBuffer.Format.allCases {
            var rng = SplitMix64(seed: 0x5EED)
            let w = 333, h = 201
            var samples = [UInt8](repeating: 0, count: w * h * format.channelCount)
            var i = 0
            while i < samples.count {
                let run = Int.random(in: 1...40, using: &rng), v = UInt8.random(in: 0...255, using: &rng)
                for k in i..<min(i + run, samples.count) { samples[k] = v }
                i += run
            }
            let image = try PixelBuffer(width: w, height: h, format: format, samples: samples)
            for channels in [Histogram.Channels.gray(.rec601), .rgb] {
                for (bins, grid) in [(256, 1), (64, 3), (7, 8)] {
                    let ours = Histogram(image, channels: channels, binCount: bins, gridSize: grid)
                    #expect(
                        ours.counts == referenceCounts(image, channels: channels, bins: bins, grid: grid),
                        "\(format) \(channels) \(bins) \(grid)")
                }
            }
        }
    }

    /// cv2.calcHist (OpenCV 5.0) on seeded gray and RGB images, whole and per grid cell.
    @Test func openCVCalcHist() throws {
        var images: [String: PixelBuffer] = [:]
        var built: [String: Histogram] = [:]
        var checked = 0
        for line in try Fixtures.lines("histogram/calchist.txt") {
            let f = line.split(separator: " ")
            if f[0] == "image" {
                let w = Int(f[2])!, h = Int(f[3])!, c = Int(f[4])!
                let format: PixelBuffer.Format = c == 1 ? .gray8 : .rgb8
                images[String(f[1])] = try PixelBuffer(
                    width: w, height: h, format: format, samples: Fixtures.bytes(hex: f[5]))
                continue
            }
            let id = String(f[1])
            let image = try #require(images[id])
            let channel = Int(f[2])!, bins = Int(f[3])!, grid = Int(f[4])!, row = Int(f[5])!, column = Int(f[6])!
            let expected = f[7...].map { Int($0)! }
            let channels: Histogram.Channels = image.format == .gray8 ? .gray(.rec601) : .rgb
            let key = "\(id) \(bins) \(grid)"
            let ours = built[key] ?? Histogram(image, channels: channels, binCount: bins, gridSize: grid)
            built[key] = ours
            #expect(
                Array(ours.counts(cell: row * grid + column, channel: channel)) == expected,
                "\(id) channel \(channel) bins \(bins) grid \(grid) cell (\(row), \(column))")
            checked += 1
        }
        #expect(images.count == 7)
        #expect(checked == 924)
    }

    @Test func normalizedForm() {
        let image = randomImage(width: 23, height: 9, format: .rgb8, seed: 77)
        for grid in [1, 2, 5] {
            let h = Histogram(image, channels: .rgb, binCount: 50, gridSize: grid)
            let n = h.normalized
            #expect(n.count == h.counts.count)
            for cell in 0..<h.cellCount {
                for channel in 0..<3 {
                    let total = h.total(cell: cell, channel: channel)
                    let start = (cell * 3 + channel) * 50
                    var sum = 0.0
                    for i in start..<start + 50 {
                        #expect(n[i] == Double(h.counts[i]) / Double(total))
                        sum += n[i]
                    }
                    #expect(abs(sum - 1) <= 1e-14, "grid \(grid) cell \(cell) channel \(channel)")
                }
            }
        }
    }

    /// Grids larger than the image: empty cells (all zeros, normalized zeros), the
    /// bottom-right cell always non-empty, and comparisons that skip the cells empty in both.
    @Test func emptyCells() throws {
        let image = try PixelBuffer(width: 2, height: 1, format: .gray8, samples: [10, 250])
        let h = Histogram(image, binCount: 4, gridSize: 3)
        // x boundaries 0, 0, 1, 2: columns 1 and 2 hold x = 0 and x = 1; y: only row 2.
        #expect(h.total(cell: 7) == 1 && h.total(cell: 8) == 1)
        #expect((0..<9).map { h.total(cell: $0) }.reduce(0, +) == 2)
        #expect(h.normalized[0..<28].allSatisfy { $0 == 0 })
        #expect(h.normalized[28..<36] == [1, 0, 0, 0, 0, 0, 0, 1])
        for method in HistogramComparison.allCases {
            // Only cells 7 and 8 count: identical histograms are identical there.
            #expect(h.distance(to: h, using: method) <= 2e-8, "\(method)")
        }
        for (w, ht) in [(1, 1), (1, 5), (3, 2), (7, 1)] {
            for grid in 1...8 {
                let img = randomImage(width: w, height: ht, format: .gray8, seed: UInt64(w * 10 + ht))
                let hist = Histogram(img, binCount: 8, gridSize: grid)
                #expect(hist.total(cell: grid * grid - 1) >= 1, "\(w)x\(ht) grid \(grid)")
            }
        }
    }

    /// `compare` = the mean over segments of `evaluate`, skipping segments empty in both,
    /// on counts or normalized forms; a gray global histogram is `evaluate` itself.
    @Test(arguments: HistogramComparison.allCases)
    func compareIsMeanOfSegments(method: HistogramComparison) {
        for (index, (channels, grid)) in [
            (Histogram.Channels.gray(.rec601), 1), (.rgb, 1), (.gray(.rec601), 4), (.rgb, 3), (.gray(.rec601), 6),
        ].enumerated() {
            let a = Histogram(
                randomImage(width: 17, height: 5, format: .rgb8, seed: UInt64(index)), channels: channels, binCount: 16,
                gridSize: grid)
            let b = Histogram(
                randomImage(width: 11, height: 4, format: .rgba8, seed: UInt64(100 + index), levels: 8),
                channels: channels, binCount: 16, gridSize: grid)
            for form in Histogram.Form.allCases {
                let va = form == .counts ? a.counts.map(Double.init) : a.normalized
                let vb = form == .counts ? b.counts.map(Double.init) : b.normalized
                var sum = 0.0, used = 0
                for s in 0..<a.segmentCount {
                    let sa = Array(va[s * 16..<(s + 1) * 16]), sb = Array(vb[s * 16..<(s + 1) * 16])
                    if a.counts[s * 16..<(s + 1) * 16].allSatisfy({ $0 == 0 })
                        && b.counts[s * 16..<(s + 1) * 16].allSatisfy({ $0 == 0 })
                    {
                        continue
                    }
                    sum += ReferenceComparison.evaluate(method, sa, sb)
                    used += 1
                }
                let ours = a.compare(to: b, using: method, form: form)
                #expect(
                    isClose(ours, sum / Double(used), absolute: 1e-12, relative: 1e-12),
                    "\(method) \(channels) grid \(grid) \(form): \(ours) vs \(sum / Double(used))")
                if channels.count == 1 && grid == 1 {
                    #expect(ours == method.evaluate(va, vb), "\(method) \(form)")
                }
                if method.isSymmetric {
                    #expect(
                        b.compare(to: a, using: method, form: form) == ours,
                        "\(method) \(channels) grid \(grid) \(form) symmetry")
                }
                // Identity: distance 0 (within the rounding of 1 - x and sqrt(1 - x)).
                #expect(a.distance(to: a, using: method) <= 2e-8, "\(method) \(channels) grid \(grid)")
                #expect(a.distance(to: b, using: method) >= 0, "\(method) \(channels) grid \(grid)")
            }
        }
    }

    /// The same picture at two sizes is close on normalized histograms (nearest-neighbour 2x
    /// upscaling multiplies every count by 4), and far from a different picture.
    @Test func scaleInvarianceOfNormalizedForm() throws {
        let small = randomImage(width: 12, height: 10, format: .rgb8, seed: 9, levels: 16)
        var big = [UInt8](repeating: 0, count: 24 * 20 * 3)
        for y in 0..<20 {
            for x in 0..<24 {
                for c in 0..<3 { big[(y * 24 + x) * 3 + c] = small.samples[((y / 2) * 12 + x / 2) * 3 + c] }
            }
        }
        let large = try PixelBuffer(width: 24, height: 20, format: .rgb8, samples: big)
        let other = randomImage(width: 12, height: 10, format: .rgb8, seed: 10, levels: 16)
        for grid in [1, 2] {
            let hs = Histogram(small, channels: .rgb, binCount: 16, gridSize: grid)
            let hl = Histogram(large, channels: .rgb, binCount: 16, gridSize: grid)
            let ho = Histogram(other, channels: .rgb, binCount: 16, gridSize: grid)
            #expect(hl.counts == hs.counts.map { $0 * 4 }, "grid \(grid)")
            for method in HistogramComparison.allCases {
                #expect(hs.distance(to: hl, using: method) <= 2e-8, "\(method) grid \(grid)")
                #expect(hs.distance(to: ho, using: method) > 1e-3, "\(method) grid \(grid)")
            }
        }
    }

    @Test func countsInitializerRoundTrips() {
        let h = Histogram(
            randomImage(width: 9, height: 7, format: .rgb8, seed: 3), channels: .rgb, binCount: 10, gridSize: 2)
        let copy = Histogram(counts: h.counts, channels: .rgb, binCount: 10, gridSize: 2)
        #expect(copy == h)
        #expect(copy.hasSameLayout(as: h))
        #expect(
            Histogram(counts: h.counts, channels: .gray(.rec601), binCount: 30, gridSize: 2).hasSameLayout(as: h)
                == false)
        #expect(
            h
                != Histogram(
                    randomImage(width: 9, height: 7, format: .rgb8, seed: 4), channels: .rgb, binCount: 10, gridSize: 2)
        )
    }

    @Test func preconditions() async {
        await #expect(processExitsWith: .failure) {
            _ = Histogram(try! PixelBuffer(width: 1, height: 1, format: .gray8, repeating: 0), binCount: 0)
        }
        await #expect(processExitsWith: .failure) {
            _ = Histogram(try! PixelBuffer(width: 1, height: 1, format: .gray8, repeating: 0), binCount: 257)
        }
        await #expect(processExitsWith: .failure) {
            _ = Histogram(try! PixelBuffer(width: 1, height: 1, format: .gray8, repeating: 0), gridSize: 65)
        }
        await #expect(processExitsWith: .failure) {
            let image = try! PixelBuffer(width: 4, height: 4, format: .gray8, repeating: 0)
            _ = Histogram(image, binCount: 8).compare(to: Histogram(image, binCount: 16), using: .cosine)
        }
        await #expect(processExitsWith: .failure) {
            _ = Histogram(counts: [1, 2, 3], channels: .rgb, binCount: 2)
        }
    }
}
