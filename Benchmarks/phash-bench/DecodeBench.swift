import Foundation
import PerceptualHash
import PerceptualHashTestSupport

/// Keeps a value alive so that the optimizer cannot drop the work that made it.
@inline(never)
func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}

/// `phash-bench decode [--images DIR] [--runs N]`: MB/s of Netpbm decoding of generated
/// 1920x1080 images (P6, P5, 16-bit P6, P6 maxval 1000, P4) next to MB/s of a plain copy of
/// the same bytes. MB/s counts input bytes (10^6 bytes per MB); medians of N runs (default
/// 9) after one warm-up run. With `--images DIR`, also decodes every `.ppm` in DIR.
func runDecodeBenchmark(arguments: [String]) {
    var runs = 9
    var imagesFolder: String? = nil
    var i = 0
    while i < arguments.count {
        switch arguments[i] {
        case "--runs" where i + 1 < arguments.count:
            runs = max(1, Int(arguments[i + 1]) ?? runs); i += 1
        case "--images" where i + 1 < arguments.count:
            imagesFolder = arguments[i + 1]; i += 1
        default:
            print("decode: unknown argument \(arguments[i])")
            return
        }
        i += 1
    }

    let width = 1920, height = 1080
    var rng = BenchRandom(seed: 42)
    func file(_ magic: String, maxval: Int, samplesPerPixel: Int) -> [UInt8] {
        var bytes = Array("\(magic)\n\(width) \(height)\n\(maxval)\n".utf8)
        let count = width * height * samplesPerPixel
        if maxval < 256 {
            for _ in 0..<count { bytes.append(UInt8(rng.next() % UInt64(maxval + 1))) }
        } else {
            for _ in 0..<count {
                let v = rng.next() % UInt64(maxval + 1)
                bytes.append(UInt8(v >> 8)); bytes.append(UInt8(v & 0xFF))
            }
        }
        return bytes
    }
    var pbm = Array("P4\n\(width) \(height)\n".utf8)
    for _ in 0..<(width / 8 * height) { pbm.append(UInt8(truncatingIfNeeded: rng.next())) }
    let cases: [(String, [UInt8])] = [
        ("P6 8-bit 1920x1080", file("P6", maxval: 255, samplesPerPixel: 3)),
        ("P5 8-bit 1920x1080", file("P5", maxval: 255, samplesPerPixel: 1)),
        ("P6 16-bit 1920x1080", file("P6", maxval: 65535, samplesPerPixel: 3)),
        ("P6 maxval 1000", file("P6", maxval: 1000, samplesPerPixel: 3)),
        ("P5 maxval 100", file("P5", maxval: 100, samplesPerPixel: 1)),
        ("P4 1920x1080", pbm),
    ]
    print("Netpbm decode, MB/s of input (median of \(runs) runs after a warm-up)")
    print(padColumn("case", 22) + padColumn("decode MB/s", 14) + padColumn("copy MB/s", 12) + "decode/copy")
    for (name, bytes) in cases {
        let decode = medianSeconds(runs: runs) { blackHole(try? PixelBuffer(netpbm: bytes)) }
        let copy = medianSeconds(runs: runs) { blackHole(copyBytes(bytes)) }
        let mb = Double(bytes.count) / 1e6
        print(
            padColumn(name, 22) + padColumn(format(mb / decode), 14) + padColumn(format(mb / copy), 12)
                + format(copy / decode * 100) + " %")
    }

    if let imagesFolder {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: imagesFolder)) ?? [])
            .filter { $0.hasSuffix(".ppm") }.sorted()
        let files = names.compactMap { FileManager.default.contents(atPath: imagesFolder + "/" + $0) }.map {
            [UInt8]($0)
        }
        let total = Double(files.reduce(0) { $0 + $1.count }) / 1e6
        let decode = medianSeconds(runs: runs) { for f in files { blackHole(try? PixelBuffer(netpbm: f)) } }
        let copy = medianSeconds(runs: runs) { for f in files { blackHole(copyBytes(f)) } }
        print(
            padColumn("\(files.count) .ppm files", 22) + padColumn(format(total / decode), 14)
                + padColumn(format(total / copy), 12) + format(copy / decode * 100) + " %")
    }
}

/// A fresh array holding the bytes: the allocation and copy a decode cannot avoid.
@inline(never)
private func copyBytes(_ bytes: [UInt8]) -> [UInt8] {
    [UInt8](unsafeUninitializedCapacity: bytes.count) { out, n in
        bytes.withUnsafeBytes { UnsafeMutableRawBufferPointer(out).copyMemory(from: $0) }
        n = bytes.count
    }
}

private func format(_ x: Double) -> String { String(format: "%.0f", x) }

/// SplitMix64, for reproducible benchmark inputs.
private typealias BenchRandom = SplitMix64
