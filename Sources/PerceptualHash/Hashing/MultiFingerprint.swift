/// Several fingerprints of one image, one per segment: the result of ``CropResistantHash``,
/// ImageHash's `ImageMultiHash`.
///
/// The text form (``description``) is the segments' hex forms joined by commas, ImageHash's
/// `str(multihash)`; ``init(hex:)`` reads it back like ImageHash's `hex_to_multihash`.
/// Matching (``hashDiff(_:hammingCutoff:bitErrorRate:)``, ``matches(_:regionCutoff:hammingCutoff:bitErrorRate:)``,
/// ``distance(to:hammingCutoff:bitErrorRate:)``) is in `MultiFingerprint+Matching.swift`.
///
/// `==` compares the segment lists exactly (same fingerprints, same order); ImageHash's `==`
/// means ``matches(_:regionCutoff:hammingCutoff:bitErrorRate:)`` instead.
///
/// ```swift
/// let m = try MultiFingerprint(hex: "d027473e388587f9,0000ffff0000ffff")
/// m.segments.count        // 2
/// print(m)                // d027473e388587f9,0000ffff0000ffff
/// ```
public struct MultiFingerprint: Sendable, Hashable, CustomStringConvertible, LosslessStringConvertible {
    /// The segment fingerprints, in hashing order; never empty, all of ``segmentBitCount`` bits.
    public let segments: [Fingerprint]

    /// A multi-fingerprint of `segments`.
    ///
    /// - Throws: ``FingerprintError/empty`` when `segments` is empty,
    ///   ``FingerprintError/bitCountMismatch(bitCount:otherBitCount:)`` when the segments do not
    ///   all have the first one's bit count.
    public init(segments: [Fingerprint]) throws(FingerprintError) {
        guard let first = segments.first else { throw .empty }
        for s in segments where s.bitCount != first.bitCount {
            throw .bitCountMismatch(bitCount: first.bitCount, otherBitCount: s.bitCount)
        }
        self.segments = segments
    }

    init(uncheckedSegments segments: [Fingerprint]) {
        self.segments = segments
    }

    /// The bit count of every segment (ImageHash's `len(segment_hashes[0])`).
    public var segmentBitCount: Int { segments[0].bitCount }

    /// The segments' hex forms (``Fingerprint/description``) joined by `","`, no spaces:
    /// ImageHash's `str(ImageMultiHash)`.
    public var description: String { segments.map(\.description).joined(separator: ",") }

    /// Parses the comma-separated form; `nil` where ``init(hex:)`` throws.
    public init?(_ description: String) {
        guard let value = try? MultiFingerprint(hex: description) else { return nil }
        self = value
    }

    /// Parses the comma-separated form: each part by ``Fingerprint/init(hex:)`` (`4 * digits`
    /// bits, which is what ImageHash's `hex_to_multihash` gives for square hashes such as the
    /// 64-bit dHash).
    ///
    /// - Throws: the errors of ``Fingerprint/init(hex:)`` for a part (an empty part, as in
    ///   `"ab,,cd"` or `""`, is ``FingerprintError/empty``), and
    ///   ``FingerprintError/bitCountMismatch(bitCount:otherBitCount:)`` for parts of different
    ///   lengths.
    public init(hex: String) throws(FingerprintError) {
        var parts: [Fingerprint] = []
        for part in hex.split(separator: ",", omittingEmptySubsequences: false) {
            parts.append(try Fingerprint(hex: String(part)))
        }
        try self.init(segments: parts)
    }
}
