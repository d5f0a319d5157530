/// Pixel-value counts of an image: gray or per-channel RGB, of the whole image or of each cell
/// of a G x G grid (a "regional" histogram, which keeps where the colours are).
///
/// ## Layout
///
/// A histogram is made of *segments*: one segment of ``binCount`` counts per cell and channel.
/// All counts are in one flat array, cell by cell (cells row-major: cell `row * gridSize + column`),
/// then channel by channel (R, G, B for ``Channels/rgb``), then bin by bin:
///
///     counts[(cell * channelCount + channel) * binCount + bin]
///
/// A gray histogram of the whole image (`gridSize` 1) is one segment, `counts[bin]`.
///
/// ## Bins
///
/// An 8-bit value `v` falls in bin `v * binCount / 256` (integer division): bin `k` holds the
/// values `ceil(256 k / binCount) ..< ceil(256 (k + 1) / binCount)`. With 256 bins each value
/// has its own bin; with 64 bins each bin holds 4 values. This is exactly OpenCV's
/// `cv2.calcHist([image], [channel], None, [binCount], [0, 256])` on 8-bit images.
///
/// ## Cells
///
/// Cell `(row, column)` of a G x G grid covers the pixels `x` in `column * width / G ..<
/// (column + 1) * width / G` and `y` in `row * height / G ..< (row + 1) * height / G` (integer
/// division), so the cells tile the image exactly and differ in size by at most one pixel per
/// side. When G exceeds the width (or height) some cells are empty (zero pixels); the layout
/// stays G x G, so histograms of any two images with the same parameters can be compared.
/// The bottom-right cell is never empty.
///
/// ```swift
/// let a = Histogram(image, channels: .rgb, binCount: 32, gridSize: 4)
/// let b = Histogram(other, channels: .rgb, binCount: 32, gridSize: 4)
/// a.compare(to: b, using: .bhattacharyya)   // 0 = same colour distribution per cell
/// ```
public struct Histogram: Sendable, Equatable {
    /// Which values are counted.
    public enum Channels: Sendable, Hashable, CustomStringConvertible {
        /// One segment per cell: the gray value of each pixel by the given conversion (a gray
        /// image's own gray value; alpha is ignored, never composited).
        case gray(GrayscaleConversion)
        /// Three segments per cell, R, G then B. A gray image counts its gray value as
        /// R = G = B; alpha is ignored.
        case rgb

        /// Segments per cell: 1 for ``gray(_:)``, 3 for ``rgb``.
        @inlinable
        public var count: Int {
            switch self {
            case .gray: 1
            case .rgb: 3
            }
        }

        /// The Swift spelling, for example `"gray(rec601)"` or `"rgb"`.
        public var description: String {
            switch self {
            case .gray(let conversion): "gray(\(conversion))"
            case .rgb: "rgb"
            }
        }
    }

    /// Which form of a histogram a comparison works on.
    public enum Form: Sendable, Hashable, CaseIterable {
        /// The raw counts, as `Double`.
        case counts
        /// Each segment divided by its own total, so it sums to 1 (see ``Histogram/normalized``).
        /// Histograms of images of different sizes are comparable in this form.
        case normalized
    }

    /// What was counted.
    public let channels: Channels
    /// Bins per segment, `1...256`.
    public let binCount: Int
    /// The grid is `gridSize` x `gridSize` cells; 1 for a histogram of the whole image.
    public let gridSize: Int
    /// All counts, in the layout described in ``Histogram``;
    /// `counts.count == gridSize * gridSize * channels.count * binCount`.
    public let counts: [Int]

    /// Creates a histogram from counts in the layout described in ``Histogram`` (for example
    /// counts stored earlier).
    ///
    /// - Precondition: `1...256 ~= binCount`, `1...64 ~= gridSize`, `counts.count ==
    ///   gridSize * gridSize * channels.count * binCount`, no count is negative, and the segments
    ///   of one cell have equal totals (they count the same pixels).
    public init(counts: [Int], channels: Channels, binCount: Int, gridSize: Int = 1) {
        Histogram.checkParameters(binCount: binCount, gridSize: gridSize)
        let expected = gridSize * gridSize * channels.count * binCount
        precondition(
            counts.count == expected,
            "counts.count \(counts.count) != gridSize \(gridSize)^2 * channels \(channels.count) * binCount \(binCount) = \(expected)"
        )
        precondition(counts.allSatisfy { $0 >= 0 }, "a histogram count is negative")
        self.init(uncheckedCounts: counts, channels: channels, binCount: binCount, gridSize: gridSize)
        for cell in 0..<cellCount {
            let total = self.total(cell: cell, channel: 0)
            for channel in 1..<channels.count {
                precondition(
                    self.total(cell: cell, channel: channel) == total,
                    "cell \(cell): channel \(channel) totals \(self.total(cell: cell, channel: channel)), channel 0 totals \(total)"
                )
            }
        }
    }

    internal init(uncheckedCounts counts: [Int], channels: Channels, binCount: Int, gridSize: Int) {
        self.channels = channels
        self.binCount = binCount
        self.gridSize = gridSize
        self.counts = counts
    }

    internal static func checkParameters(binCount: Int, gridSize: Int) {
        precondition(binCount >= 1 && binCount <= 256, "binCount \(binCount) is outside 1...256")
        precondition(gridSize >= 1 && gridSize <= 64, "gridSize \(gridSize) is outside 1...64")
    }

    /// The number of cells, `gridSize * gridSize`.
    @inlinable
    public var cellCount: Int { gridSize * gridSize }

    /// The number of segments, `cellCount * channels.count`.
    @inlinable
    public var segmentCount: Int { cellCount * channels.count }

    /// Whether two histograms have the same layout (channel count, bin count, grid size), as
    /// every comparison requires. The gray conversion may differ.
    public func hasSameLayout(as other: Histogram) -> Bool {
        channels.count == other.channels.count && binCount == other.binCount && gridSize == other.gridSize
    }

    /// The `binCount` counts of one cell and channel, with the indices of ``counts``.
    ///
    /// - Precondition: `0 <= cell < cellCount`, `0 <= channel < channels.count`.
    public func counts(cell: Int, channel: Int = 0) -> ArraySlice<Int> {
        let start = segmentStart(cell: cell, channel: channel)
        return counts[start..<start + binCount]
    }

    /// The sum of one segment's counts: the number of pixels in the cell.
    ///
    /// - Precondition: `0 <= cell < cellCount`, `0 <= channel < channels.count`.
    public func total(cell: Int, channel: Int = 0) -> Int {
        counts(cell: cell, channel: channel).reduce(0, &+)
    }

    /// The counts as fractions, in the same layout: each segment divided by its own total,
    /// `Double(count) / Double(total)` (correctly rounded), so each segment sums to 1 up to
    /// rounding. A segment whose total is 0 (an empty cell) stays all zeros.
    ///
    /// - Complexity: O(`counts.count`).
    public var normalized: [Double] {
        let n = counts.count
        return [Double](unsafeUninitializedCapacity: n) { out, initialized in
            counts.withUnsafeBufferPointer { c in
                var start = 0
                while start < n {
                    let segment = UnsafeBufferPointer(rebasing: c[start..<start + binCount])
                    Histogram.fill(
                        UnsafeMutableBufferPointer(rebasing: out[start..<start + binCount]),
                        from: segment, total: segment.reduce(0, &+), form: .normalized)
                    start += binCount
                }
            }
            initialized = n
        }
    }

    /// Writes one segment's counts `c` (summing to `total`) to `out` in `form`.
    @inline(__always)
    internal static func fill(
        _ out: UnsafeMutableBufferPointer<Double>, from c: UnsafeBufferPointer<Int>, total: Int, form: Form
    ) {
        switch form {
        case .counts:
            for i in 0..<c.count { out[i] = Double(c[i]) }
        case .normalized:
            if total == 0 {
                for i in 0..<c.count { out[i] = 0 }
            } else {
                let t = Double(total)
                for i in 0..<c.count { out[i] = Double(c[i]) / t }
            }
        }
    }

    @inline(__always)
    internal func segmentStart(cell: Int, channel: Int) -> Int {
        precondition(cell >= 0 && cell < cellCount, "cell \(cell) is outside 0..<\(cellCount)")
        precondition(channel >= 0 && channel < channels.count, "channel \(channel) is outside 0..<\(channels.count)")
        return (cell * channels.count + channel) * binCount
    }
}
