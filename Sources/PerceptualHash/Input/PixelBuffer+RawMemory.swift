extension PixelBuffer {
    /// Creates a buffer from pixels in memory laid out as `layout`, row by row.
    ///
    /// Row `y` starts at byte `y * bytesPerRow` of `bytes` and holds `width` pixels of
    /// `layout.bytesPerPixel` bytes; bytes past them up to the next row (row padding) are
    /// skipped, and the last row needs only its pixel bytes, so `bytes` must hold at least
    /// `bytesPerRow * (height - 1) + width * layout.bytesPerPixel` bytes. Extra bytes after
    /// that are ignored.
    ///
    /// The result has the format ``PixelLayout/outputFormat`` (channels reordered to R, G, B, A;
    /// the unused sample of `.rgbx`/`.bgrx` dropped), or with a compositing `alpha` on a
    /// layout with alpha, that format without its alpha (`.gray8` or `.rgb8`; see
    /// ``AlphaHandling`` for the exact blend). 16-bit samples `v` become
    /// `(v * 255 + 32767) / 65535` before anything else, and may sit at any address.
    ///
    /// Checks, in this order: the size (as in ``init(width:height:format:samples:limits:)``,
    /// with `layout.bytesPerPixel` as the channel count, so that
    /// `width * height * bytesPerPixel` is known to fit in `Int`), then `bytesPerRow`, then the
    /// length of `bytes`. Nothing is allocated before all checks pass.
    ///
    /// ```swift
    /// // A 640x480 BGRA frame whose rows are padded to 2,560 + 64 bytes.
    /// let image = try PixelBuffer(width: 640, height: 480, layout: .bgra8,
    ///                             bytesPerRow: 2_624, bytes: frame)
    /// image.format   // .rgba8
    /// ```
    ///
    /// - Parameters:
    ///   - width: Columns, at least 1.
    ///   - height: Rows, at least 1.
    ///   - layout: Channel order and sample encoding of each pixel.
    ///   - bytesPerRow: The distance in bytes between the starts of two rows; `nil` (the
    ///     default) means rows are tightly packed (`width * layout.bytesPerPixel`).
    ///   - bytes: The pixel memory; read only during the call (memory from elsewhere:
    ///     `pointer.bytes` of an `UnsafeRawBufferPointer`, `data.bytes` of a Foundation `Data`).
    ///   - alpha: Keep alpha (the default) or composite it over a background.
    ///   - limits: Caps on the size.
    /// - Throws: ``PixelBufferError/invalidDimensions(width:height:)``,
    ///   ``PixelBufferError/limitExceeded(_:value:limit:)``,
    ///   ``PixelBufferError/sizeOverflow(width:height:channels:)`` (with `channels` =
    ///   `layout.bytesPerPixel`), ``PixelBufferError/bytesPerRowTooSmall(bytesPerRow:minimum:)``,
    ///   ``PixelBufferError/rowStrideOverflow(bytesPerRow:height:)`` and
    ///   ``PixelBufferError/bufferTooShort(expected:available:)``.
    /// - Complexity: O(`bytesPerRow * height`) for the 8-bit layouts gray, grayAlpha, rgb and
    ///   rgba with alpha kept (one memory copy when tightly packed, one per row otherwise);
    ///   O(`width * height`) with a short per-row loop for the others. One output allocation,
    ///   plus a scratch row of at most `8 * width` bytes for 16-bit samples or compositing.
    public init(
        width: Int, height: Int, layout: PixelLayout, bytesPerRow: Int? = nil,
        bytes: RawSpan, alpha: AlphaHandling = .keep,
        limits: ImageLimits = .default
    ) throws(PixelBufferError) {
        self = try bytes.withUnsafeBytes { (raw) throws(PixelBufferError) -> PixelBuffer in
            try PixelBuffer(
                width: width, height: height, layout: layout, bytesPerRow: bytesPerRow,
                unsafeBytes: raw, alpha: alpha, limits: limits)
        }
    }

    /// ``init(width:height:layout:bytesPerRow:bytes:alpha:limits:)-(_,_,_,_,RawSpan,_,_)`` on
    /// memory the caller keeps valid during the call.
    init(
        width: Int, height: Int, layout: PixelLayout, bytesPerRow: Int?,
        unsafeBytes bytes: UnsafeRawBufferPointer, alpha: AlphaHandling, limits: ImageLimits
    ) throws(PixelBufferError) {
        let bytesPerPixel = layout.bytesPerPixel
        _ = try PixelBuffer.checkedSampleCount(
            width: width, height: height, channels: bytesPerPixel, limits: limits)
        let rowBytes = width &* bytesPerPixel  // <= width * height * bytesPerPixel, which fits
        let stride = bytesPerRow ?? rowBytes
        guard stride >= rowBytes else {
            throw .bytesPerRowTooSmall(bytesPerRow: stride, minimum: rowBytes)
        }
        let (span, o1) = stride.multipliedReportingOverflow(by: height &- 1)
        let (needed, o2) = span.addingReportingOverflow(rowBytes)
        guard !o1, !o2 else { throw .rowStrideOverflow(bytesPerRow: stride, height: height) }
        guard bytes.count >= needed, let base = bytes.baseAddress else {
            throw .bufferTooShort(expected: needed, available: bytes.count)
        }

        var blend: RawPixelConverter.Blend? = nil
        if layout.channels.hasAlpha {
            switch alpha {
            case .keep: break
            case .compositeStraight(let background):
                blend = .init(background: background, premultiplied: false)
            case .compositePremultiplied(let background):
                blend = .init(background: background, premultiplied: true)
            }
        }
        let keptFormat = layout.outputFormat
        let format: Format = blend == nil ? keptFormat : (keptFormat == .rgba8 ? .rgb8 : .gray8)
        let count = width &* height &* format.channelCount
        let converter = RawPixelConverter(
            width: width, height: height, layout: layout, bytesPerRow: stride, blend: blend)
        let samples = [UInt8](unsafeUninitializedCapacity: count) { out, initialized in
            converter.convert(from: base, into: out.baseAddress!)
            initialized = count
        }
        self.init(uncheckedWidth: width, height: height, format: format, samples: samples)
    }

    /// Creates a buffer from pixels in an array laid out as `layout`, row by row.
    ///
    /// The same as the `RawSpan` form of
    /// ``init(width:height:layout:bytesPerRow:bytes:alpha:limits:)-(_,_,_,_,RawSpan,_,_)``
    /// applied to the array's bytes.
    ///
    /// ```swift
    /// let image = try PixelBuffer(width: 2, height: 1, layout: .bgr8, bytes: [3, 2, 1, 6, 5, 4])
    /// image.samples   // [1, 2, 3, 4, 5, 6]
    /// ```
    public init(
        width: Int, height: Int, layout: PixelLayout, bytesPerRow: Int? = nil,
        bytes: [UInt8], alpha: AlphaHandling = .keep,
        limits: ImageLimits = .default
    ) throws(PixelBufferError) {
        try self.init(
            width: width, height: height, layout: layout, bytesPerRow: bytesPerRow,
            bytes: bytes.span.bytes, alpha: alpha, limits: limits)
    }
}

/// The row loops behind ``PixelBuffer/init(width:height:layout:bytesPerRow:bytes:alpha:limits:)``.
/// Sizes are validated by the caller. Caller memory is read with raw byte loads (it may be
/// bound to any type); scratch rows are `UInt8`.
struct RawPixelConverter {
    /// A compositing request.
    struct Blend {
        var background: BackgroundColor
        var premultiplied: Bool
    }

    let width: Int
    let height: Int
    let layout: PixelLayout
    let bytesPerRow: Int
    let blend: Blend?

    /// Writes all output samples to `dst`.
    func convert(from src: UnsafeRawPointer, into dst: UnsafeMutablePointer<UInt8>) {
        let channels = layout.channels
        let keptChannels = channels.outputFormat.channelCount
        let rowBytes = width &* layout.bytesPerPixel

        // 8-bit samples already in the output order: a copy.
        if layout.sample == .uint8, blend == nil,
            channels == .gray || channels == .grayAlpha || channels == .rgb || channels == .rgba
        {
            if bytesPerRow == rowBytes {
                UnsafeMutableRawPointer(dst).copyMemory(from: src, byteCount: rowBytes &* height)
            } else {
                for y in 0..<height {
                    UnsafeMutableRawPointer(dst + y &* rowBytes)
                        .copyMemory(from: src + y &* bytesPerRow, byteCount: rowBytes)
                }
            }
            return
        }

        let inSamples = width &* channels.channelCount
        let narrowCount = layout.sample == .uint8 ? 0 : inSamples
        let blendCount = blend == nil ? 0 : width &* keptChannels
        let outRowSamples = blend == nil ? width &* keptChannels : width &* (keptChannels &- 1)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, narrowCount &+ blendCount)) {
            scratch in
            let narrowed = scratch.baseAddress!
            let unblended = narrowed + narrowCount
            for y in 0..<height {
                var row = src + y &* bytesPerRow
                switch layout.sample {
                case .uint8: break
                case .uint16BigEndian:
                    Self.narrow(row, into: narrowed, count: inSamples, bigEndian: true)
                    row = UnsafeRawPointer(narrowed)
                case .uint16LittleEndian:
                    Self.narrow(row, into: narrowed, count: inSamples, bigEndian: false)
                    row = UnsafeRawPointer(narrowed)
                }
                let out = dst + y &* outRowSamples
                if let blend {
                    Self.reorder(row, into: unblended, channels: channels, width: width)
                    if keptChannels == 4 {
                        Self.compositeRGBA(unblended, into: out, width: width, blend: blend)
                    } else {
                        Self.compositeGrayAlpha(unblended, into: out, width: width, blend: blend)
                    }
                } else {
                    Self.reorder(row, into: out, channels: channels, width: width)
                }
            }
        }
    }

    /// `count` 16-bit samples to 8 bits: `(v * 255 + 32767) / 65535`, read byte by byte.
    static func narrow(
        _ src: UnsafeRawPointer, into dst: UnsafeMutablePointer<UInt8>, count: Int, bigEndian: Bool
    ) {
        let hiOffset = bigEndian ? 0 : 1
        let loOffset = 1 &- hiOffset
        for i in 0..<count {
            let hi = src.load(fromByteOffset: 2 &* i &+ hiOffset, as: UInt8.self)
            let lo = src.load(fromByteOffset: 2 &* i &+ loOffset, as: UInt8.self)
            let v = UInt32(hi) << 8 | UInt32(lo)
            dst[i] = UInt8(truncatingIfNeeded: (v &* 255 &+ 32767) / 65535)
        }
    }

    /// One row of 8-bit pixels in `channels` order to the kept output order.
    static func reorder(
        _ src: UnsafeRawPointer, into dst: UnsafeMutablePointer<UInt8>,
        channels: PixelLayout.Channels, width: Int
    ) {
        @inline(__always) func s(_ offset: Int) -> UInt8 { src.load(fromByteOffset: offset, as: UInt8.self) }
        let rawDst = UnsafeMutableRawPointer(dst)
        switch channels {
        case .gray, .grayAlpha, .rgb, .rgba:
            rawDst.copyMemory(from: src, byteCount: width &* channels.channelCount)
        case .bgr:
            for i in 0..<width {
                let k = 3 &* i
                dst[k] = s(k &+ 2)
                dst[k &+ 1] = s(k &+ 1)
                dst[k &+ 2] = s(k)
            }
        case .rgbx:
            for i in 0..<width {
                dst[3 &* i] = s(4 &* i)
                dst[3 &* i &+ 1] = s(4 &* i &+ 1)
                dst[3 &* i &+ 2] = s(4 &* i &+ 2)
            }
        case .bgrx:
            for i in 0..<width {
                dst[3 &* i] = s(4 &* i &+ 2)
                dst[3 &* i &+ 1] = s(4 &* i &+ 1)
                dst[3 &* i &+ 2] = s(4 &* i)
            }
        // Four-byte pixels as little-endian words: byte k of the pixel is bits 8k..<8k+8.
        case .bgra:  // b | g << 8 | r << 16 | a << 24  ->  r | g << 8 | b << 16 | a << 24
            for i in 0..<width {
                let v = UInt32(littleEndian: src.loadUnaligned(fromByteOffset: 4 &* i, as: UInt32.self))
                let w = (v & 0xFF00_FF00) | (v >> 16 & 0xFF) | (v & 0xFF) << 16
                rawDst.storeBytes(of: w.littleEndian, toByteOffset: 4 &* i, as: UInt32.self)
            }
        case .argb:  // a | r << 8 | g << 16 | b << 24  ->  rotate right by 8
            for i in 0..<width {
                let v = UInt32(littleEndian: src.loadUnaligned(fromByteOffset: 4 &* i, as: UInt32.self))
                let w = v >> 8 | v << 24
                rawDst.storeBytes(of: w.littleEndian, toByteOffset: 4 &* i, as: UInt32.self)
            }
        case .abgr:  // a | b << 8 | g << 16 | r << 24  ->  byte swap
            for i in 0..<width {
                let v = UInt32(littleEndian: src.loadUnaligned(fromByteOffset: 4 &* i, as: UInt32.self))
                rawDst.storeBytes(of: v.byteSwapped.littleEndian, toByteOffset: 4 &* i, as: UInt32.self)
            }
        }
    }

    /// RGBA to RGB over `blend.background` (formulas in ``AlphaHandling``).
    ///
    /// Computed in `UInt16` so that the loop vectorises: `c * a + bg * (255 - a) + 127` is at
    /// most 65,152 and `c + (bg * (255 - a) + 127) / 255` at most 510.
    static func compositeRGBA(
        _ src: UnsafeMutablePointer<UInt8>, into dst: UnsafeMutablePointer<UInt8>, width: Int,
        blend: Blend
    ) {
        let bg = blend.background
        let br = UInt16(bg.red), bgG = UInt16(bg.green), bb = UInt16(bg.blue)
        if blend.premultiplied {
            for i in 0..<width {
                let t = 255 &- UInt16(src[4 &* i &+ 3])
                dst[3 &* i] = addClamped(src[4 &* i], (br &* t &+ 127) / 255)
                dst[3 &* i &+ 1] = addClamped(src[4 &* i &+ 1], (bgG &* t &+ 127) / 255)
                dst[3 &* i &+ 2] = addClamped(src[4 &* i &+ 2], (bb &* t &+ 127) / 255)
            }
        } else {
            for i in 0..<width {
                let a = UInt16(src[4 &* i &+ 3]), t = 255 &- a
                dst[3 &* i] = blendStraight(src[4 &* i], a, br, t)
                dst[3 &* i &+ 1] = blendStraight(src[4 &* i &+ 1], a, bgG, t)
                dst[3 &* i &+ 2] = blendStraight(src[4 &* i &+ 2], a, bb, t)
            }
        }
    }

    /// Gray+alpha to gray over `blend.background.gray` (formulas in ``AlphaHandling``).
    static func compositeGrayAlpha(
        _ src: UnsafeMutablePointer<UInt8>, into dst: UnsafeMutablePointer<UInt8>, width: Int,
        blend: Blend
    ) {
        let bg = UInt16(blend.background.gray)
        if blend.premultiplied {
            for i in 0..<width {
                let t = 255 &- UInt16(src[2 &* i &+ 1])
                dst[i] = addClamped(src[2 &* i], (bg &* t &+ 127) / 255)
            }
        } else {
            for i in 0..<width {
                let a = UInt16(src[2 &* i &+ 1])
                dst[i] = blendStraight(src[2 &* i], a, bg, 255 &- a)
            }
        }
    }

    /// `(c * a + bg * t + 127) / 255` with `a + t == 255`.
    @inline(__always)
    static func blendStraight(_ c: UInt8, _ a: UInt16, _ bg: UInt16, _ t: UInt16) -> UInt8 {
        UInt8(truncatingIfNeeded: (UInt16(c) &* a &+ bg &* t &+ 127) / 255)
    }

    @inline(__always)
    static func addClamped(_ c: UInt8, _ d: UInt16) -> UInt8 {
        UInt8(truncatingIfNeeded: min(255, UInt16(c) &+ d))
    }
}
