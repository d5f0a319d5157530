/// The colour hash: how much of an image is black, gray, and each of six hues at two
/// saturations, each fraction quantized to a few bits. ImageHash's `colorhash`.
///
/// Every pixel is classified by its gray value `L` (Pillow's `convert("L")`,
/// ``GrayscaleConversion/rec601``) and its hue `H` and saturation `S` bytes (Pillow's
/// `convert("HSV")`, exact; gray input has `H = S = 0`); alpha is ignored:
/// - black: `L < 32`;
/// - gray: not black and `S < 85`;
/// - coloured: neither (count `c`, at least 1 in the divisions below); among these, faint
///   when `S < 170` and bright when `S > 170` (a pixel with `S == 170` counts in `c` but in
///   neither), each split into six hue bins `0...42, 43...84, 85...127, 128...169,
///   170...212, 213...255` (NumPy's histogram over `linspace(0, 255, 7)`).
///
/// With `B = binBits`, `M = 2^B` and `n` pixels, the fourteen values are
/// `min(M - 1, Int(Double(black) / Double(n) * M))`, the same for gray, then
/// `min(M - 1, Int(Double(count * M) / Double(c)))` for the six faint and the six bright hue
/// bins, in that order (`Double` division, truncation: ImageHash's arithmetic). Each value `v`
/// gives `B` bits, bit `i` (`0 ..< B`) being `(v >> (B - 1 - i)) % 2^(B - i) > 0`: ImageHash's
/// encoding, which is not plain binary (`v = 4` with `B = 3` gives `110`). The fingerprint
/// has `14 * B` bits.
///
/// `ColorHash()` (`binBits: 3`, 42 bits) reproduces ImageHash 4.3.2's `colorhash(image)`, and
/// `ColorHash(binBits: b)` its `colorhash(image, binbits=b)`, bit for bit on Pillow 13.
/// No resize is involved: every pixel counts, so the cost grows with the image (a few
/// nanoseconds per pixel: hue and saturation come from tables of Pillow's exact values, 260 KiB
/// filled on first use).
///
/// ```swift
/// let f = ColorHash().fingerprint(of: image)       // 42 bits, ImageHash's colorhash
/// print(f)                                          // e.g. "07000000000" for a gray image
/// ```
public struct ColorHash: ImageHasher, Hashable {
    /// `B`, the bits per fraction, 1 ... 24.
    public let binBits: Int

    /// A colour hash of `14 * binBits` bits; the default reproduces ImageHash's
    /// `colorhash(image, binbits=3)`.
    ///
    /// - Precondition: `1 <= binBits <= 24`.
    public init(binBits: Int = 3) {
        precondition((1...24).contains(binBits), "binBits must be 1...24, not \(binBits)")
        self.binBits = binBits
    }

    /// `14 * binBits`.
    public var bitCount: Int { 14 * binBits }

    /// The pixel counts of the classes: black, gray, coloured (`S == 170` included), and the
    /// six faint and six bright hue bins.
    struct Counts: Equatable {
        var black = 0, gray = 0, colored = 0
        var faint = [Int](repeating: 0, count: 6), bright = [Int](repeating: 0, count: 6)
    }

    /// The colour hash of `image` (see the type's description).
    public func fingerprint(of image: PixelBuffer) -> Fingerprint {
        Self.fingerprint(counts: Self.counts(of: image), pixelCount: image.pixelCount, binBits: binBits)
    }

    /// The class of one RGB pixel: 0 black, 1 gray, 2 coloured with `S == 170`, `3 + bin`
    /// faint, `9 + bin` bright (`bin` the hue bin, `0 ..< 6`). Table lookups, no division:
    /// `saturation` and `hue` are ``PillowHSV/saturationTable`` and ``PillowHSV/hueTable``.
    @inline(__always)
    static func pixelClass(
        red r: UInt8, green g: UInt8, blue b: UInt8,
        saturation: UnsafeBufferPointer<UInt8>, hue: UnsafeBufferPointer<UInt8>
    ) -> Int {
        let l = (19595 &* UInt32(r) &+ 38470 &* UInt32(g) &+ 7471 &* UInt32(b) &+ 32768) >> 16
        if l < 32 { return 0 }
        let maxc = max(r, max(g, b)), minc = min(r, min(g, b))
        let cr = Int(maxc &- minc)
        // S < 85 exactly when 3 * (max - min) < max (checked for every pair by the tests).
        if 3 &* cr < Int(maxc) { return 1 }
        let s = saturation[Int(maxc) << 8 | cr]
        if s == 170 { return 2 }
        let (k, d) = PillowHSV.hueCase(red: r, green: g, blue: b, max: maxc)
        let h = hue[k &* PillowHSV.hueCaseStride &+ cr &* (cr &+ 1) / 2 &+ d]
        let bin = min(5, (Int(h) &* 2) / 85)
        return (s < 170 ? 3 : 9) &+ bin
    }

    /// Classifies every pixel of `image`.
    static func counts(of image: PixelBuffer) -> Counts {
        var counts = Counts()
        let channels = image.format.channelCount
        if image.format.isGray {
            image.samples.withUnsafeBufferPointer { p in
                var black = 0
                for i in 0..<image.pixelCount where p[i &* channels] < 32 { black &+= 1 }
                counts.black = black
            }
            counts.gray = image.pixelCount - counts.black
            return counts
        }
        var classes = [Int](repeating: 0, count: 15)
        let saturation = PillowHSV.saturationTable, hue = PillowHSV.hueTable
        saturation.withUnsafeBufferPointer { saturation in
            hue.withUnsafeBufferPointer { hue in
                image.samples.withUnsafeBufferPointer { p in
                    classes.withUnsafeMutableBufferPointer { classes in
                        var i = 0
                        for _ in 0..<image.pixelCount {
                            classes[
                                pixelClass(
                                    red: p[i], green: p[i &+ 1], blue: p[i &+ 2], saturation: saturation, hue: hue)] &+=
                                1
                            i &+= channels
                        }
                    }
                }
            }
        }
        counts.black = classes[0]
        counts.gray = classes[1]
        counts.colored = classes[2...].reduce(0, +)
        counts.faint = Array(classes[3..<9])
        counts.bright = Array(classes[9..<15])
        return counts
    }

    /// The fingerprint of the class counts of an image of `pixelCount` pixels.
    static func fingerprint(counts: Counts, pixelCount n: Int, binBits: Int) -> Fingerprint {
        let maxValue = 1 << binBits
        let c = max(1, counts.colored)
        var values = [
            min(maxValue - 1, Int(Double(counts.black) / Double(n) * Double(maxValue))),
            min(maxValue - 1, Int(Double(counts.gray) / Double(n) * Double(maxValue))),
        ]
        for count in counts.faint + counts.bright {
            values.append(min(maxValue - 1, Int(Double(count * maxValue) / Double(c))))
        }
        var fingerprint = Fingerprint(bitCount: 14 * binBits)
        for (k, v) in values.enumerated() {
            for i in 0..<binBits where (v >> (binBits - 1 - i)) % (1 << (binBits - i)) > 0 {
                fingerprint[bit: k * binBits + i] = true
            }
        }
        return fingerprint
    }
}
