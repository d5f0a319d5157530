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
}
