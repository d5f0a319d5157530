import PerceptualHash
import PerceptualHashDecoders

// Compiled into the Fuzz package's FuzzEntries module and, through the symlink
// Tests/PerceptualHashTests/Fuzz/FuzzEntries+PNG.swift, into the test target.

extension FuzzEntries {
    /// `PixelBuffer(png:options:limits:)` on the bytes, CRCs unchecked first (random
    /// mutations break CRCs, which would stop the fuzzer at the chunk walk), then checked.
    ///
    /// Invariants: a decoded image respects the limits and has `width * height * channels`
    /// samples, in a format that follows from the colour type alone; the checked decode
    /// succeeds only where the unchecked one does, with the same buffer, and fails where the
    /// unchecked one fails (the same error, or a CRC mismatch found first); decoding with
    /// 16-bit gray scaled gives the same size and format; decoding with palette alpha kept
    /// gives the same buffer, or an `.rgba8` one whose colour samples are the `.rgb8` buffer's.
    public static func png(_ bytes: UnsafeRawBufferPointer) -> FuzzOutcome {
        var o = FuzzOutcome()
        let unchecked: Result<PixelBuffer, PNGError>
        do throws(PNGError) {
            let image = try PixelBuffer(png: bytes.bytes, options: PNGDecodingOptions(checksCRC: false), limits: limits)
            o.accepted += 1
            checkImage(image, &o, "png")
            unchecked = .success(image)
        } catch {
            o.rejected += 1
            unchecked = .failure(error)
        }
        do throws(PNGError) {
            let image = try PixelBuffer(png: bytes.bytes, limits: limits)
            o.accepted += 1
            switch unchecked {
            case .success(let u): o.check(u == image, "checked and unchecked decodes differ")
            case .failure(let e): o.violations.append("checked decode succeeded where unchecked threw \(e)")
            }
        } catch {
            o.rejected += 1
            let isCRC: Bool
            if case .crcMismatch = error { isCRC = true } else { isCRC = false }
            switch unchecked {
            case .success: o.check(isCRC, "checked decode threw \(error) where unchecked succeeded")
            case .failure(let e): o.check(isCRC || e == error, "checked threw \(error), unchecked \(e)")
            }
        }
        if case .success(let image) = unchecked {
            do throws(PNGError) {
                let scaled = try PixelBuffer(
                    png: bytes.bytes, options: PNGDecodingOptions(checksCRC: false, gray16: .scaled), limits: limits)
                o.check(
                    scaled.width == image.width && scaled.height == image.height && scaled.format == image.format,
                    "gray16 .scaled gave \(scaled.width)x\(scaled.height) \(scaled.format)")
            } catch {
                o.violations.append("gray16 .scaled threw \(error)")
            }
            do throws(PNGError) {
                let alpha = try PixelBuffer(
                    png: bytes.bytes, options: PNGDecodingOptions(checksCRC: false, keepsPaletteAlpha: true),
                    limits: limits)
                if alpha.format == .rgba8, image.format == .rgb8 {
                    var colours: [UInt8] = []
                    colours.reserveCapacity(image.samples.count)
                    for i in 0..<alpha.pixelCount { colours += alpha.samples[4 * i..<4 * i + 3] }
                    o.check(colours == image.samples, "palette alpha changed the colours")
                } else {
                    o.check(alpha == image, "keepsPaletteAlpha changed an image without palette alpha")
                }
            } catch {
                o.violations.append("keepsPaletteAlpha threw \(error)")
            }
        }
        return o
    }
}
