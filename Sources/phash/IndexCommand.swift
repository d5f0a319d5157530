import Foundation
import PerceptualHash

/// `phash index`: the fingerprint database (build, add, remove, search, info).
enum IndexCommand {
    static let subcommands = ["build", "add", "remove", "search", "info"]

    static let help = """
        usage: phash index build DB [--algorithm NAME] [--size N] [--highfreq F] [--raw WxH:LAYOUT] PATH...
               phash index add DB [--raw WxH:LAYOUT] PATH...
               phash index remove DB PATH...
               phash index search DB [--radius R | --nearest K] [--format text|tsv|json] QUERY...
               phash index info DB

        A fingerprint database: one file holding the algorithm it was built with and a
        fingerprint per image path. Every change is written atomically (temporary file, fsync,
        rename), so a crash leaves the old database intact. A database that is corrupted
        (checksum, lengths, header) or was built with another algorithm than the one asked for
        is refused with a message (exit status 1). Run 'phash index SUBCOMMAND --help' for more.
        """

    static let helps: [String: String] = [
        "build": """
            usage: phash index build DB [--algorithm NAME] [--size N] [--highfreq F] [--raw WxH:LAYOUT] PATH...

            Hashes the images (folders walked as in 'phash hash') and writes a new database DB
            with them, replacing any file there. Images that fail are reported and left out
            (exit status 1). Default algorithm: phash size 8.
            """,
        "add": """
            usage: phash index add DB [--algorithm NAME] [--size N] [--highfreq F] [--raw WxH:LAYOUT] PATH...

            Hashes the images with the database's algorithm and adds them; an image whose path
            is already there gets its fingerprint replaced. --algorithm, --size and --highfreq
            may be given to check: they must match the database's.
            """,
        "remove": """
            usage: phash index remove DB PATH...

            Removes the entries with these paths (as stored, or naming the same file by another
            relative/absolute spelling). A path that is not in the database is reported
            (exit status 1); the others are removed.
            """,
        "search": """
            usage: phash index search DB [--radius R | --nearest K] [--format text|tsv|json]
                                         [--algorithm NAME] [--size N] [--highfreq F] [--raw WxH:LAYOUT] QUERY...

            Hashes every query image with the database's algorithm and prints the entries within
            Hamming distance R (default: the recommended threshold of the database's algorithm, below),
            or the K nearest, sorted by distance, then by position in the database.

            Output:
              text   the query path, then '  <distance>  <hex>  <path>' per match
              tsv    query<TAB>distance<TAB>hash<TAB>path, with a header line
              json   {"algorithm": ..., "queries": [{"path": ..., "hash": ..., "matches": [{"distance": ..., "hash": ..., "path": ...}]}]}

            \(RecommendedThresholds.helpText)
            """,
        "info": """
            usage: phash index info DB

            Prints the database's format version, algorithm, bit count, entry count and size.
            """,
    ]

    static func run(_ arguments: [String]) async throws(UsageError) -> ExitStatus {
        guard let sub = arguments.first else { throw UsageError(message: "missing subcommand (build, add, remove, search, info)") }
        if sub == "--help" || sub == "-h" {
            print(help)
            return .success
        }
        guard subcommands.contains(sub) else { throw UsageError(message: "unknown subcommand '\(sub)'") }
        var spec = OptionSpec()
        switch sub {
        case "build", "add": spec.valued = ["algorithm", "size", "highfreq", "raw"]
        case "search": spec.valued = ["algorithm", "size", "highfreq", "raw", "radius", "nearest", "format"]
        default: break
        }
        let args = try ParsedArguments.parse(Array(arguments.dropFirst()), spec: spec)
        if args.wantsHelp {
            print(helps[sub]!)
            return .success
        }
        guard let db = args.positionals.first else { throw UsageError(message: "missing the database path") }
        let paths = Array(args.positionals.dropFirst())
        do {
            switch sub {
            case "build":
                guard !paths.isEmpty else { throw UsageError(message: "no input files") }
                let algorithm = try AlgorithmSpec(arguments: args)
                let input = try InputFormat(arguments: args)
                var database = FingerprintDatabase(algorithm: algorithm)
                let failed = await addImages(paths, to: &database, input: input)
                try database.save(to: db)
                print("\(db): \(database.count) images, \(algorithm)")
                return failed ? .failure : .success
            case "add":
                guard !paths.isEmpty else { throw UsageError(message: "no input files") }
                let input = try InputFormat(arguments: args)
                var database = try open(db, checking: args)
                let before = database.count
                let failed = await addImages(paths, to: &database, input: input)
                try database.save(to: db)
                print("\(db): \(database.count - before) added, \(database.count) images")
                return failed ? .failure : .success
            case "remove":
                guard !paths.isEmpty else { throw UsageError(message: "no paths to remove") }
                var database = try open(db, checking: args)
                var failed = false
                var removed = 0
                for path in paths {
                    let key = canonical(path)
                    let hits = database.paths.indices.filter { database.paths[$0] == path || canonical(database.paths[$0]) == key }
                    if hits.isEmpty {
                        printError("phash: \(path): not in the database")
                        failed = true
                    }
                    for i in hits.reversed() {
                        database.paths.remove(at: i)
                        database.fingerprints.remove(at: i)
                        removed += 1
                    }
                }
                if removed > 0 { try database.save(to: db) }
                print("\(db): \(removed) removed, \(database.count) images")
                return failed ? .failure : .success
            case "search":
                return try await search(db, queries: paths, args: args)
            default:  // info
                guard paths.isEmpty else { throw UsageError(message: "info takes only the database path") }
                let database = try open(db, checking: args)
                let size = (try? FileManager.default.attributesOfItem(atPath: db)[.size] as? Int) ?? 0
                var out = Output()
                out.line("database: \(db)")
                out.line("format version: \(FingerprintDatabase.version)")
                out.line("algorithm: \(database.algorithm)")
                out.line("bits: \(database.algorithm.bitCount)")
                out.line("entries: \(database.count)")
                out.line("file size: \(size) bytes")
                out.flush()
                return .success
            }
        } catch let error as UsageError {
            throw error
        } catch let error as CommandFailure {
            printError("phash: \(db): \(error.message)")
            return .failure
        } catch {
            printError("phash: \(db): \(error)")
            return .failure
        }
    }

    /// Loads `db`; when the command line names an algorithm, it must be the database's.
    static func open(_ db: String, checking args: ParsedArguments) throws(CommandFailure) -> FingerprintDatabase {
        let database: FingerprintDatabase
        do throws(FingerprintDatabase.ReadError) {
            database = try FingerprintDatabase.load(db)
        } catch {
            throw CommandFailure(message: error.description)
        }
        if args.values["algorithm"] != nil || args.values["size"] != nil || args.values["highfreq"] != nil {
            let requested: AlgorithmSpec
            do throws(UsageError) {
                requested = try AlgorithmSpec(
                    arguments: args, defaultName: database.algorithm.name)
            } catch {
                throw CommandFailure(message: error.message)
            }
            var adjusted = requested
            if args.values["size"] == nil { adjusted.size = database.algorithm.size }
            if args.values["highfreq"] == nil, adjusted.name.usesHighFrequencyFactor,
                database.algorithm.name.usesHighFrequencyFactor
            {
                adjusted.highFrequencyFactor = database.algorithm.highFrequencyFactor
            }
            guard adjusted == database.algorithm else {
                throw CommandFailure(
                    message: "built with another algorithm (\(database.algorithm)), not \(adjusted); "
                        + "use the same --algorithm/--size/--highfreq or build a new database")
            }
        }
        return database
    }

    /// Hashes `paths` with the database's algorithm and upserts them; returns whether any failed.
    static func addImages(_ paths: [String], to database: inout FingerprintDatabase, input: InputFormat) async -> Bool {
        let inputs = collectInputs(paths, raw: isRaw(input))
        var hashed: [HashedImage] = []
        let failed = await hashInputs(inputs, hasher: database.algorithm.makeHasher(), format: input) { _, image in
            hashed.append(image)
        }
        for image in hashed { _ = database.upsert(path: image.path, fingerprint: image.fingerprint) }
        return failed
    }

    /// The absolute, standardized form of a path, to match entries spelled differently.
    static func canonical(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return (absolute as NSString).standardizingPath
    }

    static func search(_ db: String, queries: [String], args: ParsedArguments) async throws(CommandFailure) -> ExitStatus {
        let database = try open(db, checking: args)
        let format: String
        let input: InputFormat
        let radius: Int?
        let nearest: Int?
        do throws(UsageError) {
            format = try args.choice("format", of: ["text", "tsv", "json"], default: "text")
            input = try InputFormat(arguments: args)
            if args.values["radius"] != nil && args.values["nearest"] != nil {
                throw UsageError(message: "give --radius or --nearest, not both")
            }
            radius = args.values["radius"] == nil ? nil : try args.integer("radius", in: 0...database.algorithm.bitCount, default: 0)
            nearest = args.values["nearest"] == nil ? nil : try args.integer("nearest", in: 1...Int(Int32.max), default: 1)
            guard !queries.isEmpty else { throw UsageError(message: "no query images") }
        } catch {
            // A usage mistake found after the database was opened: same report as the others.
            printError("phash index search: \(error.message)\nRun 'phash index search --help' for usage.")
            return .failure
        }
        let inputs = collectInputs(queries, raw: isRaw(input))
        var hashed: [HashedImage] = []
        let failed = await hashInputs(inputs, hasher: database.algorithm.makeHasher(), format: input) { _, image in
            hashed.append(image)
        }
        let index = makeNeighborSearch(bitCount: database.algorithm.bitCount, fingerprints: database.fingerprints)
        let r = radius ?? database.algorithm.recommendedThreshold
        var out = Output()
        switch format {
        case "tsv": out.line("query\tdistance\thash\tpath")
        case "json": out.line("{\"algorithm\": \(jsonString(database.algorithm.description)), \"queries\": [")
        default: break
        }
        var anyMatch = false
        for (q, query) in hashed.enumerated() {
            let matches: [(id: Int, distance: Int)] =
                if let nearest { index.nearest(to: query.fingerprint, count: nearest) } else {
                    index.neighbors(of: query.fingerprint, within: r).map { ($0, database.fingerprints[$0].distance(to: query.fingerprint)) }
                        .sorted { ($0.distance, $0.id) < ($1.distance, $1.id) }
                }
            if !matches.isEmpty { anyMatch = true }
            switch format {
            case "tsv":
                for m in matches {
                    out.line("\(tsvField(query.path))\t\(m.distance)\t\(database.fingerprints[m.id])\t\(tsvField(database.paths[m.id]))")
                }
            case "json":
                let items = matches.map {
                    "{\"distance\": \($0.distance), \"hash\": \"\(database.fingerprints[$0.id])\", \"path\": \(jsonString(database.paths[$0.id]))}"
                }
                out.line(
                    "  {\"path\": \(jsonString(query.path)), \"hash\": \"\(query.fingerprint)\", \"matches\": ["
                        + items.joined(separator: ", ") + "]}" + (q + 1 < hashed.count ? "," : ""))
            default:
                out.line(query.path)
                for m in matches { out.line("  \(m.distance)  \(database.fingerprints[m.id])  \(database.paths[m.id])") }
            }
        }
        if format == "json" { out.line("]}") }
        out.flush()
        return failed ? .failure : anyMatch ? .success : .noMatch
    }
}
