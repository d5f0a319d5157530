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
