import PerceptualHash

/// `phash hash`: one fingerprint per image, in input order.
enum HashCommand {
    static let help = """
        usage: phash hash [--algorithm NAME] [--size N] [--highfreq F] [--format text|tsv|json]
                          [--min-quality Q] [--robust] [--raw WIDTHxHEIGHT:LAYOUT] [--max-pixels N]
                          [--exif-orientation] PATH...

        Prints the fingerprint of every image, in the order given; '-' reads one image from
        standard input. Folders are walked recursively in byte order of the names, hidden
        entries skipped, and their .pbm .pgm .ppm .pnm .pam .png .jpg .jpeg files hashed (each file and folder
        once, however many symbolic links lead to it). Images are hashed in parallel on all
        cores. A file that cannot be read is reported on stderr and the others go on.

        Input is Netpbm (PBM, PGM, PPM, PAM), PNG (every kind) or JPEG (baseline and
        progressive, gray or colour, any chroma subsampling), decoded to the pixels Pillow
        gives, so hashes equal ImageHash's; told apart by the file's first bytes. Convert
        others (WebP, HEIC, GIF, TIFF, CMYK or 12-bit JPEG, ...) first, e.g.
          convert photo.webp photo.ppm                 (ImageMagick; 'magick' in version 7)
          python3 -c 'import sys; from PIL import Image; Image.open(sys.argv[1]).convert("RGB").save(sys.argv[2])' photo.webp photo.ppm
        or stream one image: convert photo.webp ppm:- | phash hash -

        Output (paths escaped: \\\\ \\t \\n \\r, and \\xHH for control bytes and bytes that are not UTF-8):
          text   <hex>  <path>          (ImageHash's str(hash), two spaces, the path)
          tsv    path<TAB>algorithm<TAB>bits<TAB>hex, with a header line
                 (pdq: a fifth column, quality)
          json   {"algorithm": ..., "bits": ..., "images": [{"path": ..., "hash": ...}, ...]}
                 (the path as is when it is UTF-8, else its escaped form; pdq: each image
                 also has "quality")

        Options:
          --algorithm NAME   one of the names below (default phash)
          --size N           bits per side, N*N bits in all, \(AlgorithmSpec.sizeRange.lowerBound)...\(AlgorithmSpec.sizeRange.upperBound) (default 8; not for pdq)
          --highfreq F       DCT thumbnail = N*F pixels a side, for the phash family (default 4)
          --format FORMAT    text (default), tsv or json
          --min-quality Q    pdq only: skip images whose PDQ quality (0...100) is below Q, each
                             with a line 'phash: PATH: skipped: quality 12 below --min-quality 50'
                             on stderr (not an error). Default: none skipped, as Meta's
                             reference tools do unless asked; Meta recommends discarding
                             hashes of quality below 50 (--min-quality 50)
          --robust           print each image's robust reference set instead of its fingerprint:
                             robust1/<bits>;<view>=<hex>;... (a view is left,top,right,bottom
                             cuts in percent @ degrees / symmetry 0-7; see Documentation/Robust.md);
                             in tsv the fourth column is named 'robust', in json the field too
          --raw WxH:LAYOUT   read raw pixels instead of Netpbm, PNG or JPEG, e.g. 640x480:rgba8, 100x100:bgr16le
                             (LAYOUT: gray, grayalpha, rgb, bgr, rgba, bgra, argb, abgr, rgbx,
                             bgrx, followed by 8, 16le or 16be)
          --max-pixels N     largest image accepted, in pixels (default 89,478,485, as Pillow);
                             raise it for very large camera images
          --exif-orientation turn JPEG images upright by their EXIF orientation tag before
                             hashing (default: the stored pixels, as ImageHash hashes them)

        Exit status: 0 every input hashed (or skipped by --min-quality), 2 an error (an input
        that could not be read, no image found, output that could not be written, a usage
        mistake).

        Algorithms:
        \(AlgorithmSpec.helpList)
        \(CropResistantCommand.helpLine)
          (prints one hex dhash per segment, comma-separated: ImageHash's str(crop_resistant_hash);
          tsv: path, algorithm, segments, hash; json: each image has "segments" and "hash")
        """

    static let spec = OptionSpec(
        valued: ["algorithm", "size", "highfreq", "format", "raw", "max-pixels", "min-quality"],
        flags: ["robust", "exif-orientation"])

    static func run(_ arguments: [FilePath]) async throws(UsageError) -> ExitStatus {
        let args = try ParsedArguments.parse(raw: arguments, spec: spec)
        if args.wantsHelp {
            printOutput(help)
            return .success
        }
        if args.values["algorithm"] == CropResistantCommand.name { return try CropResistantCommand.hash(args) }
        let algorithm = try AlgorithmSpec(arguments: args)
        let minimumQuality = try args.minimumQuality(for: algorithm)
        let format = try args.format([.text, .tsv, .json])
        let input = try InputFormat(arguments: args)
        guard !args.positionalPaths.isEmpty else { throw UsageError(message: "no input files") }

        if args.flags.contains("robust") {
            guard minimumQuality == nil else { throw UsageError(message: "--min-quality does not apply with --robust") }
            return await runRobust(args.positionalPaths, algorithm: algorithm, format: format, input: input)
        }
        let inputs = collectInputs(args.positionalPaths, raw: input.isRaw)
        var out = Output()
        var pendingJSON: String? = nil  // the last JSON element, printed once we know whether a comma follows
        switch format {
        case .tsv: out.line("path\talgorithm\tbits\thash" + (algorithm.name == .pdq ? "\tquality" : ""))
        case .json:
            out.line(
                "{\"algorithm\": \(jsonString(algorithm.description)), \"bits\": \(algorithm.bitCount), \"images\": [")
        default: break
        }
        let failed = await hashInputs(
            inputs, hasher: algorithm.makeHasher(), format: input, minimumQuality: minimumQuality
        ) { _, image in
            switch format {
            case .tsv:
                out.line(
                    "\(tsvField(image.path))\t\(algorithm.name.rawValue)\t\(algorithm.bitCount)\t\(image.fingerprint)"
                        + (image.quality.map { "\t\($0)" } ?? ""))
            case .json:
                if let pendingJSON { out.line(pendingJSON + ",") }
                pendingJSON =
                    "  {\"path\": \(jsonString(image.path)), \"hash\": \"\(image.fingerprint)\""
                    + (image.quality.map { ", \"quality\": \($0)" } ?? "") + "}"
            default:
                out.line("\(image.fingerprint)  \(image.path.escaped)")
            }
        }
        if format == .json {
            if let pendingJSON { out.line(pendingJSON) }
            out.line("]}")
        }
        out.flush()
        return failed ? .failure : .success
    }

    /// `--robust`: the reference set of every image, in input order.
    static func runRobust(_ paths: [FilePath], algorithm: AlgorithmSpec, format: OutputFormat, input: InputFormat) async
        -> ExitStatus
    {
        let sign = DistancesCommand.signer(
            algorithm.makeHasher(), robust: DistancesCommand.robustConfiguration(algorithm))
        let (images, failed) = await DistancesCommand.signatures(paths, input: input, sign: sign)
        var out = Output()
        switch format {
        case .tsv: out.line("path\talgorithm\tbits\trobust")
        case .json:
            out.line(
                "{\"algorithm\": \(jsonString(algorithm.description)), \"bits\": \(algorithm.bitCount), \"images\": [")
        default: break
        }
        for (k, image) in images.enumerated() {
            guard case .robust(let reference, _) = image.signature else { continue }
            switch format {
            case .tsv:
                out.line("\(tsvField(image.path))\t\(algorithm.name.rawValue)\t\(algorithm.bitCount)\t\(reference)")
            case .json:
                out.line(
                    "  {\"path\": \(jsonString(image.path)), \"robust\": \"\(reference)\"}"
                        + (k + 1 < images.count ? "," : ""))
            default: out.line("\(reference)  \(image.path.escaped)")
            }
        }
        if format == .json { out.line("]}") }
        out.flush()
        if images.isEmpty && !failed { printError("phash: no image was hashed") }
        return failed || images.isEmpty || OutputFailure.happened ? .failure : .success
    }
}
