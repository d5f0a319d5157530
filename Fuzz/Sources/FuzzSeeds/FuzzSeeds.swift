import FuzzEntries
import Glibc
import PerceptualHash
import PerceptualHashTestSupport

/// Writes the seed corpus under Fuzz/Corpus/<target>/ from the library's own encoder and
/// hashers, plus a small writer for the Netpbm variants the library does not encode (plain
/// formats, PBM, maxvals other than 255). Deterministic: rerunning rewrites the same files.
///
///     cd Fuzz && swift run -c release -Xswiftc -parse-as-library FuzzSeeds
@main
enum FuzzSeeds {
    static let corpus: String = {
        var path = "\(#filePath)"
        for _ in 0..<3 { path = String(path[..<path.lastIndex(of: "/")!]) }  // .../Fuzz
        return path + "/Corpus"
    }()

    static func write(_ target: String, _ name: String, _ bytes: [UInt8]) {
        let dir = "\(corpus)/\(target)"
        mkdir(corpus, 0o755)
        mkdir(dir, 0o755)
        guard let file = fopen("\(dir)/\(name)", "wb") else { fatalError("cannot write \(dir)/\(name)") }
        _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        fclose(file)
    }

    /// A deterministic pseudo-random sample stream: the package's seeded SplitMix64.
    typealias Generator = SplitMix64

    /// `count` samples in `0...maxval`.
    static func samples(_ count: Int, maxval: Int, seed: UInt64) -> [Int] {
        var g = Generator(seed: seed)
        return (0..<count).map { _ in Int(g.next() % UInt64(maxval + 1)) }
    }

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// Raw samples: 1 byte below maxval 256, else 2 bytes big-endian.
    static func raw(_ values: [Int], maxval: Int) -> [UInt8] {
        maxval < 256 ? values.map { UInt8($0) } : values.flatMap { [UInt8($0 >> 8), UInt8($0 & 255)] }
    }

    static func plain(_ values: [Int], perLine: Int) -> [UInt8] {
        var out: [UInt8] = []
        for (i, v) in values.enumerated() {
            out += bytes(String(v))
            out.append(i % perLine == perLine - 1 ? 10 : 32)
        }
        return out
    }

    /// Every Netpbm variant at a few small sizes (including 1xN and Nx1).
    static func netpbmSeeds() -> [(String, [UInt8])] {
        var seeds: [(String, [UInt8])] = []
        let sizes = [(1, 1), (3, 2), (1, 7), (9, 1), (8, 8), (13, 5)]
        for (w, h) in sizes {
            let tag = "\(w)x\(h)"
            let n = w * h
            let bits = samples(n, maxval: 1, seed: UInt64(n))
            seeds.append(("p1-\(tag).pbm", bytes("P1\n\(w) \(h)\n") + plain(bits, perLine: w)))
            var packed: [UInt8] = []
            for y in 0..<h {
                var byte = 0, count = 0
                for x in 0..<w {
                    byte = byte << 1 | bits[y * w + x]; count += 1
                    if count == 8 { packed.append(UInt8(byte)); byte = 0; count = 0 }
                }
                if count > 0 { packed.append(UInt8(byte << (8 - count))) }
            }
            seeds.append(("p4-\(tag).pbm", bytes("P4\n\(w) \(h)\n") + packed))
            seeds.append(
                (
                    "p7-bw-\(tag).pam",
                    bytes("P7\nWIDTH \(w)\nHEIGHT \(h)\nDEPTH 1\nMAXVAL 1\nTUPLTYPE BLACKANDWHITE\nENDHDR\n")
                        + raw(bits, maxval: 1)
                ))
            for maxval in [1, 15, 255, 1000, 65535] {
                let gray = samples(n, maxval: maxval, seed: UInt64(n * maxval))
                let rgb = samples(n * 3, maxval: maxval, seed: UInt64(n * maxval + 1))
                seeds.append(("p2-\(tag)-\(maxval).pgm", bytes("P2\n\(w) \(h)\n\(maxval)\n") + plain(gray, perLine: w)))
                seeds.append(
                    ("p5-\(tag)-\(maxval).pgm", bytes("P5\n\(w) \(h)\n\(maxval)\n") + raw(gray, maxval: maxval)))
                seeds.append(
                    ("p3-\(tag)-\(maxval).ppm", bytes("P3\n\(w) \(h)\n\(maxval)\n") + plain(rgb, perLine: 3 * w)))
                seeds.append(
                    ("p6-\(tag)-\(maxval).ppm", bytes("P6\n\(w) \(h)\n\(maxval)\n") + raw(rgb, maxval: maxval)))
            }
            for (type, depth) in [
                ("GRAYSCALE", 1), ("GRAYSCALE_ALPHA", 2), ("RGB", 3), ("RGB_ALPHA", 4),
                ("BLACKANDWHITE_ALPHA", 2), ("", 3), ("", 4), ("RGB_ALPHA", 5),
            ] {
                let maxval = type.hasPrefix("BLACKANDWHITE") ? 1 : (depth == 4 ? 1000 : 255)
                let values = samples(n * depth, maxval: maxval, seed: UInt64(n * depth))
                let typeLine = type.isEmpty ? "" : "TUPLTYPE \(type)\n"
                seeds.append(
                    (
                        "p7-\(type.isEmpty ? "none" : type.lowercased())-d\(depth)-\(tag).pam",
                        bytes(
                            "P7\n# seed\nWIDTH \(w)\nHEIGHT \(h)\nDEPTH \(depth)\nMAXVAL \(maxval)\n\(typeLine)ENDHDR\n"
                        )
                            + raw(values, maxval: maxval)
                    ))
            }
            // The library's own encoder, every format.
            for format in PixelBuffer.Format.allCases {
                let values = samples(n * format.channelCount, maxval: 255, seed: UInt64(n + 99)).map(UInt8.init)
                let image = try! PixelBuffer(width: w, height: h, format: format, samples: values)
                seeds.append(("encoded-\(format)-\(tag).pnm", image.netpbmEncoded()))
            }
        }
        // Grammar corners: comments everywhere, VT/FF/CR separators, a multi-image stream.
        seeds.append(("comments.pgm", bytes("P2 # c\n2#inside\n 1 # c\r255\n0 # in raster\n255\n")))
        seeds.append(("vtff.pgm", bytes("P2\u{0B}2\u{0C}1\r255\t7 9\n")))
        seeds.append(("comment-before-raster.pgm", bytes("P5\n2 1\n255#c\nAB")))
        let frame = try! PixelBuffer(width: 2, height: 2, format: .gray8, samples: [0, 85, 170, 255]).netpbmEncoded()
        seeds.append(("stream.pgm", frame + [10] + frame + bytes("P4 3 1\n") + [0xE0]))
        return seeds
    }

    /// Raw-memory headers (see `FuzzEntries.rawPixels`) for every layout, both sample
    /// sizes, odd addresses, padded rows and the three alpha choices.
    static func rawSeeds() -> [(String, [UInt8])] {
        var seeds: [(String, [UInt8])] = []
        for (c, channels) in PixelLayout.Channels.allCases.enumerated() {
            for sample in 0..<3 {
                for (w, h) in [(1, 1), (3, 2), (1, 5), (6, 1)] {
                    let alpha = (c + sample + w) % 3
                    let odd = (w + h) % 2
                    let padding = w == 3 ? 3 : 0
                    let header: [UInt8] = [
                        UInt8(w), 0, UInt8(h), 0, UInt8(c), UInt8(sample | odd << 2), UInt8(padding),
                        UInt8(alpha), 128, 0,
                    ]
                    let rowBytes = w * channels.channelCount * (sample == 0 ? 1 : 2) + padding
                    let memory = samples(rowBytes * h + odd, maxval: 255, seed: UInt64(c * 31 + w)).map(UInt8.init)
                    seeds.append(
                        (
                            "\(channels)-\(PixelLayout.SampleEncoding.allCases[sample])-\(w)x\(h)-a\(alpha)",
                            header + memory
                        ))
                }
            }
        }
        return seeds
    }

    /// Hex forms of real fingerprints, plain (for `init(hex:)`) and behind a 2-byte bit count.
    static func hexSeeds(_ netpbm: [(String, [UInt8])]) -> [(String, [UInt8])] {
        var seeds: [(String, [UInt8])] = []
        let picks = netpbm.filter { $0.0.hasPrefix("p6-13x5") || $0.0.hasPrefix("p5-8x8") }
        for (name, file) in picks {
            let image = try! PixelBuffer(netpbm: file)
            for (i, hasher) in FuzzEntries.hashers.enumerated() where i % 2 == 0 {
                let f = hasher.fingerprint(of: image)
                let text = f.description
                seeds.append(("\(name)-h\(i).hex", bytes(text)))
                seeds.append(
                    (
                        "\(name)-h\(i).bits",
                        [UInt8(f.bitCount & 255), UInt8(f.bitCount >> 8)] + bytes(text.uppercased())
                    ))
            }
        }
        let nine = Fingerprint(bits: (0..<9).map { $0 % 2 == 0 })
        seeds.append(("nine.bits", [9, 0] + bytes(nine.description)))
        return seeds
    }

    /// Saved indexes of every kind from the library's own `serialized()`: empty, one entry,
    /// a few dozen entries, at bit counts 1, 64, 65 and 256.
    static func indexSeeds() -> [(String, [UInt8])] {
        var seeds: [(String, [UInt8])] = []
        for bits in [1, 64, 65, 256] {
            for count in [0, 1, 40] {
                var g = Generator(seed: UInt64(bits * 1000 + count))
                let prints = (0..<count).map { _ in Fingerprint(bits: (0..<bits).map { _ in g.next() & 1 == 1 }) }
                let ids = (0..<count).map { UInt32($0 * 7 % 13) }  // repeated ids too
                let files: [(String, [UInt8])] = [
                    ("linear", LinearScanIndex(bitCount: bits, fingerprints: prints, ids: ids).serialized()),
                    ("bktree", BKTreeIndex(bitCount: bits, fingerprints: prints, ids: ids).serialized()),
                    ("vptree", VPTreeIndex(bitCount: bits, fingerprints: prints, ids: ids).serialized()),
                    ("mih", MultiIndexHashIndex(bitCount: bits, fingerprints: prints, ids: ids).serialized()),
                ]
                for (kind, file) in files { seeds.append(("\(kind)-b\(bits)-n\(count).phix", file)) }
            }
        }
        return seeds
    }

    static func main() {
        let netpbm = netpbmSeeds()
        for (i, (name, file)) in netpbm.enumerated() {
            write("FuzzNetpbm", name, file)
            // Hashing runs 15 hashers per file: keep every thin image and a third of the rest,
            // so the replay in `swift test` (debug build) stays fast.
            if i % 3 == 0 || name.contains("-1x7") || name.contains("-9x1") { write("FuzzHashes", name, file) }
        }
        for (name, file) in rawSeeds() { write("FuzzRawPixels", name, file) }
        for (name, file) in indexSeeds() { write("FuzzIndexFile", name, file) }
        for (name, file) in hexSeeds(netpbm) { write("FuzzFingerprintHex", name, file) }
        print("wrote seeds to \(corpus)")
    }
}
