/// The 8-bit two-pass resize behind ``PixelBuffer/resized(width:height:filter:passOrder:)``,
/// on raw interleaved samples.
enum Resize8 {
    /// Resamples `width x height` pixels of `channels` interleaved samples to
    /// `toWidth x toHeight` by `filter` (not `.nearest`), Pillow's two-pass fixed-point resize.
    static func resample(
        _ samples: [UInt8], width: Int, height: Int, channels: Int,
        toWidth: Int, toHeight: Int, filter: ResamplingFilter, passOrder: ResamplingPassOrder
    ) -> [UInt8] {
        let needH = toWidth != width
        let needV = toHeight != height
        if !needH && !needV { return samples }
        let outCount = toWidth * toHeight * channels
        let srcRow = width * channels
        return samples.withUnsafeBufferPointer { src -> [UInt8] in
            if !needV {
                let plan = ResamplingPlanCache.plan(filter: filter, inputCount: width, outputCount: toWidth)
                let axis = plan.axis, kw = plan.narrow
                return [UInt8](unsafeUninitializedCapacity: outCount) { dst, n in
                    ResamplingPass8.horizontal(
                        src: src, srcRowSamples: srcRow, rowStart: 0, rowCount: height,
                        columnOffset: 0, channels: channels, axis: axis, weights: kw, dst: dst)
                    n = outCount
                }
            }
            let vPlan = ResamplingPlanCache.plan(filter: filter, inputCount: height, outputCount: toHeight)
            let vAxis = vPlan.axis, vk = vPlan.fixed
            if !needH {
                return [UInt8](unsafeUninitializedCapacity: outCount) { dst, n in
                    ResamplingPass8.vertical(
                        src: src, srcRowSamples: srcRow, rowOffset: 0, sampleStart: 0,
                        sampleCount: srcRow, axis: vAxis, weights: vk,
                        dst: dst, dstRowSamples: srcRow)
                    n = outCount
                }
            }
            let hPlan = ResamplingPlanCache.plan(filter: filter, inputCount: width, outputCount: toWidth)
            let hAxis = hPlan.axis, hw = hPlan.narrow
            if passOrder.verticalFirst(inWidth: width, inHeight: height, width: toWidth, height: toHeight) {
                // Vertical pass over the columns the horizontal pass reads.
                let cols = hAxis.usedInputRange
                let tmpRow = cols.count * channels
                let tmp = [UInt8](unsafeUninitializedCapacity: tmpRow * toHeight) { dst, n in
                    ResamplingPass8.vertical(
                        src: src, srcRowSamples: srcRow, rowOffset: 0,
                        sampleStart: cols.lowerBound * channels, sampleCount: tmpRow,
                        axis: vAxis, weights: vk, dst: dst, dstRowSamples: tmpRow)
                    n = tmpRow * toHeight
                }
                return tmp.withUnsafeBufferPointer { t in
                    [UInt8](unsafeUninitializedCapacity: outCount) { dst, n in
                        ResamplingPass8.horizontal(
                            src: t, srcRowSamples: tmpRow, rowStart: 0, rowCount: toHeight,
                            columnOffset: cols.lowerBound, channels: channels, axis: hAxis,
                            weights: hw, dst: dst)
                        n = outCount
                    }
                }
            } else {
                // Horizontal pass over the rows the vertical pass reads.
                let rows = vAxis.usedInputRange
                let tmpRow = toWidth * channels
                let tmp = [UInt8](unsafeUninitializedCapacity: tmpRow * rows.count) { dst, n in
                    ResamplingPass8.horizontal(
                        src: src, srcRowSamples: srcRow, rowStart: rows.lowerBound,
                        rowCount: rows.count, columnOffset: 0, channels: channels,
                        axis: hAxis, weights: hw, dst: dst)
                    n = tmpRow * rows.count
                }
                return tmp.withUnsafeBufferPointer { t in
                    [UInt8](unsafeUninitializedCapacity: outCount) { dst, n in
                        ResamplingPass8.vertical(
                            src: t, srcRowSamples: tmpRow, rowOffset: rows.lowerBound,
                            sampleStart: 0, sampleCount: tmpRow, axis: vAxis, weights: vk,
                            dst: dst, dstRowSamples: tmpRow)
                        n = outCount
                    }
                }
            }
        }
    }

    /// Nearest-neighbour resize: output `(x, y)` copies input `(ix[x], iy[y])` with the indices of
    /// ``nearestIndices(inputCount:outputCount:)``.
    static func nearest(
        _ samples: [UInt8], width: Int, height: Int, channels: Int, toWidth: Int, toHeight: Int
    ) -> [UInt8] {
        let ix = nearestIndices(inputCount: width, outputCount: toWidth)
        let iy = nearestIndices(inputCount: height, outputCount: toHeight)
        let outCount = toWidth * toHeight * channels
        return [UInt8](unsafeUninitializedCapacity: outCount) { dst, n in
            samples.withUnsafeBufferPointer { src in
                var o = 0
                for y in 0..<toHeight {
                    let row = iy[y] * width * channels
                    for x in 0..<toWidth {
                        let s = row + ix[x] * channels
                        for c in 0..<channels { dst[o + c] = src[s + c] }
                        o += channels
                    }
                }
            }
            n = outCount
        }
    }

    /// Pillow's premultiplication (`RGBA -> RGBa`, `LA -> La`): each colour sample `c` of a pixel
    /// with alpha `a` becomes `(t + (t >> 8)) >> 8` with `t = c * a + 128` (`c * a / 255`
    /// rounded); alpha (the last channel) is kept.
    static func premultiplied(_ samples: [UInt8], channels: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: samples.count) { dst, n in
            samples.withUnsafeBufferPointer { src in
                var p = 0
                while p < src.count {
                    let a = UInt32(src[p + channels - 1])
                    for c in 0..<(channels - 1) {
                        let t = UInt32(src[p + c]) * a + 128
                        dst[p + c] = UInt8(truncatingIfNeeded: (t + (t >> 8)) >> 8)
                    }
                    dst[p + channels - 1] = src[p + channels - 1]
                    p += channels
                }
            }
            n = samples.count
        }
    }

    /// Pillow's un-premultiplication (`RGBa -> RGBA`, `La -> LA`), in place: where
    /// `0 < alpha < 255` each colour sample becomes `min(255, 255 * c / alpha)` (truncating);
    /// pixels with alpha 0 or 255 are unchanged.
    static func unpremultiply(_ samples: inout [UInt8], channels: Int) {
        samples.withUnsafeMutableBufferPointer { buf in
            var p = 0
            while p < buf.count {
                let a = UInt32(buf[p + channels - 1])
                if a != 0 && a != 255 {
                    for c in 0..<(channels - 1) {
                        buf[p + c] = UInt8(truncatingIfNeeded: min(255, 255 * UInt32(buf[p + c]) / a))
                    }
                }
                p += channels
            }
        }
    }
}
