import Testing
@testable import PerceptualHash

/// `PixelBuffer(width:height:layout:bytesPerRow:bytes:alpha:limits:)` against a plain
/// reference decoder written here, over every layout, sample encoding, stride and size.
@Suite struct RawMemoryTests {
    static let sizes = [(1, 1), (1, 9), (9, 1), (3, 7), (33, 17)]
    static let allLayouts: [PixelLayout] = PixelLayout.Channels.allCases.flatMap { c in
        PixelLayout.SampleEncoding.allCases.map { PixelLayout(channels: c, sample: $0) }
    }

    /// The letters of each memory channel: r, g, b, a, x (unused) or y (gray).
    static func letters(_ channels: PixelLayout.Channels) -> [Character] {
        channels == .gray ? ["y"] : channels == .grayAlpha ? ["y", "a"] : Array(channels.description)
    }

    /// The nearest integer to v * 255 / 65535 = v / 257 (never a tie: v / 257 has no .5).
    static func narrowReference(_ v: Int) -> Int { Int((Double(v) / 257).rounded()) }

    /// Decodes one pixel's samples, in memory order, to 8-bit values.
    static func samples(_ bytes: [UInt8], at offset: Int, layout: PixelLayout) -> [Int] {
        (0..<layout.channels.channelCount).map { k in
            switch layout.sample {
            case .uint8: return Int(bytes[offset + k])
            case .uint16BigEndian:
                return narrowReference(Int(bytes[offset + 2 * k]) * 256 + Int(bytes[offset + 2 * k + 1]))
            case .uint16LittleEndian:
                return narrowReference(Int(bytes[offset + 2 * k + 1]) * 256 + Int(bytes[offset + 2 * k]))
            }
        }
    }

    /// Nearest integer to `x / 255` for x >= 0 (never a tie: 255 is odd).
    static func div255(_ x: Int) -> Int { Int((Double(x) / 255).rounded()) }

    /// A plain decoder: the expected format and samples.
    static func reference(
        width: Int, height: Int, layout: PixelLayout, bytesPerRow: Int, bytes: [UInt8], alpha: AlphaHandling
    ) -> (PixelBuffer.Format, [UInt8]) {
        let names = letters(layout.channels)
        let isGray = names.contains("y")
        let outNames: [Character] = isGray ? ["y"] : ["r", "g", "b"]
        var background: BackgroundColor? = nil, premultiplied = false
        switch alpha {
        case .keep: break
        case .compositeStraight(let bg): background = bg
        case .compositePremultiplied(let bg): background = bg; premultiplied = true
        }
        let hasAlpha = names.contains("a")
        if hasAlpha && background == nil {
            return reference(keepingAlphaOf: (width, height, layout, bytesPerRow, bytes))
        }
        var out: [UInt8] = []
        for y in 0..<height {
            for x in 0..<width {
                let s = samples(bytes, at: y * bytesPerRow + x * layout.bytesPerPixel, layout: layout)
                func value(_ n: Character) -> Int { s[names.firstIndex(of: n)!] }
                for n in outNames {
                    let c = value(n)
                    guard hasAlpha, let bg = background else { out.append(UInt8(c)); continue }
                    let a = value("a")
                    let b = Int(n == "y" ? bg.gray : n == "r" ? bg.red : n == "g" ? bg.green : bg.blue)
                    let v = premultiplied ? min(255, c + div255(b * (255 - a))) : div255(c * a + b * (255 - a))
                    out.append(UInt8(v))
                }
            }
        }
        return (isGray ? .gray8 : .rgb8, out)
    }

    static func reference(keepingAlphaOf input: (Int, Int, PixelLayout, Int, [UInt8])) -> (PixelBuffer.Format, [UInt8])
    {
        let (width, height, layout, bytesPerRow, bytes) = input
        let names = letters(layout.channels)
        let isGray = names.contains("y")
        let outNames: [Character] = isGray ? ["y", "a"] : ["r", "g", "b", "a"]
        var out: [UInt8] = []
        for y in 0..<height {
            for x in 0..<width {
                let s = samples(bytes, at: y * bytesPerRow + x * layout.bytesPerPixel, layout: layout)
                for n in outNames { out.append(UInt8(s[names.firstIndex(of: n)!])) }
            }
        }
        return (isGray ? .grayAlpha8 : .rgba8, out)
    }

    static func randomBytes(_ count: Int, seed: UInt64) -> [UInt8] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
    }

    static let alphaOptions: [AlphaHandling] = [
        .keep,
        .compositeStraight(over: BackgroundColor(red: 10, green: 200, blue: 255, gray: 77)),
        .compositePremultiplied(over: BackgroundColor(red: 250, green: 3, blue: 128, gray: 201)),
    ]

    @Test(arguments: allLayouts)
    func everyLayoutStrideAndSize(layout: PixelLayout) throws {
        for (w, h) in Self.sizes {
            let rowBytes = w * layout.bytesPerPixel
            for padding in [0, 1, 7, 64] {
                let stride = rowBytes + padding
                let seed = UInt64(w * 100_000 + h * 1000 + padding) ^ UInt64(layout.bytesPerPixel) << 40
                // Tightly packed last row: exactly the bytes needed.
                let bytes = Self.randomBytes(stride * (h - 1) + rowBytes, seed: seed)
                for alpha in Self.alphaOptions {
                    let label = "\(layout) \(w)x\(h) stride \(stride) \(alpha) seed \(seed)"
                    let (format, expected) = Self.reference(
                        width: w, height: h, layout: layout, bytesPerRow: stride, bytes: bytes, alpha: alpha)
                    let image = try PixelBuffer(
                        width: w, height: h, layout: layout, bytesPerRow: padding == 0 ? nil : stride, bytes: bytes,
                        alpha: alpha)
                    #expect(image.format == format && image.samples == expected, "\(label)")
                    #expect(image.width == w && image.height == h, "\(label)")
                    // The RawSpan overload over a pointer's memory, with trailing bytes after the last row.
                    let fromPointer = try (bytes + [1, 2, 3]).withUnsafeBytes { raw throws(PixelBufferError) in
                        try PixelBuffer(
                            width: w, height: h, layout: layout, bytesPerRow: stride, bytes: raw.bytes, alpha: alpha)
                    }
                    #expect(fromPointer == image, "\(label)")
                }
            }
        }
    }

    @Test func outputFormats() {
        let expected: [PixelLayout.Channels: PixelBuffer.Format] = [
            .gray: .gray8, .grayAlpha: .grayAlpha8, .rgb: .rgb8, .bgr: .rgb8, .rgbx: .rgb8, .bgrx: .rgb8,
            .rgba: .rgba8, .bgra: .rgba8, .argb: .rgba8, .abgr: .rgba8,
        ]
        for c in PixelLayout.Channels.allCases {
            #expect(c.outputFormat == expected[c], "\(c)")
            #expect(c.hasAlpha == expected[c]!.hasAlpha, "\(c)")
            #expect(c.channelCount == Self.letters(c).count, "\(c)")
            for s in PixelLayout.SampleEncoding.allCases {
                #expect(PixelLayout(channels: c, sample: s).bytesPerPixel == c.channelCount * (s == .uint8 ? 1 : 2))
            }
        }
        #expect(PixelLayout.bgra8 == PixelLayout(channels: .bgra, sample: .uint8))
        #expect(PixelLayout(channels: .bgra, sample: .uint16LittleEndian).description == "bgra/uint16LittleEndian")
    }

    @Test func documentedExamples() throws {
        #expect(
            try PixelBuffer(width: 2, height: 1, layout: .bgr8, bytes: [3, 2, 1, 6, 5, 4]).samples == [
                1, 2, 3, 4, 5, 6,
            ])
        #expect(try PixelBuffer(width: 1, height: 1, layout: .argb8, bytes: [9, 1, 2, 3]).samples == [1, 2, 3, 9])
        #expect(try PixelBuffer(width: 1, height: 1, layout: .abgr8, bytes: [9, 3, 2, 1]).samples == [1, 2, 3, 9])
        #expect(try PixelBuffer(width: 1, height: 1, layout: .bgra8, bytes: [3, 2, 1, 9]).samples == [1, 2, 3, 9])
        #expect(try PixelBuffer(width: 1, height: 1, layout: .bgrx8, bytes: [3, 2, 1, 9]).samples == [1, 2, 3])
        let be = PixelLayout(channels: .gray, sample: .uint16BigEndian)
        let le = PixelLayout(channels: .gray, sample: .uint16LittleEndian)
        // 0x0101 * k = 257 k -> k; 0x0080 = 128 -> 0 (128 / 257 < 0.5); 0x0081 = 129 -> 1.
        #expect(
            try PixelBuffer(width: 5, height: 1, layout: be, bytes: [0, 0, 1, 1, 0xFF, 0xFF, 0, 0x80, 0, 0x81]).samples
                == [0, 1, 255, 0, 1])
        #expect(
            try PixelBuffer(width: 5, height: 1, layout: le, bytes: [0, 0, 1, 1, 0xFF, 0xFF, 0x80, 0, 0x81, 0]).samples
                == [0, 1, 255, 0, 1])
        let straight = try PixelBuffer(
            width: 1, height: 1, layout: .rgba8, bytes: [200, 100, 0, 128], alpha: .compositeStraight(over: .white))
        // (200*128 + 255*127 + 127) / 255 = 227, (100*128 + 255*127 + 127)/255 = 177, (0 + 32385 + 127)/255 = 127
        #expect(straight.format == .rgb8 && straight.samples == [227, 177, 127])
        let premultiplied = try PixelBuffer(
            width: 1, height: 1, layout: .rgba8, bytes: [200, 100, 0, 128], alpha: .compositePremultiplied(over: .white)
        )
        // 200 + 127 clamps to 255; 100 + 127 = 227; 0 + 127 = 127
        #expect(premultiplied.samples == [255, 227, 127])
        // Alpha handling on a layout without alpha changes nothing.
        #expect(
            try PixelBuffer(
                width: 1, height: 1, layout: .rgbx8, bytes: [1, 2, 3, 4], alpha: .compositeStraight(over: .black)
            ).samples == [1, 2, 3])
        #expect(BackgroundColor(red: 255, green: 0, blue: 0).gray == 76)
    }

    /// Every 16-bit value once (a 256x256 image), both byte orders, against the reference.
    @Test func everySixteenBitValue() throws {
        let be = (0..<65536).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let le = (0..<65536).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let expected = (0..<65536).map { UInt8(Self.narrowReference($0)) }
        let a = try PixelBuffer(
            width: 256, height: 256, layout: PixelLayout(channels: .gray, sample: .uint16BigEndian), bytes: be)
        let b = try PixelBuffer(
            width: 256, height: 256, layout: PixelLayout(channels: .gray, sample: .uint16LittleEndian), bytes: le)
        #expect(a.samples == expected)
        #expect(b.samples == expected)
    }

    /// 16-bit samples at an odd address (and every other layout at offsets 1...3).
    @Test(arguments: allLayouts)
    func unalignedMemory(layout: PixelLayout) throws {
        let (w, h) = (9, 5)
        let stride = w * layout.bytesPerPixel + 3
        let bytes = Self.randomBytes(stride * h, seed: 99)
        let expected = try PixelBuffer(width: w, height: h, layout: layout, bytesPerRow: stride, bytes: bytes)
        for shift in 1...3 {
            let padded = [UInt8](repeating: 0xEE, count: shift) + bytes
            let image = try padded.withUnsafeBytes { raw throws(PixelBufferError) in
                let slice = UnsafeRawBufferPointer(rebasing: raw[shift...])
                #expect(Int(bitPattern: slice.baseAddress!) % 2 != 0 || shift == 2)
                return try PixelBuffer(width: w, height: h, layout: layout, bytesPerRow: stride, bytes: slice.bytes)
            }
            #expect(image == expected, "\(layout) offset \(shift)")
        }
    }

    /// Every alpha 0...255 against several colours and backgrounds, straight and premultiplied.
    @Test(arguments: [PixelLayout.rgba8, .bgra8, .argb8, .abgr8, .grayAlpha8])
    func compositingEveryAlpha(layout: PixelLayout) throws {
        let colours: [UInt8] = [0, 1, 64, 127, 128, 200, 254, 255]
        let backgrounds: [BackgroundColor] = [.white, .black, BackgroundColor(red: 1, green: 128, blue: 254, gray: 99)]
        let names = Self.letters(layout.channels)
        var bytes: [UInt8] = []
        for c in colours {
            for a in 0...255 {
                for n in names {
                    bytes.append(n == "a" ? UInt8(a) : n == "r" || n == "y" ? c : n == "g" ? 255 - c : c / 2)
                }
            }
        }
        for bg in backgrounds {
            for alpha in [AlphaHandling.compositeStraight(over: bg), .compositePremultiplied(over: bg)] {
                let (format, expected) = Self.reference(
                    width: 256, height: colours.count, layout: layout, bytesPerRow: 256 * names.count, bytes: bytes,
                    alpha: alpha)
                let image = try PixelBuffer(
                    width: 256, height: colours.count, layout: layout, bytes: bytes, alpha: alpha)
                #expect(image.format == format && image.samples == expected, "\(layout) \(alpha)")
                // a = 255 keeps the colour; a = 0 gives the background (straight) or c + bg clamped.
                let c = image.format.channelCount
                for (row, colour) in colours.enumerated() {
                    let opaque = Array(image.samples[(row * 256 + 255) * c..<(row * 256 + 256) * c])
                    let clear = Array(image.samples[(row * 256) * c..<(row * 256 + 1) * c])
                    let colourOut: [Int] = c == 1 ? [Int(colour)] : [Int(colour), 255 - Int(colour), Int(colour / 2)]
                    let bgOut: [Int] = c == 1 ? [Int(bg.gray)] : [Int(bg.red), Int(bg.green), Int(bg.blue)]
                    #expect(opaque.map(Int.init) == colourOut, "\(layout) \(alpha) a=255 c=\(colour)")
                    if case .compositeStraight = alpha {
                        #expect(clear.map(Int.init) == bgOut, "\(layout) \(alpha) a=0 c=\(colour)")
                    } else {
                        #expect(
                            clear.map(Int.init) == zip(colourOut, bgOut).map { min(255, $0 + $1) },
                            "\(layout) \(alpha) a=0 c=\(colour)")
                    }
                }
            }
        }
    }

    @Test func errors() throws {
        let some = [UInt8](repeating: 0, count: 64)
        #expect(throws: PixelBufferError.invalidDimensions(width: 0, height: 1)) {
            try PixelBuffer(width: 0, height: 1, layout: .rgb8, bytes: some)
        }
        #expect(throws: PixelBufferError.invalidDimensions(width: 3, height: 0)) {
            try PixelBuffer(width: 3, height: 0, layout: .rgb8, bytes: some)
        }
        #expect(throws: PixelBufferError.invalidDimensions(width: -1, height: -5)) {
            try PixelBuffer(width: -1, height: -5, layout: .rgb8, bytes: [])
        }
        let small = ImageLimits(maxWidth: 4, maxHeight: 3, maxPixelCount: 10)
        #expect(throws: PixelBufferError.limitExceeded(.width, value: 5, limit: 4)) {
            try PixelBuffer(width: 5, height: 1, layout: .gray8, bytes: some, limits: small)
        }
        #expect(throws: PixelBufferError.limitExceeded(.height, value: 4, limit: 3)) {
            try PixelBuffer(width: 1, height: 4, layout: .gray8, bytes: some, limits: small)
        }
        #expect(throws: PixelBufferError.limitExceeded(.pixelCount, value: 12, limit: 10)) {
            try PixelBuffer(width: 4, height: 3, layout: .gray8, bytes: some, limits: small)
        }
        #expect(throws: PixelBufferError.limitExceeded(.width, value: 32_769, limit: 32_768)) {
            try PixelBuffer(width: 32_769, height: 1, layout: .gray8, bytes: some)
        }
        let huge = ImageLimits(maxWidth: .max, maxHeight: .max, maxPixelCount: .max)
        let rgba16 = PixelLayout(channels: .rgba, sample: .uint16BigEndian)
        #expect(throws: PixelBufferError.sizeOverflow(width: Int.max / 8 + 1, height: 1, channels: 8)) {
            try PixelBuffer(width: Int.max / 8 + 1, height: 1, layout: rgba16, bytes: some, limits: huge)
        }
        #expect(throws: PixelBufferError.sizeOverflow(width: 1 << 32, height: 1 << 32, channels: 1)) {
            try PixelBuffer(width: 1 << 32, height: 1 << 32, layout: .gray8, bytes: some, limits: huge)
        }
        #expect(throws: PixelBufferError.bytesPerRowTooSmall(bytesPerRow: 8, minimum: 9)) {
            try PixelBuffer(width: 3, height: 2, layout: .rgb8, bytesPerRow: 8, bytes: some)
        }
        #expect(throws: PixelBufferError.bytesPerRowTooSmall(bytesPerRow: -1, minimum: 6)) {
            try PixelBuffer(
                width: 1, height: 1, layout: PixelLayout(channels: .rgb, sample: .uint16LittleEndian), bytesPerRow: -1,
                bytes: some)
        }
        #expect(throws: PixelBufferError.bytesPerRowTooSmall(bytesPerRow: 0, minimum: 4)) {
            try PixelBuffer(width: 1, height: 1, layout: .bgra8, bytesPerRow: 0, bytes: some)
        }
        #expect(throws: PixelBufferError.rowStrideOverflow(bytesPerRow: Int.max / 2 + 1, height: 3)) {
            try PixelBuffer(width: 1, height: 3, layout: .gray8, bytesPerRow: Int.max / 2 + 1, bytes: some)
        }
        #expect(throws: PixelBufferError.rowStrideOverflow(bytesPerRow: Int.max, height: 2)) {
            try PixelBuffer(width: 1, height: 2, layout: .gray8, bytesPerRow: Int.max, bytes: some)
        }
        // One row needs only its pixel bytes, whatever the stride.
        #expect(try PixelBuffer(width: 1, height: 1, layout: .gray8, bytesPerRow: Int.max, bytes: [7]).samples == [7])
        // Needed = 10 * (2 - 1) + 9 = 19 bytes.
        #expect(throws: PixelBufferError.bufferTooShort(expected: 19, available: 18)) {
            try PixelBuffer(
                width: 3, height: 2, layout: .rgb8, bytesPerRow: 10, bytes: [UInt8](repeating: 0, count: 18))
        }
        #expect(
            try PixelBuffer(
                width: 3, height: 2, layout: .rgb8, bytesPerRow: 10, bytes: [UInt8](repeating: 0, count: 19)
            ).samples.count == 18)
        #expect(throws: PixelBufferError.bufferTooShort(expected: 3 * 2 * 8, available: 47)) {
            try PixelBuffer(width: 3, height: 2, layout: rgba16, bytes: [UInt8](repeating: 0, count: 47))
        }
        #expect(throws: PixelBufferError.bufferTooShort(expected: 1, available: 0)) {
            try PixelBuffer(width: 1, height: 1, layout: .gray8, bytes: [])
        }
        #expect(throws: PixelBufferError.bufferTooShort(expected: 1, available: 0)) {
            try PixelBuffer(
                width: 1, height: 1, layout: .gray8, bytes: UnsafeRawBufferPointer(start: nil, count: 0).bytes)
        }
        // Order: dimensions before limits before the stride before the length.
        #expect(throws: PixelBufferError.invalidDimensions(width: 0, height: 0)) {
            try PixelBuffer(width: 0, height: 0, layout: .gray8, bytesPerRow: -3, bytes: [])
        }
        #expect(throws: PixelBufferError.limitExceeded(.width, value: 5, limit: 4)) {
            try PixelBuffer(width: 5, height: 1, layout: .gray8, bytesPerRow: 1, bytes: [], limits: small)
        }
        #expect(throws: PixelBufferError.bytesPerRowTooSmall(bytesPerRow: 1, minimum: 2)) {
            try PixelBuffer(width: 2, height: 1, layout: .gray8, bytesPerRow: 1, bytes: [])
        }
    }
}
