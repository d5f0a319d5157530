import Testing

@testable import PerceptualHash

@Suite struct RobustPlaneTests {
    /// The area-averaged luma plane equals a plain `Double` reference: each output cell is the
    /// sum over source pixels of (overlap along x) x (overlap along y) x luma, overlaps measured
    /// in output cells, for RGB, RGBA and gray images, boxes inside the image and scales below
    /// and at 1.
    @Test func planeIsTheAreaAverageOfTheLuma() throws {
        func overlap(_ x: Int, _ j: Int, _ t: Double) -> Double {
            max(0, min(Double(x + 1) * t, Double(j + 1)) - max(Double(x) * t, Double(j)))
        }
        let photo = RobustTestImages.photo(width: 97, height: 61, seed: 5)
        var rgba = [UInt8]()
        for i in 0..<(97 * 61) { rgba += photo.samples[(3 * i)..<(3 * i + 3)] + [UInt8(i % 251)] }
        let images = [
            photo,
            try PixelBuffer(width: 97, height: 61, format: .rgba8, samples: rgba),
            try PixelBuffer(
                width: 97, height: 61, format: .gray8, samples: (0..<(97 * 61)).map { UInt8($0 * 7 % 256) }),
        ]
        let boxes = [
            BorderTrim.ContentBox(left: 0, top: 0, right: 97, bottom: 61),
            BorderTrim.ContentBox(left: 5, top: 3, right: 90, bottom: 58),
        ]
        for image in images {
            for box in boxes {
                for workingSide in [16, 40, 97] {
                    let plane = RobustPlane(image, box: box, workingSide: workingSide)
                    let scale = min(1, Double(workingSide) / Double(max(box.width, box.height)))
                    #expect(plane.width == max(1, Int((Double(box.width) * scale).rounded())))
                    #expect(plane.height == max(1, Int((Double(box.height) * scale).rounded())))
                    let tx = Double(plane.width) / Double(box.width), ty = Double(plane.height) / Double(box.height)
                    var worst = 0.0
                    for i in 0..<plane.height {
                        for j in 0..<plane.width {
                            var sum = 0.0
                            for y in 0..<box.height where overlap(y, i, ty) > 0 {
                                for x in 0..<box.width where overlap(x, j, tx) > 0 {
                                    let c = image.format.channelCount
                                    let o = ((box.top + y) * image.width + box.left + x) * c
                                    let s = image.samples
                                    let luma =
                                        image.format.isGray
                                        ? Double(s[o])
                                        : 0.299 * Double(s[o]) + 0.587 * Double(s[o + 1]) + 0.114 * Double(s[o + 2])
                                    sum += overlap(x, j, tx) * overlap(y, i, ty) * luma
                                }
                            }
                            worst = max(worst, abs(sum - Double(plane.values[i * plane.width + j])))
                        }
                    }
                    #expect(worst < 1e-3, "\(image.format) \(box) \(workingSide): off by \(worst)")
                }
            }
        }
    }

    /// The selection behind robust PDQ's median returns the k-th smallest value, as sorting
    /// does, including with repeated values and signed zeros.
    @Test func selectionMatchesSorting() {
        var rng = SplitMix64(seed: 11)
        for trial in 0..<200 {
            let n = trial < 100 ? 256 : 1 + Int(rng.next() % 300)
            let distinct = trial % 3 == 0 ? 5 : 1000
            var values = (0..<n).map { _ in Float(Int(rng.next() % UInt64(distinct)) - distinct / 2) }
            if trial % 7 == 0 { values = values.map { $0 == 0 ? -0.0 : $0 } }
            let sorted = values.sorted()
            for k in [0, n / 2, (n - 1) / 2, n - 1] {
                var copy = values
                let selected = copy.withUnsafeMutableBufferPointer { Selection.kthSmallest($0, k) }
                #expect(selected == sorted[k], "n \(n) k \(k)")
            }
        }
        // The median as numpy.median: the middle value, or the mean of the two middle ones.
        for n in [1, 2, 3, 63, 64, 255, 256] {
            for _ in 0..<20 {
                var values = (0..<n).map { _ in Double(Int(rng.next() % 41)) - 20 }
                let sorted = values.sorted()
                let expected = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
                #expect(values.withUnsafeMutableBufferPointer { Selection.median($0) } == expected, "n \(n)")
            }
        }
        // The 128th smallest is the value PDQ's own median (bisection) finds.
        for _ in 0..<50 {
            let block = (0..<256).map { _ in Float(Int(rng.next() % 2001)) / 10 - 100 }
            #expect(RobustHasher<PDQHash>.pdqBits(of: block) == PDQHash.bits(of: block))
        }
    }
}
