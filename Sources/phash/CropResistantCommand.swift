import PerceptualHash

/// `--algorithm crop-resistant` for `phash hash` and `phash compare`: ImageHash's
/// `crop_resistant_hash` (``CropResistantHash``), several 64-bit dHashes per image, one per
/// segment. The database, index, dedupe and distances commands hold one fingerprint per image
/// and refuse it (``AlgorithmSpec/init(arguments:defaultName:)``).
enum CropResistantCommand {
    /// The algorithm name on the command line.
    static let name = "crop-resistant"

    /// The help line for the algorithm lists.
    static let helpLine =
        "  crop-resistant   one 64-bit dhash per bright/dark segment (ImageHash crop_resistant_hash);\n"
        + "                   hash and compare only"

    /// Why the other commands refuse it.
    static let refusal =
        "crop-resistant gives several hashes per image (one per segment), so only 'phash hash' and "
        + "'phash compare --algorithm crop-resistant' take it; databases, indexes, dedupe and distances "
        + "hold one fingerprint per image"

    static let hasher = CropResistantHash()

    /// `phash hash --algorithm crop-resistant`: every image's multi-hash, in input order
    /// (one image at a time).
    static func hash(_ args: ParsedArguments) throws(UsageError) -> ExitStatus {
        for option in ["size", "highfreq", "min-quality"] where args.values[option] != nil {
            throw UsageError(message: "--\(option) does not apply to crop-resistant (64-bit dhash segments)")
        }
        if args.flags.contains("robust") { throw UsageError(message: "--robust does not apply to crop-resistant") }
        let format = try args.format([.text, .tsv, .json])
        let input = try InputFormat(arguments: args)
        guard !args.positionalPaths.isEmpty else { throw UsageError(message: "no input files") }
        let inputs = collectInputs(args.positionalPaths, raw: input.isRaw)
        var out = Output()
        var failed = false, hashed = 0
        switch format {
        case .tsv: out.line("path\talgorithm\tsegments\thash")
        case .json: out.line("{\"algorithm\": \"\(name)\", \"bits\": 64, \"images\": [")
        default: break
        }
        var pendingJSON: String? = nil
        for entry in inputs.entries {
            let source: InputSource
            switch entry {
            case .problem(let error):
                printError("phash: \(error.path.escaped): \(error.reason)")
                failed = true
                continue
            case .image(let s): source = s
            }
            switch input.load(source) {
            case .failure(let error):
                printError("phash: \(error.path.escaped): \(error.reason)")
                failed = true
            case .success(let image):
                let m = hasher.multiFingerprint(of: image)
                hashed += 1
                let path = source.displayPath
                switch format {
                case .tsv: out.line("\(tsvField(path))\t\(name)\t\(m.segments.count)\t\(m)")
                case .json:
                    if let pendingJSON { out.line(pendingJSON + ",") }
                    pendingJSON =
                        "  {\"path\": \(jsonString(path)), \"segments\": \(m.segments.count), \"hash\": \"\(m)\"}"
                default: out.line("\(m)  \(path.escaped)")
                }
            }
            if OutputFailure.happened { break }
        }
        if format == .json {
            if let pendingJSON { out.line(pendingJSON) }
            out.line("]}")
        }
        out.flush()
        if hashed == 0 && !failed {
            printError("phash: no image was hashed")
            failed = true
        }
        return failed || OutputFailure.happened ? .failure : .success
    }

    /// `phash compare --algorithm crop-resistant A B`: both multi-hashes, ImageHash's
    /// `hash_diff` both ways and its score `a - b`; the verdict is `a.matches(b)` (at least one
    /// segment of A within 16 bits of a segment of B).
    static func compare(_ images: [PixelBuffer], names: [FilePath], format: OutputFormat) -> ExitStatus {
        let a = hasher.multiFingerprint(of: images[0]), b = hasher.multiFingerprint(of: images[1])
        let ab = a.hashDiff(b), ba = b.hashDiff(a)
        let similar = a.matches(b)
        var out = Output()
        if format == .json {
            out.line("{")
            out.line("  \"a\": \(jsonString(names[0])), \"b\": \(jsonString(names[1])),")
            out.line("  \"algorithm\": \"\(name)\", \"bits\": 64, \"hamming_cutoff\": 16,")
            out.line("  \"hash_a\": \"\(a)\", \"hash_b\": \"\(b)\",")
            out.line(
                "  \"a_in_b\": {\"matches\": \(ab.matches), \"distance_sum\": \(ab.distanceSum), "
                    + "\"score\": \(jsonNumber(a.distance(to: b)))},")
            out.line(
                "  \"b_in_a\": {\"matches\": \(ba.matches), \"distance_sum\": \(ba.distanceSum), "
                    + "\"score\": \(jsonNumber(b.distance(to: a)))},")
            out.line("  \"verdict\": \"\(similar ? "similar" : "different")\"")
            out.line("}")
        } else {
            out.line("A: \(names[0].escaped)")
            out.line("B: \(names[1].escaped)")
            out.line("crop-resistant (ImageHash crop_resistant_hash): 64-bit dhash segments, cutoff 16 bits")
            out.line("A: \(a.segments.count) segments  \(a)")
            out.line("B: \(b.segments.count) segments  \(b)")
            out.line(
                "A in B: \(ab.matches) of \(a.segments.count) segments match (distance sum \(ab.distanceSum)), "
                    + "score A - B \(a.distance(to: b))")
            out.line(
                "B in A: \(ba.matches) of \(b.segments.count) segments match (distance sum \(ba.distanceSum)), "
                    + "score B - A \(b.distance(to: a))")
            out.line(
                "verdict: \(similar ? "similar" : "different") (\(ab.matches) segment\(ab.matches == 1 ? "" : "s") of A match, at least 1 needed)"
            )
        }
        out.flush()
        return similar ? .success : .noMatch
    }
}
