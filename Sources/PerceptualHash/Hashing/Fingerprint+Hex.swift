/// Why a string is not a fingerprint's hex form.
public enum FingerprintError: Error, Equatable, Hashable, Sendable {
    /// The string is empty.
    case empty
    /// A bit count below 1 was asked for.
    case invalidBitCount(Int)
    /// A character that is not a hex digit (`0-9`, `a-f`, `A-F`), at `offset` (in
    /// Unicode scalars from the start).
    case invalidCharacter(Unicode.Scalar, offset: Int)
    /// The string has `found` digits where the bit count needs `expected` (`ceil(bitCount / 4)`).
    case wrongLength(expected: Int, found: Int)
    /// The leading digit sets bits above the bit count (for example `"3ff"` for 9 bits).
    case tooManyBits(bitCount: Int)
    /// A Codable form with a malformed `/bitCount` suffix.
    case malformedBitCountSuffix
}

extension Fingerprint: CustomStringConvertible, LosslessStringConvertible {
    /// The hex form: the bits as one big-endian integer (bit 0 most significant), lowercase,
    /// zero-padded to `ceil(bitCount / 4)` digits. Identical to ImageHash's `str(hash)`.
    public var description: String {
        let digits = (bitCount + 3) >> 2
        let lead = digits * 4 - bitCount  // unused high bits of the first digit
        let table: [UInt8] = Array("0123456789abcdef".utf8)
        return String(unsafeUninitializedCapacity: digits) { out in
            for d in 0..<digits {
                var nibble = 0
                for b in 0..<4 {
                    let i = d * 4 + b - lead  // bit index feeding this nibble position
                    if i >= 0, self[bit: i] { nibble |= 8 >> b }
                }
                out[d] = table[nibble]
            }
            return digits
        }
    }

    /// Parses the hex form with the bit count `4 * digits`, as ImageHash's
    /// `hex_to_hash` does. Upper- and lowercase digits are accepted; nothing else is
    /// (no `0x`, no whitespace). Returns `nil` where ``init(hex:bitCount:)`` would throw.
    public init?(_ description: String) {
        guard let value = try? Fingerprint(hex: description) else { return nil }
        self = value
    }

    /// Parses the hex form with the bit count `4 * digits` (16 digits: 64 bits).
    ///
    /// - Throws: ``FingerprintError/empty`` or ``FingerprintError/invalidCharacter(_:offset:)``.
    public init(hex: String) throws(FingerprintError) {
        try self.init(hex: hex, bitCount: hex.unicodeScalars.count * 4)
    }

    /// Parses the hex form of a `bitCount`-bit fingerprint, the inverse of ``description``.
    ///
    /// The string must have exactly `ceil(bitCount / 4)` digits, and when `bitCount` is not a
    /// multiple of 4 the unused high bits of the first digit must be zero.
    ///
    /// ```swift
    /// let f = try Fingerprint(hex: "1ff", bitCount: 9)   // 9 bits, all set
    /// ```
    ///
    /// - Throws: ``FingerprintError`` for an empty string, a bit count below 1, a non-hex
    ///   character, a wrong number of digits, or bits beyond `bitCount`.
    public init(hex: String, bitCount: Int) throws(FingerprintError) {
        guard bitCount >= 1 else {
            throw hex.isEmpty ? .empty : .invalidBitCount(bitCount)
        }
        let scalars = hex.unicodeScalars
        let digits = (bitCount + 3) >> 2
        var values: [UInt8] = []
        values.reserveCapacity(min(scalars.count, digits))
        for (offset, s) in scalars.enumerated() {
            let v: UInt8
            switch s.value {
            case 0x30...0x39: v = UInt8(s.value - 0x30)
            case 0x61...0x66: v = UInt8(s.value - 0x61 + 10)
            case 0x41...0x46: v = UInt8(s.value - 0x41 + 10)
            default: throw .invalidCharacter(s, offset: offset)
            }
            if values.count == digits { throw .wrongLength(expected: digits, found: scalars.count) }
            values.append(v)
        }
        guard values.count == digits else {
            throw values.isEmpty ? .empty : .wrongLength(expected: digits, found: values.count)
        }
        let lead = digits * 4 - bitCount
        guard Int(values[0]) >> (4 - lead) == 0 else { throw .tooManyBits(bitCount: bitCount) }
        self.init(bitCount: bitCount)
        for d in 0..<digits {
            let nibble = Int(values[d])
            for b in 0..<4 where nibble & (8 >> b) != 0 {
                self[bit: d * 4 + b - lead] = true
            }
        }
    }
}

extension Fingerprint: Codable {
    /// Encodes the fingerprint as one string: ``description`` when `bitCount` is a multiple of
    /// 4, otherwise ``description`` followed by `/` and the bit count (`"1ff/9"`), so that
    /// decoding restores the exact bit count.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(bitCount % 4 == 0 ? description : "\(description)/\(bitCount)")
    }

    /// Decodes the string form written by ``encode(to:)``.
    ///
    /// - Throws: `DecodingError.dataCorrupted` wrapping a ``FingerprintError`` description
    ///   when the string is not a valid form.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            if let slash = text.firstIndex(of: "/") {
                guard let bits = Int(text[text.index(after: slash)...]), bits >= 1 else {
                    throw FingerprintError.malformedBitCountSuffix
                }
                try self.init(hex: String(text[..<slash]), bitCount: bits)
            } else {
                try self.init(hex: text)
            }
        } catch {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "not a fingerprint: \(text) (\(error))")
        }
    }
}
