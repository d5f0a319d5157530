extension PixelBuffer {
    /// A `.gray8` copy of the image by `conversion`.
    ///
    /// A `.gray8` image is returned unchanged, whatever the conversion. `.grayAlpha8` drops
    /// its alpha channel. `.rgb8` and `.rgba8` apply ``GrayscaleConversion/gray(red:green:blue:)``
    /// to every pixel; alpha is ignored (not composited), as in Pillow's `convert("L")`.
    /// To composite over a background first, do it when the buffer is made from raw memory.
    ///
    /// - Complexity: O(`pixelCount`), one output allocation.
    public func grayscale(_ conversion: GrayscaleConversion = .rec601) -> PixelBuffer {
        switch format {
        case .gray8:
            return self
        case .grayAlpha8:
            let out = [UInt8](unsafeUninitializedCapacity: pixelCount) { out, count in
                samples.withUnsafeBufferPointer { src in
                    for i in 0..<pixelCount { out[i] = src[2 &* i] }
                }
                count = pixelCount
            }
            return PixelBuffer(uncheckedWidth: width, height: height, format: .gray8, samples: out)
        case .rgb8, .rgba8:
            let stride = format.channelCount
            let out = [UInt8](unsafeUninitializedCapacity: pixelCount) { out, count in
                samples.withUnsafeBufferPointer { src in
                    for i in 0..<pixelCount {
                        let s = i &* stride
                        out[i] = conversion.gray(red: src[s], green: src[s &+ 1], blue: src[s &+ 2])
                    }
                }
                count = pixelCount
            }
            return PixelBuffer(uncheckedWidth: width, height: height, format: .gray8, samples: out)
        }
    }
}
