import Testing
@testable import PerceptualHash

/// Our decode against Pillow 13's, on the files `Scripts/references/netpbm.py` generated
/// (`Fixtures/netpbm/pillow.txt`).
///
/// Pillow gives 8-bit `L`/`RGB` for PGM at maxval <= 255 and for every PPM. There our
/// samples equal Pillow's except at exact ties: `v * 255 / maxval` ending in .5 (possible
/// only for an even maxval) rounds half up in our pinned formula and half to even in Pillow
/// (Python's `round`). Measured on this fixture: one such sample, `P6-m100-5x3`, v = 30,
/// 76.5 -> Pillow 76, ours 77. Every difference must be such a tie: Pillow even, ours one more. For PGM with maxval > 255 Pillow keeps 16-bit gray
/// (mode `I`, `round(v * 65535 / maxval)`), which has no 8-bit value to compare; there we
/// check the pinned formula on the file's own samples and that Pillow's 16-bit value maps
/// to the same 8 bits via `(I * 255 + 32767) / 65535`, recording any sample where the two
/// roundings differ.
@Suite("Netpbm vs Pillow")
struct NetpbmPillowTests {
    struct Case { var name, mode: String; var width, height: Int; var file: [UInt8]; var pixels: [Int] }

    static func cases() throws -> [Case] {
        try Fixtures.lines("netpbm/pillow.txt").map { line in
            let f = line.split(separator: " ")
            return Case(
                name: String(f[0]), mode: String(f[1]), width: Int(f[2])!, height: Int(f[3])!,
                file: Fixtures.bytes(hex: f[4]), pixels: f[5].split(separator: ",").map { Int($0)! })
        }
    }

    @Test func fixtureCoversTheVariants() throws {
        let all = try Self.cases()
        #expect(all.count == 72)
        #expect(Set(all.map(\.mode)) == ["L", "RGB", "I"])
    }

    @Test func decodeEqualsPillow() throws {
        var sixteenBitDifferences: [String] = []
        var ties: [String] = []
        for c in try Self.cases() {
            let image = try PixelBuffer(netpbm: c.file)
            #expect(image.width == c.width && image.height == c.height, "\(c.name)")
            switch c.mode {
            case "L", "RGB":
                #expect(image.format == (c.mode == "L" ? .gray8 : .rgb8), "\(c.name)")
                #expect(image.samples.count == c.pixels.count, "\(c.name)")
                for (i, p) in c.pixels.enumerated() where Int(image.samples[i]) != p {
                    #expect(
                        p % 2 == 0 && Int(image.samples[i]) == p + 1,
                        "\(c.name)[\(i)]: ours \(image.samples[i]), Pillow \(p)")
                    ties.append("\(c.name)[\(i)]")
                }
            default:
                #expect(image.format == .gray8, "\(c.name)")
                // The raw samples, read back from the file, give our pinned values.
                let maxval = Int(String(decoding: c.file, as: UTF8.self).split(whereSeparator: \.isWhitespace)[3])!
                let raster = c.file.suffix(c.width * c.height * 2)
                let values = stride(from: raster.startIndex, to: raster.endIndex, by: 2).map {
                    Int(raster[$0]) << 8 | Int(raster[$0 + 1])
                }
                if c.name.hasPrefix("P5") {
                    #expect(image.samples.map(Int.init) == values.map { ($0 * 255 + maxval / 2) / maxval }, "\(c.name)")
                }
                for (i, p) in c.pixels.enumerated() where (p * 255 + 32767) / 65535 != Int(image.samples[i]) {
                    sixteenBitDifferences.append("\(c.name)[\(i)]: Pillow I \(p), ours \(image.samples[i])")
                }
            }
        }
        // Measured: no difference on these files (double rounding through 16 bits can in
        // principle move a value by one; none of these samples hit that case).
        #expect(sixteenBitDifferences.isEmpty, "\(sixteenBitDifferences)")
        #expect(ties == ["P6-m100-5x3[16]"], "\(ties)")
    }
}
