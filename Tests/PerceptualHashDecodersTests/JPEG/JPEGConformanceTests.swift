import PerceptualHash
import PerceptualHashDecoders
import Testing

/// Every fixture JPEG decodes to the pixels Pillow 13 (libjpeg-turbo) gives
/// (Scripts/references/jpeg.py).
@Suite("JPEG decoding matches Pillow")
struct JPEGConformanceTests {
    @Test("the fixtures are there")
    func fixturesPresent() {
        #expect(JPEGFixtures.entries.count >= 200)
        #expect(Set(JPEGFixtures.entries.map(\.pillowMode)) == ["L", "RGB"])
    }

    @Test(
        "pixels, convert(\"L\") and ImageHash's hashes equal the references",
        arguments: JPEGFixtures.entries)
    func matchesPillow(_ entry: JPEGFixtures.Entry) throws {
        let bytes = try JPEGFixtures.bytes(entry.name)
        let image = try PixelBuffer(jpeg: bytes)
        #expect(image.width == entry.width && image.height == entry.height, "\(entry.name)")
        #expect(image.format.description == entry.format, "\(entry.name): \(image.format)")
        #expect(SHA256.hex(of: image.samples) == entry.expected, "\(entry.name): samples")
        #expect(SHA256.hex(of: image.grayscale().samples) == entry.l, "\(entry.name): L")
        #expect(AverageHash().fingerprint(of: image).description == entry.ahash8, "\(entry.name): ahash")
        #expect(DCTHash().fingerprint(of: image).description == entry.phash8, "\(entry.name): phash")
        #expect(DifferenceHash().fingerprint(of: image).description == entry.dhash8, "\(entry.name): dhash")
        #expect(PixelBuffer.jpegOrientation(bytes)?.rawValue == entry.orientation, "\(entry.name): orientation")
        // EXIF orientation applied on request: Pillow's ImageOps.exif_transpose.
        let upright = try PixelBuffer(jpeg: bytes, options: JPEGDecodingOptions(appliesEXIFOrientation: true))
        #expect(upright.width == entry.uprightWidth && upright.height == entry.uprightHeight, "\(entry.name)")
        #expect(SHA256.hex(of: upright.samples) == entry.upright, "\(entry.name): upright samples")
        #expect(DCTHash().fingerprint(of: upright).description == entry.uprightPhash8, "\(entry.name): upright phash")
    }
}
