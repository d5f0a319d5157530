/// Adler-32 (RFC 1950, section 8.2): `s1 = 1 + sum of bytes`, `s2 = sum of the s1 values`,
/// both mod 65,521; the checksum is `s2 << 16 | s1`.
enum Adler32 {
    /// The largest n with `255 n (n + 1) / 2 + (n + 1)(65520) < 2^32`: sums may run this many
    /// bytes before the modulo (zlib's NMAX).
    static let blockLength = 5552

    /// Continues `adler` (1 for an empty input) over `bytes`.
    static func update(_ adler: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var s1 = adler & 0xFFFF, s2 = adler >> 16
        guard var p = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return adler }
        var left = bytes.count
        while left > 0 {
            var n = min(left, blockLength)
            left -= n
            while n >= 8 {
                s1 &+= UInt32(p[0]); s2 &+= s1
                s1 &+= UInt32(p[1]); s2 &+= s1
                s1 &+= UInt32(p[2]); s2 &+= s1
                s1 &+= UInt32(p[3]); s2 &+= s1
                s1 &+= UInt32(p[4]); s2 &+= s1
                s1 &+= UInt32(p[5]); s2 &+= s1
                s1 &+= UInt32(p[6]); s2 &+= s1
                s1 &+= UInt32(p[7]); s2 &+= s1
                p += 8
                n -= 8
            }
            while n > 0 {
                s1 &+= UInt32(p[0]); s2 &+= s1
                p += 1
                n -= 1
            }
            s1 %= 65521
            s2 %= 65521
        }
        return s2 << 16 | s1
    }
}
