/// Recommended Hamming-distance thresholds for a per-pair false-positive rate.
///
/// A threshold `t` declares two images a match when the distance of their fingerprints is
/// `<= t`. Its per-pair false-positive rate is the probability that two UNRELATED photographs
/// are that close. A collection of `n` images has `n * (n - 1) / 2` pairs, so the expected
/// number of false pairs is that many times the rate: at 1e-4, about 50 for 1,000 images,
/// 5,000 for 10,000 and 500,000 for 100,000. Choose the rate from the collection size.
///
/// Where the figures come from (`phash-bench thresholds`, Documentation/Benchmarks.md,
/// "Thresholds for a false-positive rate"): the Hamming distances of all 27,261 pairs of 234
/// distinct photographs (BSDS500, Kodak, Urban100, Sun-Hays and others; near-duplicates
/// removed), for every configuration below at sizes 4, 6, 8, 12, 16, 24 and 32. The lower
/// tail of each distance distribution (the empirical CDF points with at least 10 pairs at or
/// below `t` and at most 5% of all pairs) is fitted twice, a normal tail (probit linear in `t`)
/// and an exponential tail (log CDF linear in `t`), and the smaller of the two thresholds is
/// taken; the table holds the 5th percentile of that threshold over 200 bootstrap resamples of
/// the images (a 95% lower confidence bound), capped by the fit on all pairs and by the
/// empirical threshold (never above what the pairs themselves show). At 1e-3, which the
/// pairs can measure, the fit on all pairs is never more than 1 above the empirical threshold,
/// within 1 of it for 14 of the 16 configurations at sizes 8 and 16 (2 below for the other two)
/// and up to 7 below at sizes 24 and 32; 1e-4 ... 1e-6 are extrapolations of the fitted tail.
/// A 0 in the table means that no distance above 0 reaches the rate on this evidence (the
/// average and row-DCT hashes have a heavy lower tail: unrelated photos with similar light
/// layouts); such a hasher can then only match identical fingerprints.
///
/// The rules of every `recommendedThreshold(falsePositiveRate:)`:
///
/// - Rates: the table has 1e-3, 1e-4, 1e-5 and 1e-6 per pair. Another rate takes the column of
///   the largest tabulated rate that is `<=` it (at least as strict: 5e-4 gives the 1e-4
///   threshold, anything above 1e-3 the 1e-3 one). Below 1e-6 the threshold keeps falling by
///   the 1e-5 -> 1e-6 step per further decade (a partial decade counts as a whole one) down to
///   0. A rate that is `<= 0` or NaN gives 0.
/// - Sizes: measured at 16, 36, 64, 144, 256, 576 and 1024 bits (sizes 4, 6, 8, 12, 16, 24,
///   32). Another bit count (a size in between, a non-square hash, a DCT hash without its DC
///   bit) is interpolated linearly in the bit count between the two nearest measured ones and
///   rounded down; below 16 bits or above 1024 the nearest measured row is scaled by the ratio
///   of the bit counts and rounded down (an extrapolation, not a measurement).
/// - The result is always in `0 ... bitCount`; 0 means only identical fingerprints match.
enum RecommendedThresholdTable {
    /// The configurations measured (the `phash` command line's algorithms).
    enum Family: Sendable, Hashable {
        case averageHash, averageHashClassic
        case dctHash, dctHashClassic
        case differenceHash, differenceHashVertical, differenceHashClassic
        case rowDCTHash
        /// ``PDQHash``: 256 bits only, measured on the RGB images (`phash-bench thresholds --pdq`).
        case pdq
        /// ``WaveletHash`` with Haar (`whash`), sizes 2 to 32 (`--algorithms whash`).
        case waveletHash
        /// ``WaveletHash`` with db4 (`whash-db4`), sizes 2 to 32: 64 to 1444 bits.
        case waveletHashDaubechies4
        /// ``ColorHash`` (`colorhash`), binBits 2 to 6 and 8: 28 to 112 bits, from RGB.
        case colorHash
    }

    /// The rates of the table's columns, from the loosest to the strictest.
    static let rates: [Double] = [1e-3, 1e-4, 1e-5, 1e-6]

    /// Thresholds by family, then by bit count (size * size), one per rate of ``rates``.
    static let thresholds: [Family: [Int: [Int]]] = [
        .averageHash: [  // ahash
            16: [0, 0, 0, 0],
            36: [1, 0, 0, 0],
            64: [4, 0, 0, 0],
            144: [12, 0, 0, 0],
            256: [26, 0, 0, 0],
            576: [63, 0, 0, 0],
            1024: [118, 0, 0, 0],
        ],
        .dctHash: [  // phash
            16: [0, 0, 0, 0],
            36: [6, 2, 0, 0],
            64: [17, 13, 9, 5],
            144: [50, 44, 38, 31],
            256: [99, 90, 81, 72],
            576: [246, 235, 223, 211],
            1024: [457, 441, 426, 410],
        ],
        .differenceHash: [  // dhash
            16: [0, 0, 0, 0],
            36: [5, 1, 0, 0],
            64: [13, 8, 3, 0],
            144: [40, 30, 19, 10],
            256: [81, 65, 49, 33],
            576: [201, 169, 136, 103],
            1024: [386, 341, 294, 249],
        ],
        .differenceHashVertical: [  // dhash-vertical
            16: [0, 0, 0, 0],
            36: [4, 1, 0, 0],
            64: [12, 7, 1, 0],
            144: [39, 28, 18, 7],
            256: [78, 62, 46, 29],
            576: [188, 150, 112, 73],
            1024: [343, 266, 188, 111],
        ],
        .rowDCTHash: [  // phash-simple
            16: [0, 0, 0, 0],
            36: [0, 0, 0, 0],
            64: [3, 0, 0, 0],
            144: [16, 0, 0, 0],
            256: [34, 0, 0, 0],
            576: [76, 0, 0, 0],
            1024: [151, 0, 0, 0],
        ],
        .averageHashClassic: [  // ahash-classic
            16: [0, 0, 0, 0],
            36: [1, 0, 0, 0],
            64: [3, 0, 0, 0],
            144: [12, 0, 0, 0],
            256: [26, 0, 0, 0],
            576: [59, 0, 0, 0],
            1024: [105, 0, 0, 0],
        ],
        .dctHashClassic: [  // phash-classic
            16: [0, 0, 0, 0],
            36: [4, 1, 0, 0],
            64: [12, 6, 0, 0],
            144: [41, 28, 15, 3],
            256: [86, 68, 48, 29],
            576: [226, 197, 167, 137],
            1024: [426, 380, 333, 285],
        ],
        .differenceHashClassic: [  // dhash-classic
            16: [0, 0, 0, 0],
            36: [5, 1, 0, 0],
            64: [13, 8, 3, 0],
            144: [40, 31, 21, 11],
            256: [79, 62, 45, 28],
            576: [198, 162, 125, 88],
            1024: [371, 317, 261, 204],
        ],
        .pdq: [  // pdq (one size)
            256: [99, 90, 80, 71]
        ],
        .waveletHash: [  // whash (sizes 2, 4, 8, 16, 32)
            4: [0, 0, 0, 0],
            16: [0, 0, 0, 0],
            64: [0, 0, 0, 0],
            256: [21, 0, 0, 0],
            1024: [97, 0, 0, 0],
        ],
        .waveletHashDaubechies4: [  // whash-db4 (sizes 2, 4, 8, 16, 32)
            64: [0, 0, 0, 0],
            100: [2, 0, 0, 0],
            196: [8, 0, 0, 0],
            484: [38, 0, 0, 0],
            1444: [135, 0, 0, 0],
        ],
        .colorHash: [  // colorhash (binBits 2, 3, 4, 5, 6, 8)
            28: [0, 0, 0, 0],
            42: [0, 0, 0, 0],
            56: [0, 0, 0, 0],
            70: [0, 0, 0, 0],
            84: [0, 0, 0, 0],
            112: [2, 0, 0, 0],
        ],
    ]

    /// The threshold for `bitCount` bits at `falsePositiveRate` (see the hashers'
    /// `recommendedThreshold(falsePositiveRate:)` for the rules).
    static func threshold(_ family: Family, bitCount: Int, falsePositiveRate rate: Double) -> Int {
        guard let table = thresholds[family], bitCount > 0 else { return 0 }
        let column = columnThresholds(table, bitCount: bitCount)
        // A rate that is NaN or <= 0: the strictest threshold there is.
        guard rate > 0 else { return 0 }
        // The loosest column whose rate is <= the requested one (at least as strict); the
        // tolerance lets 1e-4 computed as 0.1 * 0.001 select its own column.
        if let index = rates.firstIndex(where: { $0 <= rate * (1 + 1e-9) }) { return min(bitCount, column[index]) }
        // Stricter than the last column: subtract the last decade's step once per further
        // decade (a partial decade counts as a whole one).
        let last = column.count - 1
        let step = max(0, column[last - 1] - column[last])
        var threshold = column[last], columnRate = rates[last]
        while columnRate > rate * (1 + 1e-9) && threshold > 0 {
            columnRate /= 10
            threshold -= step
            if step == 0 { break }
        }
        return max(0, min(bitCount, threshold))
    }

    /// One threshold per rate for `bitCount`: the measured row, a linear interpolation in the
    /// bit count between the two nearest measured rows (rounded down), below the smallest
    /// measured bit count the smallest row scaled by `bitCount / measured` (rounded down),
    /// above the largest the largest row scaled the same way.
    static func columnThresholds(_ table: [Int: [Int]], bitCount: Int) -> [Int] {
        if let exact = table[bitCount] { return exact }
        let measured = table.keys.sorted()
        guard let first = measured.first, let last = measured.last else { return rates.map { _ in 0 } }
        func scaled(_ row: Int) -> [Int] {
            table[row, default: []].map { Int((Double($0) * Double(bitCount) / Double(row)).rounded(.down)) }
        }
        if bitCount < first { return scaled(first) }
        if bitCount > last { return scaled(last) }
        let upper = measured.first { $0 > bitCount } ?? last
        let lower = measured.last { $0 < bitCount } ?? first
        let fraction = Double(bitCount - lower) / Double(upper - lower)
        return zip(table[lower, default: []], table[upper, default: []]).map { a, b in
            Int((Double(a) + (Double(b) - Double(a)) * fraction).rounded(.down))
        }
    }
}

extension AverageHash {
    /// The largest Hamming distance that, on the benchmark photographs, keeps the chance of two
    /// unrelated photos matching at or below `falsePositiveRate` per pair (match when
    /// `distance <= threshold`), with a 95% confidence margin.
    ///
    /// Expected false pairs in a collection of `n` images: `n * (n - 1) / 2 * rate` (at 1e-4:
    /// ~50 for 1,000 images, ~5,000 for 10,000, ~500,000 for 100,000). The table is measured
    /// for `AverageHash(size:)` (the `ahash` of the `phash` command) and for 64 gray levels with
    /// `>=` (``classic``, `ahash-classic`); every other setting (median, other gray levels,
    /// preprocessing) uses the `ahash` table. The average hash has a heavy lower tail: at 1e-4
    /// and stricter the table is 0 at every size (only identical fingerprints match).
    /// Rates and sizes that are not in the table follow the rules of
    /// `RecommendedThresholdTable` (Sources/PerceptualHash/Hashing/RecommendedThreshold.swift):
    /// the nearest tabulated rate that is at least as strict, sizes interpolated in the bit count;
    /// a rate `<= 0` or NaN gives 0.
    public func recommendedThreshold(falsePositiveRate: Double) -> Int {
        let classic = grayLevels == 64 && comparison == .greaterOrEqual && threshold == .mean
        return RecommendedThresholdTable.threshold(
            classic ? .averageHashClassic : .averageHash, bitCount: bitCount, falsePositiveRate: falsePositiveRate)
    }
}

extension DCTHash {
    /// The largest Hamming distance that, on the benchmark photographs, keeps the chance of two
    /// unrelated photos matching at or below `falsePositiveRate` per pair (match when
    /// `distance <= threshold`), with a 95% confidence margin.
    ///
    /// Expected false pairs in a collection of `n` images: `n * (n - 1) / 2 * rate` (at 1e-4:
    /// ~50 for 1,000 images, ~5,000 for 10,000, ~500,000 for 100,000). For example
    /// `DCTHash().recommendedThreshold(falsePositiveRate: 1e-4)` is 13 (of 64 bits). The table
    /// is measured for `DCTHash(size:)` (ImageHash's phash, `highFrequencyFactor` 4) and for the
    /// mean threshold without the DC term (``classic``, `phash-classic`); a mean threshold
    /// with the DC term left out in any way uses the classic table, every other setting
    /// (another `highFrequencyFactor`, transform or preprocessing) the phash table. Rates and
    /// sizes that are not in the table follow the rules of `RecommendedThresholdTable`
    /// (Sources/PerceptualHash/Hashing/RecommendedThreshold.swift): the nearest tabulated rate
    /// that is at least as strict, sizes interpolated in the bit count (63 bits with
    /// ``DCTerm/dropped``); a rate `<= 0` or NaN gives 0.
    public func recommendedThreshold(falsePositiveRate: Double) -> Int {
        let classic = threshold == .mean && dcTerm != .included
        return RecommendedThresholdTable.threshold(
            classic ? .dctHashClassic : .dctHash, bitCount: bitCount, falsePositiveRate: falsePositiveRate)
    }
}

extension DifferenceHash {
    /// The largest Hamming distance that, on the benchmark photographs, keeps the chance of two
    /// unrelated photos matching at or below `falsePositiveRate` per pair (match when
    /// `distance <= threshold`), with a 95% confidence margin.
    ///
    /// Expected false pairs in a collection of `n` images: `n * (n - 1) / 2 * rate` (at 1e-4:
    /// ~50 for 1,000 images, ~5,000 for 10,000, ~500,000 for 100,000). The table is measured
    /// for the horizontal hash (`dhash`), the vertical one (`dhash-vertical`) and the
    /// horizontal one with ``Polarity/previousBrighter`` (``classic``, `dhash-classic`); the
    /// vertical hash with that polarity uses the `dhash-vertical` table. Rates and sizes that
    /// are not in the table follow the rules of `RecommendedThresholdTable`
    /// (Sources/PerceptualHash/Hashing/RecommendedThreshold.swift): the nearest tabulated rate
    /// that is at least as strict, sizes interpolated in the bit count; a rate `<= 0` or NaN
    /// gives 0.
    public func recommendedThreshold(falsePositiveRate: Double) -> Int {
        let family: RecommendedThresholdTable.Family =
            direction == .vertical
            ? .differenceHashVertical : polarity == .previousBrighter ? .differenceHashClassic : .differenceHash
        return RecommendedThresholdTable.threshold(family, bitCount: bitCount, falsePositiveRate: falsePositiveRate)
    }
}

extension RowDCTHash {
    /// The largest Hamming distance that, on the benchmark photographs, keeps the chance of two
    /// unrelated photos matching at or below `falsePositiveRate` per pair (match when
    /// `distance <= threshold`), with a 95% confidence margin.
    ///
    /// Expected false pairs in a collection of `n` images: `n * (n - 1) / 2 * rate`. Measured
    /// with `highFrequencyFactor` 4 (ImageHash's `phash_simple`, `phash-simple`); other
    /// settings use the same table. The row-DCT hash has a heavy lower tail: at 1e-4 and
    /// stricter the table is 0 at every size (only identical fingerprints match). Rates and
    /// sizes that are not in the table follow the rules of `RecommendedThresholdTable`
    /// (Sources/PerceptualHash/Hashing/RecommendedThreshold.swift); a rate `<= 0` or NaN gives 0.
    public func recommendedThreshold(falsePositiveRate: Double) -> Int {
        RecommendedThresholdTable.threshold(.rowDCTHash, bitCount: bitCount, falsePositiveRate: falsePositiveRate)
    }
}

extension PDQHash {
    /// The largest Hamming distance that, on the benchmark photographs, keeps the chance of two
    /// unrelated photos matching at or below `falsePositiveRate` per pair (match when
    /// `distance <= threshold`), with a 95% confidence margin: 99, 90, 80 and 71 of 256 bits at
    /// 1e-3, 1e-4, 1e-5 and 1e-6.
    ///
    /// Measured like the other hashers' tables (`phash-bench thresholds --pdq`, the same 27,261
    /// pairs of 234 photographs, hashed from RGB). Expected false pairs in a collection of `n`
    /// images: `n * (n - 1) / 2 * rate`. The reference's ``matchDistance`` (31) is far
    /// stricter: no pair of those photographs is within 31 of each other (the closest are 94
    /// apart), and it keeps fewer edited copies (see Documentation/Benchmarks.md). Rates that
    /// are not in the table follow the rules of `RecommendedThresholdTable`
    /// (Sources/PerceptualHash/Hashing/RecommendedThreshold.swift): the nearest tabulated rate
    /// that is at least as strict, below 1e-6 the 1e-5 -> 1e-6 step per further decade; a
    /// rate `<= 0` or NaN gives 0.
    public func recommendedThreshold(falsePositiveRate: Double) -> Int {
        RecommendedThresholdTable.threshold(.pdq, bitCount: bitCount, falsePositiveRate: falsePositiveRate)
    }
}

extension WaveletHash {
    /// The largest Hamming distance that, on the benchmark photographs, keeps the chance of two
    /// unrelated photos matching at or below `falsePositiveRate` per pair (match when
    /// `distance <= threshold`), with a 95% confidence margin.
    ///
    /// Measured like the other hashers' tables (`phash-bench thresholds --algorithms
    /// whash,whash-db4`, the same 27,261 pairs of 234 photographs) for both wavelets at sizes
    /// 2 to 32 with the automatic scale and the coarsest approximation removed; other settings
    /// use the same table. The wavelet hash has a heavy lower tail (unrelated photos with the
    /// same light layout share most bits): at 1e-4 and stricter the table is 0 at every size,
    /// and at 1e-3 it is 0 for Haar up to size 8 (only identical fingerprints match). Rates
    /// and sizes that are not in the table follow the rules of `RecommendedThresholdTable`
    /// (Sources/PerceptualHash/Hashing/RecommendedThreshold.swift); a rate `<= 0` or NaN
    /// gives 0.
    public func recommendedThreshold(falsePositiveRate: Double) -> Int {
        RecommendedThresholdTable.threshold(
            wavelet == .haar ? .waveletHash : .waveletHashDaubechies4, bitCount: bitCount,
            falsePositiveRate: falsePositiveRate)
    }
}

extension ColorHash {
    /// The largest Hamming distance that, on the benchmark photographs, keeps the chance of two
    /// unrelated photos matching at or below `falsePositiveRate` per pair (match when
    /// `distance <= threshold`), with a 95% confidence margin.
    ///
    /// Measured like the other hashers' tables (`phash-bench thresholds --algorithms
    /// colorhash`, the same 27,261 pairs of 234 photographs, hashed from RGB) at binBits 2 to 6
    /// and 8. Unrelated photographs often share a palette: the table is 0 at every rate for
    /// binBits up to 6 (only identical fingerprints match), so a colour hash is a filter to
    /// combine with another hash rather than a matcher on its own. Rates and sizes that are
    /// not in the table follow the rules of `RecommendedThresholdTable`
    /// (Sources/PerceptualHash/Hashing/RecommendedThreshold.swift); a rate `<= 0` or NaN
    /// gives 0.
    public func recommendedThreshold(falsePositiveRate: Double) -> Int {
        RecommendedThresholdTable.threshold(.colorHash, bitCount: bitCount, falsePositiveRate: falsePositiveRate)
    }
}
