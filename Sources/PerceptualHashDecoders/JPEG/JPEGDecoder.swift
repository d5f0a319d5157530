import PerceptualHash

/// The JPEG decoder behind ``PerceptualHash/PixelBuffer/init(jpeg:options:limits:)-(Array<UInt8>,_,_)``:
/// markers, Huffman-coded scans (sequential and progressive), the islow IDCT, fancy
/// upsampling and YCbCr to RGB, all with libjpeg-turbo's arithmetic.
final class JPEGDecoder {
    let bytes: UnsafeRawBufferPointer
    let base: UnsafePointer<UInt8>
    let limits: ImageLimits

    var frame: JPEGFrame?
    var frameOffset = 0
    var quantTables = [[Int32]?](repeating: nil, count: 4)
    var dcTables = [JPEGHuffmanTable?](repeating: nil, count: 4)
    var acTables = [JPEGHuffmanTable?](repeating: nil, count: 4)
    var restartInterval = 0
    var sawJFIF = false
    var adobeTransform: Int?
    /// The EXIF orientation tag of the first APP1 Exif segment before the first scan that has
    /// one in 1...8.
    var orientation: EXIFOrientation?

    /// Per component: the quantization table latched at its first scan (natural order).
    var latchedQuant: [[Int32]?] = []
    /// Per component (progressive): 64 coefficients per block, padded block grid.
    var coefficients: [UnsafeMutablePointer<Int16>?] = []
    /// Per component: the IDCT output, `paddedBlocksWide * 8` samples per row.
    var planes: [UnsafeMutablePointer<UInt8>?] = []
    var scans = 0

    init(_ bytes: UnsafeRawBufferPointer, limits: ImageLimits) {
        self.bytes = bytes
        base = bytes.baseAddress!.assumingMemoryBound(to: UInt8.self)
        self.limits = limits
    }

    deinit {
        for c in coefficients { c?.deallocate() }
        for p in planes { p?.deallocate() }
    }

    static func decode(
        _ bytes: UnsafeRawBufferPointer, limits: ImageLimits
    ) throws(JPEGError) -> (PixelBuffer, EXIFOrientation?) {
        guard bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xD8 else {
            throw .invalidSignature(offset: 0)
        }
        let decoder = JPEGDecoder(bytes, limits: limits)
        try decoder.readMarkers()
        return (try decoder.output(), decoder.orientation)
    }

    func u16(_ at: Int) -> Int { Int(base[at]) << 8 | Int(base[at + 1]) }

    /// Reads markers from after SOI to EOI, decoding every scan.
    func readMarkers() throws(JPEGError) {
        var pos = 2
        let n = bytes.count
        while true {
            // libjpeg skips stray bytes before a marker (FF 00 among them), and FF fill bytes.
            while true {
                while pos < n && base[pos] != 0xFF { pos += 1 }
                while pos + 1 < n && base[pos + 1] == 0xFF { pos += 1 }
                if pos + 1 < n && base[pos + 1] == 0 {
                    pos += 2
                    continue
                }
                break
            }
            // No EOI: truncated, as Pillow reports it even when every scan is complete.
            if pos + 1 >= n { throw .truncated(offset: min(pos, n)) }
            let marker = base[pos + 1]
            let start = pos
            switch marker {
            case 0xD9:
                if scans == 0 { throw .truncated(offset: start) }
                return
            case 0xD8:
                throw .unexpectedMarker(marker: marker, offset: start)
            case 0xD0...0xD7, 0x01:
                pos += 2
                continue
            default: break
            }
            guard pos + 4 <= n else { throw .truncated(offset: start) }
            let length = u16(pos + 2)
            guard length >= 2 else { throw .invalidSegment(marker: marker, offset: start) }
            guard pos + 2 + length <= n else { throw .truncated(offset: start) }
            let body = pos + 4
            let bodyEnd = pos + 2 + length
            pos = bodyEnd
            switch marker {
            case 0xC0, 0xC1, 0xC2:
                try readFrame(body, bodyEnd, progressive: marker == 0xC2, start: start)
            case 0xC3, 0xC5, 0xC6, 0xC7:
                throw .unsupported(.losslessOrHierarchical, offset: start)
            case 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF:
                throw .unsupported(.arithmeticCoding, offset: start)
            case 0xC4:
                try readHuffmanTables(body, bodyEnd, start: start)
            case 0xDB:
                try readQuantTables(body, bodyEnd, start: start)
            case 0xDD:
                guard length == 4 else { throw .invalidSegment(marker: marker, offset: start) }
                restartInterval = u16(body)
            case 0xDC:
                throw .unsupported(.heightFromDNL, offset: start)
            case 0xDA:
                pos = try readScan(body, bodyEnd, start: start)
                scans += 1
            case 0xE0:
                if length >= 16 && base[body] == 0x4A && base[body + 1] == 0x46 && base[body + 2] == 0x49
                    && base[body + 3] == 0x46 && base[body + 4] == 0
                {
                    sawJFIF = true
                }
            case 0xE1:
                // Before the first scan only, as jpegOrientation reads it.
                if orientation == nil && scans == 0 {
                    orientation = EXIFOrientation.parse(
                        UnsafeRawBufferPointer(rebasing: bytes[body..<bodyEnd]))
                }
            case 0xEE:
                if length >= 14 && base[body] == 0x41 && base[body + 1] == 0x64 && base[body + 2] == 0x6F
                    && base[body + 3] == 0x62 && base[body + 4] == 0x65
                {
                    adobeTransform = Int(base[body + 11])
                }
            default:
                break
            }
        }
    }

    func readFrame(_ at: Int, _ end: Int, progressive: Bool, start: Int) throws(JPEGError) {
        let marker = base[start + 1]
        guard frame == nil else { throw .unexpectedMarker(marker: marker, offset: start) }
        guard end - at >= 6 else { throw .invalidSegment(marker: marker, offset: start) }
        let precision = Int(base[at])
        let height = u16(at + 1)
        let width = u16(at + 3)
        let count = Int(base[at + 5])
        guard end - at == 6 + 3 * count, count > 0 else { throw .invalidSegment(marker: marker, offset: start) }
        guard precision == 8 else { throw .unsupported(.precision(precision), offset: start) }
        guard height > 0 else { throw .unsupported(.heightFromDNL, offset: start) }
        guard width > 0 else { throw .invalidSegment(marker: marker, offset: start) }
        var components: [JPEGFrame.Component] = []
        for i in 0..<count {
            let p = at + 6 + 3 * i
            let h = Int(base[p + 1] >> 4)
            let v = Int(base[p + 1] & 15)
            let tq = Int(base[p + 2])
            guard (1...4).contains(h), (1...4).contains(v), tq < 4 else {
                throw .invalidSegment(marker: marker, offset: start)
            }
            components.append(.init(id: base[p], h: h, v: v, quantTable: tq))
        }
        guard count == 1 || count == 3 else { throw .unsupported(.componentCount(count), offset: start) }
        if width > limits.maxWidth { throw .limitExceeded(.width, value: width, limit: limits.maxWidth) }
        if height > limits.maxHeight { throw .limitExceeded(.height, value: height, limit: limits.maxHeight) }
        if width * height > limits.maxPixelCount {
            throw .limitExceeded(.pixelCount, value: width * height, limit: limits.maxPixelCount)
        }
        var f = JPEGFrame(progressive: progressive, width: width, height: height, components: components)
        f.layOut()
        if count == 1 {
            // One component: its sampling factors do not matter (libjpeg's non-interleaved case).
            f.components[0].h = 1
            f.components[0].v = 1
            f.layOut()
        }
        for c in f.components where f.hMax % c.h != 0 || f.vMax % c.v != 0 {
            throw .unsupported(.fractionalSampling, offset: start)
        }
        frame = f
        frameOffset = start
        latchedQuant = .init(repeating: nil, count: count)
        coefficients = .init(repeating: nil, count: count)
        planes = .init(repeating: nil, count: count)
    }

    func readHuffmanTables(_ at: Int, _ end: Int, start: Int) throws(JPEGError) {
        var p = at
        while p < end {
            guard p + 17 <= end else { throw .invalidSegment(marker: 0xC4, offset: start) }
            let tc = Int(base[p] >> 4)
            let th = Int(base[p] & 15)
            guard tc <= 1, th <= 3 else { throw .invalidSegment(marker: 0xC4, offset: start) }
            var counts = [Int](repeating: 0, count: 16)
            var total = 0
            for i in 0..<16 {
                counts[i] = Int(base[p + 1 + i])
                total += counts[i]
            }
            p += 17
            guard total <= 256, p + total <= end else { throw .invalidSegment(marker: 0xC4, offset: start) }
            let symbols = [UInt8](UnsafeRawBufferPointer(rebasing: bytes[p..<p + total]))
            p += total
            if tc == 0 && symbols.contains(where: { $0 > 15 }) {
                throw .invalidSegment(marker: 0xC4, offset: start)
            }
            guard let table = JPEGHuffmanTable(counts: counts, symbols: symbols) else {
                throw .invalidSegment(marker: 0xC4, offset: start)
            }
            if tc == 0 { dcTables[th] = table } else { acTables[th] = table }
        }
    }

    func readQuantTables(_ at: Int, _ end: Int, start: Int) throws(JPEGError) {
        var p = at
        while p < end {
            let pq = Int(base[p] >> 4)
            let tq = Int(base[p] & 15)
            guard pq <= 1, tq <= 3, p + 1 + 64 * (pq + 1) <= end else {
                throw .invalidSegment(marker: 0xDB, offset: start)
            }
            var table = [Int32](repeating: 0, count: 64)
            for k in 0..<64 {
                let v = pq == 0 ? Int(base[p + 1 + k]) : u16(p + 1 + 2 * k)
                table[jpegNaturalOrder[k]] = Int32(v)
            }
            quantTables[tq] = table
            p += 1 + 64 * (pq + 1)
        }
    }

    /// Parses an SOS header and decodes the scan's entropy-coded data; returns where the
    /// data ends (the next marker).
    func readScan(_ at: Int, _ end: Int, start: Int) throws(JPEGError) -> Int {
        guard var f = frame else { throw .unexpectedMarker(marker: 0xDA, offset: start) }
        guard end - at >= 1 else { throw .invalidSegment(marker: 0xDA, offset: start) }
        let count = Int(base[at])
        guard (1...4).contains(count), end - at == 4 + 2 * count else {
            throw .invalidSegment(marker: 0xDA, offset: start)
        }
        var selected: [(index: Int, dc: Int, ac: Int)] = []
        for i in 0..<count {
            let id = base[at + 1 + 2 * i]
            let t = base[at + 2 + 2 * i]
            guard let index = f.components.firstIndex(where: { $0.id == id }),
                !selected.contains(where: { $0.index == index }), t >> 4 <= 3, t & 15 <= 3
            else { throw .invalidSegment(marker: 0xDA, offset: start) }
            selected.append((index, Int(t >> 4), Int(t & 15)))
        }
        let ss = Int(base[at + 1 + 2 * count])
        let se = Int(base[at + 2 + 2 * count])
        let ah = Int(base[at + 3 + 2 * count] >> 4)
        let al = Int(base[at + 3 + 2 * count] & 15)
        if f.progressive {
            guard ss <= se, se <= 63, (ss == 0) == (se == 0), ss == 0 || count == 1, al <= 13, ah <= 13 else {
                throw .invalidSegment(marker: 0xDA, offset: start)
            }
        }
        if count > 1 {
            let blocks = selected.reduce(0) { $0 + f.components[$1.index].h * f.components[$1.index].v }
            guard blocks <= 10 else { throw .unsupported(.tooManyBlocksPerMCU, offset: start) }
        }
        // Tables this scan needs.
        let needsDC = !f.progressive || (ss == 0 && ah == 0)
        let needsAC = !f.progressive || ss > 0
        for s in selected {
            if needsDC && dcTables[s.dc] == nil { throw .undefinedTable(offset: start) }
            if needsAC && acTables[s.ac] == nil { throw .undefinedTable(offset: start) }
            if latchedQuant[s.index] == nil {
                guard let q = quantTables[f.components[s.index].quantTable] else {
                    throw .undefinedTable(offset: start)
                }
                latchedQuant[s.index] = q
            }
        }
        // Storage, allocated at a component's first scan once the data could fill it.
        let remaining = bytes.count - end
        let newBlocks = selected.reduce(0) { sum, s in
            let c = f.components[s.index]
            let allocated = f.progressive ? coefficients[s.index] != nil : planes[s.index] != nil
            return allocated ? sum : sum + c.blocksWide * c.blocksHigh
        }
        if newBlocks > 0 {
            if f.progressive && !(ss == 0 && ah == 0) { throw .invalidSegment(marker: 0xDA, offset: start) }
            guard newBlocks <= remaining * 8 else { throw .dataTooShort(blocks: newBlocks, bytes: remaining) }
            for s in selected {
                let c = f.components[s.index]
                let blocks = c.paddedBlocksWide * c.paddedBlocksHigh
                if f.progressive {
                    if coefficients[s.index] == nil {
                        let p = UnsafeMutablePointer<Int16>.allocate(capacity: blocks * 64)
                        p.initialize(repeating: 0, count: blocks * 64)
                        coefficients[s.index] = p
                    }
                } else if planes[s.index] == nil {
                    planes[s.index] = allocatePlane(c)
                }
            }
        }
        frame = f
        var scan = JPEGScan(
            decoder: self, components: selected, ss: ss, se: se, ah: ah, al: al,
            reader: JPEGBitReader(bytes, at: end))
        try scan.run(start: start)
        f = frame!
        return scan.reader.position
    }

    func allocatePlane(_ c: JPEGFrame.Component) -> UnsafeMutablePointer<UInt8> {
        let count = c.paddedBlocksWide * 8 * c.paddedBlocksHigh * 8
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: count)
        p.initialize(repeating: 128, count: count)
        return p
    }

    /// The image: IDCT of stored coefficients (progressive), then upsampling and colour
    /// conversion.
    func output() throws(JPEGError) -> PixelBuffer {
        let f = frame!
        let width = f.width
        let height = f.height
        var workspace = [Int32](repeating: 0, count: 64)
        for (i, c) in f.components.enumerated() where planes[i] == nil {
            let plane = allocatePlane(c)
            planes[i] = plane
            guard let coefs = coefficients[i], let quant = latchedQuant[i] else { continue }
            let stride = c.paddedBlocksWide * 8
            quant.withUnsafeBufferPointer { q in
                workspace.withUnsafeMutableBufferPointer { ws in
                    for by in 0..<c.paddedBlocksHigh {
                        for bx in 0..<c.paddedBlocksWide {
                            let block = coefs + (by * c.paddedBlocksWide + bx) * 64
                            let output = plane + by * 8 * stride + bx * 8
                            // All 63 AC coefficients zero: the DC-only fill gives the same samples.
                            let words = UnsafeRawPointer(block)
                            var ac = UInt64(littleEndian: words.loadUnaligned(as: UInt64.self)) & ~0xFFFF
                            for w in 1..<16 { ac |= words.loadUnaligned(fromByteOffset: w * 8, as: UInt64.self) }
                            if ac == 0 {
                                JPEGIDCT.fillDCOnly(block[0], quant: q.baseAddress!, output: output, stride: stride)
                            } else {
                                JPEGIDCT.transform(
                                    block, quant: q.baseAddress!, workspace: ws.baseAddress!, output: output,
                                    stride: stride)
                            }
                        }
                    }
                }
            }
            coefficients[i]!.deallocate()
            coefficients[i] = nil
        }
        let channels = f.components.count
        let samples = [UInt8](unsafeUninitializedCapacity: width * height * channels) { out, initialized in
            if channels == 1 {
                let c = f.components[0]
                let stride = c.paddedBlocksWide * 8
                for y in 0..<height {
                    (out.baseAddress! + y * width).update(from: planes[0]! + y * stride, count: width)
                }
            } else {
                let ups = f.components.enumerated().map { i, c in
                    JPEGUpsampler(
                        plane: planes[i]!, stride: c.paddedBlocksWide * 8, width: c.width, height: c.height,
                        hFactor: f.hMax / c.h, vFactor: f.vMax / c.v, outputWidth: width)
                }
                let capacity = ups.map(\.rowCapacity).max()!
                let rows = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 3)
                let sums = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
                defer {
                    rows.deallocate()
                    sums.deallocate()
                }
                let rgb = isRGB(f)
                for y in 0..<height {
                    let r0 = ups[0].row(y, into: rows, sums: sums)
                    let r1 = ups[1].row(y, into: rows + capacity, sums: sums)
                    let r2 = ups[2].row(y, into: rows + 2 * capacity, sums: sums)
                    let o = out.baseAddress! + y * width * 3
                    if rgb {
                        for x in 0..<width {
                            o[3 * x] = r0[x]
                            o[3 * x + 1] = r1[x]
                            o[3 * x + 2] = r2[x]
                        }
                    } else {
                        JPEGColorConverter.convert(y: r0, cb: r1, cr: r2, count: width, into: o)
                    }
                }
            }
            initialized = width * height * channels
        }
        do throws(PixelBufferError) {
            return try PixelBuffer(
                width: width, height: height, format: channels == 1 ? .gray8 : .rgb8, samples: samples,
                limits: limits)
        } catch {
            // Unreachable: the sizes were checked against the same limits.
            throw .limitExceeded(.pixelCount, value: width * height, limit: limits.maxPixelCount)
        }
    }

    /// libjpeg's guess of the colour space of a 3-component frame: JFIF means YCbCr; else an
    /// Adobe segment's transform 0 means RGB; else component ids `R`, `G`, `B` mean RGB.
    func isRGB(_ f: JPEGFrame) -> Bool {
        if sawJFIF { return false }
        if let t = adobeTransform { return t == 0 }
        return f.components[0].id == 82 && f.components[1].id == 71 && f.components[2].id == 66
    }
}
