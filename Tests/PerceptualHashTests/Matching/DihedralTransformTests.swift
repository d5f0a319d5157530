import Testing
@testable import PerceptualHash

@Suite struct DihedralTransformTests {
    /// Each transform is a permutation of the grid; the two mirrors and the transposes are
    /// their own inverse; four quarter turns give the identity; and the table's reads match a
    /// plain geometric definition (rotate90 = counter-clockwise on screen).
    @Test func groupLaws() {
        let n = 5
        let plane = Array(0..<(n * n))
        for t in DihedralTransform.allCases {
            #expect(Set(t.applied(to: plane, side: n)) == Set(plane), "\(t) is not a permutation")
        }
        for t in [DihedralTransform.flipX, .flipY, .flipPlus1, .flipMinus1, .rotate180] {
            #expect(t.applied(to: t.applied(to: plane, side: n), side: n) == plane, "\(t) twice")
        }
        var turned = plane
        for _ in 0..<4 { turned = DihedralTransform.rotate90.applied(to: turned, side: n) }
        #expect(turned == plane)
        // rotate90 (counter-clockwise): the top-right corner moves to the top-left.
        #expect(DihedralTransform.rotate90.applied(to: plane, side: n)[0] == plane[n - 1])
        #expect(DihedralTransform.rotate270.applied(to: plane, side: n)[0] == plane[(n - 1) * n])
        #expect(DihedralTransform.flipY.applied(to: plane, side: n)[0] == plane[n - 1])
        #expect(DihedralTransform.flipX.applied(to: plane, side: n)[0] == plane[(n - 1) * n])
        #expect(DihedralTransform.flipPlus1.applied(to: plane, side: n)[1] == plane[n])
        // rotate90 . rotate90 == rotate180; flipY . flipX == rotate180
        #expect(
            DihedralTransform.rotate90.applied(to: DihedralTransform.rotate90.applied(to: plane, side: n), side: n)
                == DihedralTransform.rotate180.applied(to: plane, side: n))
        #expect(
            DihedralTransform.flipY.applied(to: DihedralTransform.flipX.applied(to: plane, side: n), side: n)
                == DihedralTransform.rotate180.applied(to: plane, side: n))
    }

    /// PDQ's symmetries derived from the coefficients (no second DCT) agree with hashing the
    /// transformed plane, up to Float summation order: at most 2 of 256 bits.
    @Test func pdqCoefficientSymmetriesMatchPixelSymmetries() {
        for seed in UInt64(1)...6 {
            let image = RobustTestImages.photo(width: 64, height: 64, seed: seed)
            let plane = RobustPlane(image, box: .init(left: 0, top: 0, right: 64, bottom: 64), workingSide: 64).values
            let block = PDQTransform.forward(plane)
            for t in DihedralTransform.allCases {
                let derived = PDQHash.bits(of: PDQHash.transform(block, t.pdq))
                let direct = PDQHash.bits(of: PDQTransform.forward(t.applied(to: plane, side: 64)))
                #expect(derived.distance(to: direct) <= 2, "seed \(seed) \(t): \(derived.distance(to: direct)) bits")
            }
        }
    }

    /// Gray `side x side` thumbnails: photo-like planes (luma of ``RobustTestImages/photo``) and
    /// uniform noise, as robust matching hands them to the hasher.
    static func grayThumbnails(side: Int) -> [PixelBuffer] {
        var planes: [[UInt8]] = []
        for seed in UInt64(1)...4 {
            let image = RobustTestImages.photo(width: side, height: side, seed: seed)
            let plane = RobustPlane(image, box: .init(left: 0, top: 0, right: side, bottom: side), workingSide: side)
            planes.append(plane.values.map { UInt8(min(255, max(0, $0.rounded()))) })
        }
        var rng = SplitMix64(seed: 99)
        planes.append((0..<(side * side)).map { _ in UInt8(truncatingIfNeeded: rng.next() >> 56) })
        return planes.map { PixelBuffer(uncheckedWidth: side, height: side, format: .gray8, samples: $0) }
    }

    /// DCTHash's symmetries derived from one coefficient block (odd frequencies negated, block
    /// transposed) give exactly the bits of hashing the transformed thumbnail, for every
    /// threshold, DC treatment, block size and transform algorithm.
    @Test func dctHashCoefficientSymmetriesMatchPixelSymmetries() {
        for size in [8, 16] {
            let thumbnails = Self.grayThumbnails(side: size * 4)
            for algorithm in [DCTAlgorithm.scipyFFTPack, .butterfly] {
                for threshold in DCTHash.Threshold.allCases {
                    for dcTerm in DCTHash.DCTerm.allCases {
                        let hasher = DCTHash(size: size, threshold: threshold, dcTerm: dcTerm, transform: algorithm)
                        for (k, thumbnail) in thumbnails.enumerated() {
                            let derived = hasher.fingerprints(of: thumbnail, symmetries: DihedralTransform.allCases)
                            for (t, fingerprint) in zip(DihedralTransform.allCases, derived) {
                                let turned = PixelBuffer(
                                    uncheckedWidth: size * 4, height: size * 4, format: .gray8,
                                    samples: t.applied(to: thumbnail.samples, side: size * 4))
                                let direct = hasher.fingerprint(of: turned)
                                #expect(
                                    fingerprint == direct,
                                    "size \(size) \(algorithm) \(threshold) \(dcTerm) image \(k) \(t): \(fingerprint.distance(to: direct)) bits"
                                )
                            }
                        }
                    }
                }
            }
        }
    }

    /// The coefficient table itself, on a non-square block: flips negate exactly the odd
    /// vertical (flipX) or horizontal (flipY) frequencies of the direct transform, within
    /// rounding.
    @Test func dctHashBlockFlipsOnARectangularBlock() {
        let hasher = DCTHash(width: 8, height: 4, transform: .butterfly)
        let image = RobustTestImages.photo(width: 32, height: 16, seed: 7)
        let block = hasher.coefficientBlock(of: image)
        for t in [DihedralTransform.flipX, .flipY, .rotate180] {
            let derived = DCTHash.transform(block, width: 8, height: 4, t)
            let flipped =
                t == .rotate180
                ? RobustTestImages.flipped(RobustTestImages.flipped(image, horizontal: true), horizontal: false)
                : RobustTestImages.flipped(image, horizontal: t == .flipY)
            let direct = hasher.coefficientBlock(of: flipped)
            for i in 0..<32 {
                #expect(abs(derived[i] - direct[i]) <= 1e-9 * max(1, abs(direct[i])), "\(t) coefficient \(i)")
            }
            // Reference signs: flipX negates odd rows u, flipY odd columns v.
            let u = 1, v = 3
            let sign: Double = t == .flipX ? -1 : t == .flipY ? -1 : 1
            #expect(derived[u * 8 + v] == sign * block[u * 8 + v])
        }
    }

    /// Robust DCTHash fingerprints (one DCT per thumbnail, symmetries from the coefficients)
    /// equal the fingerprints of the transformed, rounded thumbnails computed the plain way.
    @Test func robustDCTHashUsesCoefficientSymmetries() {
        let image = RobustTestImages.photo(width: 150, height: 100, seed: 3)
        for (hasher, side) in [(DCTHash(size: 8), 32), (DCTHash(size: 16), 64)] {
            let configuration = RobustConfiguration.standard.withThumbnailSide(side)
            let robust = RobustHasher(hasher, configuration: configuration)
            let fingerprint = robust.referenceFingerprint(of: image)
            let box = configuration.trim!.contentBox(of: image)
            let plane = RobustPlane(image, box: box, workingSide: configuration.workingSide)
            for entry in fingerprint.entries {
                let thumbnail = plane.thumbnail(entry.variant, side: side).map { UInt8(min(255, max(0, $0.rounded()))) }
                let turned = PixelBuffer(
                    uncheckedWidth: side, height: side, format: .gray8,
                    samples: entry.variant.symmetry.applied(to: thumbnail, side: side))
                #expect(entry.fingerprint == hasher.fingerprint(of: turned), "\(side) \(entry.variant)")
            }
        }
    }
}
