/// A file path as the operating system has it: raw bytes (no NUL), which need not be UTF-8.
///
/// Linux file names are byte strings; a `String` cannot hold a name that is not valid UTF-8,
/// so every path the CLI opens, stores or prints goes through this type. Text output uses
/// ``escaped``, which ``init(escaped:)`` reads back exactly.
struct FilePath: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The path's bytes, as passed to `open(2)` (without the terminating NUL).
    var bytes: [UInt8]

    /// The UTF-8 bytes of `text` (a path given on the command line or read from a list).
    init(_ text: String) { bytes = Array(text.utf8) }

    /// A path from raw bytes (from `readdir`, a database, `argv`).
    init(bytes: [UInt8]) { self.bytes = bytes }

    /// The path as text when it is valid UTF-8, else nil.
    var string: String? { String(validating: bytes, as: UTF8.self) }

    /// Orders by bytes (the order of a folder walk).
    static func < (a: FilePath, b: FilePath) -> Bool { a.bytes.lexicographicallyPrecedes(b.bytes) }

    /// One line's worth of printable text that names the path exactly: valid UTF-8 is kept,
    /// except that `\` becomes `\\`, tab `\t`, newline `\n`, carriage return `\r`, and every
    /// other control character (U+0000...U+001F, U+007F) and every byte that is not part of
    /// valid UTF-8 becomes `\xHH` (two lowercase hex digits). ``init(escaped:)`` inverts it.
    var escaped: String {
        var out = ""
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let length = utf8SequenceLength(at: i)
            if length == 0 {
                out += "\\x" + hexByte(bytes[i])
                i += 1
                continue
            }
            if length == 1 {
                let b = bytes[i]
                switch b {
                case 0x5C: out += "\\\\"
                case 0x09: out += "\\t"
                case 0x0A: out += "\\n"
                case 0x0D: out += "\\r"
                case 0..<0x20, 0x7F: out += "\\x" + hexByte(b)
                default: out.unicodeScalars.append(Unicode.Scalar(b))
                }
            } else {
                out += String(decoding: bytes[i..<(i + length)], as: UTF8.self)
            }
            i += length
        }
        return out
    }

    /// The same as ``escaped``.
    var description: String { escaped }

    /// Reads the ``escaped`` form back; nil for a malformed escape (a lone `\` at the end, an
    /// unknown letter after `\`, `\x` without two hex digits).
    init?(escaped text: String) {
        self.init(escapedBytes: Array(text.utf8))
    }

    /// The inverse of ``escaped`` on raw bytes (a line of a file that need not be UTF-8):
    /// `\\`, `\t`, `\n`, `\r` and `\xHH` (either case) are decoded, other bytes taken as
    /// they are; nil for a malformed escape (a lone `\`, `\q`, `\x` without two hex digits).
    init?(escapedBytes utf8: [UInt8]) {
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var i = 0
        while i < utf8.count {
            let b = utf8[i]
            guard b == 0x5C else {
                out.append(b)
                i += 1
                continue
            }
            guard i + 1 < utf8.count else { return nil }
            switch utf8[i + 1] {
            case 0x5C: out.append(0x5C)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "x"):
                guard i + 3 < utf8.count, let hi = hexValue(utf8[i + 2]), let lo = hexValue(utf8[i + 3]) else {
                    return nil
                }
                out.append(hi << 4 | lo)
                i += 4
                continue
            default: return nil
            }
            i += 2
        }
        bytes = out
    }

    /// Calls `body` with the path as a NUL-terminated C string.
    func withCString<R>(_ body: (UnsafePointer<CChar>) throws -> R) rethrows -> R {
        try (bytes + [0]).withUnsafeBufferPointer { buffer in
            try buffer.withMemoryRebound(to: CChar.self) { try body($0.baseAddress!) }
        }
    }

    /// `self` + `/` + `name` (no second `/` when `self` already ends with one).
    func appending(_ name: [UInt8]) -> FilePath {
        var out = bytes
        if out.last != 0x2F { out.append(0x2F) }
        out += name
        return FilePath(bytes: out)
    }

    /// The length of the valid UTF-8 sequence starting at `i`, or 0 when the byte there does
    /// not start one (overlong forms, surrogates and values past U+10FFFF are invalid).
    private func utf8SequenceLength(at i: Int) -> Int {
        let b0 = bytes[i]
        if b0 < 0x80 { return 1 }
        let length: Int
        var low: UInt8 = 0x80, high: UInt8 = 0xBF
        switch b0 {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: return 0
        }
        guard i + length <= bytes.count else { return 0 }
        for k in 1..<length {
            let b = bytes[i + k]
            if k == 1 ? !(low...high).contains(b) : !(0x80...0xBF).contains(b) { return 0 }
        }
        return length
    }
}

private func hexByte(_ b: UInt8) -> String {
    let digits: [Character] = Array("0123456789abcdef")
    return String([digits[Int(b >> 4)], digits[Int(b & 15)]])
}

private func hexValue(_ c: UInt8) -> UInt8? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
    default: nil
    }
}
