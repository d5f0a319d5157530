import PerceptualHash

/// The fields of a valid `IHDR` chunk and what follows from them.
struct PNGHeader: Equatable {
    /// 0 gray, 2 RGB, 3 indexed, 4 gray + alpha, 6 RGBA.
    let colorType: UInt8
    /// 1, 2, 4, 8 or 16 bits per sample (per index for colour type 3).
    let bitDepth: Int
    let width: Int
    let height: Int
    let interlaced: Bool

    /// Samples per pixel in the file: 1, 3, 1, 2, 4 for colour types 0, 2, 3, 4, 6.
    var samplesPerPixel: Int {
        switch colorType {
        case 2: 3
        case 4: 2
        case 6: 4
        default: 1
        }
    }

    /// Bits of one pixel in a scanline.
    var bitsPerPixel: Int { samplesPerPixel * bitDepth }

    /// The distance, in bytes, between a byte and the one its filter refers to ("bpp" in the
    /// PNG specification): `max(1, bitsPerPixel / 8)`.
    var filterDistance: Int { max(1, bitsPerPixel / 8) }

    /// The format of the decoded buffer (the table in `Documentation/Decoders.md`).
    var outputFormat: PixelBuffer.Format {
        switch (colorType, bitDepth) {
        case (0, _): .gray8
        case (2, _), (3, _): .rgb8
        case (4, 8): .grayAlpha8
        default: .rgba8  // 4 at 16 bits (Pillow: RGBA), 6
        }
    }

    /// The bytes of one scanline of `pixels` pixels, filter byte excluded.
    func rowBytes(_ pixels: Int) -> Int { (pixels * bitsPerPixel + 7) / 8 }

    /// Parses and validates the 13 data bytes of `IHDR` at `data`; `offset` is where the chunk starts.
    static func parse(_ b: UnsafeRawBufferPointer, data: Int, length: Int, offset: Int) throws(PNGError) -> PNGHeader {
        guard length == 13 else { throw .invalidHeader(.invalidLength(length), offset: offset) }
        let w = PNGDecoder.bigEndian32(b, data), h = PNGDecoder.bigEndian32(b, data + 4)
        guard w >= 1, h >= 1, w <= 0x7FFF_FFFF, h <= 0x7FFF_FFFF else {
            throw .invalidHeader(.invalidDimensions(width: w, height: h), offset: offset)
        }
        let depth = b[data + 8], type = b[data + 9]
        let valid: Bool
        switch type {
        case 0: valid = [1, 2, 4, 8, 16].contains(depth)
        case 3: valid = [1, 2, 4, 8].contains(depth)
        case 2, 4, 6: valid = depth == 8 || depth == 16
        default: valid = false
        }
        guard valid else { throw .invalidHeader(.invalidColorType(colorType: type, bitDepth: depth), offset: offset) }
        guard b[data + 10] == 0 else { throw .invalidHeader(.invalidCompressionMethod(b[data + 10]), offset: offset) }
        guard b[data + 11] == 0 else { throw .invalidHeader(.invalidFilterMethod(b[data + 11]), offset: offset) }
        guard b[data + 12] <= 1 else { throw .invalidHeader(.invalidInterlaceMethod(b[data + 12]), offset: offset) }
        return PNGHeader(
            colorType: type, bitDepth: Int(depth), width: Int(w), height: Int(h), interlaced: b[data + 12] == 1)
    }
}

/// One reduced image of the Adam7 interlace (or the whole image when not interlaced).
struct PNGPass {
    /// 0 for a non-interlaced image, 1...7 for Adam7.
    let number: Int
    let xStart: Int, yStart: Int, xStep: Int, yStep: Int
    let width: Int, height: Int

    /// The passes of an image: one, or the seven Adam7 passes (empty ones included, with
    /// width or height 0).
    static func passes(of h: PNGHeader) -> [PNGPass] {
        guard h.interlaced else {
            return [PNGPass(number: 0, xStart: 0, yStart: 0, xStep: 1, yStep: 1, width: h.width, height: h.height)]
        }
        let adam7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
        return adam7.enumerated().map { i, p in
            let (x0, y0, dx, dy) = p
            let w = h.width > x0 ? (h.width - x0 + dx - 1) / dx : 0
            let hh = h.height > y0 ? (h.height - y0 + dy - 1) / dy : 0
            return PNGPass(number: i + 1, xStart: x0, yStart: y0, xStep: dx, yStep: dy, width: w, height: hh)
        }
    }
}
