import Foundation
import PerceptualHash
import PerceptualHashTestSupport

/// Consumes a value so the optimizer cannot drop the work that produced it (its bytes go to
/// the harness's printed sum, ``harnessBlackHole(_:)``).
@inline(never)
func hashBlackHole<T>(_ value: T) {
    harnessBlackHole(value)
}

/// ``SyntheticImages/benchmarkImage(width:height:seed:)``: a smooth seeded RGB image (a grid
/// of random control values every 64 pixels, interpolated bilinearly, plus a faint ripple).
/// The same pixels are written by `--write-images` for `Benchmarks/imagehash_speed.py`.
func hashBenchImage(width w: Int, height h: Int, seed: UInt64) -> PixelBuffer {
    SyntheticImages.benchmarkImage(width: w, height: h, seed: seed)
}

/// `phash-bench speed [--runs N] [--images DIR] [--write-images DIR]`: hashing speed (release,
/// one core, decode excluded) of AverageHash, DCTHash and DifferenceHash (sizes 8 and 16),
/// WaveletHash (Haar and db4, size 8), ColorHash and CropResistantHash (`crop-resistant`) on
/// generated 640x480, 1920x1080 and 4000x3000 RGB images and, with `--images`, on every `.ppm`
/// of a folder (all decoded up front; the figure is total megapixels over total time). Each
/// figure is the median of `N` (default 7) runs after a warm-up, as Mpx/s and microseconds per
/// image. Also the per-stage times of the two-step pipeline (gray conversion, resize of the gray
/// image, the 32x32 DCT, the full hash) for each generated image.
/// `--profile NAME` runs one call (`ahash`, `phash`, `dhash`, `gray`, `twostep8`, `twostep32`,
/// `rgb8`, `rgb32`, `whash`, `colorhash`) on the 1920x1080 image, for callgrind instruction counts.
/// `--write-images DIR` writes the generated images as P6 PPM (for `imagehash_speed.py`).
/// `--only NAME` times that one hash (a row name of the table) and skips the stage table.
func runHashSpeedBenchmark(arguments: [String]) {
    var runs = 7
    var imageDir: String?
    var writeDir: String?
    var profile: String?
    var only: String?
    var i = 0
    while i < arguments.count {
        switch arguments[i] {
        case "--runs": runs = Int(arguments[i + 1]) ?? runs; i += 1
        case "--images": imageDir = arguments[i + 1]; i += 1
        case "--write-images": writeDir = arguments[i + 1]; i += 1
        case "--profile": profile = arguments[i + 1]; i += 1
        case "--only": only = arguments[i + 1]; i += 1
        default: print("speed: unknown argument \(arguments[i])")
        }
        i += 1
    }
    let sizes = [(640, 480), (1920, 1080), (4000, 3000)]
    var sets: [(name: String, images: [PixelBuffer])] = sizes.enumerated().map { k, s in
        ("\(s.0)x\(s.1)", [hashBenchImage(width: s.0, height: s.1, seed: UInt64(k + 1))])
    }
    if let profile {
        // One call on the 1920x1080 image, for `valgrind --tool=callgrind` instruction counts.
        let image = sets[1].images[0]
        switch profile {
        case "twostep8": hashBlackHole(image.grayscale().resized(width: 8, height: 8))
        case "twostep32": hashBlackHole(image.grayscale().resized(width: 32, height: 32))
        case "gray": hashBlackHole(image.grayscale())
        case "rgb8": hashBlackHole(image.resized(width: 8, height: 8))
        case "rgb32": hashBlackHole(image.resized(width: 32, height: 32))
        case "ahash": hashBlackHole(AverageHash().fingerprint(of: image))
        case "phash": hashBlackHole(DCTHash().fingerprint(of: image))
        case "dhash": hashBlackHole(DifferenceHash().fingerprint(of: image))
        case "whash": hashBlackHole(WaveletHash().fingerprint(of: image))
        case "colorhash": hashBlackHole(ColorHash().fingerprint(of: image))
        default: print("speed: unknown profile \(profile)")
        }
        return
    }
    if let dir = writeDir {
        for set in sets {
            let url = URL(fileURLWithPath: dir).appendingPathComponent("\(set.name).ppm")
            try! Data(set.images[0].netpbmEncoded()).write(to: url)
        }
        print("speed: wrote \(sets.count) images to \(dir)")
        return
    }
    if let dir = imageDir {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        let images = names.filter { $0.hasSuffix(".ppm") }.sorted().compactMap { name -> PixelBuffer? in
            guard let data = FileManager.default.contents(atPath: dir + "/" + name) else { return nil }
            return try? PixelBuffer(netpbm: [UInt8](data))
        }
        sets.append(("corpus(\(images.count))", images))
    }

    func median(_ body: () -> Void) -> Double { medianSeconds(runs: runs, body) }
    func pad(_ s: String, _ n: Int) -> String { s.padding(toLength: max(n, s.count), withPad: " ", startingAt: 0) }

    let fingerprinters: [(String, any ImageHasher)] = [
        ("ahash", AverageHash()), ("phash", DCTHash()), ("dhash", DifferenceHash()),
        ("ahash16", AverageHash(size: 16)), ("phash16", DCTHash(size: 16)),
        ("dhash16", DifferenceHash(size: 16)),
        ("whash", WaveletHash()), ("whash-db4", WaveletHash(wavelet: .daubechies4)),
        ("colorhash", ColorHash()),
    ]
    let cropResistant = CropResistantHash()
    let hashers: [(String, (PixelBuffer) -> Void)] =
        fingerprinters.map { name, hasher in (name, { hashBlackHole(hasher.fingerprint(of: $0)) }) }
        + [("crop-resistant", { hashBlackHole(cropResistant.multiFingerprint(of: $0).segments) })]
    print("speed: median of \(runs) runs, one core, decode excluded")
    print(pad("hash", 9) + sets.map { pad($0.name, 26) }.joined())
    for (name, hash) in hashers where only == nil || only == name {
        var line = pad(name, 9)
        for set in sets {
            let mpx = Double(set.images.reduce(0) { $0 + $1.pixelCount }) / 1e6
            let t = median {
                for image in set.images { hash(image) }
            }
            line += pad(String(format: "%8.1f Mpx/s %9.1f us", mpx / t, t * 1e6 / Double(set.images.count)), 26)
        }
        print(line)
    }
    if only != nil { return }
    print("stages (two-step pipeline, microseconds per image):")
    print(
        pad("image", 12)
            + ["gray", "resize8x8", "resize9x8", "resize32", "dct32", "ahash", "phash", "dhash"].map { pad($0, 11) }
            .joined())
    let plan = DCT2D(rows: 32, columns: 32)
    for set in sets.prefix(3) {
        let image = set.images[0]
        let gray = image.grayscale()
        let small = gray.resized(width: 32, height: 32).samples.map(Double.init)
        let stages: [() -> Void] = [
            { hashBlackHole(image.grayscale()) },
            { hashBlackHole(gray.resized(width: 8, height: 8)) },
            { hashBlackHole(gray.resized(width: 9, height: 8)) },
            { hashBlackHole(gray.resized(width: 32, height: 32)) },
            { hashBlackHole(plan.forwardTopLeft(small, rows: 8, columns: 8)) },
            { hashBlackHole(AverageHash().fingerprint(of: image)) },
            { hashBlackHole(DCTHash().fingerprint(of: image)) },
            { hashBlackHole(DifferenceHash().fingerprint(of: image)) },
        ]
        print(pad(set.name, 12) + stages.map { pad(String(format: "%9.1f", median($0) * 1e6), 11) }.joined())
    }
    print("(black-hole sum \(harnessSink))")
}
