/// An algorithm that turns an image into a ``Fingerprint``.
///
/// Every hasher in the library is a small `Sendable` value: configure it once, then call
/// ``fingerprint(of:)`` from any number of tasks at once. Hashing never throws, because a
/// ``PixelBuffer`` that exists is valid, and the same image always gives the same bits.
///
/// ```swift
/// let hasher = DCTHash()                       // ImageHash's phash, 64 bits
/// let a = hasher.fingerprint(of: imageA)
/// let b = hasher.fingerprint(of: imageB)
/// if a.distance(to: b) <= 10 { print("look alike") }
/// ```
public protocol ImageHasher: Sendable {
    /// The number of bits of every fingerprint this hasher makes. One exception:
    /// `WaveletHash` with the db4 wavelet and ImageHash's automatic scale gives images under
    /// `8 * size` pixels on the shorter side shorter fingerprints, as ImageHash does
    /// (``WaveletHash/bitCount(forWidth:height:)``).
    var bitCount: Int { get }

    /// The fingerprint of `image`, `bitCount` bits long.
    func fingerprint(of image: PixelBuffer) -> Fingerprint
}

extension ImageHasher {
    /// The Hamming distance between the fingerprints of two images.
    public func distance(between first: PixelBuffer, and second: PixelBuffer) -> Int {
        fingerprint(of: first).distance(to: fingerprint(of: second))
    }
}
