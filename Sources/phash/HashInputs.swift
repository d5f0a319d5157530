import Foundation
import PerceptualHash

/// One hashed input.
struct HashedImage: Sendable {
    var path: FilePath
    var fingerprint: Fingerprint
    /// PDQ's quality score, 0...100, when the hasher is ``PDQHash``; nil for the others.
    var quality: Int? = nil
}

/// The fingerprint of `image` and, for ``PDQHash``, its quality (from the same pass).
func fingerprintAndQuality(_ hasher: any ImageHasher, _ image: PixelBuffer) -> (Fingerprint, Int?) {
    if let pdq = hasher as? PDQHash {
        let (fingerprint, quality) = pdq.hashWithQuality(of: image)
        return (fingerprint, quality)
    }
    return (hasher.fingerprint(of: image), nil)
}

/// Hashes every image of `inputs` on all cores (a task group that keeps at most
/// `activeProcessorCount` images in flight, so memory stays bounded) and hands the results to
/// `deliver` in input order, each as soon as it and all before it are done. Problems are
/// reported on stderr in input order: failures as `phash: PATH: REASON` (they make the
/// result true), skips as `phash: PATH: skipped: REASON` (they do not). With `minimumQuality`
/// (pdq only), an image whose quality is below it is not delivered but reported as
/// `phash: PATH: skipped: quality Q below --min-quality M`; it counts as hashed for the
/// "no image was hashed" check, so such skips never make the result true. Then, when folder
/// walks met files without a Netpbm, PNG or JPEG extension, one line says how many were skipped; and when
/// no image at all was hashed without any other failure, a line says so and the result is
/// true (an empty result is an error). Stops early once standard output failed.
/// Returns whether anything failed.
func hashInputs(
    _ inputs: InputList,
    hasher: any ImageHasher,
    format: InputFormat,
    minimumQuality: Int? = nil,
    deliver: (Int, HashedImage) -> Void
) async -> Bool {
    var failed = false
    var hashedCount = 0
    var lowQualityCount = 0
    let entries = inputs.entries
    var progress = Progress(total: inputs.imageCount)
    let width = max(1, ProcessInfo.processInfo.activeProcessorCount)
    // A low-quality image is a failure result marked `skipped` whose `lowQuality` is set.
    await withTaskGroup(of: (Int, Result<HashedImage, InputError>).self) { group in
        var next = 0
        var pending: [Int: Result<HashedImage, InputError>] = [:]
        var emitted = 0
        var images = 0
        func submit() {
            let index = next
            next += 1
            let entry = entries[index]
            group.addTask {
                switch entry {
                case .problem(let error): return (index, .failure(error))
                case .image(let source):
                    switch format.load(source) {
                    case .failure(let error): return (index, .failure(error))
                    case .success(let image):
                        let (fingerprint, quality) = fingerprintAndQuality(hasher, image)
                        if let minimumQuality, let quality, quality < minimumQuality {
                            var skip = InputError(
                                path: source.displayPath,
                                reason: "quality \(quality) below --min-quality \(minimumQuality)", skipped: true)
                            skip.lowQuality = true
                            return (index, .failure(skip))
                        }
                        let hashed = HashedImage(path: source.displayPath, fingerprint: fingerprint, quality: quality)
                        return (index, .success(hashed))
                    }
                }
            }
        }
        while next < min(width, entries.count) { submit() }
        while let (index, result) = await group.next() {
            pending[index] = result
            while let ready = pending.removeValue(forKey: emitted) {
                progress.finish()
                switch ready {
                case .success(let hashed):
                    deliver(hashedCount, hashed)
                    hashedCount += 1
                    images += 1
                case .failure(let error):
                    if error.skipped {
                        printError("phash: \(error.path.escaped): skipped: \(error.reason)")
                        if error.lowQuality { lowQualityCount += 1 }
                    } else {
                        printError("phash: \(error.path.escaped): \(error.reason)")
                        failed = true
                    }
                    if case .image = entries[emitted] { images += 1 }
                }
                emitted += 1
            }
            progress.update(done: images)
            if OutputFailure.happened {
                group.cancelAll()
                return
            }
            if next < entries.count { submit() }
        }
    }
    progress.finish()
    if inputs.skippedNotNetpbm > 0 {
        let n = inputs.skippedNotNetpbm
        printError(
            "phash: skipped \(grouped(n)) file\(n == 1 ? "" : "s") that \(n == 1 ? "is" : "are") not Netpbm, PNG or JPEG "
                + "(only .pbm .pgm .ppm .pnm .pam .png .jpg .jpeg are read from folders); convert others to PPM first, "
                + "see 'phash hash --help'")
    }
    if hashedCount == 0 && lowQualityCount == 0 && !failed && !OutputFailure.happened {
        printError("phash: no image was hashed")
        failed = true
    }
    return failed
}
