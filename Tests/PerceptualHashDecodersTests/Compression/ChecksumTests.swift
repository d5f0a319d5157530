@testable import PerceptualHashDecoders
import Testing

@Suite("CRC-32 and Adler-32")
struct ChecksumTests {
    static func bytes(_ count: Int, seed: UInt64) -> [UInt8] {
        var s = seed
        return (0..<count).map { _ in
            s = s &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: s >> 56)
        }
    }

    @Test("known values")
    func knownValues() {
        let check = Array("123456789".utf8)
        #expect(check.withUnsafeBytes { CRC32.checksum($0) } == 0xCBF4_3926)
        #expect(Array("IEND".utf8).withUnsafeBytes { CRC32.checksum($0) } == 0xAE42_6082)
        #expect(Array("Wikipedia".utf8).withUnsafeBytes { Adler32.update(1, $0) } == 0x11E6_0398)
        #expect([UInt8]().withUnsafeBytes { CRC32.checksum($0) } == 0)
        #expect([UInt8]().withUnsafeBytes { Adler32.update(1, $0) } == 1)
    }

    @Test("CRC-32 equals the bitwise definition", arguments: [0, 1, 7, 8, 9, 15, 16, 17, 63, 64, 1000, 4099])
    func crc(_ count: Int) {
        let data = Self.bytes(count, seed: UInt64(count))
        #expect(data.withUnsafeBytes { CRC32.checksum($0) } == Reference.crc32(data), "count \(count)")
        // Continuing over a split equals one pass.
        let cut = count / 3
        let first = Array(data[..<cut]).withUnsafeBytes { CRC32.checksum($0) }
        let both = Array(data[cut...]).withUnsafeBytes { CRC32.checksum($0, continuing: first) }
        #expect(both == Reference.crc32(data), "count \(count) split at \(cut)")
    }

    @Test(
        "Adler-32 equals the definition, across the 5552-byte blocks, for all-0xFF input too",
        arguments: [0, 1, 7, 5551, 5552, 5553, 11104, 20_000])
    func adler(_ count: Int) {
        let data = Self.bytes(count, seed: 7 &+ UInt64(count))
        #expect(data.withUnsafeBytes { Adler32.update(1, $0) } == Reference.adler32(data), "count \(count)")
        let ones = [UInt8](repeating: 0xFF, count: count)
        #expect(ones.withUnsafeBytes { Adler32.update(1, $0) } == Reference.adler32(ones), "0xFF x \(count)")
    }
}
