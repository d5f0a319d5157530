import PerceptualHash

/// `phash hash`: one fingerprint per image, in input order.
enum HashCommand {
    static let help = """
        usage: phash hash [--algorithm NAME] [--size N] [--highfreq F] [--format text|tsv|json]
                          [--raw WIDTHxHEIGHT:LAYOUT] PATH...

        Prints the fingerprint of every image, in the order given; folders are walked
        recursively in sorted order and their .pbm .pgm .ppm .pnm .pam files hashed.
        Images are hashed in parallel on all cores. A file that cannot be read is reported
        on stderr and the others go on (exit status 1).

        Output:
          text   <hex>  <path>          (ImageHash's str(hash), two spaces, the path)
          tsv    path<TAB>algorithm<TAB>bits<TAB>hex, with a header line
          json   {"algorithm": ..., "bits": ..., "images": [{"path": ..., "hash": ...}, ...]}

        Options:
          --algorithm NAME   one of the names below (default phash)
          --size N           bits per side, N*N bits in all, \(AlgorithmSpec.sizeRange.lowerBound)...\(AlgorithmSpec.sizeRange.upperBound) (default 8)
          --highfreq F       DCT thumbnail = N*F pixels a side, for the phash family (default 4)
          --format FORMAT    text (default), tsv or json
          --raw WxH:LAYOUT   read raw pixels instead of Netpbm, e.g. 640x480:rgba8, 100x100:bgr16le
                             (LAYOUT: gray, grayalpha, rgb, bgr, rgba, bgra, argb, abgr, rgbx,
                             bgrx, followed by 8, 16le or 16be)

        Algorithms:
        \(AlgorithmSpec.helpList)
        """

    static let spec = OptionSpec(valued: ["algorithm", "size", "highfreq", "format", "raw"])

    static func run(_ arguments: [String]) async throws(UsageError) -> ExitStatus {
        let args = try ParsedArguments.parse(arguments, spec: spec)
        if args.wantsHelp {
            print(help)
            return .success
        }
        let algorithm = try AlgorithmSpec(arguments: args)
        let format = try args.choice("format", of: ["text", "tsv", "json"], default: "text")
        let input = try InputFormat(arguments: args)
        guard !args.positionals.isEmpty else { throw UsageError(message: "no input files") }

        let inputs = collectInputs(args.positionals, raw: isRaw(input))
        var out = Output()
        var pendingJSON: String? = nil  // the last JSON element, printed once we know whether a comma follows
        switch format {
        case "tsv": out.line("path\talgorithm\tbits\thash")
        case "json":
            out.line("{\"algorithm\": \(jsonString(algorithm.description)), \"bits\": \(algorithm.bitCount), \"images\": [")
        default: break
        }
        let failed = await hashInputs(inputs, hasher: algorithm.makeHasher(), format: input) { _, image in
            switch format {
            case "tsv":
                out.line("\(tsvField(image.path))\t\(algorithm.name.rawValue)\t\(algorithm.bitCount)\t\(image.fingerprint)")
            case "json":
                if let pendingJSON { out.line(pendingJSON + ",") }
                pendingJSON = "  {\"path\": \(jsonString(image.path)), \"hash\": \"\(image.fingerprint)\"}"
            default:
                out.line("\(image.fingerprint)  \(image.path)")
            }
        }
        if format == "json" {
            if let pendingJSON { out.line(pendingJSON) }
            out.line("]}")
        }
        out.flush()
        return failed ? .failure : .success
    }
}

/// Whether `--raw` was given.
func isRaw(_ format: InputFormat) -> Bool {
    if case .raw = format { return true }
    return false
}
