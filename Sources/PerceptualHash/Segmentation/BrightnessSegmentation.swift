/// ImageHash's segmentation of a small gray image into bright "hills" and dark "valleys"
/// (`_find_all_segments` and `_find_region`), with the same segments in the same order.
///
/// Pixels brighter than ``threshold`` (`p > threshold`) are hill pixels, the others valley
/// pixels. A segment is a 4-connected component of one class. ImageHash finds them as follows,
/// and so does this type, with one labelling pass instead of ImageHash's repeated scans:
/// 1. every hill component, in the row-major order of its first pixel;
/// 2. valley components, in the row-major order of their first pixel, while a counter is
///    below `side * side`. The counter starts at `4 * side` (ImageHash seeds its set of visited
///    pixels with the pixels just outside the border) and grows by the size of each component
///    found, hills included, except that a one-pixel component adds nothing (its start pixel
///    never enters the set). So the last valleys can be skipped when fewer than about
///    `4 * side` pixels remain; ImageHash does the same.
/// A component is kept when it has more than ``minSegmentSize`` pixels.
///
/// Where ImageHash would run out of valley pixels with the counter still below `side * side`
/// (more than `4 * side` one-pixel components; it raises an `IndexError` there), the search
/// stops with the segments found so far.
struct BrightnessSegmentation: Sendable, Hashable {
    /// The hill/valley threshold (`segment_threshold`, 128 in ImageHash).
    var threshold: Int
    /// Components of this many pixels or fewer are dropped (`min_segment_size`, 500).
    var minSegmentSize: Int

    /// One kept segment: its pixel count and its inclusive bounding box in the segmented image.
    struct Segment: Sendable, Hashable {
        /// Pixels in the segment.
        var size: Int
        /// Smallest and largest row and column of its pixels.
        var minRow: Int, maxRow: Int, minColumn: Int, maxColumn: Int
    }

    /// The kept segments of a `side x side` plane (row-major), in ImageHash's order.
    ///
    /// - Complexity: O(`side^2`) time; `5 side^2` bytes of labels and a queue of at most
    ///   `side^2` indices.
    func segments(of plane: [UInt8], side: Int) -> [Segment] {
        precondition(plane.count == side * side, "plane has \(plane.count) samples, not \(side) x \(side)")
        let n = side * side
        var hills: [Segment] = [], valleys: [Segment] = []
        var hillCount = 0  // pixels the hill components add to ImageHash's counter
        var visited = [Bool](repeating: false, count: n)
        var queue = [Int32](repeating: 0, count: n)
        plane.withUnsafeBufferPointer { p in
            visited.withUnsafeMutableBufferPointer { seen in
                queue.withUnsafeMutableBufferPointer { queue in
                    for start in 0..<n where !seen[start] {
                        let bright = Int(p[start]) > threshold
                        seen[start] = true
                        queue[0] = Int32(start)
                        var head = 0, tail = 1
                        var segment = Segment(
                            size: 0, minRow: start / side, maxRow: start / side, minColumn: start % side,
                            maxColumn: start % side)
                        while head < tail {
                            let i = Int(queue[head])
                            head += 1
                            let row = i / side, column = i - row * side
                            segment.minRow = min(segment.minRow, row)
                            segment.maxRow = max(segment.maxRow, row)
                            segment.minColumn = min(segment.minColumn, column)
                            segment.maxColumn = max(segment.maxColumn, column)
                            @inline(__always) func visit(_ j: Int) {
                                if !seen[j] && (Int(p[j]) > threshold) == bright {
                                    seen[j] = true
                                    queue[tail] = Int32(j)
                                    tail += 1
                                }
                            }
                            if row > 0 { visit(i - side) }
                            if row < side - 1 { visit(i + side) }
                            if column > 0 { visit(i - 1) }
                            if column < side - 1 { visit(i + 1) }
                        }
                        segment.size = tail
                        if bright {
                            hills.append(segment)
                            if tail >= 2 { hillCount += tail }
                        } else {
                            valleys.append(segment)
                        }
                    }
                }
            }
        }
        var kept = hills.filter { $0.size > minSegmentSize }
        var counter = 4 * side + hillCount
        for valley in valleys {
            guard counter < n else { break }
            if valley.size > minSegmentSize { kept.append(valley) }
            if valley.size >= 2 { counter += valley.size }
        }
        return kept
    }
}
