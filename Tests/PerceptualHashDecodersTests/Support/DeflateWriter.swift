@testable import PerceptualHashDecoders

/// Plain reference code for the tests: bitwise CRC-32 and Adler-32 straight from their
/// definitions, an LSB-first bit writer, DEFLATE fixed-code encoding (RFC 1951, 3.2.6),
/// zlib framing, and a PNG chunk writer.
enum Reference {
    /// CRC-32, one bit at a time (reflected 0xEDB88320, init and final XOR 0xFFFFFFFF).
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes {
            c ^= UInt32(b)
            for _ in 0..<8 { c = c & 1 == 1 ? (c >> 1) ^ 0xEDB8_8320 : c >> 1 }
        }
        return ~c
    }

    /// Adler-32 with a modulo after every byte.
    static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        for x in bytes {
            a = (a + UInt32(x)) % 65521
            b = (b + a) % 65521
        }
        return b << 16 | a
    }

    static func bigEndian(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)]
    }

    /// `length, type, data, CRC`.
    static func chunk(_ type: String, _ data: [UInt8], crc: UInt32? = nil) -> [UInt8] {
        let t = Array(type.utf8)
        return bigEndian(UInt32(data.count)) + t + data + bigEndian(crc ?? crc32(t + data))
    }

    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    static func ihdr(width: UInt32, height: UInt32, depth: UInt8, colorType: UInt8, interlace: UInt8 = 0) -> [UInt8] {
        chunk("IHDR", bigEndian(width) + bigEndian(height) + [depth, colorType, 0, 0, interlace])
    }

    /// A PNG of the given chunks after the signature and header, plus IEND.
    static func png(_ header: [UInt8], _ chunks: [UInt8]...) -> [UInt8] {
        signature + header + chunks.flatMap { $0 } + chunk("IEND", [])
    }

    /// `data` as a zlib stream of stored blocks (at most 65,535 bytes each).
    static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var i = 0
        repeat {
            let n = min(65535, data.count - i)
            out.append(i + n == data.count ? 1 : 0)
            out += [UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)]
            out += data[i..<i + n]
            i += n
        } while i < data.count
        return out + bigEndian(adler32(data))
    }
}

/// Writes bits least significant first, as DEFLATE reads them.
struct BitWriter {
    var bytes: [UInt8] = []
    var bitCount = 0

    /// The low `n` bits of `value`, least significant first (header fields, extra bits).
    mutating func write(_ value: Int, _ n: Int) {
        for k in 0..<n {
            if bitCount % 8 == 0 { bytes.append(0) }
            if (value >> k) & 1 == 1 { bytes[bytes.count - 1] |= UInt8(1 << (bitCount % 8)) }
            bitCount += 1
        }
    }

    /// A Huffman code of `n` bits, most significant bit first.
    mutating func writeCode(_ code: Int, _ n: Int) {
        for k in stride(from: n - 1, through: 0, by: -1) { write((code >> k) & 1, 1) }
    }

    /// A literal/length symbol of the fixed code.
    mutating func fixedSymbol(_ s: Int) {
        switch s {
        case 0..<144: writeCode(0x30 + s, 8)
        case 144..<256: writeCode(0x190 + s - 144, 9)
        case 256..<280: writeCode(s - 256, 7)
        default: writeCode(0xC0 + s - 280, 8)
        }
    }

    /// A match of `length` (3...258) at `distance` (1...32768) in the fixed code.
    mutating func fixedMatch(length: Int, distance: Int) {
        let li = Inflater.lengthBase.lastIndex { Int($0) <= length }!
        fixedSymbol(257 + li)
        write(length - Int(Inflater.lengthBase[li]), Int(Inflater.lengthExtra[li]))
        let di = Inflater.distanceBase.lastIndex { Int($0) <= distance }!
        writeCode(di, 5)
        write(distance - Int(Inflater.distanceBase[di]), Int(Inflater.distanceExtra[di]))
    }

    /// The zlib stream: header 78 01, these bits, padding, Adler-32 of `inflated`.
    func zlib(adlerOf inflated: [UInt8]) -> [UInt8] {
        [0x78, 0x01] + bytes + Reference.bigEndian(Reference.adler32(inflated))
    }
}
