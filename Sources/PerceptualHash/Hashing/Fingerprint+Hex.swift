/// Why a string is not a fingerprint's hex form, or why two fingerprints cannot be compared.
public enum FingerprintError: Error, Equatable, Hashable, Sendable {
    /// The string is empty.
    case empty
    /// A bit count below 1 was asked for.
    case invalidBitCount(Int)
    /// A character that is not a hex digit (`0-9`, `a-f`, `A-F`), at `offset` (in
    /// Unicode scalars from the start).
    case invalidCharacter(Unicode.Scalar, offset: Int)
    /// The string has `found` digits, more than the `expected` `ceil(bitCount / 4)` that a
    /// `bitCount`-bit value can take.
    case wrongLength(expected: Int, found: Int)
    /// The value does not fit in the bit count: the string has all `ceil(bitCount / 4)`
    /// digits and the leading one sets bits above the bit count (for example `"3ff"` for 9 bits).
    case tooManyBits(bitCount: Int)
    /// A Codable form with a malformed `/bitCount` suffix.
    case malformedBitCountSuffix
    /// Two fingerprints of different lengths were compared with
    /// ``Fingerprint/checkedDistance(to:)``: `bitCount` bits against `otherBitCount` bits.
    case bitCountMismatch(bitCount: Int, otherBitCount: Int)
}

extension FingerprintError: CustomStringConvertible {
    /// One readable sentence with the numbers of the case, for example
    /// `"cannot compare a 64-bit fingerprint with a 40-bit one"` or `"'g' at offset 2 is not
    /// a hex digit (0-9, a-f, A-F)"`. The text is for people; match on the cases in code.
    public var description: String {
        switch self {
        case .empty:
            return "the hex string is empty"
        case .invalidBitCount(let bitCount):
            return "invalid bit count \(bitCount): a fingerprint has at least 1 bit"
        case .invalidCharacter(let scalar, let offset):
            return "'\(scalar.escaped(asASCII: true))' at offset \(offset) is not a hex digit (0-9, a-f, A-F)"
        case .wrongLength(let expected, let found):
            return "\(found) hex digits, more than the \(expected) that the bit count allows"
        case .tooManyBits(let bitCount):
            return "the value does not fit in \(bitCount) bits"
        case .malformedBitCountSuffix:
            return "malformed bit count after '/': expected a decimal number of at least 1"
        case .bitCountMismatch(let bitCount, let otherBitCount):
            return "cannot compare a \(bitCount)-bit fingerprint with a \(otherBitCount)-bit one"
        }
    }
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
    /// The width comes from the string's length, so this is only right for text that kept its
    /// leading zeros (``description`` always does). A 64-bit value that went through an
    /// integer, for example `String(value, radix: 16)` or a database column printed without
    /// padding, may have fewer than 16 digits and would read back as a shorter fingerprint:
    /// use ``init(hex:bitCount:)`` whenever the bit count is known.
    ///
    /// - Throws: ``FingerprintError/empty`` or ``FingerprintError/invalidCharacter(_:offset:)``.
    public init(hex: String) throws(FingerprintError) {
        try self.init(hex: hex, bitCount: hex.unicodeScalars.count * 4)
    }

    /// Parses a `bitCount`-bit fingerprint from hex: the inverse of ``description``, and also
    /// the hex of the same number with leading zeros omitted.
    ///
    /// The string holds 1 to `ceil(bitCount / 4)` hex digits (upper- or lowercase; no `0x`, no
    /// sign, no white space), read as one big-endian integer and padded on the left with zero
    /// bits to `bitCount` bits, so `"3e388587f9"` with `bitCount: 64` is the same fingerprint
    /// as `"0000003e388587f9"`. With all `ceil(bitCount / 4)` digits, the unused high bits of
    /// the first digit (when `bitCount` is not a multiple of 4) must be zero.
    ///
    /// ```swift
    /// let f = try Fingerprint(hex: "1ff", bitCount: 9)          // 9 bits, all set
    /// let g = try Fingerprint(hex: "ff", bitCount: 64)          // 0x00000000000000ff
    /// g.description                                              // "00000000000000ff"
    /// ```
    ///
    /// - Throws: ``FingerprintError/empty`` for an empty string,
    ///   ``FingerprintError/invalidBitCount(_:)`` for a bit count below 1,
    ///   ``FingerprintError/invalidCharacter(_:offset:)`` for a non-hex character,
    ///   ``FingerprintError/wrongLength(expected:found:)`` for more than `ceil(bitCount / 4)`
    ///   digits, and ``FingerprintError/tooManyBits(bitCount:)`` for a value of `bitCount`
    ///   digits that sets bits beyond `bitCount`.
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
        guard !values.isEmpty else { throw .empty }
        // Omitted leading digits are zeros: digit k of the string is digit
        // `k + missing` of the full-width form.
        let missing = digits - values.count
        let lead = digits * 4 - bitCount
        if missing == 0 {
            guard Int(values[0]) >> (4 - lead) == 0 else { throw .tooManyBits(bitCount: bitCount) }
        }
        self.init(bitCount: bitCount)
        for k in values.indices {
            let nibble = Int(values[k])
            let d = k + missing
            for b in 0..<4 where nibble & (8 >> b) != 0 {
                self[bit: d * 4 + b - lead] = true
            }
        }
    }
}

extension Fingerprint {
    /// The Hamming distance, or a thrown ``FingerprintError/bitCountMismatch(bitCount:otherBitCount:)``
    /// when the two fingerprints have different lengths.
    ///
    /// ``distance(to:)`` treats a length mismatch as a programmer error and stops the process;
    /// use this one where fingerprints come from outside (a database, a file, a request) and
    /// their lengths are not known to agree. The result is the same as ``distance(to:)``.
    ///
    /// ```swift
    /// let a = try Fingerprint(hex: "d027473e388587f9")
    /// let b = try Fingerprint(hex: "3e388587f9")          // 40 bits: leading zeros were lost
    /// do {
    ///     _ = try a.checkedDistance(to: b)
    /// } catch {
    ///     print(error)   // cannot compare a 64-bit fingerprint with a 40-bit one
    /// }
    /// ```
    ///
    /// - Throws: ``FingerprintError/bitCountMismatch(bitCount:otherBitCount:)`` when
    ///   `bitCount != other.bitCount`.
    @inlinable
    public func checkedDistance(to other: Fingerprint) throws(FingerprintError) -> Int {
        guard bitCount == other.bitCount else {
            throw .bitCountMismatch(bitCount: bitCount, otherBitCount: other.bitCount)
        }
        return distance(to: other)
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
