/// The fingerprints of one image under several views (``RobustVariant``): what robust matching
/// stores for a reference and computes for a query.
///
/// Two sets are compared by ``distance(to:)``, the smallest Hamming distance between any
/// fingerprint of one and any fingerprint of the other. A reference's set holds the views its
/// edited copies may show; a query's holds one or two (``RobustConfiguration``).
///
/// Stable forms for storage:
/// - text (``description``, ``init(_:)``): `robust1/<bits>;<variant>=<hex>;...`, with each
///   variant in ``RobustVariant/description``'s form and each fingerprint in
///   ``Fingerprint/description``'s hex, in the set's order;
/// - binary (``serialized()``, ``init(serialized:)``): the 4 bytes `PHRF`, a version byte
///   (1), the bit count and the number of entries as little-endian `UInt32`s, then per entry
///   the four cuts as `UInt8`, the rotation as `Int8`, the symmetry's raw value as `UInt8`, and
///   the fingerprint's `ceil(bits / 8)` bytes, most significant first (the hex's bytes);
/// - `Codable`: the text form as one string.
///
/// ```swift
/// let set = try RobustFingerprint("robust1/64;0,0,0,0@0/0=d027473e388587f9")
/// set.count                      // 1
/// set.distance(to: set)          // 0
/// ```
public struct RobustFingerprint: Sendable, Hashable, Codable, CustomStringConvertible {
    /// One view and its fingerprint.
    public struct Entry: Sendable, Hashable {
        /// The view that was hashed.
        public var variant: RobustVariant
        /// Its fingerprint.
        public var fingerprint: Fingerprint

        /// An entry.
        public init(variant: RobustVariant, fingerprint: Fingerprint) {
            self.variant = variant
            self.fingerprint = fingerprint
        }
    }

    /// The bit count shared by every fingerprint of the set.
    public let bitCount: Int
    /// The entries, in the order the configuration lists the views.
    public let entries: [Entry]

    /// A set from entries.
    ///
    /// - Throws: ``RobustFingerprintError/empty`` without entries, and
    ///   ``RobustFingerprintError/mixedBitCounts(_:_:)`` when the fingerprints' lengths differ.
    public init(entries: [Entry]) throws(RobustFingerprintError) {
        guard let first = entries.first else { throw .empty }
        for e in entries where e.fingerprint.bitCount != first.fingerprint.bitCount {
            throw .mixedBitCounts(first.fingerprint.bitCount, e.fingerprint.bitCount)
        }
        self.bitCount = first.fingerprint.bitCount
        self.entries = entries
    }

    /// Entries already checked by the caller.
    init(checkedEntries entries: [Entry]) {
        self.bitCount = entries[0].fingerprint.bitCount
        self.entries = entries
    }

    /// The number of entries.
    public var count: Int { entries.count }

    /// The fingerprints, in entry order.
    public var fingerprints: [Fingerprint] { entries.map(\.fingerprint) }

    /// The fingerprint of `variant`, or `nil` when the set does not hold it.
    public func fingerprint(for variant: RobustVariant) -> Fingerprint? {
        entries.first { $0.variant == variant }?.fingerprint
    }

    /// The smallest Hamming distance between a fingerprint of `self` and one of `other`,
    /// `0 ... bitCount`. Symmetric.
    ///
    /// - Complexity: `count * other.count` Hamming distances.
    /// - Precondition: `bitCount == other.bitCount`.
    public func distance(to other: RobustFingerprint) -> Int {
        precondition(
            bitCount == other.bitCount, "cannot compare \(bitCount)-bit and \(other.bitCount)-bit robust fingerprints")
        var best = Int.max
        for a in entries {
            for b in other.entries {
                let d = a.fingerprint.distance(to: b.fingerprint)
                if d < best {
                    best = d
                    if d == 0 { return 0 }
                }
            }
        }
        return best
    }

    /// Whether ``distance(to:)`` is at most `threshold`; stops at the first pair within it.
    ///
    /// - Precondition: `bitCount == other.bitCount`.
    public func matches(_ other: RobustFingerprint, within threshold: Int) -> Bool {
        precondition(
            bitCount == other.bitCount, "cannot compare \(bitCount)-bit and \(other.bitCount)-bit robust fingerprints")
        for a in entries {
            for b in other.entries where a.fingerprint.distance(to: b.fingerprint) <= threshold { return true }
        }
        return false
    }

    // MARK: - Text

    /// The text form, `robust1/<bits>;<variant>=<hex>;...` (see the type's description).
    public var description: String {
        "robust1/\(bitCount)" + entries.map { ";\($0.variant)=\($0.fingerprint)" }.joined()
    }

    /// Parses the text form.
    ///
    /// - Throws: ``RobustFingerprintError/malformedText(_:)`` naming the part that does not
    ///   parse, or the errors of ``init(entries:)``.
    public init(_ text: String) throws(RobustFingerprintError) {
        let parts = text.split(separator: ";", omittingEmptySubsequences: false)
        guard let head = parts.first, head.hasPrefix("robust1/"), let bits = Int(head.dropFirst(8)), bits >= 1,
            bits <= Self.maximumBitCount
        else { throw .malformedText(String(text.prefix(40))) }
        guard parts.count - 1 <= Self.maximumCount else { throw .tooManyEntries(parts.count - 1) }
        var entries: [Entry] = []
        entries.reserveCapacity(parts.count - 1)
        for part in parts.dropFirst() {
            let pair = part.split(separator: "=", omittingEmptySubsequences: false)
            guard pair.count == 2, let variant = RobustVariant(String(pair[0])),
                let fingerprint = try? Fingerprint(hex: String(pair[1]), bitCount: bits)
            else { throw .malformedText(String(part.prefix(40))) }
            entries.append(Entry(variant: variant, fingerprint: fingerprint))
        }
        try self.init(entries: entries)
    }

    /// The largest bit count the text and binary forms accept: 4096.
    public static let maximumBitCount = 4096
    /// The largest number of entries the text and binary forms accept: 4096.
    public static let maximumCount = 4096

    // MARK: - Binary

    /// The binary form (see the type's description): `13 + count * (6 + ceil(bitCount / 8))` bytes.
    public func serialized() -> [UInt8] {
        let bytesPerFingerprint = (bitCount + 7) / 8
        var out: [UInt8] = Array("PHRF".utf8) + [1]
        out.reserveCapacity(13 + count * (6 + bytesPerFingerprint))
        for value in [UInt32(bitCount), UInt32(count)] {
            for k in 0..<4 { out.append(UInt8(truncatingIfNeeded: value >> (8 * k))) }
        }
        for e in entries {
            let v = e.variant
            out += [
                UInt8(v.left), UInt8(v.top), UInt8(v.right), UInt8(v.bottom),
                UInt8(bitPattern: Int8(v.rotation)), UInt8(v.symmetry.rawValue),
            ]
            var written = 0
            for w in 0..<e.fingerprint.wordCount {
                let word = e.fingerprint.word(w)
                for k in 0..<8 where written < bytesPerFingerprint {
                    out.append(UInt8(truncatingIfNeeded: word >> (56 - 8 * k)))
                    written += 1
                }
            }
        }
        return out
    }

    /// Reads the binary form.
    ///
    /// - Throws: ``RobustFingerprintError/badMagic``, ``RobustFingerprintError/unsupportedVersion(_:)``,
    ///   ``RobustFingerprintError/truncated(expected:found:)`` (also for trailing bytes, with
    ///   `found` the actual length), ``RobustFingerprintError/invalidBitCount(_:)``,
    ///   ``RobustFingerprintError/tooManyEntries(_:)``, ``RobustFingerprintError/invalidVariant(index:)``,
    ///   ``RobustFingerprintError/nonzeroPadding(index:)``, or the errors of ``init(entries:)``.
    public init(serialized bytes: [UInt8]) throws(RobustFingerprintError) {
        guard bytes.count >= 13 else {
            if bytes.count >= 4, Array(bytes[0..<4]) != Array("PHRF".utf8) { throw .badMagic }
            throw .truncated(expected: 13, found: bytes.count)
        }
        guard Array(bytes[0..<4]) == Array("PHRF".utf8) else { throw .badMagic }
        guard bytes[4] == 1 else { throw .unsupportedVersion(Int(bytes[4])) }
        func u32(_ at: Int) -> Int { (0..<4).reduce(0) { $0 | Int(bytes[at + $1]) << (8 * $1) } }
        let bits = u32(5), n = u32(9)
        guard bits >= 1, bits <= Self.maximumBitCount else { throw .invalidBitCount(bits) }
        guard n <= Self.maximumCount else { throw .tooManyEntries(n) }
        let per = 6 + (bits + 7) / 8
        let expected = 13 + n * per
        guard bytes.count == expected else { throw .truncated(expected: expected, found: bytes.count) }
        var entries: [Entry] = []
        entries.reserveCapacity(n)
        for i in 0..<n {
            let o = 13 + i * per
            let rotation = Int(Int8(bitPattern: bytes[o + 4]))
            guard
                RobustVariant.isValid(
                    left: Int(bytes[o]), top: Int(bytes[o + 1]), right: Int(bytes[o + 2]),
                    bottom: Int(bytes[o + 3]), rotation: rotation),
                let symmetry = DihedralTransform(rawValue: Int(bytes[o + 5]))
            else { throw .invalidVariant(index: i) }
            let variant = RobustVariant(
                left: Int(bytes[o]), top: Int(bytes[o + 1]), right: Int(bytes[o + 2]),
                bottom: Int(bytes[o + 3]), rotation: rotation, symmetry: symmetry)
            var fingerprint = Fingerprint(bitCount: bits)
            for w in 0..<fingerprint.wordCount {
                var word: UInt64 = 0
                for k in 0..<8 {
                    let b = w * 8 + k
                    let byte = b < (bits + 7) / 8 ? UInt64(bytes[o + 6 + b]) : 0
                    word |= byte << UInt64(56 - 8 * k)
                }
                let before = word
                fingerprint.setWord(w, to: word)
                guard fingerprint.word(w) == before else { throw .nonzeroPadding(index: i) }
            }
            entries.append(Entry(variant: variant, fingerprint: fingerprint))
        }
        try self.init(entries: entries)
    }

    // MARK: - Codable

    /// Encodes the text form as one string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Decodes the text form; a string that does not parse is a `DecodingError.dataCorrupted`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try RobustFingerprint(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\(error)")
        }
    }
}

/// Why a robust fingerprint could not be built or read.
public enum RobustFingerprintError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A set needs at least one entry.
    case empty
    /// Two entries have fingerprints of these different lengths.
    case mixedBitCounts(Int, Int)
    /// The text form does not parse; the associated value is the offending part (at most 40 characters).
    case malformedText(String)
    /// The binary form does not start with `PHRF`.
    case badMagic
    /// The binary form has a version this library does not read.
    case unsupportedVersion(Int)
    /// The binary form has `found` bytes where its header announces `expected`.
    case truncated(expected: Int, found: Int)
    /// The bit count is 0 or above ``RobustFingerprint/maximumBitCount``.
    case invalidBitCount(Int)
    /// More entries than ``RobustFingerprint/maximumCount``.
    case tooManyEntries(Int)
    /// Entry `index` has cuts, a rotation or a symmetry out of range.
    case invalidVariant(index: Int)
    /// Entry `index` has bits set past the bit count in its last byte.
    case nonzeroPadding(index: Int)

    /// A one-line English description.
    public var description: String {
        switch self {
        case .empty: "a robust fingerprint needs at least one entry"
        case .mixedBitCounts(let a, let b): "robust fingerprint entries have \(a) and \(b) bits"
        case .malformedText(let part): "malformed robust fingerprint text near \"\(part)\""
        case .badMagic: "not a binary robust fingerprint (no PHRF magic)"
        case .unsupportedVersion(let v): "unsupported robust fingerprint version \(v)"
        case .truncated(let expected, let found): "robust fingerprint has \(found) bytes, expected \(expected)"
        case .invalidBitCount(let bits): "invalid robust fingerprint bit count \(bits)"
        case .tooManyEntries(let n): "robust fingerprint has \(n) entries, more than \(RobustFingerprint.maximumCount)"
        case .invalidVariant(let i): "robust fingerprint entry \(i) has an invalid variant"
        case .nonzeroPadding(let i): "robust fingerprint entry \(i) has bits set past its bit count"
        }
    }
}
