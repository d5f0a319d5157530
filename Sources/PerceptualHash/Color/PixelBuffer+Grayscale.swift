extension PixelBuffer {
    /// A `.gray8` copy of the image by `conversion`.
    ///
    /// A `.gray8` image is returned unchanged, whatever the conversion. `.grayAlpha8` drops
    /// its alpha channel. `.rgb8` and `.rgba8` apply ``GrayscaleConversion/gray(red:green:blue:)``
    /// to every pixel; alpha is ignored (not composited), as in Pillow's `convert("L")`.
    /// To composite over a background first, do it when the buffer is made from raw memory
    /// (``AlphaHandling``).
    ///
    /// The loop is specialised per conversion and per pixel stride (3 or 4 bytes), so no
    /// decision is taken per pixel, and written in 16-bit lanes so that it vectorises (see
    /// ``GrayscaleConversion`` for the exact formulas, which the 16-bit forms reproduce for
    /// every input).
    ///
    /// ```swift
    /// let rgb = try PixelBuffer(width: 2, height: 1, format: .rgb8, samples: [255, 0, 0, 0, 0, 255])
    /// rgb.grayscale().samples          // [76, 29]   (Pillow's convert("L"))
    /// rgb.grayscale(.average).samples  // [85, 85]
    /// ```
    ///
    /// - Complexity: O(`pixelCount`), one output allocation.
    public func grayscale(_ conversion: GrayscaleConversion = .rec601) -> PixelBuffer {
        let count = pixelCount
        switch format {
        case .gray8:
            return self
        case .grayAlpha8:
            let out = [UInt8](unsafeUninitializedCapacity: count) { out, initialized in
                samples.withUnsafeBufferPointer { src in
                    GrayscaleKernels.everyOther(src.baseAddress!, into: out.baseAddress!, count: count)
                }
                initialized = count
            }
            return PixelBuffer(uncheckedWidth: width, height: height, format: .gray8, samples: out)
        case .rgb8, .rgba8:
            let stride = format.channelCount
            let out = [UInt8](unsafeUninitializedCapacity: count) { out, initialized in
                samples.withUnsafeBufferPointer { src in
                    GrayscaleKernels.convert(
                        conversion, src.baseAddress!, stride: stride, into: out.baseAddress!,
                        count: count)
                }
                initialized = count
            }
            return PixelBuffer(uncheckedWidth: width, height: height, format: .gray8, samples: out)
        }
    }

    /// The unrounded ``GrayscaleConversion/float`` gray of every pixel, row-major, as `Float`.
    ///
    /// For `.rgb8` and `.rgba8`, pixel `i` is `Float(30 R + 59 G + 11 B) / 100`: the integer sum
    /// is exact, so the single division makes each value the `Float` nearest to the exact
    /// `0.3 R + 0.59 G + 0.11 B` (round to nearest, ties to even), in `0...255`. Alpha is
    /// ignored. For `.gray8` and `.grayAlpha8` pixel `i` is `Float(gray)` (the weights sum to
    /// 1), alpha dropped. Rounding these values half up gives ``grayscale(_:)`` with `.float`.
    ///
    /// ```swift
    /// let rgb = try PixelBuffer(width: 1, height: 1, format: .rgb8, samples: [1, 2, 3])
    /// rgb.grayscalePlane()   // [1.81]  (the Float nearest to 181 / 100)
    /// ```
    ///
    /// - Complexity: O(`pixelCount`), one output allocation.
    public func grayscalePlane() -> [Float] {
        let count = pixelCount
        return [Float](unsafeUninitializedCapacity: count) { out, initialized in
            samples.withUnsafeBufferPointer { src in
                let s = src.baseAddress!, d = out.baseAddress!
                switch format {
                case .gray8: GrayscaleKernels.widenGray(s, stride: 1, into: d, count: count)
                case .grayAlpha8: GrayscaleKernels.widenGray(s, stride: 2, into: d, count: count)
                case .rgb8: GrayscaleKernels.floatWeights(s, stride: 3, into: d, count: count)
                case .rgba8: GrayscaleKernels.floatWeights(s, stride: 4, into: d, count: count)
                }
            }
            initialized = count
        }
    }

    /// The unrounded ``GrayscaleConversion/float`` gray of every pixel, row-major, as `Double`.
    ///
    /// As ``grayscalePlane()``, computed as `Double(30 R + 59 G + 11 B) / 100`: the `Double`
    /// nearest to the exact `0.3 R + 0.59 G + 0.11 B`. Gray input gives `Double(gray)`.
    ///
    /// - Complexity: O(`pixelCount`), one output allocation.
    public func grayscalePlaneDouble() -> [Double] {
        let count = pixelCount
        return [Double](unsafeUninitializedCapacity: count) { out, initialized in
            samples.withUnsafeBufferPointer { src in
                let s = src.baseAddress!, d = out.baseAddress!
                switch format {
                case .gray8: GrayscaleKernels.widenGray(s, stride: 1, into: d, count: count)
                case .grayAlpha8: GrayscaleKernels.widenGray(s, stride: 2, into: d, count: count)
                case .rgb8: GrayscaleKernels.floatWeights(s, stride: 3, into: d, count: count)
                case .rgba8: GrayscaleKernels.floatWeights(s, stride: 4, into: d, count: count)
                }
            }
            initialized = count
        }
    }
}
