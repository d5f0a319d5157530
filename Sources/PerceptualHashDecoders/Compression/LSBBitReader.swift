/// Reads bits least significant first from bytes in memory, as DEFLATE packs them
/// (RFC 1951, section 3.1.1), through a 64-bit buffer.
///
/// ``refill()`` tops the buffer up to at least 56 bits with one unaligned 8-byte load while
/// 8 bytes remain, then byte by byte. Past the end of the input it feeds zero bytes and
/// counts them; once more than 7 such bytes went in, at least one of them has been consumed
/// (the buffer holds at most 63 unconsumed bits), and it throws ``DeflateProblem/truncated``.
/// ``checkNotOverrun()`` tells exactly whether any zero byte was consumed.
struct LSBBitReader {
    let base: UnsafePointer<UInt8>
    let end: Int
    /// The next byte to load.
    var position: Int
    /// Unconsumed bits in the low `count` bits; bits above may hold the next bytes again.
    var bits: UInt64 = 0
    var count: Int = 0
    /// Zero bytes fed past the end of the input.
    var padding: Int = 0

    init(_ bytes: UnsafeRawBufferPointer, at start: Int) {
        base = (bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!).assumingMemoryBound(to: UInt8.self)
        end = bytes.count
        position = start
    }

    /// The input offset of the byte holding the next unconsumed bit.
    var byteOffset: Int { position + padding - (count + 7) / 8 }

    /// Makes at least 56 bits available.
    @inline(__always)
    mutating func refill() throws(DeflateProblem) {
        if count >= 56 { return }
        if position &+ 8 <= end {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self))
            bits |= word &<< UInt64(count)
            position &+= (63 &- count) &>> 3
            count |= 56
        } else {
            try refillSlowly()
        }
    }

    @inline(never)
    mutating func refillSlowly() throws(DeflateProblem) {
        while count <= 56 {
            var byte: UInt64 = 0
            if position < end {
                byte = UInt64(base[position])
                position += 1
            } else {
                padding += 1
                if padding > 7 { throw .truncated }
            }
            bits = bits & ((1 &<< UInt64(count)) &- 1) | byte &<< UInt64(count)
            count += 8
        }
    }

    /// Throws ``DeflateProblem/truncated`` when a zero byte fed past the end has been consumed.
    mutating func checkNotOverrun() throws(DeflateProblem) {
        if padding * 8 > count { throw .truncated }
    }

    /// The next `n` bits (`n <= 32`, after a refill that made them available), not consumed.
    @inline(__always)
    func peek(_ n: Int) -> UInt64 { bits & ((1 &<< UInt64(n)) &- 1) }

    /// Drops `n` bits.
    @inline(__always)
    mutating func consume(_ n: Int) {
        bits &>>= UInt64(n)
        count &-= n
    }

    /// The next `n` bits, consumed (`n <= 32`).
    @inline(__always)
    mutating func read(_ n: Int) throws(DeflateProblem) -> Int {
        try refill()
        let v = Int(truncatingIfNeeded: peek(n))
        consume(n)
        return v
    }

    /// Drops the bits up to the next byte boundary and empties the buffer, so that
    /// ``position`` is the next whole byte (after a check that no padding was consumed).
    mutating func alignToByte() throws(DeflateProblem) {
        consume(count & 7)
        try checkNotOverrun()
        position = byteOffset
        bits = 0
        count = 0
        padding = 0
    }
}
