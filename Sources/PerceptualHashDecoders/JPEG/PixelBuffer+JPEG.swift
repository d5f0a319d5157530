import PerceptualHash

extension PixelBuffer {
    /// Decodes a JPEG file held in memory into the pixels Pillow 13 gives for it.
    ///
    /// Baseline, extended sequential (8-bit) and progressive Huffman-coded JPEGs with one
    /// component (`.gray8`, Pillow's mode `L`) or three (`.rgb8`: YCbCr converted, or RGB when
    /// an Adobe segment with transform 0 or the component ids `R`, `G`, `B` say so, as
    /// libjpeg decides), any integer chroma subsampling (4:4:4, 4:2:2, 4:2:0, 4:4:0, 4:1:1, ...)
    /// and restart intervals. The pixels are libjpeg-turbo 3's with its default settings, as
    /// Pillow uses it: the accurate integer IDCT, fancy upsampling and its YCbCr tables.
    /// So `grayscale()` of the result equals Pillow's `convert("L")`, the image ImageHash
    /// hashes.
    ///
    /// Refused with ``JPEGError/unsupported(_:offset:)``: arithmetic coding, 12-bit samples,
    /// lossless and hierarchical files, 4-component (CMYK, YCCK) files, DNL markers.
    /// Where libjpeg only warns and Pillow still gives an image, this decoder throws: a bit
    /// sequence that is no Huffman code, a restart marker out of sequence, an AC scan of a progressive file before the
    /// component's first DC scan. A file without its EOI marker is truncated, as for Pillow.
    ///
    /// The EXIF orientation is not applied unless `options` asks
    /// (``JPEGDecodingOptions/appliesEXIFOrientation``); ``jpegOrientation(_:)`` reads it.
    ///
    /// Safety: the frame's width, height and pixel count are checked against `limits` before
    /// anything is allocated; a component's memory is allocated at its first scan, and only
    /// if the bytes left in the file could code its blocks (at least one bit each), so memory
    /// stays within the output, one 8-bit plane per component and, for progressive files,
    /// 2 bytes per coefficient (128 per 8 x 8 block).
    ///
    /// ```swift
    /// let photo = try PixelBuffer(jpeg: jpegBytes)
    /// let hash = DCTHash().fingerprint(of: photo)   // ImageHash's phash of Image.open(f)
    /// ```
    ///
    /// - Complexity: O(file bytes + pixels).
    /// - Throws: ``JPEGError``, with byte offsets into `bytes`.
    public init(
        jpeg bytes: [UInt8], options: JPEGDecodingOptions = .default, limits: ImageLimits = .default
    ) throws(JPEGError) {
        self = try bytes.withUnsafeBufferPointer { (buffer) throws(JPEGError) -> PixelBuffer in
            try PixelBuffer(jpegUnsafe: UnsafeRawBufferPointer(buffer), options: options, limits: limits)
        }
    }

    /// Decodes a JPEG file in memory; the same as ``init(jpeg:options:limits:)-(Array<UInt8>,_,_)``
    /// without copying the input first (memory from elsewhere: `pointer.bytes` of an
    /// `UnsafeRawBufferPointer`, `data.bytes` of a Foundation `Data`). The memory is only read,
    /// and only during the call.
    public init(
        jpeg bytes: RawSpan, options: JPEGDecodingOptions = .default, limits: ImageLimits = .default
    ) throws(JPEGError) {
        self = try bytes.withUnsafeBytes { (raw) throws(JPEGError) -> PixelBuffer in
            try PixelBuffer(jpegUnsafe: raw, options: options, limits: limits)
        }
    }

    /// Decodes a JPEG file in memory the caller keeps valid.
    init(
        jpegUnsafe bytes: UnsafeRawBufferPointer, options: JPEGDecodingOptions, limits: ImageLimits
    ) throws(JPEGError) {
        guard bytes.count >= 2 else { throw .invalidSignature(offset: 0) }
        let (image, orientation) = try JPEGDecoder.decode(bytes, limits: limits)
        if options.appliesEXIFOrientation, let orientation {
            self = orientation.apply(to: image)
        } else {
            self = image
        }
    }

    /// Whether `bytes` starts with the JPEG SOI marker followed by another marker (`FF D8 FF`).
    public static func isJPEG(_ bytes: RawSpan) -> Bool {
        bytes.withUnsafeBytes { isJPEG(unsafe: $0) }
    }

    /// ``isJPEG(_:)`` on memory the caller keeps valid.
    static func isJPEG(unsafe bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF
    }

    /// The EXIF orientation of a JPEG file: the `Orientation` tag of IFD0 in the first APP1
    /// `Exif` segment that has one before the first scan, or nil when there is none, it is
    /// malformed or outside 1...8. Only the marker segments are read, not the image data;
    /// stray bytes between segments are skipped as the decoder skips them.
    public static func jpegOrientation(_ bytes: [UInt8]) -> EXIFOrientation? {
        bytes.withUnsafeBytes { b -> EXIFOrientation? in
            // The decoder's own start check (SOI), not isJPEG's: stray bytes may follow SOI.
            guard b.count >= 2, b[0] == 0xFF, b[1] == 0xD8 else { return nil }
            let n = b.count
            var pos = 2
            while true {
                while pos < n && b[pos] != 0xFF { pos += 1 }
                while pos + 1 < n && b[pos + 1] == 0xFF { pos += 1 }
                if pos + 1 < n && b[pos + 1] == 0 {
                    pos += 2
                    continue
                }
                guard pos + 1 < n else { return nil }
                let marker = b[pos + 1]
                if marker == 0xDA || marker == 0xD9 || marker == 0xD8 { return nil }
                if (0xD0...0xD7).contains(marker) || marker == 0x01 {
                    pos += 2
                    continue
                }
                guard pos + 4 <= n else { return nil }
                let length = Int(b[pos + 2]) << 8 | Int(b[pos + 3])
                guard length >= 2, pos + 2 + length <= n else { return nil }
                if marker == 0xE1,
                    let o = EXIFOrientation.parse(UnsafeRawBufferPointer(rebasing: b[(pos + 4)..<(pos + 2 + length)]))
                {
                    return o
                }
                pos += 2 + length
            }
        }
    }
}
