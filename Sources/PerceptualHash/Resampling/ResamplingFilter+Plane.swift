extension ResamplingFilter {
    /// Resamples a single-channel `Float` plane (row-major, `width x height`, no padding) to
    /// `toWidth x toHeight` with this filter, without any 8-bit rounding.
    ///
    /// Same kernels, supports, weights and pass structure as
    /// ``PixelBuffer/resized(width:height:filter:passOrder:)``, with Pillow's arithmetic for
    /// 32-bit float images (mode `"F"`): the normalised `Double` weights (not fixed point), each
    /// output the sum `w[0] * x[first] + w[1] * x[first + 1] + ...` accumulated in `Double` in tap
    /// order, stored as `Float` after each pass; no clamping (values may leave the input range:
    /// the bicubic and Lanczos kernels have negative lobes). The intermediate plane of the first
    /// pass covers only the rows (or columns) the second pass reads; a pass whose size does not
    /// change is skipped; the same size returns `plane` unchanged. ``nearest`` copies samples as
    /// in the 8-bit path. The result equals Pillow's `Image.resize` on a mode `"F"` image except,
    /// rarely, in the last bit (this module's `sin` may differ from the C library's by one ulp).
    ///
    /// ```swift
    /// let small = ResamplingFilter.lanczos.resample(plane, width: 640, height: 480,
    ///                                               toWidth: 32, toHeight: 32)
    /// ```
    ///
    /// - Precondition: every size `>= 1` and `plane.count == width * height`.
    /// - Complexity: O(outputs x kernel taps) per pass; weights computed once per axis per call.
    public func resample(
        _ plane: [Float], width: Int, height: Int, toWidth: Int, toHeight: Int,
        passOrder: ResamplingPassOrder = .pillow13
    ) -> [Float] {
        precondition(
            width >= 1 && height >= 1 && toWidth >= 1 && toHeight >= 1,
            "resample needs sizes >= 1, got \(width)x\(height) -> \(toWidth)x\(toHeight)")
        precondition(
            plane.count == width * height,
            "plane has \(plane.count) samples, expected \(width) x \(height) = \(width * height)")
        if width == toWidth && height == toHeight { return plane }
        if self == .nearest {
            let ix = nearestIndices(inputCount: width, outputCount: toWidth)
            let iy = nearestIndices(inputCount: height, outputCount: toHeight)
            return [Float](unsafeUninitializedCapacity: toWidth * toHeight) { out, n in
                plane.withUnsafeBufferPointer { src in
                    for y in 0..<toHeight {
                        let row = iy[y] * width
                        for x in 0..<toWidth { out[y * toWidth + x] = src[row + ix[x]] }
                    }
                }
                n = toWidth * toHeight
            }
        }
        let needH = toWidth != width
        let needV = toHeight != height
        let outCount = toWidth * toHeight
        return plane.withUnsafeBufferPointer { src -> [Float] in
            if !needV {
                let axis = ResamplingAxis(filter: self, inputCount: width, outputCount: toWidth)
                return [Float](unsafeUninitializedCapacity: outCount) { dst, n in
                    ResamplingPassFloat.horizontal(
                        src: src, srcRowCount: width, rowStart: 0, rowCount: height,
                        columnOffset: 0, axis: axis, dst: dst)
                    n = outCount
                }
            }
            let vAxis = ResamplingAxis(filter: self, inputCount: height, outputCount: toHeight)
            if !needH {
                return [Float](unsafeUninitializedCapacity: outCount) { dst, n in
                    ResamplingPassFloat.vertical(
                        src: src, srcRowCount: width, rowOffset: 0, columnStart: 0,
                        columnCount: width, axis: vAxis, dst: dst)
                    n = outCount
                }
            }
            let hAxis = ResamplingAxis(filter: self, inputCount: width, outputCount: toWidth)
            if passOrder.verticalFirst(inWidth: width, inHeight: height, width: toWidth, height: toHeight) {
                let cols = hAxis.usedInputRange
                let tmp = [Float](unsafeUninitializedCapacity: cols.count * toHeight) { dst, n in
                    ResamplingPassFloat.vertical(
                        src: src, srcRowCount: width, rowOffset: 0, columnStart: cols.lowerBound,
                        columnCount: cols.count, axis: vAxis, dst: dst)
                    n = cols.count * toHeight
                }
                return tmp.withUnsafeBufferPointer { t in
                    [Float](unsafeUninitializedCapacity: outCount) { dst, n in
                        ResamplingPassFloat.horizontal(
                            src: t, srcRowCount: cols.count, rowStart: 0, rowCount: toHeight,
                            columnOffset: cols.lowerBound, axis: hAxis, dst: dst)
                        n = outCount
                    }
                }
            } else {
                let rows = vAxis.usedInputRange
                let tmp = [Float](unsafeUninitializedCapacity: toWidth * rows.count) { dst, n in
                    ResamplingPassFloat.horizontal(
                        src: src, srcRowCount: width, rowStart: rows.lowerBound,
                        rowCount: rows.count, columnOffset: 0, axis: hAxis, dst: dst)
                    n = toWidth * rows.count
                }
                return tmp.withUnsafeBufferPointer { t in
                    [Float](unsafeUninitializedCapacity: outCount) { dst, n in
                        ResamplingPassFloat.vertical(
                            src: t, srcRowCount: toWidth, rowOffset: rows.lowerBound,
                            columnStart: 0, columnCount: toWidth, axis: vAxis, dst: dst)
                        n = outCount
                    }
                }
            }
        }
    }
}
