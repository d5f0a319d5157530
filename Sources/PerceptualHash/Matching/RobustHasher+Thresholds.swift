extension RobustHasher where Hasher == DCTHash {
    /// The match threshold for robust `DCTHash(size: 8)` with ``RobustConfiguration/standard``
    /// and 32-pixel thumbnails (`RobustConfiguration.standard.withThumbnailSide(32)`, the
    /// recommended robust configuration), query set (6 views) against reference set: 11 of 64
    /// bits, the largest distance that let at most 0.01% of the 27,261 pairs of distinct corpus
    /// photos through (13 does so for 0.1%), the same rate as ``recommendedPDQThreshold``;
    /// measured with `phash-bench --attack-set harness` (row `phash8-robust`,
    /// Documentation/Robust.md). Calibrate on your own photos with `phash distances --robust`.
    public static var recommendedDCTHash8Threshold: Int { 11 }

    /// The match threshold for robust `DCTHash(size: 16)` with ``RobustConfiguration/standard``
    /// (64-pixel thumbnails), query set (6 views) against reference set: 81 of 256 bits, the
    /// largest distance that let at most 0.01% of the 27,261 pairs of distinct corpus photos
    /// through (89 does so for 0.1%); measured as ``recommendedDCTHash8Threshold`` (row
    /// `phash16-robust`).
    public static var recommendedDCTHash16Threshold: Int { 81 }
}

extension RobustHasher where Hasher == DifferenceHash {
    /// The match threshold for robust `DifferenceHash(size: 8)` (horizontal) with
    /// ``RobustConfiguration/standard`` and 32-pixel thumbnails, query set (6 views) against
    /// reference set: 6 of 64 bits, the largest distance that let at most 0.01% of the 27,261
    /// pairs of distinct corpus photos through (8 for 0.1%); measured with `phash-bench
    /// --attack-set harness --algorithms dhash8-robust` (Documentation/Robust.md).
    public static var recommendedDifferenceHash8Threshold: Int { 6 }
}

extension RobustHasher where Hasher == AverageHash {
    /// The match threshold for robust `AverageHash(size: 8)` with ``RobustConfiguration/standard``
    /// and 32-pixel thumbnails, query set (6 views) against reference set: 1 of 64 bits, the
    /// largest distance that let at most 0.1% of the 27,261 pairs of distinct corpus photos
    /// through (0.08% reached). Unlike the other constants this one is at 0.1%: no threshold
    /// lets at most 0.01% through. Measured with `phash-bench --attack-set harness --algorithms
    /// ahash8-robust`. The average hash's heavy lower tail leaves little room: the mean TPR
    /// over the harness's edits is 87% at this threshold (99% for robust `DCTHash(size: 8)`).
    public static var recommendedAverageHash8Threshold: Int { 1 }
}
