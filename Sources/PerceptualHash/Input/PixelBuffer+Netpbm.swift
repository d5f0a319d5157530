extension PixelBuffer {
    /// Decodes the first image of a Netpbm file held in memory: PBM (P1, P4), PGM (P2, P5),
    /// PPM (P3, P6) or PAM (P7).
    ///
    /// Output format: PBM and PAM `BLACKANDWHITE` give `.gray8` with black 0 and white 255
    /// (PBM bit 1 is black; PAM `BLACKANDWHITE` sample 1 is white); PGM and `GRAYSCALE` give
    /// `.gray8`; PPM and `RGB` give `.rgb8`; `GRAYSCALE_ALPHA` and `BLACKANDWHITE_ALPHA` give
    /// `.grayAlpha8`; `RGB_ALPHA` gives `.rgba8`. A PAM with a missing or unknown tuple
    /// type is read by its depth (1 gray, 2 gray + alpha, 3 RGB, 4 RGBA); planes past the
    /// ones the format needs are validated and ignored.
    ///
    /// Every sample `v` of maxval `m` becomes `(v * 255 + m / 2) / m` (integer division,
    /// so rounded half up; exact, computed in 64 bits). Maxval 255 is a plain copy. Samples
    /// take 2 bytes, big-endian, when maxval > 255. A sample above maxval is an error.
    ///
    /// The grammar follows the Netpbm specification with the choices pinned in
    /// `Documentation/Netpbm.md`: all six C white-space bytes separate tokens; a comment
    /// (`#` up to CR or LF) separates tokens too, even inside a number; the magic number
    /// must be followed by white space or a comment; the byte after the last header number
    /// of a raw image must be one white-space byte (or a comment, whose CR/LF is then that
    /// byte); PAM fields must appear exactly once and hold digits only. Bytes after the first
    /// image are ignored; use ``decodeAll(netpbm:limits:)-(Array<UInt8>,_)`` for every image.
    ///
    /// Safety: header numbers are read with saturation and checked against `limits`
    /// (width, height, pixel count, header bytes, PAM depth and tuple type length) before any
    /// multiplication; the raster size is then compared with the bytes present (exactly
    /// for raw formats, a lower bound for plain ones) before the output is allocated.
    ///
    /// ```swift
    /// let image = try PixelBuffer(netpbm: Array("P2 2 1 15 0 15\n".utf8))
    /// image.samples   // [0, 255]
    /// ```
    ///
    /// - Complexity: O(header bytes + raster bytes); one allocation of
    ///   `width * height * format.channelCount` bytes.
    /// - Throws: ``NetpbmError``, with byte offsets into `bytes`.
    public init(netpbm bytes: [UInt8], limits: ImageLimits = .default) throws(NetpbmError) {
        self = try bytes.withUnsafeBufferPointer { (buffer) throws(NetpbmError) -> PixelBuffer in
            try NetpbmDecoder.decodeImage(UnsafeRawBufferPointer(buffer), at: 0, limits: limits).image
        }
    }

    /// Decodes the first image of Netpbm bytes in memory; the same as
    /// ``init(netpbm:limits:)-(Array<UInt8>,_)`` without copying the input first (memory
    /// from elsewhere: `pointer.bytes` of an `UnsafeRawBufferPointer`, `data.bytes` of a
    /// Foundation `Data`). The memory is only read, and only during the call.
    public init(netpbm bytes: RawSpan, limits: ImageLimits = .default) throws(NetpbmError) {
        self = try bytes.withUnsafeBytes { (raw) throws(NetpbmError) -> PixelBuffer in
            try NetpbmDecoder.decodeImage(raw, at: 0, limits: limits).image
        }
    }

    /// Decodes every image of a multi-image Netpbm stream, in order.
    ///
    /// Raw images (P4, P5, P6, P7) follow each other with nothing between them; white space
    /// between images is skipped (as libnetpbm's `pm_nextimage` does). A plain image (P1,
    /// P2, P3) ends the stream, since plain files hold one image and may end in any junk.
    /// Anything else after an image is an error (for example
    /// ``NetpbmError/unrecognizedFormat(offset:)`` at its offset), unlike
    /// ``init(netpbm:limits:)-(Array<UInt8>,_)``, which ignores trailing bytes.
    ///
    /// ```swift
    /// let frames = try PixelBuffer.decodeAll(netpbm: Array("P5 1 1 255\nAP5 1 1 255\nB".utf8))
    /// frames.map(\.samples)   // [[65], [66]]
    /// ```
    ///
    /// - Throws: ``NetpbmError``; ``NetpbmError/limitExceeded(_:value:limit:)`` with
    ///   `.imageCount` when the stream holds more than `limits.maxImageCount` images.
    /// - Complexity: O(input bytes); the output holds every image.
    public static func decodeAll(
        netpbm bytes: [UInt8], limits: ImageLimits = .default
    ) throws(NetpbmError) -> [PixelBuffer] {
        try bytes.withUnsafeBufferPointer { (buffer) throws(NetpbmError) -> [PixelBuffer] in
            try decodeAll(unsafe: UnsafeRawBufferPointer(buffer), limits: limits)
        }
    }

    /// Decodes every image of a multi-image Netpbm stream in memory; the same as
    /// ``decodeAll(netpbm:limits:)-(Array<UInt8>,_)`` without copying the input first.
    public static func decodeAll(
        netpbm bytes: RawSpan, limits: ImageLimits = .default
    ) throws(NetpbmError) -> [PixelBuffer] {
        try bytes.withUnsafeBytes { (raw) throws(NetpbmError) -> [PixelBuffer] in
            try decodeAll(unsafe: raw, limits: limits)
        }
    }

    /// ``decodeAll(netpbm:limits:)-(RawSpan,_)`` on memory the caller keeps valid.
    static func decodeAll(
        unsafe bytes: UnsafeRawBufferPointer, limits: ImageLimits
    ) throws(NetpbmError) -> [PixelBuffer] {
        guard bytes.count > 0 else { throw .emptyInput }
        var images: [PixelBuffer] = []
        var offset = 0
        while true {
            guard images.count < limits.maxImageCount else {
                throw .limitExceeded(.imageCount, value: images.count + 1, limit: limits.maxImageCount)
            }
            let (image, end, isPlain) = try NetpbmDecoder.decodeImage(bytes, at: offset, limits: limits)
            images.append(image)
            if isPlain { return images }
            offset = end
            while offset < bytes.count, ASCII.isWhitespace(bytes[offset]) { offset += 1 }
            if offset == bytes.count { return images }
        }
    }

    /// Reads a Netpbm file and decodes its first image, as ``init(netpbm:limits:)-(Array<UInt8>,_)``.
    ///
    /// The file is read with `open`/`fstat`/`read` (no Foundation), header first: a regular
    /// file larger than `maxFileBytes` is refused from its size before anything is read;
    /// then the first bytes (`limits.maxHeaderBytes + 1`, at least 4 KiB, at most 1 MiB) are
    /// read and the header is parsed and checked against `limits`, so an image too large
    /// for the limits is refused after reading only that much. The rest is read into one
    /// buffer of exactly the file's size, released when decoding ends: peak memory is about
    /// the file size plus the decoded pixels. Other files (pipes, devices) are read in
    /// chunks and refused once they pass `maxFileBytes`. The default, 1 GiB, holds the
    /// largest raw image the default limits allow in any 8- or 16-bit format up to four
    /// planes (89,478,485 RGBA pixels at 16 bits = 716 MB).
    ///
    /// ```swift
    /// let image = try PixelBuffer(contentsOfFile: "photo.ppm")
    /// ```
    ///
    /// - Throws: ``NetpbmError/fileUnreadable(path:errno:)``,
    ///   ``NetpbmError/fileTooLarge(path:size:limit:)``, or any decoding error (the same error
    ///   as decoding the whole file with ``init(netpbm:limits:)-(Array<UInt8>,_)``).
    public init(
        contentsOfFile path: String, limits: ImageLimits = .default, maxFileBytes: Int = 1 << 30
    ) throws(NetpbmError) {
        let bytes = try NetpbmFile.read(path: path, limits: limits, maxFileBytes: maxFileBytes)
        try self.init(netpbm: bytes, limits: limits)
    }

    /// Reads a Netpbm file whose path is given as raw bytes and decodes its first image, as
    /// ``init(contentsOfFile:limits:maxFileBytes:)-(String,_,_)``.
    ///
    /// A Linux file name is a byte string that need not be UTF-8, which a `String` cannot
    /// hold; pass the bytes exactly as `readdir` or `argv` gave them (without a terminating
    /// NUL). The path in an error is those bytes decoded as UTF-8, invalid bytes shown as
    /// U+FFFD.
    ///
    /// ```swift
    /// let name: [UInt8] = Array("photo".utf8) + [0xE9] + Array(".ppm".utf8)   // Latin-1 "photo\u{e9}.ppm"
    /// let image = try? PixelBuffer(contentsOfFile: name)
    /// ```
    ///
    /// - Throws: the errors of ``init(contentsOfFile:limits:maxFileBytes:)-(String,_,_)``;
    ///   ``NetpbmError/fileUnreadable(path:errno:)`` with `EINVAL` for a path holding a NUL byte.
    public init(
        contentsOfFile pathBytes: [UInt8], limits: ImageLimits = .default, maxFileBytes: Int = 1 << 30
    ) throws(NetpbmError) {
        let bytes = try FileReading.readAll(
            pathBytes: pathBytes, maxBytes: maxFileBytes, prefixLength: NetpbmFile.prefixLength(limits)
        ) { (prefix, isWhole) throws(NetpbmError) -> Int? in
            try NetpbmFile.checkHeader(prefix, isWhole: isWhole, limits: limits)
        }
        try self.init(netpbm: bytes, limits: limits)
    }

    /// Reads a Netpbm file and decodes every image in it, as
    /// ``decodeAll(netpbm:limits:)-(Array<UInt8>,_)``; reading as in
    /// ``init(contentsOfFile:limits:maxFileBytes:)`` (the first image's header is checked
    /// before the rest of the file is read).
    public static func decodeAll(
        contentsOfFile path: String, limits: ImageLimits = .default, maxFileBytes: Int = 1 << 30
    ) throws(NetpbmError) -> [PixelBuffer] {
        try decodeAll(
            netpbm: try NetpbmFile.read(path: path, limits: limits, maxFileBytes: maxFileBytes), limits: limits)
    }
}

/// Reading a Netpbm file header first (see ``PixelBuffer/init(contentsOfFile:limits:maxFileBytes:)``).
enum NetpbmFile {
    /// How many bytes are read before the header check: `maxHeaderBytes + 1` (so that a
    /// header running past the limit is told from one cut short by the end of the file),
    /// at least 4 KiB, at most 1 MiB.
    static func prefixLength(_ limits: ImageLimits) -> Int {
        let wanted = limits.maxHeaderBytes >= 1 << 20 ? 1 << 20 : max(limits.maxHeaderBytes, 0) + 1
        return max(wanted, 4096)
    }

    /// The whole file, after its first image's header passed `limits`.
    static func read(path: String, limits: ImageLimits, maxFileBytes: Int) throws(NetpbmError) -> [UInt8] {
        try FileReading.readAll(path: path, maxBytes: maxFileBytes, prefixLength: prefixLength(limits)) {
            (prefix, isWhole) throws(NetpbmError) -> Int? in
            try checkHeader(prefix, isWhole: isWhole, limits: limits)
        }
    }

    /// Parses the header at the start of `prefix` with the decoder's own parser and throws
    /// what decoding the whole file would throw for it. Returns the file size a raw image
    /// needs (header plus raster), nil for a plain image or when the prefix cannot decide.
    ///
    /// The parser examines at most `maxHeaderBytes` bytes, all within the prefix, so an error
    /// is the same as on the whole file, except two that depend on where the bytes end:
    /// `truncatedHeader` (the header may go on past a prefix shorter than the limit) and an
    /// XV-thumbnail magic ending exactly at the prefix's end. Those wait for the whole file.
    static func checkHeader(
        _ prefix: UnsafeRawBufferPointer, isWhole: Bool, limits: ImageLimits
    ) throws(NetpbmError) -> Int? {
        let header: NetpbmHeader
        do throws(NetpbmError) {
            header = try NetpbmHeaderParser.parse(prefix, at: 0, limits: limits)
        } catch {
            switch error {
            case .truncatedHeader where !isWhole, .unsupportedFormat(.xvThumbnail, _) where !isWhole:
                return nil
            default:
                throw error
            }
        }
        switch header.kind {
        case .plainPBM, .plainPGM, .plainPPM:
            return nil
        case .rawPBM:
            let rowBytes = header.width / 8 + (header.width % 8 == 0 ? 0 : 1)
            return saturatingSum(header.rasterStart, NetpbmDecoder.saturatingProduct(rowBytes, header.height))
        case .rawPGM, .rawPPM, .pam:
            let samples = NetpbmDecoder.saturatingProduct(
                NetpbmDecoder.saturatingProduct(header.width, header.height), header.depth)
            return saturatingSum(header.rasterStart, NetpbmDecoder.saturatingProduct(samples, header.bytesPerSample))
        }
    }

    private static func saturatingSum(_ a: Int, _ b: Int) -> Int {
        let (s, o) = a.addingReportingOverflow(b)
        return o ? Int.max : s
    }
}
