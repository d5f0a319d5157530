import PerceptualHash
import PerceptualHashDecoders

/// The corpus photos converted to JPEG in several settings by `Scripts/references/jpeg.py
/// corpus` (reference file in `JPEG_REFERENCE`), checked by
/// ``decodedFileCheck(name:variable:decode:)``.
func jpegCheck(_ context: ConformanceContext) -> CheckResult {
    decodedFileCheck(
        name: "JPEG decoding (Pillow 13.0.0 / libjpeg-turbo pixels, ImageHash 4.3.2 hashes)", variable: "JPEG_REFERENCE"
    ) { bytes in
        do throws(JPEGError) { return .success(try PixelBuffer(jpeg: bytes)) } catch {
            return .failure(DecodeFailure(description: "\(error)"))
        }
    }
}
