import PerceptualHash

// The fuzz entry points. This file is compiled twice: into the `FuzzEntries` module of the
// `Fuzz/` package (called by the libFuzzer harnesses, built with ASan) and, through the
// symlink Tests/PerceptualHashTests/Fuzz/FuzzEntries.swift, into the test target, where
// FuzzCorpusReplayTests replays every corpus and FailCases file through the same functions.
// It uses the public API only.

/// What one fuzz input did: whether the library accepted or rejected it (with a typed
/// error, which the signatures guarantee), and any broken invariant.
public struct FuzzOutcome: Sendable {
    /// Calls that returned a value.
    public var accepted = 0
    /// Calls that threw the library's typed error.
    public var rejected = 0
    /// Invariants that did not hold; empty for a correct library.
    public var violations: [String] = []

    public init() {}

    /// Records `message` as a violation unless `condition` holds.
    mutating func check(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { violations.append(message()) }
    }

    /// Traps (a libFuzzer "deadly signal" finding) when an invariant failed.
    public func trapOnViolation() {
        if !violations.isEmpty {
            preconditionFailure("fuzz invariant violated: \(violations.joined(separator: "; "))")
        }
    }
}

/// The functions each fuzz target calls with its input bytes.
public enum FuzzEntries {
    /// Small limits, so that fuzzing stays fast and the limit checks themselves are reached:
    /// 1 Mi pixels (libjpeg-turbo's fuzz limit), 4,096 per side, 4 KiB of header, 8 images.
    public static let limits = ImageLimits(
        maxWidth: 4096, maxHeight: 4096, maxPixelCount: 1 << 20, maxHeaderBytes: 4096,
        maxPAMDepth: 16, maxTupleTypeBytes: 255, maxImageCount: 8)

    /// The checks every decoded buffer must pass under ``limits``.
    static func checkImage(_ image: PixelBuffer, _ o: inout FuzzOutcome, _ context: String) {
        o.check(image.width >= 1 && image.width <= limits.maxWidth, "\(context): width \(image.width)")
        o.check(image.height >= 1 && image.height <= limits.maxHeight, "\(context): height \(image.height)")
        o.check(image.width * image.height <= limits.maxPixelCount, "\(context): \(image.width)x\(image.height) pixels")
        o.check(
            image.samples.count == image.width * image.height * image.format.channelCount,
            "\(context): \(image.samples.count) samples for \(image.width)x\(image.height) \(image.format)")
    }

    // MARK: Netpbm

    /// `PixelBuffer(netpbm:limits:)` and `decodeAll(netpbm:limits:)` on the bytes.
    ///
    /// Invariants: a decoded image respects the limits and has `width * height * channels`
    /// samples; `decodeAll` fails exactly when the first image fails (with the same error) or
    /// later, and its first image equals the single decode; `decodeAll` returns at most
    /// `maxImageCount` images; a decoded image re-encoded with `netpbmEncoded()` decodes to
    /// itself.
    public static func netpbm(_ bytes: UnsafeRawBufferPointer) -> FuzzOutcome {
        var o = FuzzOutcome()
        var first: Result<PixelBuffer, NetpbmError>
        do throws(NetpbmError) {
            let image = try PixelBuffer(netpbm: bytes.bytes, limits: limits)
            o.accepted += 1
            checkImage(image, &o, "first image")
            let encoded = image.netpbmEncoded()
            do throws(NetpbmError) {
                let again = try PixelBuffer(netpbm: encoded, limits: limits)
                o.check(again == image, "re-encoded image decodes differently")
            } catch {
                o.violations.append("re-encoded image fails to decode: \(error)")
            }
            first = .success(image)
        } catch {
            o.rejected += 1
            first = .failure(error)
        }
        do throws(NetpbmError) {
            let images = try PixelBuffer.decodeAll(netpbm: bytes.bytes, limits: limits)
            o.accepted += 1
            o.check(!images.isEmpty && images.count <= limits.maxImageCount, "decodeAll gave \(images.count) images")
            for (i, image) in images.enumerated() { checkImage(image, &o, "image \(i)") }
            switch first {
            case .success(let image): o.check(images.first == image, "decodeAll's first image differs")
            case .failure(let error): o.violations.append("decodeAll succeeded where the single decode threw \(error)")
            }
        } catch {
            o.rejected += 1
            if case .failure(let firstError) = first {
                o.check(error == firstError, "decodeAll threw \(error), the single decode \(firstError)")
            }
        }
        return o
    }

    // MARK: Raw pixel memory

    /// `PixelBuffer(width:height:layout:bytesPerRow:bytes:alpha:limits:)` with the arguments
    /// taken from the first 10 bytes and the memory from the rest.
    ///
    /// Header: bytes 0-1 and 2-3 are the width and height as little-endian `Int16` (so 0,
    /// negative and past-the-limit sides occur); byte 4 picks the channel order, byte 5 bits
    /// 0-1 the sample encoding and bit 2 an odd start address for the memory; byte 6 is the row
    /// padding (0 means `bytesPerRow: nil`, otherwise `rowBytes + Int8(bitPattern:)`, so
    /// too-small strides occur); byte 7 picks keep / straight / premultiplied alpha and byte
    /// 8 the background gray. Byte 9 is reserved.
    ///
    /// Invariants: the result respects the limits; its format is the layout's output format
    /// (without alpha when compositing); a tightly packed 8-bit gray, gray + alpha, RGB or
    /// RGBA layout with alpha kept copies the memory exactly; an explicit stride equal to
    /// the packed row gives the same result as `nil`.
    public static func rawPixels(_ bytes: UnsafeRawBufferPointer) -> FuzzOutcome {
        var o = FuzzOutcome()
        guard bytes.count >= 10 else { return o }
        let width = Int(Int16(bitPattern: UInt16(bytes[0]) | UInt16(bytes[1]) << 8))
        let height = Int(Int16(bitPattern: UInt16(bytes[2]) | UInt16(bytes[3]) << 8))
        let allChannels = PixelLayout.Channels.allCases
        let channels = allChannels[Int(bytes[4]) % allChannels.count]
        let allSamples = PixelLayout.SampleEncoding.allCases
        let layout = PixelLayout(channels: channels, sample: allSamples[Int(bytes[5] & 3) % allSamples.count])
        let memoryStart = 10 + Int((bytes[5] >> 2) & 1)
        let rowBytes = width &* layout.bytesPerPixel
        let bytesPerRow: Int? = bytes[6] == 0 ? nil : rowBytes &+ Int(Int8(bitPattern: bytes[6]))
        let background = BackgroundColor(gray: bytes[8])
        let alpha: AlphaHandling
        switch bytes[7] % 3 {
        case 0: alpha = .keep
        case 1: alpha = .compositeStraight(over: background)
        default: alpha = .compositePremultiplied(over: background)
        }
        let memory =
            memoryStart <= bytes.count
            ? UnsafeRawBufferPointer(rebasing: bytes[memoryStart...]) : UnsafeRawBufferPointer(start: nil, count: 0)
        do throws(PixelBufferError) {
            let image = try PixelBuffer(
                width: width, height: height, layout: layout, bytesPerRow: bytesPerRow,
                bytes: memory.bytes, alpha: alpha, limits: limits)
            o.accepted += 1
            checkImage(image, &o, "raw \(width)x\(height) \(layout)")
            let composite = channels.hasAlpha && alpha != .keep
            let expectedFormat: PixelBuffer.Format =
                composite ? (layout.outputFormat == .rgba8 ? .rgb8 : .gray8) : layout.outputFormat
            o.check(image.format == expectedFormat, "format \(image.format), expected \(expectedFormat)")
            let copies: Set<PixelLayout.Channels> = [.gray, .grayAlpha, .rgb, .rgba]
            if layout.sample == .uint8, copies.contains(channels), !composite,
                bytesPerRow == nil || bytesPerRow == rowBytes
            {
                let count = width * height * layout.bytesPerPixel
                o.check(
                    image.samples.elementsEqual(memory.prefix(count)),
                    "packed \(layout) with alpha kept is not a plain copy")
            }
            if bytesPerRow == nil {
                do throws(PixelBufferError) {
                    let strided = try PixelBuffer(
                        width: width, height: height, layout: layout, bytesPerRow: rowBytes,
                        bytes: memory.bytes, alpha: alpha, limits: limits)
                    o.check(strided == image, "bytesPerRow \(rowBytes) differs from nil")
                } catch {
                    o.violations.append("bytesPerRow \(rowBytes) threw \(error) where nil succeeded")
                }
            }
        } catch {
            o.rejected += 1
        }
        return o
    }

    // MARK: Fingerprint hex

    /// `Fingerprint(hex:)`, `Fingerprint(_:)` and `Fingerprint(hex:bitCount:)`.
    ///
    /// The bytes as UTF-8 text (invalid sequences become U+FFFD) are parsed whole; the bit
    /// count for `init(hex:bitCount:)` is bytes 0-1 as a little-endian `Int16` and the text
    /// is the rest.
    ///
    /// Invariants: a parsed fingerprint has the asked bit count (`4 * digits` without
    /// one); its `description` is the input lowercased; `init?(_:)` succeeds exactly when
    /// `init(hex:)` does, with the same value; parsing `description` again gives the same
    /// fingerprint.
    public static func fingerprintHex(_ bytes: UnsafeRawBufferPointer) -> FuzzOutcome {
        var o = FuzzOutcome()
        let text = String(decoding: bytes, as: UTF8.self)
        let optional = Fingerprint(text)
        do throws(FingerprintError) {
            let f = try Fingerprint(hex: text)
            o.accepted += 1
            o.check(
                f.bitCount == 4 * text.unicodeScalars.count,
                "bitCount \(f.bitCount) for \(text.unicodeScalars.count) digits")
            o.check(f.description == text.lowercased(), "description \(f.description) for \(text)")
            o.check(optional == f, "init?(_:) gave \(String(describing: optional)), init(hex:) \(f)")
        } catch {
            o.rejected += 1
            o.check(optional == nil, "init?(_:) parsed \(text) where init(hex:) threw \(error)")
        }
        guard bytes.count >= 2 else { return o }
        let bitCount = Int(Int16(bitPattern: UInt16(bytes[0]) | UInt16(bytes[1]) << 8))
        let rest = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[2...]), as: UTF8.self)
        do throws(FingerprintError) {
            let f = try Fingerprint(hex: rest, bitCount: bitCount)
            o.accepted += 1
            o.check(f.bitCount == bitCount, "bitCount \(f.bitCount), asked \(bitCount)")
            // Fewer than ceil(bitCount / 4) digits are the same number with leading zeros left out.
            let padding = String(repeating: "0", count: max(0, (bitCount + 3) / 4 - rest.unicodeScalars.count))
            o.check(f.description == padding + rest.lowercased(), "description \(f.description) for \(rest)")
            do throws(FingerprintError) {
                let again = try Fingerprint(hex: f.description, bitCount: bitCount)
                o.check(again == f, "round trip of \(f) changed it")
            } catch {
                o.violations.append("description \(f.description) does not parse: \(error)")
            }
        } catch {
            o.rejected += 1
        }
        return o
    }

    // MARK: Decode, then every hash

    /// Every hasher the fuzzer runs: average, DCT, difference (both directions) and row-DCT
    /// hashes at sizes 2, 8 and 16, with their default settings.
    public static let hashers: [any ImageHasher] = [2, 8, 16].flatMap { size -> [any ImageHasher] in
        [
            AverageHash(size: size), DCTHash(size: size),
            DifferenceHash(size: size, direction: .horizontal), DifferenceHash(size: size, direction: .vertical),
            RowDCTHash(size: size),
        ]
    }

    /// Decodes the bytes as Netpbm under ``limits`` and hashes the image with every hasher
    /// in ``hashers``, so the resampling, DCT and thresholding code sees adversarial sizes
    /// (1xN, Nx1, 1x1) and pixels.
    ///
    /// Invariants: every fingerprint has the hasher's `bitCount`; distances to itself are 0.
    public static func hashes(_ bytes: UnsafeRawBufferPointer) -> FuzzOutcome {
        var o = FuzzOutcome()
        let image: PixelBuffer
        do throws(NetpbmError) {
            image = try PixelBuffer(netpbm: bytes.bytes, limits: limits)
        } catch {
            o.rejected += 1
            return o
        }
        o.accepted += 1
        for hasher in hashers {
            let f = hasher.fingerprint(of: image)
            o.check(
                f.bitCount == hasher.bitCount,
                "\(hasher) gave \(f.bitCount) bits for \(image.width)x\(image.height) \(image.format), expected \(hasher.bitCount)"
            )
            o.check(f.distance(to: f) == 0, "\(hasher): distance to itself is not 0")
        }
        return o
    }
}
