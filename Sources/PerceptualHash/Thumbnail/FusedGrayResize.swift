/// Gray conversion fused into the 8-bit resize, for the hashers: `rgb8` / `rgba8` pixels go to a
/// reduced gray grid without the full-size gray image ever being stored.
///
/// The result equals `image.grayscale(conversion).resized(width:height:filter:passOrder:)` byte
/// for byte (tested against that two-step path). Each source row the first pass reads is
/// converted to gray (the conversion's exact integer formula, ``GrayscaleKernels``) into one
/// reusable row buffer right before the pass consumes it; rows and columns the passes never
/// read are never converted.
///
/// - Horizontal pass first: each row of the vertical pass's input range is converted and
///   filtered at once to `toWidth` samples; then the ordinary vertical pass runs on that small
///   intermediate.
/// - Vertical pass first (or the only pass): the vertical pass runs in scatter form, each
///   converted source row added (times its weight) into the `Int32` accumulators of every
///   output row whose window contains it. Integer sums are exact in any order, so this is
///   Pillow's gather sum. Then the ordinary horizontal pass.
///
/// The horizontal kernel uses ``NarrowSplitWeights``: one `Int16` dot product over all taps plus
/// a second one only over the few central taps whose weight needs more than 15 bits.
enum FusedGrayResize {
    /// The reduced gray samples, `toWidth * toHeight`, row-major; `nil` when the fused path does
    /// not apply (gray input, nearest neighbour, no resize), and the caller uses the two steps.
    static func reduce(
        _ image: PixelBuffer, conversion: GrayscaleConversion, toWidth: Int, toHeight: Int,
        filter: ResamplingFilter, passOrder: ResamplingPassOrder
    ) -> [UInt8]? {
        let channels: Int
        switch image.format {
        case .rgb8: channels = 3
        case .rgba8: channels = 4
        case .gray8, .grayAlpha8: return nil
        }
        let width = image.width, height = image.height
        let needH = toWidth != width, needV = toHeight != height
        if filter == .nearest || (!needH && !needV) { return nil }
        return image.samples.withUnsafeBufferPointer { buffer -> [UInt8] in
            let src = buffer.baseAddress!
            if needH
                && !passOrder.verticalFirst(
                    inWidth: width, inHeight: height, width: toWidth, height: toHeight)
            {
                return horizontalFirst(
                    src, width: width, height: height, channels: channels, conversion: conversion,
                    toWidth: toWidth, toHeight: toHeight, filter: filter, needV: needV)
            }
            return verticalFirst(
                src, width: width, height: height, channels: channels, conversion: conversion,
                toWidth: toWidth, toHeight: toHeight, filter: filter, needH: needH)
        }
    }

    /// Horizontal pass (gray rows converted on the fly), then the vertical pass if needed.
    private static func horizontalFirst(
        _ src: UnsafePointer<UInt8>, width: Int, height: Int, channels: Int,
        conversion: GrayscaleConversion, toWidth: Int, toHeight: Int, filter: ResamplingFilter,
        needV: Bool
    ) -> [UInt8] {
        let hPlan = ResamplingPlanCache.plan(filter: filter, inputCount: width, outputCount: toWidth)
        let vPlan = needV ? ResamplingPlanCache.plan(filter: filter, inputCount: height, outputCount: toHeight) : nil
        let hAxis = hPlan.axis
        let vAxis = vPlan?.axis
        let rows = vAxis?.usedInputRange ?? 0..<height
        let cols = hAxis.usedInputRange
        let kernel = HorizontalGrayKernel(plan: hPlan)
        let grayRow = UnsafeMutablePointer<UInt8>.allocate(capacity: cols.count)
        defer { grayRow.deallocate() }
        let tmp = [UInt8](unsafeUninitializedCapacity: toWidth &* rows.count) { dst, n in
            let d = dst.baseAddress!
            for r in rows {
                GrayscaleKernels.convert(
                    conversion, src + (r &* width &+ cols.lowerBound) &* channels, stride: channels,
                    into: grayRow, count: cols.count)
                kernel.run(row: grayRow, into: d + (r &- rows.lowerBound) &* toWidth)
            }
            n = toWidth &* rows.count
        }
        guard let vAxis, let vk = vPlan?.fixed else { return tmp }
        return tmp.withUnsafeBufferPointer { t in
            [UInt8](unsafeUninitializedCapacity: toWidth &* toHeight) { dst, n in
                ResamplingPass8.vertical(
                    src: t, srcRowSamples: toWidth, rowOffset: rows.lowerBound, sampleStart: 0,
                    sampleCount: toWidth, axis: vAxis, weights: vk, dst: dst, dstRowSamples: toWidth)
                n = toWidth &* toHeight
            }
        }
    }

    /// Vertical pass in scatter form over converted rows, then the horizontal pass if needed.
    private static func verticalFirst(
        _ src: UnsafePointer<UInt8>, width: Int, height: Int, channels: Int,
        conversion: GrayscaleConversion, toWidth: Int, toHeight: Int, filter: ResamplingFilter,
        needH: Bool
    ) -> [UInt8] {
        let vPlan = ResamplingPlanCache.plan(filter: filter, inputCount: height, outputCount: toHeight)
        let hPlan = needH ? ResamplingPlanCache.plan(filter: filter, inputCount: width, outputCount: toWidth) : nil
        let vAxis = vPlan.axis
        let cols = hPlan?.axis.usedInputRange ?? 0..<width
        let n = cols.count
        let vk = vPlan.fixed
        let stride = vAxis.stride
        let acc = UnsafeMutablePointer<Int32>.allocate(capacity: toHeight &* n)
        acc.initialize(repeating: 1 << 21, count: toHeight &* n)
        defer { acc.deallocate() }
        let grayRow = UnsafeMutablePointer<UInt8>.allocate(capacity: n)
        defer { grayRow.deallocate() }
        vAxis.first.withUnsafeBufferPointer { first in
            vAxis.counts.withUnsafeBufferPointer { counts in
                vk.withUnsafeBufferPointer { k in
                    var lo = 0
                    for y in vAxis.usedInputRange {
                        // Windows are monotone: those ending at or before y are complete.
                        while lo < toHeight && first[lo] &+ counts[lo] <= y { lo &+= 1 }
                        var i = lo
                        var converted = false
                        while i < toHeight && first[i] <= y {
                            let w = k[i &* stride &+ (y &- first[i])]
                            if w != 0 {
                                if !converted {
                                    GrayscaleKernels.convert(
                                        conversion, src + (y &* width &+ cols.lowerBound) &* channels,
                                        stride: channels, into: grayRow, count: n)
                                    converted = true
                                }
                                let a = acc + i &* n
                                for x in 0..<n { a[x] &+= Int32(grayRow[x]) &* w }
                            }
                            i &+= 1
                        }
                    }
                }
            }
        }
        let tmp = [UInt8](unsafeUninitializedCapacity: toHeight &* n) { dst, count in
            for j in 0..<(toHeight &* n) { dst[j] = ResamplingPass8.clip(acc[j]) }
            count = toHeight &* n
        }
        guard let hPlan else { return tmp }
        let kernel = HorizontalGrayKernel(plan: hPlan, columnOffset: cols.lowerBound)
        return tmp.withUnsafeBufferPointer { t in
            [UInt8](unsafeUninitializedCapacity: toWidth &* toHeight) { dst, count in
                for r in 0..<toHeight {
                    kernel.run(row: t.baseAddress! + r &* n, into: dst.baseAddress! + r &* toWidth)
                }
                count = toWidth &* toHeight
            }
        }
    }
}

/// The horizontal 8-bit pass for one gray row, with ``NarrowSplitWeights``.
struct HorizontalGrayKernel: ~Copyable {
    let axis: ResamplingAxis
    let weights: NarrowSplitWeights
    /// The first input column the pass reads (`axis.usedInputRange.lowerBound`).
    let used: Range<Int>
    /// `first[i] - used.lowerBound`.
    let offsets: [Int]
    /// Column `c` of the image is at `row[c - rowStart]` in the rows given to ``run(row:into:)``.
    let rowStart: Int
    /// The widened row: `used.count` samples followed by 8 zeros.
    let plane: UnsafeMutablePointer<Int16>

    /// A kernel for rows that hold the columns `plan.axis.usedInputRange`, or (with
    /// `columnOffset`) the columns from `columnOffset` on.
    init(plan: ResamplingAxisPlan, columnOffset: Int? = nil) {
        let axis = plan.axis
        self.axis = axis
        self.weights = plan.narrow
        self.used = axis.usedInputRange
        self.offsets = axis.first.map { $0 &- axis.usedInputRange.lowerBound }
        self.rowStart = columnOffset ?? axis.usedInputRange.lowerBound
        plane = .allocate(capacity: used.count &+ 8)
        plane.initialize(repeating: 0, count: used.count &+ 8)
    }

    deinit { plane.deallocate() }

    /// Filters one row (`row[c - rowStart]` is column `c`) to `axis.outputCount` samples at `out`.
    func run(row: UnsafePointer<UInt8>, into out: UnsafeMutablePointer<UInt8>) {
        let src = row + (used.lowerBound &- rowStart)
        let p = plane
        for x in 0..<used.count { p[x] = Int16(src[x]) }
        let stride = weights.stride
        offsets.withUnsafeBufferPointer { off in
            weights.padded.withUnsafeBufferPointer { padded in
                weights.highStart.withUnsafeBufferPointer { hs in
                    weights.highCount.withUnsafeBufferPointer { hc in
                        weights.low.withUnsafeBufferPointer { low in
                            weights.high.withUnsafeBufferPointer { high in
                                let lp = low.baseAddress!, hp = high.baseAddress!
                                for i in 0..<axis.outputCount {
                                    let base = p + off[i]
                                    let w = i &* stride
                                    var acc = (1 << 21) &+ NarrowSplitWeights.dot(base, lp + w, padded[i])
                                    let n = hc[i]
                                    if n != 0 {
                                        let s = hs[i]
                                        acc &+= NarrowSplitWeights.dot(base + s, hp + (w &+ s), n) &<< 15
                                    }
                                    out[i] = ResamplingPass8.clip(acc)
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
