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
    /// The number of bits of every fingerprint this hasher makes.
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

/// The steps every hasher shares before its own arithmetic: one gray conversion, one resize.
///
/// Each setting defaults to what ImageHash 4.3.2 does on Pillow 13: Pillow's `convert("L")`
/// (``GrayscaleConversion/rec601``), then `resize(..., LANCZOS)` with Pillow 13's pass order.
public struct HashPreprocessing: Sendable, Hashable {
    /// How colour pixels become gray. Gray input is used as it is; alpha is ignored.
    public var conversion: GrayscaleConversion
    /// The filter that shrinks (or enlarges) the gray image to the hash grid.
    public var filter: ResamplingFilter
    /// Which resize pass Pillow runs first; `.horizontalFirst` reproduces databases built
    /// with Pillow 12 or older.
    public var passOrder: ResamplingPassOrder

    /// Creates preprocessing settings; the defaults are ImageHash 4.3.2 with Pillow 13.
    public init(
        conversion: GrayscaleConversion = .rec601,
        filter: ResamplingFilter = .lanczos,
        passOrder: ResamplingPassOrder = .pillow13
    ) {
        self.conversion = conversion
        self.filter = filter
        self.passOrder = passOrder
    }

    /// ImageHash 4.3.2 on Pillow 13: rec601 gray, LANCZOS, Pillow 13 pass order.
    public static let imageHash = HashPreprocessing()

    /// The image as `width x height` gray samples, row-major: `image.grayscale(conversion)`
    /// resized by `filter` in `passOrder`, byte for byte. Colour input takes the fused path
    /// (``FusedGrayResize``), which converts only the rows the resize reads, one at a time,
    /// instead of storing the full-size gray image.
    @usableFromInline
    internal func reducedGray(_ image: PixelBuffer, width: Int, height: Int) -> [UInt8] {
        if let fused = FusedGrayResize.reduce(
            image, conversion: conversion, toWidth: width, toHeight: height, filter: filter,
            passOrder: passOrder)
        {
            return fused
        }
        return twoStepReducedGray(image, width: width, height: height)
    }

    /// `image.grayscale(conversion).resized(width:height:filter:passOrder:)`'s samples: the
    /// reference the fused path is tested against.
    internal func twoStepReducedGray(_ image: PixelBuffer, width: Int, height: Int) -> [UInt8] {
        image.grayscale(conversion)
            .resized(width: width, height: height, filter: filter, passOrder: passOrder)
            .samples
    }
}
