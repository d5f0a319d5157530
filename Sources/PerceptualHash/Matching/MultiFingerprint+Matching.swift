extension MultiFingerprint {
    /// ImageHash's `ImageMultiHash.hash_diff`: for each of this value's segments, the smallest
    /// Hamming distance to any segment of `other`; those not above the cutoff count as matches.
    /// Returns the number of matches and the sum of their distances.
    ///
    /// The cutoff is `hammingCutoff` when given, else `Double(segmentBitCount) * rate` with
    /// `rate = bitErrorRate ?? 0.25` (16 for 64-bit segments). Not symmetric: the segments of
    /// `self` are the ones counted.
    ///
    /// - Precondition: `other.segmentBitCount == segmentBitCount`.
    /// - Complexity: O(`segments.count * other.segments.count`) distances.
    public func hashDiff(
        _ other: MultiFingerprint, hammingCutoff: Double? = nil, bitErrorRate: Double? = nil
    ) -> (matches: Int, distanceSum: Int) {
        precondition(
            other.segmentBitCount == segmentBitCount,
            "cannot compare \(segmentBitCount)-bit segments with \(other.segmentBitCount)-bit ones")
        let cutoff = hammingCutoff ?? Double(segmentBitCount) * (bitErrorRate ?? 0.25)
        var matches = 0, sum = 0
        for segment in segments {
            var lowest = Int.max
            for o in other.segments { lowest = min(lowest, segment.distance(to: o)) }
            if Double(lowest) > cutoff { continue }
            matches += 1
            sum += lowest
        }
        return (matches, sum)
    }

    /// ImageHash's `ImageMultiHash.matches`: whether at least `regionCutoff` segments match
    /// (see ``hashDiff(_:hammingCutoff:bitErrorRate:)``).
    ///
    /// - Precondition: `other.segmentBitCount == segmentBitCount`.
    public func matches(
        _ other: MultiFingerprint, regionCutoff: Int = 1, hammingCutoff: Double? = nil, bitErrorRate: Double? = nil
    ) -> Bool {
        hashDiff(other, hammingCutoff: hammingCutoff, bitErrorRate: bitErrorRate).matches >= regionCutoff
    }

    /// ImageHash's score `self - other` (`ImageMultiHash.__sub__`): lower is more alike, from
    /// 0 up to `segments.count`.
    ///
    /// With `n = segments.count` and `(m, d)` from ``hashDiff(_:hammingCutoff:bitErrorRate:)``:
    /// `Double(n)` when `m == 0`, else `Double(n) - (Double(m) + (0 - Double(d) / Double(m *
    /// segmentBitCount)))`, in that order, as Python evaluates it (the same `Double`).
    ///
    /// - Precondition: `other.segmentBitCount == segmentBitCount`.
    public func distance(to other: MultiFingerprint, hammingCutoff: Double? = nil, bitErrorRate: Double? = nil)
        -> Double
    {
        let (m, d) = hashDiff(other, hammingCutoff: hammingCutoff, bitErrorRate: bitErrorRate)
        let n = Double(segments.count)
        if m == 0 { return n }
        let tieBreaker = 0 - Double(d) / Double(m * segmentBitCount)
        return n - (Double(m) + tieBreaker)
    }
}
