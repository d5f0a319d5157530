import Foundation
import PerceptualHash

/// `phash distances`: the distance of every (query, reference) pair, for calibrating a
/// threshold on one's own photos.
enum DistancesCommand {
    static let help = """
        usage: phash distances [--algorithm NAME] [--size N] [--highfreq F] [--robust]
                               [--format tsv|json] [--max-pixels N] [--exif-orientation] REFERENCES QUERIES

        Prints the distance between every query image and every reference image. REFERENCES
        and QUERIES are each an image file or a folder (walked as 'phash hash' walks them).
        The distance is the one matching uses, smaller = more alike: the Hamming distance of
        the two fingerprints, or with --robust the smallest Hamming distance between the
        query's robust query set and the reference's robust reference set (see
        Documentation/Robust.md). Calibrate a threshold by running it on pairs you know to be
        copies and pairs you know to be different photos.

        Output (paths escaped as in 'phash hash'), queries in input order, then references:
          tsv    query<TAB>reference<TAB>distance, after that header line
          json   {"algorithm": ..., "bits": ..., "robust": true|false,
                  "pairs": [{"query": ..., "reference": ..., "distance": N}, ...]}

        Options:
          --algorithm NAME   as in 'phash hash' (default phash)
          --size N           bits per side (default 8; not for pdq)
          --highfreq F       DCT thumbnail factor for the phash family (default 4)
          --robust           robust matching: mirrored, cropped, rotated and bordered copies
                             (RobustConfiguration.standard; 32-pixel thumbnails for hashes of
                             at most 8x8 bits, 64 otherwise)
          --format FORMAT    tsv (default) or json
          --max-pixels N     largest image accepted, in pixels (default 89,478,485)
          --exif-orientation turn JPEG images upright by their EXIF orientation first

        Exit status: 0 every pair printed, 2 an error (an input that could not be read, no
        image on one side, a usage mistake); pairs of the images that were read are still
        printed.
        """

    static let spec = OptionSpec(
        valued: ["algorithm", "size", "highfreq", "format", "max-pixels"], flags: ["robust", "exif-orientation"])

    /// What one image contributes: its plain fingerprint, or its two robust sets.
    enum Signature: Sendable {
        case plain(Fingerprint)
        case robust(reference: RobustFingerprint, query: RobustFingerprint)
    }

    /// The robust configuration for `algorithm`: the standard views, with 32-pixel
    /// thumbnails for hashes of at most 8x8 bits.
    static func robustConfiguration(_ algorithm: AlgorithmSpec) -> RobustConfiguration {
        algorithm.name != .pdq && algorithm.size <= 8 ? RobustConfiguration.standard.withThumbnailSide(32) : .standard
    }

    /// The signature maker for `hasher` (opened from the existential once, outside the loops).
    static func signer<H: ImageHasher>(_ hasher: H, robust: RobustConfiguration?)
        -> @Sendable (PixelBuffer) -> Signature
    {
        guard let robust else { return { .plain(hasher.fingerprint(of: $0)) } }
        let robustHasher = RobustHasher(hasher, configuration: robust)
        return {
            .robust(reference: robustHasher.referenceFingerprint(of: $0), query: robustHasher.queryFingerprint(of: $0))
        }
    }

    static func run(_ arguments: [FilePath]) async throws(UsageError) -> ExitStatus {
        let args = try ParsedArguments.parse(raw: arguments, spec: spec)
        if args.wantsHelp {
            printOutput(help)
            return .success
        }
        let algorithm = try AlgorithmSpec(arguments: args)
        let format = try args.format([.tsv, .json], default: .tsv)
        let input = try InputFormat(arguments: args)
        guard args.positionalPaths.count == 2 else {
            throw UsageError(message: "expected REFERENCES and QUERIES, got \(args.positionalPaths.count) path(s)")
        }
        let robust = args.flags.contains("robust")
        let sign = signer(algorithm.makeHasher(), robust: robust ? robustConfiguration(algorithm) : nil)
        let (references, referencesFailed) = await signatures(args.positionalPaths[0], input: input, sign: sign)
        let (queries, queriesFailed) = await signatures(args.positionalPaths[1], input: input, sign: sign)
        var failed = referencesFailed || queriesFailed
        if references.isEmpty || queries.isEmpty {
            printError("phash: no \(references.isEmpty ? "reference" : "query") image was read")
            failed = true
        }
        var out = Output()
        if format == .tsv {
            out.line("query\treference\tdistance")
        } else {
            out.line(
                "{\"algorithm\": \(jsonString(algorithm.description)), \"bits\": \(algorithm.bitCount), \"robust\": \(robust), \"pairs\": ["
            )
        }
        var pendingJSON: String? = nil  // the last pair, printed once we know whether a comma follows
        for q in queries {
            for r in references {
                let d = distance(query: q.signature, reference: r.signature)
                if format == .tsv {
                    out.line("\(tsvField(q.path))\t\(tsvField(r.path))\t\(d)")
                } else {
                    if let pendingJSON { out.line(pendingJSON + ",") }
                    pendingJSON =
                        "  {\"query\": \(jsonString(q.path)), \"reference\": \(jsonString(r.path)), \"distance\": \(d)}"
                }
            }
        }
        if format == .json {
            if let pendingJSON { out.line(pendingJSON) }
            out.line("]}")
        }
        out.flush()
        return failed || OutputFailure.happened ? .failure : .success
    }

    /// The distance matching uses (see the help text).
    static func distance(query: Signature, reference: Signature) -> Int {
        switch (query, reference) {
        case (.plain(let q), .plain(let r)): q.distance(to: r)
        case (.robust(_, let q), .robust(let r, _)): q.distance(to: r)
        default: preconditionFailure("plain and robust signatures mixed")
        }
    }

    /// The signatures of every image under `path`, in walk order, hashed on all cores;
    /// problems are reported on stderr as `phash: PATH: REASON`.
    static func signatures(
        _ path: FilePath, input: InputFormat, sign: @escaping @Sendable (PixelBuffer) -> Signature
    ) async -> ([(path: FilePath, signature: Signature)], Bool) {
        await signatures([path], input: input, sign: sign)
    }

    /// ``signatures(_:input:sign:)`` for several paths, in order.
    static func signatures(
        _ paths: [FilePath], input: InputFormat, sign: @escaping @Sendable (PixelBuffer) -> Signature
    ) async -> ([(path: FilePath, signature: Signature)], Bool) {
        let list = collectInputs(paths, raw: input.isRaw)
        var results = [Result<(path: FilePath, signature: Signature), InputError>?](
            repeating: nil, count: list.entries.count)
        await withTaskGroup(of: (Int, Result<(path: FilePath, signature: Signature), InputError>).self) { group in
            let width = max(1, ProcessInfo.processInfo.activeProcessorCount)
            var next = 0
            func submit() {
                let index = next
                next += 1
                let entry = list.entries[index]
                group.addTask {
                    switch entry {
                    case .problem(let error): return (index, .failure(error))
                    case .image(let source):
                        switch input.load(source) {
                        case .failure(let error): return (index, .failure(error))
                        case .success(let image): return (index, .success((source.displayPath, sign(image))))
                        }
                    }
                }
            }
            while next < min(width, list.entries.count) { submit() }
            while let (index, result) = await group.next() {
                results[index] = result
                if next < list.entries.count { submit() }
            }
        }
        var out: [(path: FilePath, signature: Signature)] = []
        var failed = false
        for case let result? in results {
            switch result {
            case .success(let item): out.append(item)
            case .failure(let error):
                if error.skipped {
                    printError("phash: \(error.path.escaped): skipped: \(error.reason)")
                } else {
                    printError("phash: \(error.path.escaped): \(error.reason)")
                    failed = true
                }
            }
        }
        return (out, failed)
    }
}
