import PerceptualHash
import PerceptualHashDecoders

/// The corpus photos converted to PNG in several settings by `Scripts/references/png.py corpus`
/// (reference file in `PNG_REFERENCE`), checked by ``decodedFileCheck(name:variable:decode:)``.
func pngCheck(_ context: ConformanceContext) -> CheckResult {
    decodedFileCheck(name: "PNG decoding (Pillow 13.0.0 pixels, ImageHash 4.3.2 hashes)", variable: "PNG_REFERENCE") {
        bytes in
        do throws(PNGError) { return .success(try PixelBuffer(png: bytes)) } catch {
            return .failure(DecodeFailure(description: "\(error)"))
        }
    }
}
