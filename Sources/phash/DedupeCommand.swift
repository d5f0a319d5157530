import Foundation
import PerceptualHash

/// `phash dedupe`: groups of near-duplicate images.
enum DedupeCommand {
    static let help = """
        usage: phash dedupe [--algorithm NAME] [--size N] [--highfreq F] [--threshold T]
                            [--format text|json] [--raw WxH:LAYOUT] PATH...
               phash dedupe --hashes FILE [--threshold T] [--format text|json]

        Finds groups of near-duplicate images: two images match when the Hamming distance of
        their fingerprints is at most T, and a group holds every image linked to another
        through a chain of matches (the connected components of the match graph). Only groups
        of two or more are printed, largest first, ties by the position of their first image;
        inside a group, images keep the input order. Neighbours are found with a
        multi-index-hashing search index, not by comparing all pairs, so 100,000 images take
        seconds.

        Output:
          text   one '<hex>  <path>' line per image, a blank line between groups
          json   {"algorithm": ..., "threshold": T, "groups": [[{"path": ..., "hash": ...}, ...], ...]}

        Options:
          --algorithm NAME   hash algorithm (default phash; see 'phash hash --help')
          --size N, --highfreq F   as for 'phash hash'
          --threshold T      largest distance that counts as a match (default: the recommended
                             threshold of Documentation/Benchmarks.md, e.g. 19 for phash size 8)
          --format FORMAT    text (default) or json
          --raw WxH:LAYOUT   read raw pixels instead of Netpbm
          --hashes FILE      read '<hex>  <path>' lines (the text output of 'phash hash')
                             instead of hashing images; '-' reads stdin
        """

    static let spec = OptionSpec(valued: ["algorithm", "size", "highfreq", "threshold", "format", "raw", "hashes"])

    static func run(_ arguments: [String]) async throws(UsageError) -> ExitStatus {
        let args = try ParsedArguments.parse(arguments, spec: spec)
        if args.wantsHelp {
            print(help)
            return .success
        }
        let format = try args.choice("format", of: ["text", "json"], default: "text")
        var images: [HashedImage] = []
        var failed = false
        let algorithmName: String
        let bitCount: Int
        let defaultThreshold: Int
        if let hashesPath = args.values["hashes"] {
            for name in ["algorithm", "size", "highfreq", "raw"] where args.values[name] != nil {
                throw UsageError(message: "--\(name) cannot be combined with --hashes")
            }
            guard args.positionals.isEmpty else { throw UsageError(message: "--hashes takes no PATH arguments") }
            do {
                images = try readHashList(hashesPath)
            } catch let error as CommandFailure {
                printError("phash: \(error.message)")
                return .failure
            } catch {
                printError("phash: \(hashesPath): \(error)")
                return .failure
            }
            bitCount = images.first?.fingerprint.bitCount ?? 64
            algorithmName = "from \(hashesPath)"
            defaultThreshold = Int((10 * Double(bitCount) / 64).rounded())  // algorithm unknown: ImageHash's common 10 per 64
        } else {
            let algorithm = try AlgorithmSpec(arguments: args)
            let input = try InputFormat(arguments: args)
            guard !args.positionals.isEmpty else { throw UsageError(message: "no input files") }
            let inputs = collectInputs(args.positionals, raw: isRaw(input))
            failed = await hashInputs(inputs, hasher: algorithm.makeHasher(), format: input) { _, image in
                images.append(image)
            }
            algorithmName = algorithm.description
            bitCount = algorithm.bitCount
            defaultThreshold = algorithm.recommendedThreshold
        }
        let threshold = try args.integer("threshold", in: 0...bitCount, default: defaultThreshold)
        let groups = await nearDuplicateGroups(images.map(\.fingerprint), bitCount: bitCount, threshold: threshold)

        var out = Output()
        if format == "json" {
            out.line("{\"algorithm\": \(jsonString(algorithmName)), \"threshold\": \(threshold), \"groups\": [")
            for (g, group) in groups.enumerated() {
                let members = group.map { "{\"path\": \(jsonString(images[$0].path)), \"hash\": \"\(images[$0].fingerprint)\"}" }
                out.line("  [" + members.joined(separator: ", ") + "]" + (g + 1 < groups.count ? "," : ""))
            }
            out.line("]}")
        } else {
            for (g, group) in groups.enumerated() {
                if g > 0 { out.line("") }
                for i in group { out.line("\(images[i].fingerprint)  \(images[i].path)") }
            }
        }
        out.flush()
        return failed ? .failure : .success
    }

    /// Reads `<hex>  <path>` lines; every fingerprint must have the same bit count.
    static func readHashList(_ path: String) throws -> [HashedImage] {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw CommandFailure(message: "\(path): cannot read the file")
            }
            data = contents
        }
        var out: [HashedImage] = []
        var lineNumber = 0
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.isEmpty { continue }
            guard let gap = line.range(of: "  ") else {
                throw CommandFailure(message: "\(path):\(lineNumber): expected '<hex>  <path>'")
            }
            let hex = String(line[..<gap.lowerBound])
            guard let fingerprint = Fingerprint(hex) else {
                throw CommandFailure(message: "\(path):\(lineNumber): '\(hex)' is not a hex fingerprint")
            }
            guard fingerprint.bitCount <= 4096 else {
                throw CommandFailure(message: "\(path):\(lineNumber): \(fingerprint.bitCount)-bit fingerprint, at most 4096 bits")
            }
            if let first = out.first, first.fingerprint.bitCount != fingerprint.bitCount {
                throw CommandFailure(
                    message: "\(path):\(lineNumber): \(fingerprint.bitCount)-bit fingerprint among \(first.fingerprint.bitCount)-bit ones")
            }
            out.append(HashedImage(path: String(line[gap.upperBound...]), fingerprint: fingerprint))
        }
        return out
    }
}

/// The connected components of the graph linking fingerprints within `threshold` of each
/// other, as lists of positions in `fingerprints`: only components of two or more, each
/// sorted ascending, largest first, ties by their first position. Neighbour queries go through
/// a ``NeighborSearch`` index, all queries spread over every core.
func nearDuplicateGroups(_ fingerprints: [Fingerprint], bitCount: Int, threshold: Int) async -> [[Int]] {
    let n = fingerprints.count
    guard n > 1 else { return [] }
    let neighbours = await neighborLists(fingerprints, bitCount: bitCount, radius: threshold)
    // Union-find with path halving and union by size.
    var parent = Array(0..<n)
    var size = [Int](repeating: 1, count: n)
    func find(_ x: Int) -> Int {
        var x = x
        while parent[x] != x {
            parent[x] = parent[parent[x]]
            x = parent[x]
        }
        return x
    }
    for i in 0..<n {
        for j in neighbours[i] where j != i {
            var a = find(i), b = find(j)
            if a == b { continue }
            if size[a] < size[b] { swap(&a, &b) }
            parent[b] = a
            size[a] += size[b]
        }
    }
    var members: [Int: [Int]] = [:]
    for i in 0..<n {
        let root = find(i)
        if size[root] > 1 { members[root, default: []].append(i) }
    }
    return members.values.sorted { a, b in a.count != b.count ? a.count > b.count : a[0] < b[0] }
}
