// Short, initializer-like descriptions of the hashers and their preprocessing: the sizes
// always, every other setting only when it differs from the initializer's default, so
// `print(DCTHash())` shows `DCTHash(size: 8, highFrequencyFactor: 4)` and not the hasher's
// transform tables.

extension DCTHash: CustomStringConvertible {
    /// The settings as an initializer call: `DCTHash(size: 8, highFrequencyFactor: 4)` for
    /// the default; `width:`/`height:` for a non-square block; `threshold`, `dcTerm`,
    /// `preprocessing` and `transform` only when they differ from the defaults.
    ///
    /// ```swift
    /// print(DCTHash())                       // DCTHash(size: 8, highFrequencyFactor: 4)
    /// print(DCTHash.classic)                 // DCTHash(size: 8, highFrequencyFactor: 4, threshold: .mean, dcTerm: .excludedFromThreshold)
    /// ```
    public var description: String {
        var s = width == height ? "DCTHash(size: \(width)" : "DCTHash(width: \(width), height: \(height)"
        s += ", highFrequencyFactor: \(highFrequencyFactor)"
        if threshold != .median { s += ", threshold: .\(threshold)" }
        if dcTerm != .included { s += ", dcTerm: .\(dcTerm)" }
        s += preprocessing.argumentSuffix
        if transform != .scipyFFTPack { s += ", transform: .\(transform)" }
        return s + ")"
    }
}

extension RowDCTHash: CustomStringConvertible {
    /// The settings as an initializer call: `RowDCTHash(size: 8, highFrequencyFactor: 4)`
    /// for the default; `preprocessing` and `transform` only when they differ from the defaults.
    ///
    /// ```swift
    /// print(RowDCTHash())                    // RowDCTHash(size: 8, highFrequencyFactor: 4)
    /// ```
    public var description: String {
        var s = "RowDCTHash(size: \(size), highFrequencyFactor: \(highFrequencyFactor)"
        s += preprocessing.argumentSuffix
        if transform != .scipyFFTPack { s += ", transform: .\(transform)" }
        return s + ")"
    }
}

extension AverageHash: CustomStringConvertible {
    /// The settings as an initializer call: `AverageHash(size: 8)` for the default;
    /// `width:`/`height:` for a non-square thumbnail; `preprocessing`, `grayLevels`,
    /// `threshold` and `comparison` only when they differ from the defaults.
    ///
    /// ```swift
    /// print(AverageHash.classic)             // AverageHash(size: 8, grayLevels: 64, comparison: .greaterOrEqual)
    /// ```
    public var description: String {
        var s = width == height ? "AverageHash(size: \(width)" : "AverageHash(width: \(width), height: \(height)"
        s += preprocessing.argumentSuffix
        if grayLevels != 256 { s += ", grayLevels: \(grayLevels)" }
        if threshold != .mean { s += ", threshold: .\(threshold)" }
        if comparison != .greater { s += ", comparison: .\(comparison)" }
        return s + ")"
    }
}

extension DifferenceHash: CustomStringConvertible {
    /// The settings as an initializer call: `DifferenceHash(size: 8)` for the default;
    /// `width:`/`height:` for a non-square grid; `direction`, `polarity` and `preprocessing`
    /// only when they differ from the defaults.
    ///
    /// ```swift
    /// print(DifferenceHash(direction: .vertical))   // DifferenceHash(size: 8, direction: .vertical)
    /// ```
    public var description: String {
        var s = width == height ? "DifferenceHash(size: \(width)" : "DifferenceHash(width: \(width), height: \(height)"
        if direction != .horizontal { s += ", direction: .\(direction)" }
        if polarity != .nextBrighter { s += ", polarity: .\(polarity)" }
        s += preprocessing.argumentSuffix
        return s + ")"
    }
}
