extension RobustIndex {
    /// The index in the binary file format of `Documentation/Search.md`, version 2 (robust):
    /// the underlying index's entries (every view under its image's id), flagged robust and
    /// marked with `configurationTag`, the ``RobustHasher/configurationTag`` of the hasher and
    /// configuration that made the sets (see ``IndexFile``).
    ///
    /// ```swift
    /// let robust = RobustHasher(PDQHash())
    /// var index = RobustIndex<LinearScanIndex>(bitCount: 256)
    /// index.insert(robust.referenceFingerprint(of: image), id: 1)
    /// let bytes = index.serialized(configurationTag: robust.configurationTag)
    /// let back = try RobustIndex<LinearScanIndex>(serialized: bytes, configurationTag: robust.configurationTag)
    /// ```
    public func serialized(configurationTag: UInt32) -> [UInt8] {
        IndexFile.robustFile(index.serialized(), tag: configurationTag)
    }

    /// Restores an index from ``serialized(configurationTag:)`` bytes made with the same tag.
    ///
    /// - Throws: ``IndexFileError/notARobustIndexFile`` for a plain (version 1) index file,
    ///   ``IndexFileError/configurationMismatch(expected:found:)`` when the file's tag is not
    ///   `configurationTag` (sets of another hasher or other views, which must not be compared
    ///   with this configuration's queries), and the underlying index's errors for a file that
    ///   is truncated, corrupted, or of another index kind.
    public init(serialized bytes: [UInt8], configurationTag: UInt32) throws(IndexFileError) {
        self.init(try Index(serialized: try IndexFile.plainFile(bytes, tag: configurationTag)))
    }
}
