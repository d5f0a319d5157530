import Foundation
import PerceptualHash

/// `phash-bench pdq [--runs N] [--images DIR] [--write-images DIR] [--profile SIZE]`: PDQ hashing
/// speed (release, one core, decode excluded) of `PDQHash.hashWithQuality(of:)`, the work of
/// `pdqhash.compute`, on the generated 640x480, 1920x1080 and 4000x3000 RGB images of
/// `phash-bench speed` and, with `--images`, on every `.ppm` of a folder (all decoded up front;
/// the figure is total megapixels over total time). Each figure is the median of `N` (default 7)
/// runs after a warm-up, as Mpx/s and microseconds per image; `Benchmarks/pdq_speed.py` times
/// `pdqhash.compute` the same way and `Benchmarks/compare_pdq_speed.sh` runs both.
/// `--write-images DIR` writes the generated images as P6 PPM (for `pdq_speed.py`).
/// `--profile NAME` hashes one image set `N` times (`640x480`, `1920x1080`, `4000x3000`, or with
/// `--images DIR` `corpus`) and prints nothing, for `valgrind --tool=callgrind` or `perf stat`.
func runPDQSpeedBenchmark(arguments: [String]) {
    var runs = 7
    var imageDir: String?
    var writeDir: String?
    var profile: String?
    var i = 0
    while i < arguments.count {
        switch arguments[i] {
        case "--runs": runs = Int(arguments[i + 1]) ?? runs; i += 1
        case "--images": imageDir = arguments[i + 1]; i += 1
        case "--write-images": writeDir = arguments[i + 1]; i += 1
        case "--profile": profile = arguments[i + 1]; i += 1
        default: print("pdq: unknown argument \(arguments[i])")
        }
        i += 1
    }
    let sizes = [(640, 480), (1920, 1080), (4000, 3000)]
    var sets: [(name: String, images: [PixelBuffer])] = sizes.enumerated().map { k, s in
        ("\(s.0)x\(s.1)", [hashBenchImage(width: s.0, height: s.1, seed: UInt64(k + 1))])
    }
    if let dir = writeDir {
        for set in sets {
            let url = URL(fileURLWithPath: dir).appendingPathComponent("\(set.name).ppm")
            try! Data(set.images[0].netpbmEncoded()).write(to: url)
        }
        print("pdq: wrote \(sets.count) images to \(dir)")
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
    let pdq = PDQHash()
    if let profile {
        guard
            let set = sets.first(where: { $0.name == profile || ($0.name.hasPrefix("corpus") && profile == "corpus") })
        else { print("pdq: unknown profile \(profile)"); return }
        for _ in 0..<runs {
            for image in set.images { hashBlackHole(pdq.hashWithQuality(of: image)) }
        }
        return
    }

    func median(_ body: () -> Void) -> Double { medianSeconds(runs: runs, body) }
    func pad(_ s: String, _ n: Int) -> String { s.padding(toLength: max(n, s.count), withPad: " ", startingAt: 0) }

    print("pdq: PerceptualHash PDQHash.hashWithQuality, median of \(runs) runs, one core, decode excluded")
    print(pad("hash", 9) + sets.map { pad($0.name, 26) }.joined())
    var line = pad("pdq", 9)
    for set in sets {
        let mpx = Double(set.images.reduce(0) { $0 + $1.pixelCount }) / 1e6
        let t = median {
            for image in set.images { hashBlackHole(pdq.hashWithQuality(of: image)) }
        }
        line += pad(String(format: "%8.1f Mpx/s %9.1f us", mpx / t, t * 1e6 / Double(set.images.count)), 26)
    }
    print(line)
    print("(black-hole sum \(harnessSink))")
}
