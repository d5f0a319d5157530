/// Scales a sample `v` in `0...maxval` to 8 bits as `(v * 255 + maxval / 2) / maxval`,
/// exactly, with one multiplication and one shift instead of a division.
///
/// The numerator `n = v * 255 + maxval / 2` is below 2^24 for every maxval up to 65,535.
/// With `l = ceil(log2(maxval))`, `s = 24 + l` and `m = floor(2^s / maxval) + 1`,
/// `(n * m) >> s == n / maxval` for every `n < 2^24` (Granlund and Montgomery 1994:
/// the error term `n * (m - 2^s / maxval) / 2^s` stays below `1 / maxval`). `n * m < 2^50`.
struct NetpbmSampleScaler: Sendable {
    let half: UInt64
    let multiplier: UInt64
    let shift: UInt64

    init(maxval: Int) {
        precondition(maxval >= 1 && maxval <= 65_535, "maxval \(maxval) is outside 1...65535")
        let d = UInt64(maxval)
        var l: UInt64 = 0
        while (1 as UInt64) << l < d { l += 1 }
        shift = 24 + l
        multiplier = ((1 as UInt64) << shift) / d + 1
        half = d / 2
    }

    /// `(v * 255 + maxval / 2) / maxval` for `v <= maxval`.
    @inline(__always)
    func scale(_ v: UInt64) -> UInt8 {
        UInt8(truncatingIfNeeded: ((v &* 255 &+ half) &* multiplier) &>> shift)
    }
}

/// Decodes the raster of one image whose header is already validated.
enum NetpbmDecoder {
    /// Decodes the image whose magic number starts at `start`.
    ///
    /// Returns the image and the offset one past its last raster byte (for plain formats,
    /// one past the last sample token).
    static func decodeImage(
        _ bytes: UnsafeRawBufferPointer, at start: Int, limits: ImageLimits
    ) throws(NetpbmError) -> (image: PixelBuffer, end: Int, isPlain: Bool) {
        let header = try NetpbmHeaderParser.parse(bytes, at: start, limits: limits)
        let (image, end) = try decodeRaster(bytes, header: header)
        return (image, end, header.kind.isPlain)
    }

    /// `a * b`, or `Int.max` when it overflows.
    @inline(__always)
    static func saturatingProduct(_ a: Int, _ b: Int) -> Int {
        let (p, o) = a.multipliedReportingOverflow(by: b)
        return o ? Int.max : p
    }

    static func decodeRaster(
        _ bytes: UnsafeRawBufferPointer, header h: NetpbmHeader
    ) throws(NetpbmError) -> (PixelBuffer, Int) {
        let available = bytes.count - h.rasterStart
        let pixels = h.width * h.height  // within maxPixelCount, checked by the parser
        let channels = h.format.channelCount
        // 1. The raster size (raw: exact; plain: a lower bound), overflow-saturated, and the
        //    bytes present, compared before anything is allocated.
        let needed: Int
        switch h.kind {
        case .rawPBM:
            let rowBytes = h.width / 8 + (h.width % 8 == 0 ? 0 : 1)
            needed = saturatingProduct(rowBytes, h.height)
        case .rawPGM, .rawPPM, .pam:
            needed = saturatingProduct(saturatingProduct(pixels, h.depth), h.bytesPerSample)
        case .plainPBM:
            needed = pixels
        case .plainPGM, .plainPPM:
            let samples = saturatingProduct(pixels, h.depth)
            needed = samples == Int.max ? Int.max : saturatingProduct(samples, 2) - 1
        }
        guard available >= needed else { throw .truncatedRaster(expected: needed, available: available) }

        // 2. Allocate (bounded by the limits and by the input) and decode.
        let outCount = pixels * channels
        var failure: NetpbmError? = nil
        var end = h.rasterStart + needed
        let samples = [UInt8](unsafeUninitializedCapacity: outCount) { out, initialized in
            switch h.kind {
            case .rawPBM:
                decodeRawPBM(bytes, header: h, into: out)
            case .rawPGM, .rawPPM, .pam:
                let raster = UnsafeRawBufferPointer(rebasing: bytes[h.rasterStart..<h.rasterStart + needed])
                failure = decodeRawSamples(raster, header: h, into: out)
            case .plainPBM:
                failure = decodePlainPBM(bytes, header: h, into: out, end: &end)
            case .plainPGM, .plainPPM:
                failure = decodePlainSamples(bytes, header: h, into: out, end: &end)
            }
            initialized = failure == nil ? outCount : 0
        }
        if let failure { throw failure }
        return (PixelBuffer(uncheckedWidth: h.width, height: h.height, format: h.format, samples: samples), end)
    }

    // MARK: Raw

    /// The 8 output bytes of one P4 byte, leftmost pixel (bit 7) in the lowest address when
    /// stored little-endian: bit 1 (black) gives 0, bit 0 (white) 255.
    static let pbmExpansion: [UInt64] = (0..<256).map { byte in
        var word: UInt64 = 0
        for k in 0..<8 where (byte >> (7 - k)) & 1 == 0 { word |= 0xFF << (8 * UInt64(k)) }
        return word
    }

    /// P4: bit 1 is black (0), bit 0 white (255); the pad bits of each row's last byte are
    /// never read.
    static func decodeRawPBM(
        _ bytes: UnsafeRawBufferPointer, header h: NetpbmHeader, into out: UnsafeMutableBufferPointer<UInt8>
    ) {
        let width = h.width
        let rowBytes = width / 8 + (width % 8 == 0 ? 0 : 1)
        let full = width / 8
        let rest = width % 8
        let destination = UnsafeMutableRawBufferPointer(out)
        pbmExpansion.withUnsafeBufferPointer { table in
            var o = 0
            for y in 0..<h.height {
                let row = h.rasterStart &+ y &* rowBytes
                for xb in 0..<full {
                    let word = table[Int(bytes[row &+ xb])]
                    destination.storeBytes(of: word.littleEndian, toByteOffset: o, as: UInt64.self)
                    o &+= 8
                }
                if rest > 0 {
                    let b = bytes[row &+ full]
                    for k in 0..<rest { out[o &+ k] = ((b &>> UInt8(7 &- k)) & 1) &- 1 }
                    o &+= rest
                }
            }
        }
    }

    /// P5, P6 and P7: the first `format.channelCount` of `depth` planes, every sample of every
    /// plane checked against maxval (unless maxval is 255 or 65535), scaled to 8 bits.
    static func decodeRawSamples(
        _ raster: UnsafeRawBufferPointer, header h: NetpbmHeader,
        into out: UnsafeMutableBufferPointer<UInt8>
    ) -> NetpbmError? {
        let pixels = h.width * h.height
        let depth = h.depth
        let channels = h.format.channelCount
        let maxval = h.maxval
        let sampleCount = pixels * depth
        if h.bytesPerSample == 1 {
            if maxval == 255 {
                if depth == channels {
                    UnsafeMutableRawBufferPointer(out).copyMemory(from: raster)
                } else {
                    for i in 0..<pixels {
                        for c in 0..<channels { out[i &* channels &+ c] = raster[i &* depth &+ c] }
                    }
                }
                return nil
            }
            // Validate first (a max reduction the compiler vectorizes), then map through a table.
            var largest: UInt8 = 0
            for j in 0..<sampleCount { largest = max(largest, raster[j]) }
            if Int(largest) > maxval { return firstOutOfRange(raster, h) }
            let scaler = NetpbmSampleScaler(maxval: maxval)
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 256) { table in
                for v in 0..<256 { table[v] = scaler.scale(UInt64(min(v, maxval))) }
                if depth == channels {
                    for j in 0..<sampleCount { out[j] = table[Int(raster[j])] }
                } else {
                    for i in 0..<pixels {
                        for c in 0..<channels { out[i &* channels &+ c] = table[Int(raster[i &* depth &+ c])] }
                    }
                }
            }
            return nil
        }
        if maxval != 65_535 {
            var largest: UInt16 = 0
            for j in 0..<sampleCount {
                largest = max(largest, UInt16(raster[2 &* j]) << 8 | UInt16(raster[2 &* j &+ 1]))
            }
            if Int(largest) > maxval { return firstOutOfRange(raster, h) }
        }
        let scaler = NetpbmSampleScaler(maxval: maxval)
        if depth == channels {
            for j in 0..<sampleCount {
                out[j] = scaler.scale(UInt64(raster[2 &* j]) << 8 | UInt64(raster[2 &* j &+ 1]))
            }
        } else {
            for i in 0..<pixels {
                for c in 0..<channels {
                    let j = i &* depth &+ c
                    out[i &* channels &+ c] = scaler.scale(UInt64(raster[2 &* j]) << 8 | UInt64(raster[2 &* j &+ 1]))
                }
            }
        }
        return nil
    }

    /// The error for the first sample of `raster` above maxval (called only when one exists).
    static func firstOutOfRange(_ raster: UnsafeRawBufferPointer, _ h: NetpbmHeader) -> NetpbmError {
        let bps = h.bytesPerSample
        var j = 0
        while j + bps <= raster.count {
            let v = bps == 1 ? Int(raster[j]) : Int(raster[j]) << 8 | Int(raster[j + 1])
            if v > h.maxval { return .sampleOutOfRange(value: v, maxval: h.maxval, offset: h.rasterStart + j) }
            j += bps
        }
        preconditionFailure("no sample above maxval \(h.maxval)")
    }

    // MARK: Plain

    /// Skips white space and comments from `pos`; returns false at the end of the input.
    @inline(__always)
    static func skipSeparators(_ bytes: UnsafeRawBufferPointer, _ pos: inout Int) -> Bool {
        let count = bytes.count
        while pos < count {
            let b = bytes[pos]
            if ASCII.isWhitespace(b) {
                pos += 1
            } else if b == ASCII.hash {
                while pos < count, bytes[pos] != ASCII.lf, bytes[pos] != ASCII.cr { pos += 1 }
            } else {
                return true
            }
        }
        return false
    }

    /// P1: one `0` (white, 255) or `1` (black, 0) per pixel, separators optional.
    static func decodePlainPBM(
        _ bytes: UnsafeRawBufferPointer, header h: NetpbmHeader,
        into out: UnsafeMutableBufferPointer<UInt8>, end: inout Int
    ) -> NetpbmError? {
        var pos = h.rasterStart
        let n = out.count
        for i in 0..<n {
            guard skipSeparators(bytes, &pos) else {
                let available = bytes.count - h.rasterStart
                return .truncatedRaster(expected: pos - h.rasterStart + (n - i), available: available)
            }
            switch bytes[pos] {
            case 0x30: out[i] = 255
            case 0x31: out[i] = 0
            default: return .invalidRasterToken(offset: pos)
            }
            pos += 1
        }
        end = pos
        return nil
    }

    /// P2, P3: decimal samples separated by white space or comments.
    static func decodePlainSamples(
        _ bytes: UnsafeRawBufferPointer, header h: NetpbmHeader,
        into out: UnsafeMutableBufferPointer<UInt8>, end: inout Int
    ) -> NetpbmError? {
        let scaler = NetpbmSampleScaler(maxval: h.maxval)
        let count = bytes.count
        var pos = h.rasterStart
        let n = out.count
        for j in 0..<n {
            guard skipSeparators(bytes, &pos) else {
                let available = count - h.rasterStart
                return .truncatedRaster(expected: pos - h.rasterStart + 2 * (n - j) - 1, available: available)
            }
            let tokenStart = pos
            guard ASCII.isDigit(bytes[pos]) else { return .invalidRasterToken(offset: pos) }
            var value = 0
            while pos < count, ASCII.isDigit(bytes[pos]) {
                value = ASCII.accumulate(value, digit: bytes[pos])
                pos += 1
            }
            if pos < count, !ASCII.isWhitespace(bytes[pos]), bytes[pos] != ASCII.hash {
                return .invalidRasterToken(offset: pos)
            }
            guard value <= h.maxval else {
                return .sampleOutOfRange(value: value, maxval: h.maxval, offset: tokenStart)
            }
            out[j] = scaler.scale(UInt64(value))
        }
        end = pos
        return nil
    }
}
