import Foundation
import Testing
@testable import PerceptualHash

/// Plain reference implementations of the three hashes, written from the formulas on top of
/// the library's (separately tested) gray conversion and resize.
enum ReferenceHashes {
    static func thumbnail(_ image: PixelBuffer, _ w: Int, _ h: Int, _ p: HashPreprocessing = .imageHash) -> [[Int]] {
        let small = image.grayscale(p.conversion).resized(width: w, height: h, filter: p.filter, passOrder: p.passOrder)
        return (0..<h).map { y in (0..<w).map { x in Int(small.samples[y * w + x]) } }
    }

    static func averageHash(_ image: PixelBuffer, size: Int) -> [Bool] {
        let t = thumbnail(image, size, size).flatMap { $0 }
        let mean = Double(t.reduce(0, +)) / Double(t.count)
        return t.map { Double($0) > mean }
    }

    static func differenceHash(_ image: PixelBuffer, size: Int, vertical: Bool) -> [Bool] {
        let t = vertical ? thumbnail(image, size, size + 1) : thumbnail(image, size + 1, size)
        var bits: [Bool] = []
        for r in 0..<size {
            for c in 0..<size {
                bits.append(vertical ? t[r + 1][c] > t[r][c] : t[r][c + 1] > t[r][c])
            }
        }
        return bits
    }

    /// O(N^4) DCT of the whole thumbnail by the definition, then median.
    static func dctHash(_ image: PixelBuffer, size: Int, factor: Int) -> [Bool] {
        let n = size * factor
        let t = thumbnail(image, n, n)
        var block: [Double] = []
        for u in 0..<size {
            for v in 0..<size {
                var s = 0.0
                for y in 0..<n {
                    for x in 0..<n {
                        s +=
                            Double(t[y][x]) * cosine(Double(u) * Double(2 * y + 1), n)
                            * cosine(Double(v) * Double(2 * x + 1), n)
                    }
                }
                block.append(4 * s)
            }
        }
        let sorted = block.sorted()
        let m = sorted.count
        let median = m % 2 == 1 ? sorted[m / 2] : (sorted[m / 2 - 1] + sorted[m / 2]) / 2
        return block.map { $0 > median }
    }

    private static func cosine(_ k: Double, _ n: Int) -> Double {
        cos(Double.pi * k / Double(2 * n))
    }
}

@Suite struct HashTests {
    @Test(arguments: [0 as UInt8, 1, 77, 128, 254, 255])
    func flatImages(value: UInt8) throws {
        for (w, h, format) in [(1, 1, PixelBuffer.Format.gray8), (64, 48, .gray8), (33, 17, .rgb8), (5, 300, .rgba8)] {
            let image = try PixelBuffer(width: w, height: h, format: format, repeating: value)
            #expect(AverageHash().fingerprint(of: image).description == "0000000000000000")
            #expect(AverageHash(comparison: .greaterOrEqual).fingerprint(of: image).description == "ffffffffffffffff")
            // Only the DC coefficient (the mean, times a positive scale) can exceed the median 0;
            // for black it is 0 too, and ImageHash gives all zeros.
            let dc = value == 0 ? "0" : "8"
            #expect(DCTHash().fingerprint(of: image).description == dc + "000000000000000", "\(w)x\(h) \(value)")
            #expect(DCTHash(size: 16).fingerprint(of: image).description == dc + String(repeating: "0", count: 63))
            #expect(DifferenceHash().fingerprint(of: image).description == "0000000000000000")
            #expect(DifferenceHash(direction: .vertical).fingerprint(of: image).description == "0000000000000000")
            #expect(DifferenceHash(polarity: .previousBrighter).fingerprint(of: image).nonzeroBitCount == 0)
        }
    }

    @Test(arguments: [2, 3, 5, 8, 16])
    func matchesPlainReferences(size: Int) {
        for seed in 0..<4 as Range<UInt64> {
            let image = TestImages.smooth(width: 40 + Int(seed) * 23, height: 30 + Int(seed) * 31, seed: seed)
            let tag = "size \(size) seed \(seed)"
            #expect(
                AverageHash(size: size).fingerprint(of: image).bitArray
                    == ReferenceHashes.averageHash(image, size: size), "\(tag)")
            #expect(
                DifferenceHash(size: size).fingerprint(of: image).bitArray
                    == ReferenceHashes.differenceHash(image, size: size, vertical: false), "\(tag)")
            #expect(
                DifferenceHash(size: size, direction: .vertical).fingerprint(of: image).bitArray
                    == ReferenceHashes.differenceHash(image, size: size, vertical: true), "\(tag)")
            if size <= 8 {
                let f = DCTHash(size: size, highFrequencyFactor: 2).fingerprint(of: image)
                #expect(
                    f.bitArray
                        == ReferenceHashes.dctHash(image, size: size, factor: 2), "\(tag)")
            }
        }
    }

    @Test func bitCounts() {
        #expect(AverageHash().bitCount == 64)
        #expect(AverageHash(width: 12, height: 3).bitCount == 36)
        #expect(DCTHash(size: 16).bitCount == 256)
        #expect(DCTHash(dcTerm: .dropped).bitCount == 63)
        #expect(DifferenceHash(width: 5, height: 7).bitCount == 35)
        #expect(RowDCTHash().bitCount == 64)
        let image = TestImages.smooth(width: 50, height: 40, seed: 9)
        #expect(AverageHash(width: 12, height: 3).fingerprint(of: image).bitCount == 36)
        #expect(DCTHash(width: 4, height: 6).fingerprint(of: image).bitCount == 24)
        #expect(DCTHash(dcTerm: .dropped).fingerprint(of: image).bitCount == 63)
        #expect(DifferenceHash(width: 5, height: 7, direction: .vertical).fingerprint(of: image).bitCount == 35)
    }

    @Test func classicVariantsFollowTheirFormulas() {
        for seed in 0..<6 as Range<UInt64> {
            let image = TestImages.smooth(width: 64, height: 48, seed: 100 + seed)
            let t = ReferenceHashes.thumbnail(image, 8, 8).flatMap { $0 }
            // aHash: 64 levels, >= mean.
            let q = t.map { $0 * 64 / 256 }
            let mean = Double(q.reduce(0, +)) / 64
            let classicA = AverageHash.classic.fingerprint(of: image)
            #expect(classicA.bitArray == q.map { Double($0) >= mean }, "seed \(seed)")
            // aHash with the median threshold.
            let sorted = t.sorted()
            let median = Double(sorted[31] + sorted[32]) / 2
            let medianA = AverageHash(threshold: .median).fingerprint(of: image)
            #expect(medianA.bitArray == t.map { Double($0) > median }, "seed \(seed)")
            // dHash, left brighter -> 1.
            let t9 = ReferenceHashes.thumbnail(image, 9, 8)
            let classicD = DifferenceHash.classic.fingerprint(of: image)
            let leftBrighter: [Bool] = (0..<64).map { (i: Int) -> Bool in t9[i / 8][i % 8] > t9[i / 8][i % 8 + 1] }
            #expect(classicD.bitArray == leftBrighter)
            // pHash with the mean threshold, DC excluded from it / dropped.
            let plane: [Double] = ReferenceHashes.thumbnail(image, 32, 32).flatMap { $0 }.map(Double.init)
            let block: [Double] = DCT2D(rows: 32, columns: 32).forwardTopLeft(plane, rows: 8, columns: 8)
            let acMean: Double = block[1...].reduce(0, +) / 63
            let classicP = DCTHash.classic.fingerprint(of: image)
            #expect(classicP.bitArray == block.map { $0 > acMean }, "seed \(seed)")
            let dropped = DCTHash(threshold: .mean, dcTerm: .dropped).fingerprint(of: image)
            #expect(dropped.bitArray == block[1...].map { $0 > acMean }, "seed \(seed)")
            let allMean: Double = block.reduce(0, +) / 64
            let meanP = DCTHash(threshold: .mean).fingerprint(of: image)
            #expect(meanP.bitArray == block.map { $0 > allMean }, "seed \(seed)")
        }
    }

    @Test func preprocessingOptionsAreUsed() {
        let image = TestImages.smooth(width: 97, height: 61, seed: 5)
        for conversion in GrayscaleConversion.allCases {
            for filter in ResamplingFilter.allCases {
                let p = HashPreprocessing(conversion: conversion, filter: filter)
                let expected = ReferenceHashes.thumbnail(image, 8, 8, p).flatMap { $0 }
                let mean = Double(expected.reduce(0, +)) / 64
                let f = AverageHash(preprocessing: p).fingerprint(of: image)
                #expect(f.bitArray == expected.map { Double($0) > mean }, "\(conversion) \(filter)")
            }
        }
    }

    @Test func tinyImagesHashWithoutTrouble() throws {
        for (w, h) in [(1, 1), (1, 2), (2, 1), (1, 50), (50, 1), (3, 3)] {
            var rng = SplitMix64(seed: UInt64(w * 100 + h))
            let image = try PixelBuffer(
                width: w, height: h, format: .rgb8,
                samples: (0..<w * h * 3).map { _ in UInt8.random(in: 0...255, using: &rng) })
            for hasher in [
                AverageHash(size: 16) as any ImageHasher, DCTHash(), DifferenceHash(),
                DifferenceHash(direction: .vertical), RowDCTHash(),
            ] {
                #expect(hasher.fingerprint(of: image).bitCount == hasher.bitCount)
            }
        }
    }

    @Test func smallChangesGiveSmallDistances() {
        for seed in 0..<8 as Range<UInt64> {
            let image = TestImages.smooth(width: 120, height: 90, seed: 200 + seed)
            let noisy = TestImages.perturbed(image, amplitude: 3, seed: seed)
            let other = TestImages.smooth(width: 120, height: 90, seed: 900 + seed)
            for hasher in [AverageHash() as any ImageHasher, DCTHash(), DifferenceHash()] {
                let d = hasher.distance(between: image, and: noisy)
                #expect(d <= 8, "seed \(seed) \(type(of: hasher)): \(d)")
                #expect(hasher.distance(between: image, and: image) == 0)
                #expect(hasher.distance(between: image, and: other) > d, "seed \(seed) \(type(of: hasher))")
            }
        }
    }

    @Test func grayAndColourInputsAgreeAfterConversion() throws {
        let image = TestImages.smooth(width: 70, height: 50, seed: 77)
        let gray = image.grayscale(.rec601)
        var rgba: [UInt8] = []
        for i in 0..<image.pixelCount {
            rgba += image.samples[(i * 3)..<(i * 3 + 3)]
            rgba.append(UInt8(i % 256))  // alpha is ignored
        }
        let withAlpha = try PixelBuffer(width: 70, height: 50, format: .rgba8, samples: rgba)
        for hasher in [AverageHash() as any ImageHasher, DCTHash(), DifferenceHash(), RowDCTHash()] {
            #expect(hasher.fingerprint(of: image) == hasher.fingerprint(of: gray))
            #expect(hasher.fingerprint(of: image) == hasher.fingerprint(of: withAlpha))
        }
    }

    @Test func concurrentHashingGivesTheSameBits() async {
        let images = (0..<6).map { TestImages.smooth(width: 90, height: 70, seed: 300 + UInt64($0)) }
        let hashers: [any ImageHasher] = [AverageHash(), DCTHash(), DifferenceHash(size: 16), RowDCTHash()]
        let expected = images.map { image in hashers.map { $0.fingerprint(of: image) } }
        let results = await withTaskGroup(of: (Int, [Fingerprint]).self) { group in
            for _ in 0..<8 {
                for (i, image) in images.enumerated() {
                    group.addTask { (i, hashers.map { $0.fingerprint(of: image) }) }
                }
            }
            var all: [(Int, [Fingerprint])] = []
            for await r in group { all.append(r) }
            return all
        }
        #expect(results.count == 48)
        for (i, fingerprints) in results { #expect(fingerprints == expected[i]) }
    }
}
