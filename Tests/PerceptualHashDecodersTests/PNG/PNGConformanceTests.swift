import PerceptualHash
import PerceptualHashDecoders
import Testing

/// Every fixture PNG decodes to the pixels Pillow 13 gives (Scripts/references/png.py).
@Suite("PNG decoding matches Pillow")
struct PNGConformanceTests {
    @Test("the fixtures are there")
    func fixturesPresent() {
        #expect(PNGFixtures.entries.count >= 150)
        #expect(Set(PNGFixtures.entries.map(\.pillowMode)) == ["1", "L", "I;16", "RGB", "P", "LA", "RGBA"])
    }

    @Test(
        "pixels, convert(\"RGB\"), convert(\"L\") and ImageHash's hashes equal the references",
        arguments: PNGFixtures.entries)
    func matchesPillow(_ entry: PNGFixtures.Entry) throws {
        let bytes = try PNGFixtures.bytes(entry.name)
        let image = try PixelBuffer(png: bytes)
        #expect(image.width == entry.width && image.height == entry.height, "\(entry.name)")
        #expect(image.format.description == entry.format, "\(entry.name): \(image.format)")
        #expect(SHA256.hex(of: image.samples) == entry.expected, "\(entry.name): samples")
        #expect(SHA256.hex(of: image.pillowRGB) == entry.rgb, "\(entry.name): RGB")
        #expect(SHA256.hex(of: image.grayscale().samples) == entry.l, "\(entry.name): L")
        if entry.scaled != "-" {
            let scaled = try PixelBuffer(png: bytes, options: PNGDecodingOptions(gray16: .scaled))
            #expect(SHA256.hex(of: scaled.samples) == entry.scaled, "\(entry.name): scaled 16-bit gray")
        }
        // ImageHash's hashes of Image.open(f).
        #expect(AverageHash().fingerprint(of: image).description == entry.ahash8, "\(entry.name): ahash")
        #expect(DCTHash().fingerprint(of: image).description == entry.phash8, "\(entry.name): phash")
        #expect(DifferenceHash().fingerprint(of: image).description == entry.dhash8, "\(entry.name): dhash")
        // Palette alpha kept: Pillow's convert("RGBA") for indexed images with tRNS, no change otherwise.
        let withAlpha = try PixelBuffer(png: bytes, options: PNGDecodingOptions(keepsPaletteAlpha: true))
        if entry.rgba != "-" {
            #expect(withAlpha.format == .rgba8, "\(entry.name): keepsPaletteAlpha")
            #expect(SHA256.hex(of: withAlpha.samples) == entry.rgba, "\(entry.name): RGBA")
        } else {
            #expect(withAlpha == image, "\(entry.name): keepsPaletteAlpha changed an image without palette alpha")
        }
        // Unchecked CRCs change nothing on a valid file.
        let unchecked = try PixelBuffer(png: bytes, options: PNGDecodingOptions(checksCRC: false))
        #expect(unchecked == image, "\(entry.name): checksCRC false")
    }
}
