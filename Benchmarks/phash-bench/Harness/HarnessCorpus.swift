import Foundation
import PerceptualHash

/// One input image of the harness: a name (file name or generated label) and its RGB pixels.
struct HarnessImage: Sendable {
    let name: String
    let image: PixelBuffer
}

/// The images the harness measures: a folder of Netpbm files or a seeded generated corpus.
enum HarnessCorpus {
    /// File extensions read by `--images`.
    static let netpbmExtensions: Set<String> = ["ppm", "pgm", "pbm", "pnm", "pam"]

    /// Every Netpbm file in `directory`, sorted by name, converted to RGB (gray replicated,
    /// alpha dropped). Unreadable files are reported on stderr and skipped.
    static func load(directory: String) -> [HarnessImage] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            HarnessOptions.fail("cannot list \(directory): \(error.localizedDescription)")
        }
        var images: [HarnessImage] = []
        for name in names.sorted() where netpbmExtensions.contains((name as NSString).pathExtension.lowercased()) {
            let path = (directory as NSString).appendingPathComponent(name)
            do {
                let image = try PixelBuffer(contentsOfFile: path)
                images.append(HarnessImage(name: name, image: rgb(image)))
            } catch {
                harnessLog("phash-bench: skipped \(path): \(error)")
            }
        }
        return images
    }

    /// `image` as `.rgb8`: gray values replicated to R = G = B, alpha dropped (not composited).
    static func rgb(_ image: PixelBuffer) -> PixelBuffer {
        if image.format == .rgb8 { return image }
        let channels = image.format.channelCount
        let colour = !image.format.isGray
        var out = [UInt8](repeating: 0, count: image.pixelCount * 3)
        image.samples.withUnsafeBufferPointer { s in
            for p in 0..<image.pixelCount {
                let base = p * channels
                out[3 * p] = s[base]
                out[3 * p + 1] = colour ? s[base + 1] : s[base]
                out[3 * p + 2] = colour ? s[base + 2] : s[base]
            }
        }
        return makeRGB(width: image.width, height: image.height, samples: out)
    }

    /// Wraps RGB samples whose count is known to be right.
    static func makeRGB(width: Int, height: Int, samples: [UInt8]) -> PixelBuffer {
        do {
            return try PixelBuffer(width: width, height: height, format: .rgb8, samples: samples)
        } catch {
            preconditionFailure("internal: \(width)x\(height) with \(samples.count) samples: \(error)")
        }
    }

    /// The sizes of the generated corpus: sides 64...640, landscape, portrait and square.
    static let generatedSizes: [(Int, Int)] = [
        (64, 64), (96, 64), (128, 96), (160, 120), (200, 200), (240, 160), (256, 256), (320, 240),
        (120, 320), (300, 200), (400, 300), (480, 320), (320, 480), (512, 384), (640, 480), (640, 360),
        (360, 640), (144, 96), (250, 250), (100, 150),
    ]

    /// `count` seeded images in five families (smooth fields, gradients with a gentle wave,
    /// shapes, textures, shapes over a gradient with noise), cycling through ``generatedSizes``. Image `i` depends
    /// only on `i`, so the corpus is the same on every machine.
    static func generated(count: Int) -> [HarnessImage] {
        let families = ["smooth", "gradient", "shapes", "texture", "mixed"]
        return (0..<count).map { i in
            let (width, height) = generatedSizes[(i * 7) % generatedSizes.count]
            let family = i % families.count
            var rng = HarnessRandom(seed: 0x00C0_FFEE &+ UInt64(i) &* 0x1000_0001)
            let image = generate(family: family, width: width, height: height, rng: &rng)
            let name = "gen-\(String(format: "%03d", i))-\(families[family])-\(width)x\(height)"
            return HarnessImage(name: name, image: image)
        }
    }

    /// A deterministic RGB image of one family.
    static func generate(family: Int, width: Int, height: Int, rng: inout HarnessRandom) -> PixelBuffer {
        var planes = [[Double]](repeating: [Double](repeating: 0, count: width * height), count: 3)
        let w = Double(width), h = Double(height)
        func cosines(_ count: Int, cycles: ClosedRange<Double>, amplitude: Double, into c: Int) {
            for _ in 0..<count {
                let fx = rng.uniform(-cycles.upperBound...cycles.upperBound) * 2 * .pi / w
                let fy = rng.uniform(cycles) * 2 * .pi / h * (rng.unit() < 0.5 ? -1 : 1)
                let phase = rng.uniform(0...(2 * .pi))
                let a = amplitude * rng.uniform(0.3...1)
                // cos(fx x + fy y + phase) = cos(u) cos(v) - sin(u) sin(v), tabulated per axis.
                let cu = (0..<width).map { cos(fx * Double($0) + phase) }
                let su = (0..<width).map { sin(fx * Double($0) + phase) }
                let cv = (0..<height).map { cos(fy * Double($0)) }
                let sv = (0..<height).map { sin(fy * Double($0)) }
                for y in 0..<height {
                    for x in 0..<width { planes[c][y * width + x] += a * (cu[x] * cv[y] - su[x] * sv[y]) }
                }
            }
        }
        func fill(_ c: Int, _ value: Double) { for i in 0..<planes[c].count { planes[c][i] += value } }
        func gradient() {
            let angle = rng.uniform(0...(2 * .pi))
            let dx = cos(angle), dy = sin(angle)
            let from = (0..<3).map { _ in rng.uniform(0...255) }
            let to = (0..<3).map { _ in rng.uniform(0...255) }
            let radial = rng.unit() < 0.4
            let cx = rng.uniform(0...w), cy = rng.uniform(0...h)
            let span = abs(dx) * w + abs(dy) * h
            let diagonal = (w * w + h * h).squareRoot()
            for y in 0..<height {
                for x in 0..<width {
                    let t: Double
                    if radial {
                        let ex = Double(x) - cx, ey = Double(y) - cy
                        t = min(1, (ex * ex + ey * ey).squareRoot() / diagonal * 1.5)
                    } else {
                        let p = dx * Double(x) + dy * Double(y)
                        t = (p - min(0, dx * w) - min(0, dy * h)) / span
                    }
                    for c in 0..<3 { planes[c][y * width + x] += from[c] + (to[c] - from[c]) * t }
                }
            }
        }
        func shapes(_ count: Int) {
            for _ in 0..<count {
                let colour = (0..<3).map { _ in rng.uniform(0...255) }
                let cx = rng.uniform(0...w), cy = rng.uniform(0...h)
                let rx = rng.uniform(0.05...0.35) * w, ry = rng.uniform(0.05...0.35) * h
                let ellipse = rng.unit() < 0.5
                let x0 = max(0, Int(cx - rx)), x1 = min(width - 1, Int(cx + rx))
                let y0 = max(0, Int(cy - ry)), y1 = min(height - 1, Int(cy + ry))
                guard x0 <= x1, y0 <= y1 else { continue }
                for y in y0...y1 {
                    for x in x0...x1 {
                        if ellipse {
                            let ex = (Double(x) - cx) / rx, ey = (Double(y) - cy) / ry
                            if ex * ex + ey * ey > 1 { continue }
                        }
                        for c in 0..<3 { planes[c][y * width + x] = colour[c] }
                    }
                }
            }
        }
        func noise(_ amplitude: Double) {
            for c in 0..<3 { for i in 0..<planes[c].count { planes[c][i] += rng.uniform(-amplitude...amplitude) } }
        }
        switch family {
        case 0:
            for c in 0..<3 { fill(c, rng.uniform(60...190)); cosines(4, cycles: 0.3...3, amplitude: 70, into: c) }
        case 1:
            // A pure linear gradient has the same dHash as every other one, so bend it a little.
            gradient()
            for c in 0..<3 { cosines(2, cycles: 0.5...2.5, amplitude: 30, into: c) }
        case 2:
            for c in 0..<3 { fill(c, rng.uniform(0...255)) }
            shapes(rng.integer(3...12))
        case 3:
            for c in 0..<3 { fill(c, rng.uniform(80...170)) }
            let shared = rng.unit() < 0.5
            for c in 0..<3 { cosines(shared ? 2 : 3, cycles: 4...20, amplitude: 45, into: c) }
            for c in 0..<3 { cosines(1, cycles: 0.5...2, amplitude: 40, into: c) }
            noise(12)
        default:
            gradient()
            shapes(rng.integer(2...6))
            noise(8)
        }
        var out = [UInt8](repeating: 0, count: width * height * 3)
        for p in 0..<width * height {
            for c in 0..<3 { out[3 * p + c] = UInt8(max(0, min(255, planes[c][p].rounded()))) }
        }
        return makeRGB(width: width, height: height, samples: out)
    }

    /// A generated image of exactly `width x height` (the speed section's synthetic sizes).
    /// Large sizes are generated at most 640 px wide and enlarged (bilinear), which keeps the
    /// generator's memory small.
    static func synthetic(width: Int, height: Int) -> PixelBuffer {
        var rng = HarnessRandom(seed: UInt64(width) << 32 | UInt64(height))
        let k = max(1, (width + 639) / 640)
        let small = generate(family: 4, width: max(1, width / k), height: max(1, height / k), rng: &rng)
        return k == 1 ? small : small.resized(width: width, height: height, filter: .bilinear)
    }
}
