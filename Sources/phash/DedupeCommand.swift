import Foundation
import Glibc
import PerceptualHash

/// `phash dedupe`: groups of near-duplicate images.
enum DedupeCommand {
    static let help = """
        usage: phash dedupe [--algorithm NAME] [--size N] [--highfreq F] [--threshold T] [--min-quality Q]
                            [--robust] [--format text|tsv|json] [--raw WxH:LAYOUT] [--max-pixels N] PATH...
               phash dedupe --hashes FILE [--threshold T] [--format text|tsv|json]

        Finds groups of near-duplicate images: two images match when the Hamming distance of
        their fingerprints is at most T, and a group holds every image linked to another
        through a chain of matches (the connected components of the match graph). Only groups
        of two or more are printed, largest first, ties by the position of their first image;
        inside a group, images keep the input order. Neighbours are found with a
        multi-index-hashing search index, not by comparing all pairs, so 100,000 images take
        seconds. Inputs are read as by 'phash hash' (Netpbm, PNG or JPEG: see 'phash hash --help'
        for converting others; '-' is standard input; --exif-orientation as for 'phash hash').

        Output (paths escaped as by 'phash hash'):
          text   one '<hex>  <path>' line per image, a blank line between groups
          tsv    group<TAB>path<TAB>hash, with a header line; groups numbered from 1
          json   {"algorithm": ..., "threshold": T, "groups": [[{"path": ..., "hash": ...}, ...], ...]}

        Options:
          --algorithm NAME   hash algorithm (default phash; see 'phash hash --help')
          --size N, --highfreq F, --max-pixels N   as for 'phash hash'
          --min-quality Q    pdq only: leave out images whose PDQ quality is below Q (as for
                             'phash hash'; default: none left out)
          --threshold T      largest distance that counts as a match (default: the recommended
                             threshold of the algorithm and size, see below)
          --format FORMAT    text (default), tsv or json
          --raw WxH:LAYOUT   read raw pixels instead of Netpbm, PNG or JPEG
          --hashes FILE      read '<hex>  <path>' lines (the text output of 'phash hash', paths
                             escaped) instead of hashing images; '-' reads stdin
          --robust           robust matching (mirrored, cropped, rotated, bordered copies; see
                             Documentation/Robust.md): two images match when the smaller of the
                             two directions, the robust query set of one against the reference
                             set of the other, is at most T. Default T: the library's recommended
                             robust threshold (below; other algorithms and sizes need --threshold).
                             The hex printed is the fingerprint of each image's whole (trimmed)
                             view. Not with --hashes or --min-quality

        Robust thresholds: \(RobustMode.thresholdsText).

        Exit status: 0 success (whether or not groups were found; images skipped by --min-quality
        are not errors), 2 an error (an input that
        could not be read, no image found, a bad --hashes line, output that could not be written).

        \(RecommendedThresholds.helpText)
        """

    static let spec = OptionSpec(
        valued: [
            "algorithm", "size", "highfreq", "threshold", "format", "raw", "hashes", "max-pixels", "min-quality",
        ], flags: ["robust", "exif-orientation"])

    static func run(_ arguments: [FilePath]) async throws(UsageError) -> ExitStatus {
        let args = try ParsedArguments.parse(raw: arguments, spec: spec)
        if args.wantsHelp {
            printOutput(help)
            return .success
        }
        let format = try args.format([.text, .tsv, .json])
        if args.flags.contains("robust") { return try await runRobust(args, format: format) }
        var images: [HashedImage] = []
        var failed = false
        let algorithmName: String
        let bitCount: Int
        let defaultThreshold: Int
        if let hashesPath = args.pathValues["hashes"] {
            for name in ["algorithm", "size", "highfreq", "raw", "max-pixels", "min-quality"]
            where args.values[name] != nil {
                throw UsageError(message: "--\(name) cannot be combined with --hashes")
            }
            guard args.positionals.isEmpty else { throw UsageError(message: "--hashes takes no PATH arguments") }
            switch readHashList(hashesPath) {
            case .success(let list): images = list
            case .failure(let error):
                printError("phash: \(error.message)")
                return .failure
            }
            bitCount = images.first?.fingerprint.bitCount ?? 64
            algorithmName = "from \(hashesPath.string ?? hashesPath.escaped)"
            // The algorithm is unknown: ImageHash's common 10 per 64 bits.
            defaultThreshold = Int((10 * Double(bitCount) / 64).rounded())
        } else {
            let algorithm = try AlgorithmSpec(arguments: args)
            let minimumQuality = try args.minimumQuality(for: algorithm)
            let input = try InputFormat(arguments: args)
            guard !args.positionalPaths.isEmpty else { throw UsageError(message: "no input files") }
            let inputs = collectInputs(args.positionalPaths, raw: input.isRaw)
            failed = await hashInputs(
                inputs, hasher: algorithm.makeHasher(), format: input, minimumQuality: minimumQuality
            ) { _, image in
                images.append(image)
            }
            algorithmName = algorithm.description
            bitCount = algorithm.bitCount
            defaultThreshold = algorithm.recommendedThreshold
        }
        let threshold = try args.integer("threshold", in: 0...bitCount, default: defaultThreshold)
        if OutputFailure.happened { return .failure }
        // The library's grouping (components of the within-threshold graph, largest first);
        // every fingerprint here comes from one algorithm, so the bit counts agree.
        let groups: [[Int]]
        do throws(FingerprintError) {
            groups = try await PerceptualHash.nearDuplicateGroups(images.map(\.fingerprint), threshold: threshold)
                .map(\.members)
        } catch {
            printError("phash: cannot group the fingerprints: \(error)")
            return .failure
        }

        var out = Output()
        switch format {
        case .json:
            out.line("{\"algorithm\": \(jsonString(algorithmName)), \"threshold\": \(threshold), \"groups\": [")
            for (g, group) in groups.enumerated() {
                let members = group.map {
                    "{\"path\": \(jsonString(images[$0].path)), \"hash\": \"\(images[$0].fingerprint)\"}"
                }
                out.line("  [" + members.joined(separator: ", ") + "]" + (g + 1 < groups.count ? "," : ""))
            }
            out.line("]}")
        case .tsv:
            out.line("group\tpath\thash")
            for (g, group) in groups.enumerated() {
                for i in group { out.line("\(g + 1)\t\(tsvField(images[i].path))\t\(images[i].fingerprint)") }
            }
        default:
            for (g, group) in groups.enumerated() {
                if g > 0 { out.line("") }
                for i in group { out.line("\(images[i].fingerprint)  \(images[i].path.escaped)") }
            }
        }
        out.flush()
        return failed ? .failure : .success
    }

    /// `--robust`: hashes every image's robust sets, links the pairs whose symmetric robust
    /// distance (``RobustMode/symmetricDistance(_:_:)``) is at most the threshold, and prints
    /// the connected components as the plain mode does.
    static func runRobust(_ args: ParsedArguments, format: OutputFormat) async throws(UsageError) -> ExitStatus {
        for name in ["hashes", "min-quality"] where args.values[name] != nil {
            throw UsageError(message: "--\(name) cannot be combined with --robust")
        }
        let algorithm = try AlgorithmSpec(arguments: args)
        guard algorithm.name != .colorhash else { throw UsageError(message: "colorhash has no robust form") }
        let input = try InputFormat(arguments: args)
        guard !args.positionalPaths.isEmpty else { throw UsageError(message: "no input files") }
        let threshold =
            args.values["threshold"] != nil
            ? try args.integer("threshold", in: 0...algorithm.bitCount, default: 0)
            : try RobustMode.defaultThreshold(for: algorithm, option: "threshold")
        let sign = DistancesCommand.signer(algorithm.makeHasher(), robust: RobustMode.configuration(for: algorithm))
        let (signed, failed) = await DistancesCommand.signatures(args.positionalPaths, input: input, sign: sign)
        if signed.isEmpty && !failed { printError("phash: no image was hashed") }
        let sets = signed.map { RobustMode.sets($0.signature) }
        let groups = await robustGroups(sets, threshold: threshold, bitCount: algorithm.bitCount)
        // The fingerprint printed for an image: its whole, trimmed view (the reference set's first).
        let shown = sets.map { $0.reference.entries[0].fingerprint }
        var out = Output()
        switch format {
        case .json:
            out.line(
                "{\"algorithm\": \(jsonString(algorithm.description)), \"robust\": true, \"threshold\": \(threshold), \"groups\": ["
            )
            for (g, group) in groups.enumerated() {
                let members = group.map { "{\"path\": \(jsonString(signed[$0].path)), \"hash\": \"\(shown[$0])\"}" }
                out.line("  [" + members.joined(separator: ", ") + "]" + (g + 1 < groups.count ? "," : ""))
            }
            out.line("]}")
        case .tsv:
            out.line("group\tpath\thash")
            for (g, group) in groups.enumerated() {
                for i in group { out.line("\(g + 1)\t\(tsvField(signed[i].path))\t\(shown[i])") }
            }
        default:
            for (g, group) in groups.enumerated() {
                if g > 0 { out.line("") }
                for i in group { out.line("\(shown[i])  \(signed[i].path.escaped)") }
            }
        }
        out.flush()
        return failed || signed.isEmpty || OutputFailure.happened ? .failure : .success
    }

    /// The groups of `sets` whose symmetric robust distance is within `threshold`: a
    /// ``RobustIndex`` over every reference set (multi-index hashing for 64-bit hashes, a
    /// linear scan above, where multi-index hashing degenerates at robust thresholds), one
    /// query per image's query set on all cores; a hit of `i`'s query in `j`'s references
    /// links `i` and `j`, so a pair is linked when either direction is within the threshold,
    /// which is the minimum of the two. Components of two or more, largest first, ties by
    /// their first member; members ascending.
    static func robustGroups(
        _ sets: [(reference: RobustFingerprint, query: RobustFingerprint)], threshold: Int, bitCount: Int
    ) async -> [[Int]] {
        if bitCount <= 64 {
            var index = RobustIndex<MultiIndexHashIndex>(bitCount: bitCount)
            for (i, s) in sets.enumerated() { index.insert(s.reference, id: UInt32(i)) }
            return await robustGroups(sets, threshold: threshold, index: index)
        }
        var index = RobustIndex<LinearScanIndex>(bitCount: bitCount)
        for (i, s) in sets.enumerated() { index.insert(s.reference, id: UInt32(i)) }
        return await robustGroups(sets, threshold: threshold, index: index)
    }

    static func robustGroups<Index: HammingIndex>(
        _ sets: [(reference: RobustFingerprint, query: RobustFingerprint)], threshold: Int, index: RobustIndex<Index>
    ) async -> [[Int]] {
        let queries = sets.map(\.query)
        let width = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let chunk = max(1, (queries.count + width - 1) / width)
        var links: [(Int, Int)] = []
        await withTaskGroup(of: [(Int, Int)].self) { group in
            for start in stride(from: 0, to: queries.count, by: chunk) {
                group.addTask {
                    var found: [(Int, Int)] = []
                    for i in start..<min(queries.count, start + chunk) {
                        for hit in index.neighbors(of: queries[i], within: threshold) where Int(hit.id) != i {
                            found.append((i, Int(hit.id)))
                        }
                    }
                    return found
                }
            }
            for await part in group { links += part }
        }
        var parent = Array(0..<sets.count)
        func root(_ x: Int) -> Int {
            var x = x
            while parent[x] != x {
                parent[x] = parent[parent[x]]
                x = parent[x]
            }
            return x
        }
        for (a, b) in links {
            let ra = root(a), rb = root(b)
            if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
        }
        var members: [Int: [Int]] = [:]
        for i in sets.indices { members[root(i), default: []].append(i) }
        return members.values.filter { $0.count >= 2 }.sorted { ($0.count, -$0[0]) > ($1.count, -$1[0]) }
    }

    /// The most bytes `--hashes` reads (a 64-bit fingerprint line with a long path is well
    /// under 1 KiB, so this is millions of lines).
    static let maxHashListBytes = 1 << 30

    /// Reads `<hex>  <path>` lines, the path in ``FilePath/escaped`` form; every fingerprint
    /// must have the same bit count. `-` is standard input.
    static func readHashList(_ path: FilePath) -> Result<[HashedImage], CommandFailure> {
        let name = path.escaped
        let read: Result<[UInt8], ReadFailure>
        if path.bytes == [UInt8(ascii: "-")] {
            read = readAll(fd: 0, limit: .refuseAbove(maxHashListBytes))
        } else {
            let fd = path.withCString { open($0, O_RDONLY | O_CLOEXEC | O_NOCTTY) }
            guard fd >= 0 else {
                let code = errno
                return .failure(CommandFailure(message: "\(name): \(describeOpenError(code, path))"))
            }
            defer { _ = close(fd) }
            read = readAll(fd: fd, limit: .refuseAbove(maxHashListBytes))
        }
        let data: [UInt8]
        switch read {
        case .success(let bytes): data = bytes
        case .failure(let failure): return .failure(CommandFailure(message: "\(name): \(failure.reason)"))
        }
        var out: [HashedImage] = []
        var lineNumber = 0
        for line in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.isEmpty { continue }
            guard let text = String(validating: line, as: UTF8.self) else {
                return .failure(
                    CommandFailure(
                        message: "\(name):\(lineNumber): not UTF-8 (paths must be escaped as 'phash hash' prints them)")
                )
            }
            guard let gap = text.range(of: "  ") else {
                return .failure(CommandFailure(message: "\(name):\(lineNumber): expected '<hex>  <path>'"))
            }
            let hex = String(text[..<gap.lowerBound])
            guard let fingerprint = Fingerprint(hex) else {
                return .failure(CommandFailure(message: "\(name):\(lineNumber): '\(hex)' is not a hex fingerprint"))
            }
            guard fingerprint.bitCount <= 4096 else {
                return .failure(
                    CommandFailure(
                        message: "\(name):\(lineNumber): \(fingerprint.bitCount)-bit fingerprint, at most 4096 bits"))
            }
            if let first = out.first, first.fingerprint.bitCount != fingerprint.bitCount {
                return .failure(
                    CommandFailure(
                        message:
                            "\(name):\(lineNumber): \(fingerprint.bitCount)-bit fingerprint among \(first.fingerprint.bitCount)-bit ones"
                    ))
            }
            guard let imagePath = FilePath(escaped: String(text[gap.upperBound...])) else {
                return .failure(
                    CommandFailure(
                        message: "\(name):\(lineNumber): malformed escape in the path (use \\\\ for a backslash)"))
            }
            out.append(HashedImage(path: imagePath, fingerprint: fingerprint))
        }
        return .success(out)
    }
}
