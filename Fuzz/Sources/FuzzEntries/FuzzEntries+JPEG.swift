import PerceptualHash
import PerceptualHashDecoders

// Compiled into the Fuzz package's FuzzEntries module and, through the symlink
// Tests/PerceptualHashTests/Fuzz/FuzzEntries+JPEG.swift, into the test target.

extension FuzzEntries {
    /// `PixelBuffer(jpeg:options:limits:)` on the bytes, stored orientation, then upright.
    ///
    /// Invariants: a decoded image respects the limits, has `width * height * channels`
    /// samples and is `.gray8` or `.rgb8`; the upright decode succeeds exactly where the
    /// stored one does, and equals ``EXIFOrientation/apply(to:)`` of it for the orientation
    /// `PixelBuffer.jpegOrientation` reads (the same buffer when there is none).
    public static func jpeg(_ bytes: UnsafeRawBufferPointer) -> FuzzOutcome {
        var o = FuzzOutcome()
        let stored: Result<PixelBuffer, JPEGError>
        do throws(JPEGError) {
            let image = try PixelBuffer(jpeg: bytes.bytes, limits: limits)
            o.accepted += 1
            checkImage(image, &o, "jpeg")
            o.check(image.format == .gray8 || image.format == .rgb8, "jpeg: format \(image.format)")
            stored = .success(image)
        } catch {
            o.rejected += 1
            stored = .failure(error)
        }
        do throws(JPEGError) {
            let upright = try PixelBuffer(
                jpeg: bytes.bytes, options: JPEGDecodingOptions(appliesEXIFOrientation: true), limits: limits)
            o.accepted += 1
            switch stored {
            case .success(let image):
                let orientation = PixelBuffer.jpegOrientation(Array(bytes)) ?? .up
                o.check(upright == orientation.apply(to: image), "upright decode differs from apply(to:)")
            case .failure(let e): o.violations.append("upright decode succeeded where the stored one threw \(e)")
            }
        } catch {
            o.rejected += 1
            if case .failure(let e) = stored {
                o.check(e == error, "upright threw \(error), stored \(e)")
            } else {
                o.violations.append("upright decode threw \(error) where the stored one succeeded")
            }
        }
        return o
    }
}
