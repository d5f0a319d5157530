import PerceptualHash

/// Decodes a whole PNG file held in memory (see ``PerceptualHash/PixelBuffer/init(png:options:limits:)-(Array<UInt8>,_,_)``).
enum PNGDecoder {
    /// The most bytes one byte of DEFLATE data can inflate to: a 258-byte match coded in
    /// two bits (one-bit literal/length and distance codes).
    static let maxDeflateRatio = 1032

    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    @inline(__always)
    static func bigEndian32(_ b: UnsafeRawBufferPointer, _ at: Int) -> UInt32 {
        UInt32(b[at]) << 24 | UInt32(b[at + 1]) << 16 | UInt32(b[at + 2]) << 8 | UInt32(b[at + 3])
    }

    /// Where the `IDAT` data sits in the file: `(fileOffset, count)` per chunk, in order.
    typealias Segments = [(start: Int, count: Int)]

    /// The chunks up to the end of the first run of `IDAT` chunks: the header, the palette
    /// (padded to 256 black entries) and the image data's place in the file.
    static func readChunks(
        _ b: UnsafeRawBufferPointer, options: PNGDecodingOptions, limits: ImageLimits
    ) throws(PNGError) -> (PNGHeader, palette: [UInt8]?, paletteAlpha: [UInt8]?, Segments) {
        for i in 0..<8 {
            guard i < b.count else { throw .invalidSignature(offset: b.count) }
            guard b[i] == signature[i] else { throw .invalidSignature(offset: i) }
        }
        var offset = 8
        var header: PNGHeader? = nil
        var palette: [UInt8]? = nil
        var paletteAlpha: [UInt8]? = nil
        var segments: Segments = []
        while true {
            // After the first IDAT run nothing more is read: not even IEND, as Pillow reads
            // nothing more to decode (a file cut right after its last IDAT decodes).
            if !segments.isEmpty, b.count - offset < 8 { break }
            guard b.count - offset >= 8 else { throw .truncatedChunk(offset: offset) }
            let length32 = bigEndian32(b, offset)
            let type = PNGChunkType(rawValue: bigEndian32(b, offset + 4))
            guard length32 <= 0x7FFF_FFFF else { throw .invalidChunkLength(length: length32, offset: offset) }
            let length = Int(length32)
            if !segments.isEmpty, type != .imageData { break }  // the first IDAT run is over
            guard b.count - offset - 8 >= length + 4 else { throw .truncatedChunk(offset: offset) }
            let data = offset + 8
            if options.checksCRC {
                let stored = bigEndian32(b, data + length)
                let computed = CRC32.checksum(UnsafeRawBufferPointer(rebasing: b[offset + 4..<data + length]))
                guard stored == computed else {
                    throw .crcMismatch(chunk: type, stored: stored, computed: computed, offset: offset)
                }
            }
            if header == nil, type != .header { throw .missingHeader(offset: offset) }
            switch type {
            case .header:
                guard header == nil else { throw .misplacedChunk(.header, offset: offset) }
                let h = try PNGHeader.parse(b, data: data, length: length, offset: offset)
                try checkLimits(h, limits)
                header = h
            case .palette:
                guard palette == nil else { throw .misplacedChunk(.palette, offset: offset) }
                guard length > 0, length % 3 == 0, length <= 768 else { throw .invalidPalette(offset: offset) }
                if header?.colorType == 3 {  // a suggested palette of other types is ignored, as Pillow does
                    var p = [UInt8](repeating: 0, count: 768)
                    for i in 0..<length { p[i] = b[data + i] }
                    palette = p
                }
            case .transparency:
                // Kept for indexed images (at most 256 entries read); not checked further, as
                // Pillow does not check it.
                if header?.colorType == 3, paletteAlpha == nil {
                    paletteAlpha = (0..<min(length, 256)).map { b[data + $0] }
                }
            case .imageData:
                if header?.colorType == 3, palette == nil { throw .missingPalette(offset: offset) }
                segments.append((data, length))
            case .end:
                throw .missingImageData(offset: offset)
            default:
                break  // ancillary and unknown chunks (tRNS, gAMA, iCCP, ...) do not change the pixels
            }
            offset = data + length + 4
        }
        return (header!, palette, paletteAlpha, segments)
    }

    /// The checks of `ImageLimits` and of the decoded sizes, before any allocation.
    static func checkLimits(_ h: PNGHeader, _ limits: ImageLimits) throws(PNGError) {
        guard h.width <= limits.maxWidth else { throw .limitExceeded(.width, value: h.width, limit: limits.maxWidth) }
        guard h.height <= limits.maxHeight else {
            throw .limitExceeded(.height, value: h.height, limit: limits.maxHeight)
        }
        let pixels = h.width * h.height  // both below 2^31
        guard pixels <= limits.maxPixelCount else {
            throw .limitExceeded(.pixelCount, value: pixels, limit: limits.maxPixelCount)
        }
    }

    /// The inflated size: every pass's rows, each a filter byte plus its scanline; nil on overflow.
    static func rawSize(_ h: PNGHeader, _ passes: [PNGPass]) -> Int? {
        var total = 0
        for p in passes where p.width > 0 && p.height > 0 {
            let (rows, o1) = (h.rowBytes(p.width) + 1).multipliedReportingOverflow(by: p.height)
            let (t, o2) = total.addingReportingOverflow(rows)
            guard !o1, !o2 else { return nil }
            total = t
        }
        return total
    }

    static func decode(
        _ b: UnsafeRawBufferPointer, options: PNGDecodingOptions, limits: ImageLimits
    ) throws(PNGError) -> PixelBuffer {
        let (h, rgbPalette, paletteAlpha, segments) = try readChunks(b, options: options, limits: limits)
        let passes = PNGPass.passes(of: h)
        var format = h.outputFormat
        var palette = rgbPalette
        if options.keepsPaletteAlpha, let rgb = rgbPalette, let alpha = paletteAlpha {
            format = .rgba8
            var rgba = [UInt8](repeating: 255, count: 1024)
            for i in 0..<256 {
                rgba[4 * i] = rgb[3 * i]
                rgba[4 * i + 1] = rgb[3 * i + 1]
                rgba[4 * i + 2] = rgb[3 * i + 2]
                if i < alpha.count { rgba[4 * i + 3] = alpha[i] }
            }
            palette = rgba
        }
        let (sampleCount, o) = (h.width * h.height).multipliedReportingOverflow(by: format.channelCount)
        guard !o, let raw = rawSize(h, passes) else {
            throw .limitExceeded(.pixelCount, value: Int.max, limit: limits.maxPixelCount)
        }

        // A stream cannot inflate past 1032 times its size: refuse a header that asks for
        // more before allocating for it.
        let compressed = segments.reduce(0) { $0 + $1.count }
        let (most, o2) = compressed.multipliedReportingOverflow(by: maxDeflateRatio)
        if !o2, raw > most {
            let last = segments[segments.count - 1]
            throw .imageDataTooShort(expected: raw, compressed: compressed, offset: last.start + last.count)
        }

        // Inflate into one buffer of exactly the size the header implies.
        let inflated = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(raw, 1))
        defer { inflated.deallocate() }
        let scanlines = UnsafeMutableBufferPointer(rebasing: inflated[0..<raw])
        try inflate(b, segments, into: scanlines)

        // Unfilter and expand pass by pass.
        var failure: PNGError? = nil
        let samples = [UInt8](unsafeUninitializedCapacity: sampleCount) { out, initialized in
            let expander = PNGRowExpander(
                header: h, palette: palette, paletteChannels: format.channelCount, gray16: options.gray16)
            let channels = format.channelCount
            let rowSamples = h.width * channels
            var at = 0
            var scratch = [UInt8](repeating: 0, count: h.interlaced ? rowSamples : 0)
            let zeros = [UInt8](repeating: 0, count: h.rowBytes(h.width))
            zeros.withUnsafeBufferPointer { zeros in
                for pass in passes where pass.width > 0 && pass.height > 0 {
                    let rowBytes = h.rowBytes(pass.width)
                    var previous = zeros.baseAddress!
                    for y in 0..<pass.height {
                        let filter = scanlines[at]
                        let row = scanlines.baseAddress! + at + 1
                        guard
                            PNGFilter.unfilter(
                                filter, row: row, previous: previous, count: rowBytes, distance: h.filterDistance)
                        else {
                            failure = .invalidFilterType(filter, pass: pass.number, row: y)
                            initialized = 0
                            return
                        }
                        let outRow = out.baseAddress! + (pass.yStart + y * pass.yStep) * rowSamples
                        if !h.interlaced {
                            expander.expand(row, pixels: pass.width, into: outRow)
                        } else {
                            scratch.withUnsafeMutableBufferPointer { s in
                                expander.expand(row, pixels: pass.width, into: s.baseAddress!)
                                for i in 0..<pass.width {
                                    let d = outRow + (pass.xStart + i * pass.xStep) * channels
                                    for c in 0..<channels { d[c] = s[i * channels + c] }
                                }
                            }
                        }
                        previous = UnsafePointer(row)
                        at += rowBytes + 1
                    }
                }
            }
            initialized = failure == nil ? sampleCount : 0
        }
        if let failure { throw failure }
        do throws(PixelBufferError) {
            return try PixelBuffer(width: h.width, height: h.height, format: format, samples: samples, limits: limits)
        } catch {
            // Unreachable: the sizes were checked against the same limits.
            throw .limitExceeded(.pixelCount, value: h.width * h.height, limit: limits.maxPixelCount)
        }
    }

    /// Inflates the `IDAT` data (one chunk in place, several joined first) into `output`,
    /// mapping error offsets back into the file.
    static func inflate(
        _ b: UnsafeRawBufferPointer, _ segments: Segments, into output: UnsafeMutableBufferPointer<UInt8>
    ) throws(PNGError) {
        func fileOffset(_ streamOffset: Int) -> Int {
            var rest = streamOffset
            for s in segments {
                if rest < s.count { return s.start + rest }
                rest -= s.count
            }
            let last = segments[segments.count - 1]
            return last.start + last.count
        }
        do throws(InflateError) {
            if segments.count == 1 {
                let s = segments[0]
                _ = try Inflater.inflateZlib(
                    UnsafeRawBufferPointer(rebasing: b[s.start..<s.start + s.count]), into: output)
            } else {
                var joined = [UInt8]()
                joined.reserveCapacity(segments.reduce(0) { $0 + $1.count })
                for s in segments {
                    joined.append(contentsOf: UnsafeRawBufferPointer(rebasing: b[s.start..<s.start + s.count]))
                }
                _ = try joined.withUnsafeBufferPointer { (j) throws(InflateError) -> Int in
                    try Inflater.inflateZlib(UnsafeRawBufferPointer(j), into: output)
                }
            }
        } catch {
            throw .corruptImageData(error.problem, offset: fileOffset(error.offset))
        }
    }
}
