/// Robust matching over any ``ImageHasher``: fingerprints an image under the views of a
/// ``RobustConfiguration`` so that mirrored, cropped, rotated and bordered copies still match.
///
/// Steps, for a reference (``referenceFingerprint(of:)``) or a query (``queryFingerprint(of:)``):
/// 1. the content box of the image by ``RobustConfiguration/trim`` (``BorderTrim``);
/// 2. the box's Rec. 601 luma, area-averaged to at most ``RobustConfiguration/workingSide``
///    pixels on its longer side;
/// 3. per distinct view geometry (cuts and rotation), a bilinear
///    ``RobustConfiguration/thumbnailSide`` square thumbnail of that plane;
/// 4. per view, the hasher's fingerprint of the thumbnail seen through the view's symmetry.
///    For ``PDQHash`` with a 64-pixel thumbnail the thumbnail is PDQ's 64x64 plane itself,
///    kept in `Float`, and the symmetries come from one DCT by transposing and negating
///    coefficients, as ``PDQHash/dihedralHashes(of:)`` does. For a square ``DCTHash`` whose
///    thumbnail side is `size * highFrequencyFactor`, the thumbnail, rounded to a `gray8`
///    buffer, is transformed once and the symmetries come from its coefficients (odd
///    frequencies negated, the block transposed), which gives the same bits as hashing the
///    transformed thumbnail; other hashers hash the transformed thumbnail, rounded to a
///    `gray8` buffer.
///
/// The plain hasher is never changed: `hasher.fingerprint(of:)` gives the same bits as before.
/// A robust fingerprint is not comparable with a plain one (it is taken from the trimmed,
/// resampled thumbnail), only with robust fingerprints of the same hasher and configuration.
///
/// ```swift
/// let robust = RobustHasher(PDQHash())
/// let reference = robust.referenceFingerprint(of: original)   // 66 fingerprints
/// let query = robust.queryFingerprint(of: editedCopy)          // 6 fingerprints
/// let same = query.matches(reference, within: RobustHasher<PDQHash>.recommendedPDQThreshold)
/// ```
public struct RobustHasher<Hasher: ImageHasher>: Sendable {
    /// The hasher applied to every view.
    public let hasher: Hasher
    /// The views and the preparation.
    public let configuration: RobustConfiguration

    /// A robust hasher; the configuration defaults to ``RobustConfiguration/standard``.
    public init(_ hasher: Hasher, configuration: RobustConfiguration = .standard) {
        self.hasher = hasher
        self.configuration = configuration
    }

    /// The match threshold for robust PDQ with ``RobustConfiguration/standard``, query set
    /// against reference set: 85 of 256 bits, the largest distance that let at most 0.01% of
    /// 27,261 pairs of distinct photos through (89 did so for 0.1%); see
    /// Documentation/Robust.md. Calibrate on your own photos with `phash distances --robust`.
    public static var recommendedPDQThreshold: Int { 85 }

    /// The fingerprints of `image` under ``RobustConfiguration/referenceVariants``.
    public func referenceFingerprint(of image: PixelBuffer) -> RobustFingerprint {
        fingerprint(of: image, variants: configuration.referenceVariants)
    }

    /// The fingerprints of `image` under ``RobustConfiguration/queryVariants``.
    public func queryFingerprint(of image: PixelBuffer) -> RobustFingerprint {
        fingerprint(of: image, variants: configuration.queryVariants)
    }

    /// The fingerprints of `image` under `variants`, in their order (see the type's steps).
    ///
    /// - Precondition: `variants` is not empty.
    public func fingerprint(of image: PixelBuffer, variants: [RobustVariant]) -> RobustFingerprint {
        precondition(!variants.isEmpty, "no variants to hash")
        let box =
            configuration.trim?.contentBox(of: image)
            ?? BorderTrim.ContentBox(left: 0, top: 0, right: image.width, bottom: image.height)
        let plane = RobustPlane(image, box: box, workingSide: configuration.workingSide)
        let side = configuration.thumbnailSide
        var results = [Fingerprint?](repeating: nil, count: variants.count)
        // The views of one geometry, in order of first appearance, share one thumbnail.
        var groups: [[Int]] = [], groupOf: [RobustVariant: Int] = [:]
        for (i, variant) in variants.enumerated() {
            let geometry = variant.geometry
            if let g = groupOf[geometry] {
                groups[g].append(i)
            } else {
                groupOf[geometry] = groups.count
                groups.append([i])
            }
        }
        for group in groups {
            let thumbnail = plane.thumbnail(variants[group[0]].geometry, side: side)
            let hashes = fingerprints(of: thumbnail, side: side, symmetries: group.map { variants[$0].symmetry })
            for (k, index) in group.enumerated() { results[index] = hashes[k] }
        }
        return RobustFingerprint(checkedEntries: zip(variants, results).map { Entry(variant: $0, fingerprint: $1!) })
    }

    private typealias Entry = RobustFingerprint.Entry

    /// The fingerprints of one thumbnail under `symmetries`.
    private func fingerprints(of thumbnail: [Float], side: Int, symmetries: [DihedralTransform]) -> [Fingerprint] {
        if side == 64, hasher is PDQHash {
            let block = PDQTransform.forward(thumbnail)
            return symmetries.map { Self.pdqBits(of: PDQHash.transform(block, $0.pdq)) }
        }
        let bytes = thumbnail.map { UInt8(min(255, max(0, $0.rounded()))) }
        if let dct = hasher as? DCTHash, dct.width == dct.height, dct.width * dct.highFrequencyFactor == side {
            // The thumbnail is the hash's own square plane: one DCT, symmetries from coefficients.
            let buffer = PixelBuffer(uncheckedWidth: side, height: side, format: .gray8, samples: bytes)
            return dct.fingerprints(of: buffer, symmetries: symmetries)
        }
        return symmetries.map { symmetry in
            let buffer = PixelBuffer(
                uncheckedWidth: side, height: side, format: .gray8,
                samples: symmetry.applied(to: bytes, side: side))
            return hasher.fingerprint(of: buffer)
        }
    }

    /// ``PDQHash/bits(of:)`` with the median found by selection instead of bisection: bit
    /// `255 - k` set where coefficient `k` exceeds the 128th smallest of the 256 coefficients,
    /// the value ``PDQHash/torbenMedian(_:)`` returns, so the bits are the same.
    static func pdqBits(of block: [Float]) -> Fingerprint {
        var scratch = block
        let median = scratch.withUnsafeMutableBufferPointer { Selection.kthSmallest($0, 127) }
        var words = SIMD4<UInt64>(repeating: 0)
        for k in 0..<256 where block[k] > median {
            let bit = 255 - k
            words[bit >> 6] |= 1 << UInt64(63 - bit & 63)
        }
        var fingerprint = Fingerprint(bitCount: 256)
        for w in 0..<4 { fingerprint.setWord(w, to: words[w]) }
        return fingerprint
    }
}
