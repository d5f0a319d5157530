import Foundation
import PerceptualHash

/// `phash compare A B`: every hash distance and every histogram comparison of two images.
enum CompareCommand {
    static let help = """
        usage: phash compare [--size N] [--highfreq F] [--robust] [--format text|json] [--raw WxH:LAYOUT]
                             [--max-pixels N] [--exif-orientation] A B
               phash compare --algorithm crop-resistant [--format text|json] [--exif-orientation] A B

        Compares two images under every algorithm (Hamming distance of the fingerprints, with
        the recommended threshold and a verdict) and under every histogram comparison of their
        256-bin gray histograms (normalized; value, distance = the dissimilarity that is 0 for
        identical histograms, and the threshold where one is known). The pdq row is Meta's PDQ
        (always 256 bits; threshold as below); its quality scores follow the table ("quality_a" and
        "quality_b" in JSON). colorhash is always 42 bits (ImageHash's binbits=3). The overall verdict is the phash (DCT hash) one. Either image
        may be '-', standard input.

        With --robust, only hash rows, each the robust distance (see Documentation/Robust.md):
        the smaller of the two directions, A's robust query set against B's reference set
        and B's against A's, so a mirrored, cropped, rotated or bordered copy is similar
        whichever of the two it is. A row has a threshold and a verdict only where the
        library has a recommended robust threshold (\(RobustMode.thresholdsText)); the
        overall verdict is the pdq row's. colorhash has no robust row (robust views are gray).

        Options:
          --algorithm crop-resistant
                             compare ImageHash's crop_resistant_hash instead (one dhash per
                             bright/dark segment): the segments of each image, how many of A's
                             segments are within 16 bits of one of B's and back, ImageHash's score
                             A - B (0 = all match, up to A's segment count), and the verdict
                             'similar' when at least one segment of A matches
          --size N           bits per side for every hash but pdq and colorhash (default 8);
                             the whash and whash-db4 rows appear only for powers of two
          --highfreq F       DCT thumbnail factor for the phash family (default 4)
          --robust           robust distances (mirrors, crops, rotations, borders); see above
          --format FORMAT    text (default) or json
          --raw WxH:LAYOUT   read raw pixels instead of Netpbm, PNG or JPEG (see 'phash hash --help')
          --max-pixels N     largest image accepted, in pixels (default 89,478,485)
          --exif-orientation turn JPEG images upright by their EXIF orientation first

        Exit status: 0 the verdict is "similar", 1 the verdict is "different", 2 an error
        (an image that could not be read, output that could not be written, a usage mistake).

        Thresholds: \(thresholdSource)
        """

    static let thresholdSource = """
        hashes: the library's recommendedThreshold(falsePositiveRate: 1e-4) for the
        algorithm and size; histograms: false-positive rate <= 0.1% on the benchmark corpus
        (Documentation/Benchmarks.md), measured for L2 (euclidean), cosine and coincidence only.

        \(RecommendedThresholds.helpText)
        """

    static let spec = OptionSpec(
        valued: ["algorithm", "size", "highfreq", "format", "raw", "max-pixels"], flags: ["robust", "exif-orientation"])

    struct HashRow {
        var spec: AlgorithmSpec
        var a: Fingerprint
        var b: Fingerprint
        /// The PDQ quality of each image (pdq only).
        var qualities: (a: Int, b: Int)? = nil
        var distance: Int { a.distance(to: b) }
        var threshold: Int { spec.recommendedThreshold }
        var similar: Bool { distance <= threshold }
    }

    struct HistogramRow {
        var method: HistogramComparison
        var value: Double
        var distance: Double
        var threshold: Double?
        var similar: Bool? { threshold.map { distance <= $0 } }
    }

    static func run(_ arguments: [FilePath]) async throws(UsageError) -> ExitStatus {
        let args = try ParsedArguments.parse(raw: arguments, spec: spec)
        if args.wantsHelp {
            printOutput(help)
            return .success
        }
        let cropResistant = try args.choice("algorithm", of: [CropResistantCommand.name], default: "") != ""
        if cropResistant {
            for option in ["size", "highfreq"] where args.values[option] != nil {
                throw UsageError(message: "--\(option) does not apply to crop-resistant (64-bit dhash segments)")
            }
            if args.flags.contains("robust") {
                throw UsageError(message: "--robust does not apply to crop-resistant (it has its own segment matching)")
            }
        }
        let size = try args.integer("size", in: AlgorithmSpec.sizeRange, default: 8)
        let factor = try args.integer("highfreq", in: 2...AlgorithmSpec.highFrequencyRange.upperBound, default: 4)
        let format = try args.format([.text, .json])
        let input = try InputFormat(arguments: args)
        guard args.positionals.count == 2 else {
            throw UsageError(message: "expected two images, got \(args.positionals.count)")
        }
        var images: [PixelBuffer] = []
        var failed = false
        let names = args.positionalPaths
        for path in names {
            let source: InputSource = path.bytes == [UInt8(ascii: "-")] ? .standardInput : .file(path, named: true)
            switch input.load(source) {
            case .success(let image): images.append(image)
            case .failure(let error):
                printError("phash: \(error.path.escaped): \(error.reason)")
                failed = true
            }
        }
        if failed { return .failure }
        if cropResistant { return CropResistantCommand.compare(images, names: names, format: format) }

        // The wavelet hashes take power-of-two sizes only: their rows are left out otherwise.
        let hashNames = AlgorithmSpec.Name.allCases.filter { !$0.needsPowerOfTwoSize || size & (size - 1) == 0 }
        if args.flags.contains("robust") {
            return runRobust(
                names: names, images: images, algorithms: hashNames.filter { $0 != .colorhash }, size: size,
                factor: factor, format: format)
        }
        let hashRows = hashNames.map { name in
            let spec = AlgorithmSpec(name: name, size: size, highFrequencyFactor: factor)
            let hasher = spec.makeHasher()
            let (a, qa) = fingerprintAndQuality(hasher, images[0]), (b, qb) = fingerprintAndQuality(hasher, images[1])
            var row = HashRow(spec: spec, a: a, b: b)
            if let qa, let qb { row.qualities = (qa, qb) }
            return row
        }
        let ha = Histogram(images[0]), hb = Histogram(images[1])
        let histogramRows = HistogramComparison.allCases.map { method in
            let value = ha.compare(to: hb, using: method)
            return HistogramRow(
                method: method, value: value, distance: method.distance(fromValue: value),
                threshold: RecommendedThresholds.histogramDistance[method])
        }
        guard let verdictRow = hashRows.first(where: { $0.spec.name == .phash }) else { return .failure }
        var out = Output()
        if format == .json {
            out.line("{")
            out.line("  \"a\": \(jsonString(names[0])), \"b\": \(jsonString(names[1])),")
            out.line("  \"hashes\": [")
            for (i, row) in hashRows.enumerated() {
                var quality = ""
                if let q = row.qualities { quality = ", \"quality_a\": \(q.a), \"quality_b\": \(q.b)" }
                let separator = i + 1 < hashRows.count ? "," : ""
                out.line(
                    "    {\"algorithm\": \(jsonString(row.spec.description)), \"bits\": \(row.spec.bitCount), "
                        + "\"a\": \"\(row.a)\", \"b\": \"\(row.b)\", \"distance\": \(row.distance), "
                        + "\"threshold\": \(row.threshold), \"similar\": \(row.similar)\(quality)}\(separator)")
            }
            out.line("  ],")
            out.line("  \"histograms\": [")
            for (i, row) in histogramRows.enumerated() {
                out.line(
                    "    {\"comparison\": \"\(row.method)\", \"value\": \(jsonNumber(row.value)), "
                        + "\"distance\": \(jsonNumber(row.distance)), "
                        + "\"threshold\": \(row.threshold.map(jsonNumber) ?? "null"), "
                        + "\"similar\": \(row.similar.map { "\($0)" } ?? "null")}"
                        + (i + 1 < histogramRows.count ? "," : ""))
            }
            out.line("  ],")
            out.line("  \"verdict\": \"\(verdictRow.similar ? "similar" : "different")\"")
            out.line("}")
        } else {
            out.line("A: \(names[0].escaped)")
            out.line("B: \(names[1].escaped)")
            out.line("")
            out.line(
                pad("algorithm", 16) + lpad("bits", 6) + lpad("distance", 10) + lpad("threshold", 11) + "  verdict")
            for row in hashRows {
                out.line(
                    pad(row.spec.name.rawValue, 16) + lpad("\(row.spec.bitCount)", 6) + lpad("\(row.distance)", 10)
                        + lpad("\(row.threshold)", 11) + "  " + (row.similar ? "similar" : "different"))
            }
            for row in hashRows {
                if let q = row.qualities { out.line("\(row.spec.name.rawValue) quality (0...100): A \(q.a), B \(q.b)") }
            }
            out.line("")
            out.line(
                pad("histogram (gray, 256 bins)", 28) + lpad("value", 12) + lpad("distance", 12) + lpad("threshold", 11)
                    + "  verdict")
            for row in histogramRows {
                out.line(
                    pad(row.method.description, 28) + lpad(fixed(row.value), 12) + lpad(fixed(row.distance), 12)
                        + lpad(row.threshold.map(fixed) ?? "-", 11) + "  "
                        + (row.similar.map { $0 ? "similar" : "different" } ?? "-"))
            }
            out.line("")
            out.line(
                "verdict: \(verdictRow.similar ? "similar" : "different") (phash distance \(verdictRow.distance) "
                    + "\(verdictRow.similar ? "<=" : ">") \(verdictRow.threshold))")
        }
        out.flush()
        return verdictRow.similar ? .success : .noMatch
    }

    /// One row of `compare --robust`.
    struct RobustRow {
        var spec: AlgorithmSpec
        var distance: Int
        var threshold: Int?
        var similar: Bool? { threshold.map { distance <= $0 } }
    }

    /// `--robust`: the symmetric robust distance under every algorithm (see the help text).
    static func runRobust(
        names: [FilePath], images: [PixelBuffer], algorithms: [AlgorithmSpec.Name], size: Int, factor: Int,
        format: OutputFormat
    ) -> ExitStatus {
        let rows = algorithms.map { name in
            let spec = AlgorithmSpec(name: name, size: size, highFrequencyFactor: factor)
            let sign = DistancesCommand.signer(spec.makeHasher(), robust: RobustMode.configuration(for: spec))
            let a = RobustMode.sets(sign(images[0])), b = RobustMode.sets(sign(images[1]))
            return RobustRow(
                spec: spec, distance: RobustMode.symmetricDistance(a, b),
                threshold: RobustMode.recommendedThreshold(for: spec))
        }
        guard let verdictRow = rows.first(where: { $0.spec.name == .pdq }), let similar = verdictRow.similar,
            let threshold = verdictRow.threshold
        else { return .failure }
        var out = Output()
        if format == .json {
            out.line("{")
            out.line("  \"a\": \(jsonString(names[0])), \"b\": \(jsonString(names[1])), \"robust\": true,")
            out.line("  \"hashes\": [")
            for (i, row) in rows.enumerated() {
                out.line(
                    "    {\"algorithm\": \(jsonString(row.spec.description)), \"bits\": \(row.spec.bitCount), "
                        + "\"distance\": \(row.distance), \"threshold\": \(row.threshold.map { "\($0)" } ?? "null"), "
                        + "\"similar\": \(row.similar.map { "\($0)" } ?? "null")}" + (i + 1 < rows.count ? "," : ""))
            }
            out.line("  ],")
            out.line("  \"verdict\": \"\(similar ? "similar" : "different")\"")
            out.line("}")
        } else {
            out.line("A: \(names[0].escaped)")
            out.line("B: \(names[1].escaped)")
            out.line("")
            out.line(
                pad("algorithm", 16) + lpad("bits", 6) + lpad("distance", 10) + lpad("threshold", 11)
                    + "  verdict (robust)")
            for row in rows {
                out.line(
                    pad(row.spec.name.rawValue, 16) + lpad("\(row.spec.bitCount)", 6) + lpad("\(row.distance)", 10)
                        + lpad(row.threshold.map { "\($0)" } ?? "-", 11) + "  "
                        + (row.similar.map { $0 ? "similar" : "different" } ?? "-"))
            }
            out.line("")
            out.line(
                "verdict: \(similar ? "similar" : "different") (pdq robust distance \(verdictRow.distance) "
                    + "\(similar ? "<=" : ">") \(threshold))")
        }
        out.flush()
        return similar ? .success : .noMatch
    }

    static func pad(_ s: String, _ n: Int) -> String {
        s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count)
    }
    static func lpad(_ s: String, _ n: Int) -> String {
        s.count >= n ? " " + s : String(repeating: " ", count: n - s.count) + s
    }
    static func fixed(_ v: Double) -> String { v.isFinite ? String(format: "%.6f", v) : "\(v)" }
}

/// A JSON number (non-finite values, which JSON lacks, become null).
func jsonNumber(_ v: Double) -> String { v.isFinite ? "\(v)" : "null" }
