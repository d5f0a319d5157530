/// Reads the entropy-coded data of a scan, MSB first, removing the `00` stuffed after each
/// `FF` data byte. At a marker (or the end of the input) it stops advancing and supplies
/// zero bits, as libjpeg does; `hitEnd` records that the input ran out.
struct JPEGBitReader {
    let base: UnsafePointer<UInt8>
    let end: Int
    /// The next byte to read.
    var position: Int
    /// Up to 64 bits, the next one in the most significant position.
    var buffer: UInt64 = 0
    var count: Int = 0
    /// Whether a marker stopped the reading.
    var atMarker = false
    /// Whether the input ended before a marker.
    var hitEnd = false

    init(_ bytes: UnsafeRawBufferPointer, at position: Int) {
        base = bytes.baseAddress!.assumingMemoryBound(to: UInt8.self)
        end = bytes.count
        self.position = position
    }

    @inline(__always)
    mutating func refill() {
        while count <= 56 {
            var byte: UInt64 = 0
            if !atMarker && position < end {
                let b = base[position]
                if b != 0xFF {
                    byte = UInt64(b)
                    position += 1
                } else {
                    var next = position + 1
                    while next < end && base[next] == 0xFF { next += 1 }
                    if next >= end {
                        hitEnd = true
                        position = end
                    } else if base[next] == 0 {
                        byte = 0xFF
                        position = next + 1
                    } else {
                        atMarker = true
                        position = next - 1
                    }
                }
            } else if !atMarker {
                hitEnd = true
            }
            buffer |= byte << UInt64(56 - count)
            count += 8
        }
    }

    @inline(__always)
    mutating func bits(_ n: Int) -> Int {
        if count < n { refill() }
        let v = Int(truncatingIfNeeded: buffer >> UInt64(64 - n))
        buffer <<= UInt64(n)
        count -= n
        return v
    }

    @inline(__always)
    mutating func bit() -> Int {
        if count < 1 { refill() }
        let v = Int(truncatingIfNeeded: buffer >> 63)
        buffer <<= 1
        count -= 1
        return v
    }

    /// `n` bits (0...16) as a signed value: JPEG's EXTEND.
    @inline(__always)
    mutating func receiveExtend(_ n: Int) -> Int {
        if n == 0 { return 0 }
        let v = bits(n)
        return v < (1 << (n - 1)) ? v - (1 << n) + 1 : v
    }

    /// The next Huffman symbol, or -1 for a bit sequence that is no code.
    @inline(__always)
    mutating func decode(_ table: JPEGHuffmanLookup) -> Int {
        if count < 16 { refill() }
        return decodeUnchecked(table)
    }

    /// Makes at least 32 bits available (a code and its extra bits).
    @inline(__always)
    mutating func ensure32() {
        if count < 32 { refill() }
    }

    /// ``decode(_:)`` when at least 16 bits are buffered.
    @inline(__always)
    mutating func decodeUnchecked(_ table: JPEGHuffmanLookup) -> Int {
        let peek = Int(truncatingIfNeeded: buffer >> UInt64(64 - JPEGHuffmanTable.lookaheadBits))
        let entry = table.lookahead[peek]
        if entry != 0 {
            let length = Int(entry >> 8)
            buffer <<= UInt64(length)
            count -= length
            return Int(entry & 0xFF)
        }
        var length = JPEGHuffmanTable.lookaheadBits + 1
        var code = Int32(truncatingIfNeeded: buffer >> UInt64(64 - length))
        while length <= 16 && code > table.maxCode[length] {
            length += 1
            code = Int32(truncatingIfNeeded: buffer >> UInt64(64 - length))
        }
        if length > 16 { return -1 }
        buffer <<= UInt64(length)
        count -= length
        return Int(table.symbols[Int(code + table.offset[length])])
    }

    /// ``receiveExtend(_:)`` for `n` in 1...16 when at least `n` bits are buffered.
    @inline(__always)
    mutating func extendUnchecked(_ n: Int) -> Int {
        let v = Int(truncatingIfNeeded: buffer >> UInt64(64 - n))
        buffer <<= UInt64(n)
        count -= n
        return v < (1 << (n - 1)) ? v - (1 << n) + 1 : v
    }

    /// Drops the buffered bits and moves past the restart marker expected next (`RST0 + n`),
    /// skipping stray bytes before it as libjpeg does. False when another marker comes first.
    mutating func restart(expecting n: Int) -> Bool {
        buffer = 0
        count = 0
        atMarker = false
        while position + 1 < end {
            if base[position] == 0xFF && base[position + 1] != 0 && base[position + 1] != 0xFF {
                let marker = base[position + 1]
                if marker == 0xD0 + UInt8(n) {
                    position += 2
                    return true
                }
                return false
            }
            position += 1
        }
        return false
    }
}
