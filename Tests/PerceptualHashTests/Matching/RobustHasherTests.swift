import Testing
@testable import PerceptualHash

@Suite struct RobustHasherTests {
    static let pdq = RobustHasher(PDQHash())
    static let phash = RobustHasher(DCTHash(size: 8), configuration: RobustConfiguration.standard.withThumbnailSide(32))

    /// The plain hashers are untouched: a robust hasher keeps the hasher it was given, and
    /// the plain fingerprint of an image does not depend on robust hashing having run.
    @Test func plainHashesUnchanged() {
        let image = RobustTestImages.photo(width: 120, height: 80, seed: 3)
        let before = (PDQHash().fingerprint(of: image), DCTHash(size: 8).fingerprint(of: image))
        _ = Self.pdq.referenceFingerprint(of: image)
        _ = Self.phash.referenceFingerprint(of: image)
        #expect(PDQHash().fingerprint(of: image) == before.0)
        #expect(DCTHash(size: 8).fingerprint(of: image) == before.1)
        #expect(Self.pdq.hasher == PDQHash())
    }

    /// Sets carry every configured view, in order, with the hasher's bit count.
    @Test func setsFollowTheConfiguration() {
        let image = RobustTestImages.photo(width: 100, height: 75, seed: 4)
        let reference = Self.pdq.referenceFingerprint(of: image), query = Self.pdq.queryFingerprint(of: image)
        #expect(reference.entries.map(\.variant) == RobustConfiguration.standard.referenceVariants)
        #expect(query.entries.map(\.variant) == RobustConfiguration.standard.queryVariants)
        #expect(reference.bitCount == 256 && Self.phash.referenceFingerprint(of: image).bitCount == 64)
        // The query's views are among the reference's, with the same bits.
        for e in query.entries {
            #expect(reference.fingerprint(for: e.variant) == e.fingerprint, "\(e.variant)")
        }
        #expect(query.distance(to: reference) == 0)
    }

    /// A mirrored or upside-down copy's query view equals the matching symmetry of the
    /// original's whole view: within 4 bits of 256 for PDQ (symmetries from coefficients),
    /// exactly for DCTHash (symmetries of the thumbnail); the mirror of the mirror gives the
    /// original's set.
    @Test func mirrorsAndFlips() {
        for seed in UInt64(20)..<26 {
            let image = RobustTestImages.photo(width: 96 + Int(seed), height: 70, seed: seed)
            for (horizontal, symmetry) in [(true, DihedralTransform.flipY), (false, .flipX)] {
                let copy = RobustTestImages.flipped(image, horizontal: horizontal)
                for (name, reference, query) in [
                    ("pdq", Self.pdq.referenceFingerprint(of: image), Self.pdq.queryFingerprint(of: copy)),
                    ("phash8", Self.phash.referenceFingerprint(of: image), Self.phash.queryFingerprint(of: copy)),
                ] {
                    let d = query.fingerprint(for: .identity)!.distance(
                        to: reference.fingerprint(for: RobustVariant(symmetry: symmetry))!)
                    #expect(d <= (name == "pdq" ? 4 : 0), "\(name) seed \(seed) \(symmetry): \(d)")
                }
                let twice = RobustTestImages.flipped(copy, horizontal: horizontal)
                #expect(
                    Self.pdq.referenceFingerprint(of: twice) == Self.pdq.referenceFingerprint(of: image), "seed \(seed)"
                )
            }
        }
    }

    /// A copy inside a border of any colour hashes, after trimming, exactly like the original:
    /// its query set equals the original's query set. This holds for originals without a
    /// trimmable edge of their own (an original whose edge is itself uniform loses it when
    /// alone, not when framed by another colour); the seeds are checked to be such originals.
    @Test func borderedCopyHashesLikeTheOriginal() {
        var tested = 0
        for seed in UInt64(30)..<40 {
            let image = RobustTestImages.photo(width: 80, height: 60, seed: seed)
            guard BorderTrim.standard.contentBox(of: image) == .init(left: 0, top: 0, right: 80, bottom: 60) else {
                continue
            }
            tested += 1
            for colour: [UInt8] in [[0, 0, 0], [255, 255, 255], [200, 40, 40]] {
                let copy = RobustTestImages.padded(image, left: 16, top: 3, right: 16, bottom: 9, colour: colour)
                #expect(
                    Self.pdq.queryFingerprint(of: copy) == Self.pdq.queryFingerprint(of: image),
                    "seed \(seed) \(colour)")
                #expect(
                    Self.phash.queryFingerprint(of: copy) == Self.phash.queryFingerprint(of: image),
                    "seed \(seed) \(colour)")
            }
        }
        #expect(tested >= 6, "only \(tested) of 10 generated originals have no border of their own")
    }

    /// A crop that cuts exactly a reference view's amounts, and a rotation by a reference
    /// view's angle, land close to that view: within 24 of 256 bits for PDQ, while unrelated
    /// images stay above 60.
    @Test func cropsAndRotationsMeetTheirViews() {
        for seed in UInt64(40)..<44 {
            let image = RobustTestImages.photo(width: 200, height: 150, seed: seed)
            let reference = Self.pdq.referenceFingerprint(of: image)
            let crop = RobustTestImages.cropped(image, x0: 28, y0: 21, x1: 172, y1: 129)  // 14% per side
            let dCrop = Self.pdq.queryFingerprint(of: crop).fingerprint(for: .identity)!
                .distance(to: reference.fingerprint(for: RobustVariant(left: 14, top: 14, right: 14, bottom: 14))!)
            #expect(dCrop <= 24, "seed \(seed) crop: \(dCrop)")
            let side = RobustTestImages.cropped(image, x0: 0, y0: 0, x1: 160, y1: 150)  // 20% off the right
            let dSide = Self.pdq.queryFingerprint(of: side).fingerprint(for: .identity)!
                .distance(to: reference.fingerprint(for: RobustVariant(right: 20))!)
            #expect(dSide <= 24, "seed \(seed) side: \(dSide)")
            let turned = RobustTestImages.rotated(image, degrees: 10)
            let dTurn = Self.pdq.queryFingerprint(of: turned).fingerprint(
                for: RobustVariant(left: 14, top: 14, right: 14, bottom: 14))!
                .distance(
                    to: reference.fingerprint(
                        for: RobustVariant(left: 14, top: 14, right: 14, bottom: 14, rotation: 10))!)
            #expect(dTurn <= 24, "seed \(seed) rotation: \(dTurn)")
            let other = Self.pdq.queryFingerprint(of: RobustTestImages.photo(width: 200, height: 150, seed: seed + 100))
            #expect(other.distance(to: reference) > 60, "seed \(seed) unrelated: \(other.distance(to: reference))")
        }
    }

    /// Gray and colour input with the same luma give the same sets; tiny images work.
    @Test func formatsAndTinyImages() throws {
        let gray = RobustTestImages.photo(width: 50, height: 40, seed: 8).grayscale(.rec601)
        var rgb: [UInt8] = []
        for v in gray.samples { rgb += [v, v, v] }
        let colour = try PixelBuffer(width: 50, height: 40, format: .rgb8, samples: rgb)
        #expect(Self.pdq.referenceFingerprint(of: gray) == Self.pdq.referenceFingerprint(of: colour))
        for (w, h) in [(1, 1), (1, 9), (7, 2)] {
            let tiny = try PixelBuffer(width: w, height: h, format: .gray8, repeating: 9)
            #expect(Self.pdq.referenceFingerprint(of: tiny).count == 66)
            #expect(Self.phash.queryFingerprint(of: tiny).count == 6)
        }
    }
}
