import Foundation
import PerceptualHash

/// `phash-bench robust-speed --images DIR [--limit N] [--repetitions R] [--only PREFIX]`: the cost of robust
/// fingerprints next to the plain hash of the same hasher, in thread CPU time (less disturbed
/// by other processes than wall time on a shared machine). Per round, every image is hashed
/// plain, then as a robust reference set, then as a robust query set; the figure per kind is
/// the median over rounds of the mean microseconds per image, and the ratio is robust / plain.
/// `--only PREFIX` measures only the rows whose hasher name starts with `PREFIX` (for profiling).
func runRobustSpeedBenchmark(_ arguments: [String]) {
    var directory: String?
    var limit = 32, repetitions = 7
    var only: String?
    var i = 0
    while i < arguments.count {
        switch arguments[i] {
        case "--images": i += 1; directory = i < arguments.count ? arguments[i] : nil
        case "--limit": i += 1; limit = i < arguments.count ? Int(arguments[i]) ?? limit : limit
        case "--repetitions": i += 1; repetitions = i < arguments.count ? Int(arguments[i]) ?? repetitions : repetitions
        case "--only": i += 1; only = i < arguments.count ? arguments[i] : nil
        default: HarnessOptions.fail("robust-speed: unknown option \(arguments[i])")
        }
        i += 1
    }
    let images: [PixelBuffer]
    if let directory {
        images = Array(HarnessCorpus.load(directory: directory).prefix(limit)).map(\.image)
    } else {
        images = HarnessCorpus.generated(count: limit).map(\.image)
    }
    guard !images.isEmpty else { HarnessOptions.fail("robust-speed: no images") }

    func cpuMicroseconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) * 1e6 + Double(t.tv_nsec) / 1e3
    }
    func median(_ x: [Double]) -> Double {
        let s = x.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
    func measure<H: ImageHasher>(_ name: String, _ hasher: H, _ configuration: RobustConfiguration) -> String {
        if let only, !name.hasPrefix(only) { return "| \(name) | skipped (--only) |" }
        let robust = RobustHasher(hasher, configuration: configuration)
        var plain: [Double] = [], reference: [Double] = [], query: [Double] = []
        for round in 0...repetitions {
            var p = 0.0, r = 0.0, q = 0.0
            for image in images {
                let t0 = cpuMicroseconds()
                harnessBlackHole(hasher.fingerprint(of: image))
                let t1 = cpuMicroseconds()
                harnessBlackHole(robust.referenceFingerprint(of: image).count)
                let t2 = cpuMicroseconds()
                harnessBlackHole(robust.queryFingerprint(of: image).count)
                let t3 = cpuMicroseconds()
                p += t1 - t0; r += t2 - t1; q += t3 - t2
            }
            if round == 0 { continue }  // warm-up
            let n = Double(images.count)
            plain.append(p / n); reference.append(r / n); query.append(q / n)
        }
        let (mp, mr, mq) = (median(plain), median(reference), median(query))
        let views = configuration.referenceVariants.count
        let bytes = views * ((hasher.bitCount + 7) / 8)
        return
            "| \(name) | \(String(format: "%.0f", mp)) | \(String(format: "%.0f", mr)) | \(String(format: "%.2f", mr / mp)) | "
            + "\(String(format: "%.0f", mq)) | \(String(format: "%.2f", mq / mp)) | \(views) | \(bytes) |"
    }
    var lines = [
        "robust-speed: \(images.count) images (\(directory ?? "generated")), \(repetitions) rounds after a warm-up, thread CPU time, one core",
        "",
        "| hasher | plain us | robust reference us | ratio | robust query us | ratio | reference views | fingerprint bytes / image |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    lines.append(measure("PDQHash()", PDQHash(), .standard))
    lines.append(measure("PDQHash(), dihedralOnly", PDQHash(), .dihedralOnly))
    lines.append(
        measure(
            "DCTHash(size: 8), 32-pixel thumbnails", DCTHash(size: 8),
            RobustConfiguration.standard.withThumbnailSide(32)))
    lines.append(
        measure(
            "DCTHash(size: 8), 32 px, pixel symmetries", PixelSymmetries(DCTHash(size: 8)),
            RobustConfiguration.standard.withThumbnailSide(32)))
    if let grid = HarnessFeature.phash8Experiments.first(where: { $0.name == "robust-grid" }) {
        lines.append(measure("DCTHash(size: 8), 32 px, robust-grid", DCTHash(size: 8), grid.configuration))
    }
    lines.append(measure("DCTHash(size: 16)", DCTHash(size: 16), .standard))
    lines.append(measure("DCTHash(size: 16), pixel symmetries", PixelSymmetries(DCTHash(size: 16)), .standard))
    print(lines.joined(separator: "\n"))
    harnessLog("  (black-hole checksum \(harnessSink))")
}

/// A hasher that hashes like `base` but is not a `DCTHash`, so robust matching hashes each
/// symmetry from the transformed thumbnail (one DCT per view), as it did before the symmetries
/// came from the coefficients: the "before" rows of `robust-speed`, measured in the same run.
struct PixelSymmetries<Base: ImageHasher>: ImageHasher {
    let base: Base
    init(_ base: Base) { self.base = base }
    var bitCount: Int { base.bitCount }
    func fingerprint(of image: PixelBuffer) -> Fingerprint { base.fingerprint(of: image) }
}
