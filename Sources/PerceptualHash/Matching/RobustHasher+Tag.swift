extension RobustHasher {
    /// A 32-bit name of the hasher and the configuration, for files that store robust sets
    /// (``RobustIndex/serialized(configurationTag:)``): the CRC-32 (IEEE) of the UTF-8 text
    /// made of `String(describing: hasher)` (the hasher's settings, e.g.
    /// `PDQHash()` or `DCTHash(size: 8, highFrequencyFactor: 4)`), then, each on its own
    /// line, the border trimming (`String(describing:)` of ``RobustConfiguration/trim``, or
    /// `none`), `thumbnailSide workingSide`, and the reference and query views
    /// (``RobustVariant/description``) joined by `;`.
    ///
    /// Two robust hashers have the same tag when they make comparable sets (but for a CRC
    /// collision, about 1 in 4 billion); a change of views or settings changes it, so a
    /// stored index of other sets is refused instead of silently compared.
    public var configurationTag: UInt32 {
        let c = configuration
        let text =
            "\(String(describing: hasher))\n\(c.trim.map { String(describing: $0) } ?? "none")\n"
            + "\(c.thumbnailSide) \(c.workingSide)\n"
            + c.referenceVariants.map(\.description).joined(separator: ";") + "\n"
            + c.queryVariants.map(\.description).joined(separator: ";")
        return IndexFile.crc32(text.utf8)
    }
}
