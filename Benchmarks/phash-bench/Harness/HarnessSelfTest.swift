import Foundation
import PerceptualHash

/// `phash-bench --self-test`: the metrics on hand-computed cases and the attacks' invariants.
/// Prints each failure and returns false if any check fails.
enum HarnessSelfTest {
    /// Runs every check, prints each failure and a summary; true when all passed.
    static func run() -> Bool {
        let (checks, failures) = results()
        for failure in failures { print("FAIL: \(failure)") }
        print("phash-bench self-test: \(checks - failures.count)/\(checks) checks passed")
        return failures.isEmpty
    }

    /// Runs every check; returns how many ran and the message of each that failed (the
    /// `PhashBenchTests` suite asserts there are none).
    static func results() -> (checks: Int, failures: [String]) {
        var failures: [String] = [], checks = 0
        func check(_ condition: Bool, _ message: @autoclosure () -> String) {
            checks += 1
            if !condition { failures.append(message()) }
        }
        func near(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
            a.map { abs($0 - b) <= tolerance } ?? false
        }

        // Thresholds at a false-positive rate.
        let thousand = (0..<1000).map(Double.init)
        check(
            HarnessMetrics.threshold(sortedNegatives: thousand, target: 0.001, integer: true) == 0, "0..999 @0.1% -> 0")
        check(HarnessMetrics.threshold(sortedNegatives: thousand, target: 0.01, integer: true) == 9, "0..999 @1% -> 9")
        check(HarnessMetrics.rate(sorted: thousand, atMost: 9) == 0.01, "FPR at 9 is 1%")
        check(
            HarnessMetrics.threshold(sortedNegatives: [3, 5, 5, 8], target: 0.5, integer: true) == 4,
            "[3,5,5,8] @50% int -> 4")
        check(
            near(HarnessMetrics.threshold(sortedNegatives: [0.1, 0.2, 0.2, 0.3], target: 0.5, integer: false), 0.15),
            "real midpoint 0.15")
        check(
            near(HarnessMetrics.threshold(sortedNegatives: [0.1, 0.2, 0.2, 0.3], target: 0.6, integer: false), 0.15),
            "m=2 ties -> 0.15")
        check(
            near(HarnessMetrics.threshold(sortedNegatives: [0.4, 0.5], target: 0.1, integer: false), 0.2),
            "no lower neighbour -> v/2")
        check(
            HarnessMetrics.threshold(sortedNegatives: [0, 0, 1], target: 0.34, integer: true) == nil,
            "two zeros @34% -> none")
        check(HarnessMetrics.threshold(sortedNegatives: [1, 2], target: 1, integer: true) == 2, "target 1 -> largest")
        check(HarnessMetrics.rate(sorted: [1, 2, 3], atMost: 2) == 2.0 / 3, "rate 2/3")
        check(HarnessMetrics.rate(sorted: [1, 2, 3], atMost: nil) == 0, "rate nil -> 0")
        // A threshold never lets more than the target through, on seeded random lists.
        var rng = HarnessRandom(seed: 42)
        for trial in 0..<200 {
            let n = rng.integer(1...300)
            let integer = trial % 2 == 0
            let values = (0..<n).map { _ in integer ? Double(rng.integer(0...20)) : rng.uniform(0...1) }.sorted()
            for target in [0.001, 0.01, 0.1, 0.5] {
                let t = HarnessMetrics.threshold(sortedNegatives: values, target: target, integer: integer)
                let fpr = HarnessMetrics.rate(sorted: values, atMost: t)
                check(fpr <= target, "trial \(trial) n \(n) target \(target): FPR \(fpr)")
                // And it is the largest: the next candidate up exceeds the target.
                if let t, t < values[values.count - 1] {
                    let next = values.first { $0 > t }!
                    check(
                        HarnessMetrics.rate(sorted: values, atMost: next) > target,
                        "trial \(trial) n \(n) target \(target): not maximal")
                }
            }
        }
        // AUC, ties counted half; against the O(PN) definition on random lists.
        check(HarnessMetrics.auc(sortedPositives: [1, 2], sortedNegatives: [2, 3]) == 0.875, "AUC 0.875")
        check(HarnessMetrics.auc(sortedPositives: [0, 1], sortedNegatives: [5, 6]) == 1, "AUC 1")
        check(HarnessMetrics.auc(sortedPositives: [5], sortedNegatives: [1]) == 0, "AUC 0")
        check(HarnessMetrics.auc(sortedPositives: [2, 2], sortedNegatives: [2]) == 0.5, "AUC all ties 0.5")
        for trial in 0..<100 {
            let p = (0..<rng.integer(1...40)).map { _ in Double(rng.integer(0...12)) }.sorted()
            let n = (0..<rng.integer(1...40)).map { _ in Double(rng.integer(0...12)) }.sorted()
            var wins = 0.0
            for a in p { for b in n { wins += a < b ? 1 : a == b ? 0.5 : 0 } }
            check(
                abs(HarnessMetrics.auc(sortedPositives: p, sortedNegatives: n) - wins / Double(p.count * n.count))
                    < 1e-12, "AUC trial \(trial)")
        }
        let roc = HarnessMetrics.rocPoints(sortedPositives: [1], sortedNegatives: [2])
        check(roc.map(\.fpr) == [0, 0, 1] && roc.map(\.tpr) == [0, 1, 1], "ROC points \(roc)")

        // Attacks.
        let image = HarnessCorpus.generated(count: 5)[3].image  // a texture
        var g = HarnessRandom(seed: 7)
        let smooth = HarnessCorpus.generate(family: 0, width: 100, height: 60, rng: &g)
        func meanAbs(_ a: PixelBuffer, _ b: PixelBuffer) -> Double {
            Double(zip(a.samples, b.samples).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) }) / Double(a.samples.count)
        }
        check(AttackKit.mirror(AttackKit.mirror(image)) == image, "mirror twice = identity")
        check(
            AttackKit.mirror(smooth).samples[0..<3] == smooth.samples[(99 * 3)..<(100 * 3)],
            "mirror moves the last column first")
        let c5 = AttackKit.crop(smooth, fraction: 0.05), c10 = AttackKit.crop(smooth, fraction: 0.10)
        check(c5.width == 90 && c5.height == 54, "crop5 of 100x60 is \(c5.width)x\(c5.height)")
        check(c10.width == 80 && c10.height == 48, "crop10 of 100x60 is \(c10.width)x\(c10.height)")
        check(
            c10.samples[0..<3] == smooth.samples[((6 * 100 + 10) * 3)..<((6 * 100 + 10) * 3 + 3)], "crop10 origin pixel"
        )
        let padded = AttackKit.pad(smooth, fraction: 0.2)
        check(padded.width == 140 && padded.height == 60, "pad20 of 100x60 is \(padded.width)x\(padded.height)")
        check(
            padded.samples[0..<60].allSatisfy { $0 == 0 }
                && padded.samples[(20 * 3)..<(120 * 3)] == smooth.samples[0..<300], "pad20 layout")
        let banded = AttackKit.band(smooth)
        check(
            banded.samples[(52 * 300)...].allSatisfy { $0 == 255 }
                && banded.samples[..<(52 * 300)] == smooth.samples[..<(52 * 300)], "band = bottom 8 of 60 rows")
        check(AttackKit.rotate(image, degrees: 0) == image, "rotate 0 = identity")
        let r3 = AttackKit.rotate(smooth, degrees: 3)
        check(r3.width == 100 && r3.height == 60 && r3.samples[0..<3] == [0, 0, 0], "rotate keeps size, black corner")
        // Colour constant over 2x2 blocks, so 4:2:0 loses nothing and only rounding remains.
        let blocky = AttackKit.scale(smooth, 0.5).resized(width: 100, height: 60, filter: .nearest)
        let q100 = meanAbs(AttackKit.jpeg(blocky, quality: 100), blocky)
        check(q100 < 1.0, "JPEG q100 on 2x2-constant colour: mean abs error \(q100)")
        let grayImage = AttackKit.gray(image)
        let gq =
            zip(AttackKit.jpeg(grayImage, quality: 100).samples, grayImage.samples).map { abs(Int($0) - Int($1)) }.max()
            ?? 0
        check(gq <= 2, "JPEG q100 on a gray image: max error \(gq)")
        let q30 = meanAbs(AttackKit.jpeg(image, quality: 30), image),
            q10 = meanAbs(AttackKit.jpeg(image, quality: 10), image)
        check(q10 > q30 && q30 > 0.5, "JPEG error grows as quality drops: q30 \(q30), q10 \(q10)")
        check(
            AttackKit.scaledTable(AttackKit.luminanceTable, quality: 50) == AttackKit.luminanceTable.map(Double.init),
            "q50 = base table")
        check(AttackKit.scaledTable(AttackKit.luminanceTable, quality: 10)[0] == 80, "q10 DC step 16 * 500 / 100 = 80")
        let flat = HarnessCorpus.makeRGB(width: 30, height: 20, samples: [UInt8](repeating: 100, count: 1800))
        check(AttackKit.blur(flat, sigma: 2) == flat, "blur of a flat image is flat")
        check(AttackKit.contrast(flat, factor: 0.7) == flat, "contrast of a flat image is flat")
        check(AttackKit.map(flat) { 1.3 * $0 }.samples.allSatisfy { $0 == 130 }, "brightness 100 -> 130")
        let noisy = AttackKit.noise(flat, sigma: 10, seed: 1)
        let mean = Double(noisy.samples.reduce(0) { $0 + Int($1) }) / 1800
        let sd = (noisy.samples.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / 1800).squareRoot()
        check(abs(mean - 100) < 1 && abs(sd - 10) < 0.8, "noise sigma 10: mean \(mean), sd \(sd)")
        let blurred = AttackKit.blur(image, sigma: 1)
        check(
            abs(Double(blurred.samples.reduce(0) { $0 + Int($1) }) - Double(image.samples.reduce(0) { $0 + Int($1) }))
                / Double(image.samples.count) < 1, "blur keeps the mean")
        let gamma = AttackKit.map(flat) { 255 * pow($0 / 255, 0.6) }
        check(gamma.samples[0] == UInt8((255 * pow(100.0 / 255, 0.6)).rounded()), "gamma 0.6 of 100")
        for attack in HarnessAttack.all {
            let a = attack.apply(image, 3), b = attack.apply(image, 3)
            check(a == b && a.format == .rgb8, "\(attack.name) is deterministic and RGB")
        }
        let s50 = AttackKit.scale(smooth, 0.5)
        check(s50.width == 50 && s50.height == 30, "scale50 of 100x60")
        // The gray shortcut of the robustness run gives the same signatures as the RGB pipeline.
        let gray = image.grayscale(.rec601)
        for feature in HarnessAlgorithm.features {
            switch (feature.compute(image, gray), feature.fromRGB(image)) {
            case (.bits(let x), .bits(let y)): check(x == y, "\(feature.name): gray shortcut differs")
            case (.histogram(let x), .histogram(let y)): check(x == y, "\(feature.name): gray shortcut differs")
            case (.dihedral(let x), .dihedral(let y)): check(x == y, "\(feature.name): gray shortcut differs")
            case (.robust(let x, _), .robust(let y, _)): check(x == y, "\(feature.name): reference sets differ")
            case (.multi(let x), .multi(let y)): check(x == y, "\(feature.name): gray shortcut differs")
            default: check(false, "\(feature.name): signature kinds differ")
            }
        }
        // PDQ with dihedral matching: a mirrored or rotated copy matches (the reference's 31),
        // the plain PDQ distance of the mirror does not, and dihedral matching is never farther
        // than plain matching (element 0 is the plain hash for any size but 64x64).
        let pdq = HarnessAlgorithm.all.first { $0.name == "pdq" }!
        let pdqDihedral = HarnessAlgorithm.all.first { $0.name == "pdq-dihedral" }!
        func signature(_ algorithm: HarnessAlgorithm, _ rgb: PixelBuffer) -> HarnessSignature {
            HarnessAlgorithm.features[algorithm.feature].fromRGB(rgb)
        }
        let mirrored = AttackKit.mirror(image)
        let dihedralMirror = pdqDihedral.distance(signature(pdqDihedral, image), signature(pdqDihedral, mirrored))
        let plainMirror = pdq.distance(signature(pdq, image), signature(pdq, mirrored))
        check(dihedralMirror <= 31 && plainMirror > 31, "pdq mirror: dihedral \(dihedralMirror), plain \(plainMirror)")
        let rotated = PixelBuffer.rotated90(image)
        let dihedralRotated = pdqDihedral.distance(signature(pdqDihedral, image), signature(pdqDihedral, rotated))
        check(dihedralRotated <= 31, "pdq rotate90: dihedral \(dihedralRotated)")
        for (k, other) in HarnessCorpus.generated(count: 6).enumerated() {
            let plain = pdq.distance(signature(pdq, image), signature(pdq, other.image))
            let dihedral = pdqDihedral.distance(signature(pdqDihedral, image), signature(pdqDihedral, other.image))
            check(dihedral <= plain, "pdq-dihedral above plain pdq for generated image \(k): \(dihedral) > \(plain)")
        }
        // The held-out edits: deterministic RGB, their own flips are involutions, borders and
        // crops have the stated sizes.
        for attack in HarnessAttack.heldOut + HarnessAttack.sweep + HarnessAttack.blind {
            let a = attack.apply(image, 3), b = attack.apply(image, 3)
            check(a == b && a.format == .rgb8, "held-out \(attack.name) is deterministic and RGB")
        }
        check(
            HeldOutKit.flip(HeldOutKit.flip(image, horizontal: true), horizontal: true) == image,
            "held-out mirror twice")
        check(
            HeldOutKit.flip(HeldOutKit.flip(image, horizontal: false), horizontal: false) == image,
            "held-out vflip twice")
        check(HeldOutKit.flip(image, horizontal: true) == AttackKit.mirror(image), "held-out mirror = harness mirror")
        let framed = HeldOutKit.border(smooth, left: 3, top: 4, right: 5, bottom: 6, colour: (1, 2, 3))
        check(
            framed.width == smooth.width + 8 && framed.height == smooth.height + 10
                && Array(framed.samples.prefix(3)) == [1, 2, 3],
            "held-out border layout")
        let corner = HeldOutKit.crop(smooth, 0, 0, 0.18, 0.18)
        check(
            corner.width == smooth.width - Int(Double(smooth.width) * 0.18)
                && corner.samples.prefix(3) == smooth.samples.prefix(3),
            "held-out corner crop keeps the top-left")
        check(HeldOutKit.rotate(smooth, degrees: 0, fill: (9, 9, 9)) == smooth, "held-out rotate 0 is the identity")
        // Robust matching: the query set of an edited copy against the reference set of the
        // original. Geometric copies match at the recommended threshold, while plain PDQ misses
        // the mirror; an image matches itself at 0; the distance is query-vs-reference.
        let robust = HarnessAlgorithm.all.first { $0.name == "pdq-robust" }!
        let robustFeature = HarnessAlgorithm.features[robust.feature]
        let original = robustFeature.compute(image, gray)
        check(robust.distance(original, original) == 0, "pdq-robust: an image against itself")
        let threshold = Double(RobustHasher<PDQHash>.recommendedPDQThreshold)
        for (name, copy) in [
            ("mirror", AttackKit.mirror(image)), ("pad20", AttackKit.pad(image, fraction: 0.2)),
            ("vflip", HeldOutKit.flip(image, horizontal: false)),
            ("letterbox", HeldOutKit.border(image, left: 0, top: 20, right: 0, bottom: 20, colour: (0, 0, 0))),
        ] {
            let d = robust.distance(original, robustFeature.compute(copy, copy.grayscale(.rec601)))
            check(d <= threshold, "pdq-robust \(name): \(d) > \(threshold)")
        }
        // A 10% crop of this fine texture is hard for every hash; robust matching brings it
        // closer than plain PDQ does.
        let cropped = AttackKit.crop(image, fraction: 0.1)
        let robustCrop = robust.distance(original, robustFeature.compute(cropped, cropped.grayscale(.rec601)))
        let plainCrop = pdq.distance(signature(pdq, image), signature(pdq, cropped))
        check(robustCrop < plainCrop, "pdq-robust crop10 \(robustCrop) not below plain pdq \(plainCrop)")
        if case .robust(let reference, let query) = original {
            check(
                reference.count == RobustConfiguration.standard.referenceVariants.count
                    && query.count == RobustConfiguration.standard.queryVariants.count,
                "pdq-robust set sizes")
            for (k, other) in HarnessCorpus.generated(count: 4).enumerated() {
                let otherSignature = robustFeature.compute(other.image, other.image.grayscale(.rec601))
                guard case .robust(_, let otherQuery) = otherSignature else { continue }
                check(
                    robust.distance(original, otherSignature) == Double(otherQuery.distance(to: reference)),
                    "pdq-robust distance is query of the copy vs reference of the original (generated \(k))")
            }
        } else {
            check(false, "pdq-robust signature is not robust")
        }
        return (checks, failures)
    }
}

extension PixelBuffer {
    /// `image` (RGB8) rotated 90 degrees counter-clockwise: output pixel (x, y) is input pixel
    /// (width - 1 - y, x). For the self-test of dihedral matching.
    static func rotated90(_ image: PixelBuffer) -> PixelBuffer {
        let w = image.width, h = image.height
        var samples = [UInt8](repeating: 0, count: w * h * 3)
        for y in 0..<w {
            for x in 0..<h {
                let from = (x * w + (w - 1 - y)) * 3, to = (y * h + x) * 3
                for c in 0..<3 { samples[to + c] = image.samples[from + c] }
            }
        }
        return HarnessCorpus.makeRGB(width: h, height: w, samples: samples)
    }
}
