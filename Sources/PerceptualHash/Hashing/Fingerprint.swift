/// A perceptual fingerprint: a fixed-length string of bits whose Hamming distance to another
/// fingerprint tells how alike two images look.
///
/// "Fingerprint" (or "perceptual hash") is the output of a hasher such as ``AverageHash``.
/// It is unrelated to `hash(into:)`: `Fingerprint` is also `Hashable` so it can key a `Set`
/// or `Dictionary`, and that hashing only tells equal values apart; two fingerprints one bit
/// apart have unrelated `hashValue`s.
///
/// Bits are numbered `0 ..< bitCount` in the order a hasher produces them (row-major for the
/// square hashes). ``description`` reads them as one big-endian integer, bit 0 most
/// significant, and prints it as lowercase hex zero-padded to `ceil(bitCount / 4)` digits,
/// exactly as ImageHash's `str(hash)` does; a partial nibble comes first. Bit 0 alone set in a
/// 64-bit fingerprint prints `8000000000000000`.
///
/// Up to 256 bits are stored inline, without a heap allocation; longer fingerprints keep the
/// words past the fourth in an array.
///
/// ```swift
/// let a = try Fingerprint(hex: "d027473e388587f9")
/// let b = try Fingerprint(hex: "d027473e388587f8")
/// a.distance(to: b)        // 1
/// a.bitCount               // 64
/// a.uint64Value            // 0xd027473e388587f9
/// ```
public struct Fingerprint: Sendable, Hashable {
    /// The number of bits, at least 1.
    public let bitCount: Int
    /// Words 0 to 3; bit `i` is bit `63 - i % 64` of word `i / 64`. Unused bits are zero.
    @usableFromInline internal var head: SIMD4<UInt64>
    /// Words 4 and later, empty (no allocation) when `bitCount <= 256`.
    @usableFromInline internal var tail: [UInt64]

    /// The number of bits stored inline, without a heap allocation: 256.
    public static let inlineBitCapacity = 256

    /// A fingerprint of `bitCount` bits, all zero.
    ///
    /// - Precondition: `bitCount >= 1`.
    public init(bitCount: Int) {
        precondition(bitCount >= 1, "a fingerprint has at least 1 bit, not \(bitCount)")
        self.bitCount = bitCount
        self.head = .zero
        let words = (bitCount + 63) >> 6
        self.tail = words > 4 ? [UInt64](repeating: 0, count: words - 4) : []
    }

    /// A fingerprint whose bit `i` is the `i`-th element of `bits`.
    ///
    /// - Precondition: `bits` is not empty.
    public init(bits: some Collection<Bool>) {
        self.init(bitCount: bits.count)
        var i = 0
        for bit in bits {
            if bit { self[bit: i] = true }
            i += 1
        }
    }

    /// The number of 64-bit words, `ceil(bitCount / 64)`.
    @inlinable
    public var wordCount: Int { (bitCount + 63) >> 6 }

    /// Word `index` of the bit string: bit `i` of the fingerprint is bit `63 - i % 64` (counting
    /// from the least significant) of word `i / 64`; bits past `bitCount` are zero.
    ///
    /// - Precondition: `0 <= index < wordCount`.
    @inlinable
    public func word(_ index: Int) -> UInt64 {
        precondition(index >= 0 && index < wordCount, "word \(index) is outside 0..<\(wordCount)")
        return index < 4 ? head[index] : tail[index - 4]
    }

    /// Sets word `index` (same layout as ``word(_:)``); bits past `bitCount` are cleared.
    ///
    /// - Precondition: `0 <= index < wordCount`.
    @inlinable
    public mutating func setWord(_ index: Int, to value: UInt64) {
        precondition(index >= 0 && index < wordCount, "word \(index) is outside 0..<\(wordCount)")
        var v = value
        if index == wordCount - 1, bitCount & 63 != 0 {
            v &= ~UInt64(0) << UInt64(64 - bitCount & 63)
        }
        if index < 4 { head[index] = v } else { tail[index - 4] = v }
    }

    /// All words in order (see ``word(_:)``).
    public var words: [UInt64] { (0..<wordCount).map(word) }

    /// Bit `index`, `0 ..< bitCount`.
    ///
    /// - Precondition: `0 <= index < bitCount`.
    @inlinable
    public subscript(bit index: Int) -> Bool {
        get {
            precondition(index >= 0 && index < bitCount, "bit \(index) is outside 0..<\(bitCount)")
            return word(index >> 6) & (1 << UInt64(63 - index & 63)) != 0
        }
        set {
            precondition(index >= 0 && index < bitCount, "bit \(index) is outside 0..<\(bitCount)")
            let mask: UInt64 = 1 << UInt64(63 - index & 63)
            let w = word(index >> 6)
            setWord(index >> 6, to: newValue ? w | mask : w & ~mask)
        }
    }

    /// The number of bits set.
    @inlinable
    public var nonzeroBitCount: Int {
        var n = 0
        for i in 0..<4 { n &+= head[i].nonzeroBitCount }
        for w in tail { n &+= w.nonzeroBitCount }
        return n
    }

    /// The Hamming distance: the number of bit positions where `self` and `other` differ,
    /// `0 ... bitCount`. This is ImageHash's `h1 - h2`.
    ///
    /// Comparing fingerprints of different lengths is a programmer error (they come from
    /// different algorithms or sizes), checked by a precondition that stops the process. For
    /// fingerprints read from outside, whose lengths may differ, use
    /// ``checkedDistance(to:)``, which throws instead.
    ///
    /// - Complexity: O(`bitCount / 64`); one XOR and one population count per word.
    /// - Precondition: `bitCount == other.bitCount`.
    @inlinable
    public func distance(to other: Fingerprint) -> Int {
        precondition(
            bitCount == other.bitCount,
            "cannot compare a \(bitCount)-bit fingerprint with a \(other.bitCount)-bit one")
        let x = head ^ other.head
        var n =
            x[0].nonzeroBitCount &+ x[1].nonzeroBitCount &+ x[2].nonzeroBitCount
            &+ x[3].nonzeroBitCount
        if !tail.isEmpty {
            for i in tail.indices { n &+= (tail[i] ^ other.tail[i]).nonzeroBitCount }
        }
        return n
    }

    /// The Hamming distance divided by `bitCount`: 0 for equal fingerprints, 1 when every bit
    /// differs, about 0.5 for unrelated images.
    ///
    /// - Precondition: `bitCount == other.bitCount`.
    @inlinable
    public func normalizedDistance(to other: Fingerprint) -> Double {
        Double(distance(to: other)) / Double(bitCount)
    }
}

// MARK: - UInt64

extension Fingerprint {
    /// A fingerprint of `bitCount` bits (1 ... 64) holding `value` as its big-endian integer:
    /// bit 0 is bit `bitCount - 1` of `value`. For 64 bits, `Fingerprint(UInt64(h), bitCount: 64)`
    /// restores a value stored from ``uint64Value``.
    ///
    /// - Precondition: `1 <= bitCount <= 64` and `value < 2^bitCount`.
    public init(_ value: UInt64, bitCount: Int = 64) {
        precondition(bitCount >= 1 && bitCount <= 64, "a UInt64 holds 1 to 64 bits, not \(bitCount)")
        precondition(
            bitCount == 64 || value >> UInt64(bitCount) == 0,
            "\(value) does not fit in \(bitCount) bits")
        self.init(bitCount: bitCount)
        setWord(0, to: value << UInt64(64 - bitCount))
    }

    /// The fingerprint as one integer (bit 0 most significant), for fingerprints of at most
    /// 64 bits; `nil` for longer ones. For 64 bits this is the number whose hex is
    /// ``description``; store it in a database column as a signed 64-bit value with
    /// `Int64(bitPattern:)`.
    public var uint64Value: UInt64? {
        guard bitCount <= 64 else { return nil }
        return head[0] >> UInt64(64 - bitCount)
    }
}
