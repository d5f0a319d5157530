import Foundation
import Testing
@testable import PerceptualHash

/// WaveletHash against ImageHash 4.3.2's `whash` (PyWavelets 1.9.0, Pillow 13.0.0) on the
/// generated images of `Fixtures/wavelet-color` and `Fixtures/imagehash`.
@Suite struct WaveletHashTests {
    /// The hasher for a `hash_size,image_scale,mode,remove_max_haar_ll` parameter string.
    static func hasher(_ parameters: String) -> WaveletHash {
        let p = parameters.split(separator: ",").map(String.init)
        let scale = Int(p[1])!
        return WaveletHash(
            size: Int(p[0])!, imageScale: scale == 0 ? nil : scale,
            wavelet: p[2] == "haar" ? .haar : .daubechies4, removesCoarsestHaarApproximation: p[3] == "1")
    }

    @Test func everyReferenceHash() throws {
        var images: [String: PixelBuffer] = [:]
        var checked = 0
        for row in WaveletColorFixtures.rows where row.algorithm == "whash" {
            if images[row.file] == nil { images[row.file] = try WaveletColorFixtures.image(row.file) }
            let hasher = Self.hasher(row.parameters)
            let f = hasher.fingerprint(of: images[row.file]!)
            let image = images[row.file]!
            #expect(
                f.bitCount == hasher.bitCount(forWidth: image.width, height: image.height), "\(row.testDescription)")
            #expect(f.description == row.hex, "\(row.testDescription): \(f)")
            checked += 1
        }
        #expect(checked == 1100)
    }

    @Test func blockSides() {
        #expect(WaveletHash().bitCount == 64)
        #expect(WaveletHash(size: 16).bitCount == 256)
        #expect(WaveletHash(wavelet: .daubechies4).blockSide == 14)
        #expect(WaveletHash(size: 2, wavelet: .daubechies4).blockSide == 8)
        #expect(WaveletHash(imageScale: 32, wavelet: .daubechies4).blockSide == 13)
        #expect(WaveletHash(imageScale: 16, wavelet: .daubechies4).blockSide == 11)
        #expect(WaveletHash(imageScale: 8, wavelet: .daubechies4).blockSide == 8)
        #expect(WaveletHash(imageScale: 1024, wavelet: .daubechies4).blockSide == 14)
    }

    @Test func automaticScale() {
        #expect(WaveletHash().scale(forWidth: 481, height: 321) == 256)
        #expect(WaveletHash().scale(forWidth: 1920, height: 1080) == 1024)
        #expect(WaveletHash().scale(forWidth: 64, height: 64) == 64)
        #expect(WaveletHash().scale(forWidth: 63, height: 500) == 32)
        #expect(WaveletHash().scale(forWidth: 3, height: 3) == 8)
        #expect(WaveletHash(wavelet: .daubechies4).scale(forWidth: 50, height: 500) == 32)
        #expect(WaveletHash(wavelet: .daubechies4).scale(forWidth: 5, height: 500) == 8)
        #expect(
            WaveletHash(minimumAutomaticScale: 64, wavelet: .daubechies4).scale(forWidth: 50, height: 500) == 64)
        #expect(WaveletHash(minimumAutomaticScale: 64).scale(forWidth: 1000, height: 1000) == 512)
        #expect(WaveletHash(imageScale: 16).scale(forWidth: 1000, height: 1000) == 16)
    }

    /// The db4 automatic scale on a small image is ImageHash's (32 for a 50 x 50 image: 13 x 13
    /// bits); `minimumAutomaticScale: 64` gives the explicit scale 64 and 196 bits instead.
    @Test func daubechiesAutomaticScaleOnSmallImages() throws {
        let image = try WaveletColorFixtures.image("imagehash/images/noise-50x50.ppm")
        let auto = WaveletHash(wavelet: .daubechies4).fingerprint(of: image)
        #expect(auto == WaveletHash(imageScale: 32, wavelet: .daubechies4).fingerprint(of: image))
        #expect(auto.bitCount == 169)
        #expect(WaveletHash(wavelet: .daubechies4).bitCount(forWidth: 50, height: 50) == 169)
        #expect(WaveletHash(wavelet: .daubechies4).bitCount(forWidth: 20, height: 50) == 121)
        #expect(WaveletHash(wavelet: .daubechies4).bitCount(forWidth: 9, height: 50) == 64)
        #expect(WaveletHash(wavelet: .daubechies4).bitCount(forWidth: 64, height: 50) == 169)
        #expect(WaveletHash(wavelet: .daubechies4).bitCount(forWidth: 64, height: 64) == 196)
        #expect(WaveletHash(wavelet: .daubechies4).bitCount == 196)
        let fixed = WaveletHash(minimumAutomaticScale: 64, wavelet: .daubechies4)
        #expect(
            fixed.fingerprint(of: image) == WaveletHash(imageScale: 64, wavelet: .daubechies4).fingerprint(of: image))
        #expect(fixed.bitCount(forWidth: 9, height: 9) == 196 && fixed.bitCount == 196)
        #expect(WaveletHash().bitCount(forWidth: 3, height: 3) == 64)
    }

    /// With Haar and the mean removed, a bit is set when its block of the thumbnail has a sum
    /// above the median block sum (ImageHash's whash is this comparison up to rounding; blocks
    /// whose sum is within rounding of the median are skipped).
    @Test(arguments: ["smooth-rgb-181x135.ppm", "shapes-200x150.ppm", "noise-128x128.ppm"])
    func haarBitsCompareBlockSums(file: String) throws {
        let image = try WaveletColorFixtures.image("imagehash/images/\(file)")
        let hasher = WaveletHash()
        let scale = hasher.scale(forWidth: image.width, height: image.height)
        let pixels = HashPreprocessing.imageHash.reducedGray(image, width: scale, height: scale)
        let block = scale / 8
        var sums = [Int](repeating: 0, count: 64)
        for y in 0..<scale { for x in 0..<scale { sums[(y / block) * 8 + x / block] += Int(pixels[y * scale + x]) } }
        let sorted = sums.sorted()
        let median2 = sorted[31] + sorted[32]  // twice the median
        let f = hasher.fingerprint(of: image)
        for i in 0..<64 where abs(2 * sums[i] - median2) > 2 {
            #expect(f[bit: i] == (2 * sums[i] > median2), "\(file) bit \(i)")
        }
    }
}
