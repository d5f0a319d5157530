extension PixelBuffer {
    /// A copy of the image resampled to `width x height` by `filter`, equal byte for byte to
    /// Pillow 13's `Image.resize((width, height), filter)` (or, with
    /// `passOrder: .horizontalFirst`, to Pillow 12.1 and earlier).
    ///
    /// Semantics, as Pillow's:
    ///
    /// - Same size: the image is returned unchanged.
    /// - ``ResamplingFilter/nearest``: output pixel `(x, y)` copies input pixel
    ///   `(ix[x], iy[y])` (see ``ResamplingFilter/nearest``); alpha is copied like any channel.
    /// - Every other filter: two separable one-dimensional passes (horizontal and vertical) with
    ///   per-axis weights (see ``ResamplingFilter``) in 22-bit fixed point: each output sample is
    ///   `clamp((2^21 + sum(sample * Int32(weight * 2^22, rounded half away from 0))) >> 22, 0, 255)`.
    ///   A pass whose size does not change is skipped. The first pass writes an 8-bit
    ///   intermediate image covering only the rows (or columns) the second pass reads. Which pass
    ///   runs first is `passOrder` (``ResamplingPassOrder``).
    /// - `.grayAlpha8` and `.rgba8` (not with `.nearest`): the colour samples are premultiplied
    ///   first, `c' = (t + (t >> 8)) >> 8` with `t = c * alpha + 128`; all channels, alpha
    ///   included, are resampled; then colour is un-premultiplied, `c = min(255, 255 * c' / alpha)`
    ///   (truncating) where `0 < alpha < 255`, unchanged where alpha is 0 or 255.
    ///
    /// ```swift
    /// let thumb = image.grayscale().resized(width: 8, height: 8)   // ImageHash's average_hash input
    /// ```
    ///
    /// - Precondition: `width >= 1` and `height >= 1`.
    /// - Complexity: O(outputs x kernel taps) per pass; the weights are computed once per axis
    ///   per call. One intermediate buffer and the output are allocated.
    public func resized(
        width: Int, height: Int, filter: ResamplingFilter = .lanczos,
        passOrder: ResamplingPassOrder = .pillow13
    ) -> PixelBuffer {
        precondition(
            width >= 1 && height >= 1,
            "resized(width:height:) needs sizes >= 1, got \(width)x\(height)")
        if width == self.width && height == self.height { return self }
        let channels = format.channelCount
        let out: [UInt8]
        if filter == .nearest {
            out = Resize8.nearest(
                samples, width: self.width, height: self.height, channels: channels,
                toWidth: width, toHeight: height)
        } else if format.hasAlpha {
            let pre = Resize8.premultiplied(samples, channels: channels)
            var res = Resize8.resample(
                pre, width: self.width, height: self.height, channels: channels,
                toWidth: width, toHeight: height, filter: filter, passOrder: passOrder)
            Resize8.unpremultiply(&res, channels: channels)
            out = res
        } else {
            out = Resize8.resample(
                samples, width: self.width, height: self.height, channels: channels,
                toWidth: width, toHeight: height, filter: filter, passOrder: passOrder)
        }
        return PixelBuffer(uncheckedWidth: width, height: height, format: format, samples: out)
    }
}
