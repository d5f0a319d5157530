import PerceptualHash

/// The EXIF `Orientation` tag (0x0112) of a JPEG's APP1 `Exif` segment: how the stored pixels
/// must be transformed to be shown upright.
///
/// Decoding never applies it (ImageHash hashes the stored pixels, as Pillow's `Image.open`
/// gives them); ``apply(to:)`` does, with the transforms of Pillow's `ImageOps.exif_transpose`.
public enum EXIFOrientation: Int, Sendable, Equatable, Hashable, CaseIterable {
    /// 1: stored upright.
    case up = 1
    /// 2: mirrored left to right.
    case upMirrored = 2
    /// 3: rotated by 180 degrees.
    case down = 3
    /// 4: mirrored top to bottom.
    case downMirrored = 4
    /// 5: transposed (mirrored across the top-left to bottom-right diagonal).
    case leftMirrored = 5
    /// 6: must be rotated 90 degrees clockwise to be upright.
    case right = 6
    /// 7: transversed (mirrored across the top-right to bottom-left diagonal).
    case rightMirrored = 7
    /// 8: must be rotated 90 degrees counter-clockwise to be upright.
    case left = 8

    /// The upright image: `image` flipped and/or rotated as Pillow's `exif_transpose` does
    /// for this orientation (2: `FLIP_LEFT_RIGHT`, 3: `ROTATE_180`, 4: `FLIP_TOP_BOTTOM`,
    /// 5: `TRANSPOSE`, 6: `ROTATE_270`, 7: `TRANSVERSE`, 8: `ROTATE_90`). Orientations 5-8
    /// swap width and height. The format is kept.
    public func apply(to image: PixelBuffer) -> PixelBuffer {
        if self == .up { return image }
        let w = image.width
        let h = image.height
        let n = image.format.channelCount
        let swaps = rawValue >= 5
        let outW = swaps ? h : w
        let outH = swaps ? w : h
        let src = image.samples
        var out = [UInt8](repeating: 0, count: src.count)
        for y in 0..<outH {
            for x in 0..<outW {
                // The source pixel shown at (x, y) of the upright image.
                let (sx, sy): (Int, Int)
                switch self {
                case .up: (sx, sy) = (x, y)
                case .upMirrored: (sx, sy) = (w - 1 - x, y)
                case .down: (sx, sy) = (w - 1 - x, h - 1 - y)
                case .downMirrored: (sx, sy) = (x, h - 1 - y)
                case .leftMirrored: (sx, sy) = (y, x)
                case .right: (sx, sy) = (y, h - 1 - x)
                case .rightMirrored: (sx, sy) = (w - 1 - y, h - 1 - x)
                case .left: (sx, sy) = (w - 1 - y, x)
                }
                let s = (sy * w + sx) * n
                let d = (y * outW + x) * n
                for c in 0..<n { out[d + c] = src[s + c] }
            }
        }
        // The sizes are those of a valid buffer, swapped.
        let limits = ImageLimits(maxWidth: outW, maxHeight: outH, maxPixelCount: outW * outH)
        return try! PixelBuffer(width: outW, height: outH, format: image.format, samples: out, limits: limits)
    }

    /// The orientation in an APP1 segment's body (from `Exif\0\0`), or nil when the segment
    /// is not EXIF, is malformed, or the tag is missing or outside 1...8.
    static func parse(_ body: UnsafeRawBufferPointer) -> EXIFOrientation? {
        let b = body
        guard b.count >= 14, b[0] == 0x45, b[1] == 0x78, b[2] == 0x69, b[3] == 0x66, b[4] == 0, b[5] == 0 else {
            return nil
        }
        let t = 6
        let little: Bool
        if b[t] == 0x49 && b[t + 1] == 0x49 {
            little = true
        } else if b[t] == 0x4D && b[t + 1] == 0x4D {
            little = false
        } else {
            return nil
        }
        func u16(_ at: Int) -> Int? {
            guard at >= 0, at + 2 <= b.count else { return nil }
            return little ? Int(b[at]) | Int(b[at + 1]) << 8 : Int(b[at]) << 8 | Int(b[at + 1])
        }
        func u32(_ at: Int) -> Int? {
            guard let hi = u16(little ? at + 2 : at), let lo = u16(little ? at : at + 2) else { return nil }
            return hi << 16 | lo
        }
        guard let ifd = u32(t + 4), let entries = u16(t + ifd) else { return nil }
        for i in 0..<entries {
            let e = t + ifd + 2 + 12 * i
            guard let tag = u16(e) else { return nil }
            if tag == 0x0112 {
                guard let type = u16(e + 2), type == 3, let value = u16(e + 8) else { return nil }
                return EXIFOrientation(rawValue: value)
            }
        }
        return nil
    }
}
