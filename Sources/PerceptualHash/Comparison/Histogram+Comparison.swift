extension Histogram {
    /// Compares this histogram with `other` by `method`, segment by segment, and returns the
    /// mean over the segments.
    ///
    /// Each segment (one cell, one channel, ``binCount`` bins) of `self` is compared with the
    /// same segment of `other` by ``HistogramComparison/evaluate(_:_:)-(UnsafeBufferPointer<Double>,_)``
    /// (`self` is OpenCV's `H1`), on the raw counts or on each segment divided by its total
    /// (`form`). The result is the arithmetic mean of the segment values, skipping segments that
    /// are empty in both histograms (cells with no pixels, which only exist when `gridSize`
    /// exceeds a side of both images). For a gray histogram of the whole image this is the one
    /// segment's value, identical to `evaluate` on ``counts`` or ``normalized``.
    ///
    /// Whether larger means more alike is ``HistogramComparison/largerIsMoreSimilar``.
    ///
    /// ```swift
    /// let a = Histogram(image), b = Histogram(other)
    /// a.compare(to: b, using: .correlation)                 // 1 = same gray distribution
    /// a.compare(to: b, using: .intersection, form: .counts) // pixels in common, as compareHist
    /// ```
    ///
    /// - Precondition: both histograms have the same layout (``hasSameLayout(as:)``).
    /// - Complexity: O(`counts.count`), no heap allocation for up to 256 bins per segment.
    public func compare(
        to other: Histogram, using method: HistogramComparison, form: Form = .normalized
    ) -> Double {
        precondition(
            hasSameLayout(as: other),
            "histogram layouts differ: \(channels.count) channels x \(binCount) bins x grid \(gridSize) vs \(other.channels.count) x \(other.binCount) x \(other.gridSize)"
        )
        let bins = binCount
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * bins) { scratch in
            let x = UnsafeMutableBufferPointer(rebasing: scratch[0..<bins])
            let y = UnsafeMutableBufferPointer(rebasing: scratch[bins..<2 * bins])
            return counts.withUnsafeBufferPointer { ca in
                other.counts.withUnsafeBufferPointer { cb in
                    var sum = 0.0
                    var used = 0
                    var start = 0
                    while start < ca.count {
                        let sa = UnsafeBufferPointer(rebasing: ca[start..<start + bins])
                        let sb = UnsafeBufferPointer(rebasing: cb[start..<start + bins])
                        start += bins
                        let ta = sa.reduce(0, &+), tb = sb.reduce(0, &+)
                        if ta == 0 && tb == 0 { continue }
                        Histogram.fill(x, from: sa, total: ta, form: form)
                        Histogram.fill(y, from: sb, total: tb, form: form)
                        sum += method.evaluate(UnsafeBufferPointer(x), UnsafeBufferPointer(y))
                        used += 1
                    }
                    // The bottom-right cell of every image has pixels, so `used >= 1`.
                    return sum / Double(used)
                }
            }
        }
    }

    /// A dissimilarity of the normalized histograms that is 0 for identical ones and grows as
    /// they differ: `method.distance(fromValue: compare(to: other, using: method))`, that is
    /// `1 - value` for cosine, coincidence, intersection (in `0...1`) and correlation (in
    /// `0...2`), the value itself for the others.
    ///
    /// ```swift
    /// Histogram(image).distance(to: Histogram(other), using: .bhattacharyya)
    /// ```
    ///
    /// - Precondition: both histograms have the same layout (``hasSameLayout(as:)``).
    public func distance(to other: Histogram, using method: HistogramComparison) -> Double {
        method.distance(fromValue: compare(to: other, using: method, form: .normalized))
    }
}
