import Foundation
import PerceptualHash

/// `phash index`: the fingerprint database (build, add, remove, search, info).
enum IndexCommand {
    static let subcommands = ["build", "add", "remove", "search", "info"]

    static let help = """
        usage: phash index build DB [--allow-partial] [--algorithm NAME] [--size N] [--highfreq F]
                                    [--min-quality Q] [--robust] [--raw WxH:LAYOUT] PATH...
               phash index add DB [--min-quality Q] [--robust] [--raw WxH:LAYOUT] PATH...
               phash index remove DB PATH...
               phash index search DB [--radius R | --nearest K] [--format text|tsv|json]
                                     [--min-quality Q] [--robust] [--queries FILE|-] QUERY...
               phash index info DB

        A fingerprint database: one file holding the algorithm it was built with and a
        fingerprint per image, stored under the image's absolute path (folder resolved).
        Every change is written atomically (temporary file, fsync, rename) under a lock on
        DB.lock, so concurrent writers are serialized and a crash leaves the old database
        intact. A database that is corrupted, read-only, or was built with another algorithm
        than the one asked for is refused with a message (exit status 2).
        --min-quality Q (pdq databases only) skips images whose PDQ quality is below Q, each
        reported on stderr, not an error (default: none skipped; see 'phash hash --help').
        'build --robust' makes a robust database: each image's robust reference set (mirrors,
        crops, rotations, borders; Documentation/Robust.md) instead of its fingerprint. 'add' and
        'search' follow the database: a robust one is searched with each query's robust query
        set, per image at its smallest distance. '--robust' on 'add' or 'search' checks that
        the database is robust. A robust database made with other views (another phash
        version) is refused, and so is --robust on a plain one.
        build, add and search take --exif-orientation as 'phash hash' does.
        Run 'phash index SUBCOMMAND --help' for more.
        """

    static let helps: [String: String] = [
        "build": """
        usage: phash index build DB [--allow-partial] [--algorithm NAME] [--size N] [--highfreq F] [--min-quality Q]
                                    [--raw WxH:LAYOUT] PATH...

        Hashes the images (folders walked as in 'phash hash') and writes a new database DB
        with them, replacing the database there. When an input fails, nothing is written
        (exit status 2) unless --allow-partial is given: then the images that were hashed
        are written (still exit status 2). A build that hashed no image never writes. An
        existing DB that is not a phash database (an image, say) is never replaced.
        Default algorithm: phash size 8. With --algorithm pdq, --min-quality Q leaves out
        images whose PDQ quality is below Q (each reported on stderr, not an error).
        --robust stores every image's robust reference set (format version 4; not with
        --min-quality or colorhash).
        """,
        "add": """
        usage: phash index add DB [--algorithm NAME] [--size N] [--highfreq F] [--min-quality Q] [--robust]
                                  [--raw WxH:LAYOUT] PATH...

        Hashes the images with the database's algorithm and adds them; an image already
        there (under any spelling of its path) gets its fingerprint replaced. Prints how
        many were added, updated (fingerprint changed) and unchanged. --algorithm, --size
        and --highfreq may be given to check: they must match the database's, and so may
        --robust (the database must be robust; a robust one is always added to robustly).
        --min-quality Q (pdq databases only) leaves out images whose PDQ quality is below Q.
        """,
        "remove": """
        usage: phash index remove DB PATH...

        Removes the entries of these files (any spelling: relative, absolute, through a
        symlinked folder). A path that is not in the database is reported (exit status 2);
        the others are removed.
        """,
        "search": """
        usage: phash index search DB [--radius R | --nearest K] [--format text|tsv|json] [--queries FILE|-]
                                     [--algorithm NAME] [--size N] [--highfreq F] [--min-quality Q]
                                     [--robust] [--raw WxH:LAYOUT] QUERY...

        Hashes every query image with the database's algorithm and prints the entries within
        Hamming distance R (default: the recommended threshold of the database's algorithm, below),
        or the K nearest, sorted by distance, then by position in the database. Each query's
        results are printed as soon as they are found. --min-quality Q (pdq databases only)
        skips query images whose PDQ quality is below Q (reported on stderr, not an error).

        --queries FILE reads more queries from FILE ('-': standard input), one path per
        line in the escaped form phash prints ('\\\\' for a backslash, '\\t', '\\n', '\\xHH'
        for any byte); empty lines are skipped. They come after the QUERY arguments.

        Exit status: 0 some query matched, 1 none matched, 2 an error (a query or the
        database could not be read).

        A robust database (built with --robust) is searched with each query's robust query set:
        an image matches at the smallest Hamming distance between the query's views and its
        stored views, each image once. Default R: the library's recommended robust threshold
        (\(RobustMode.thresholdsText); other algorithms and sizes need --radius). The hex printed for a match is the stored fingerprint of
        its whole (trimmed) view, for the query that of the query's whole view.

        Output (paths in the escaped form):
          text   the query path, then '  <distance>  <hex>  <path>' per match, the distance
                 right-aligned to the width of the bit count
          tsv    query<TAB>distance<TAB>hash<TAB>path, with a header line
          json   {"algorithm": ..., "queries": [{"path": ..., "hash": ..., "matches": [{"distance": ..., "hash": ..., "path": ...}]}]}

        \(RecommendedThresholds.helpText)
        """,
        "info": """
        usage: phash index info DB

        Prints the database's format version, algorithm, bit count, entry count and size, and
        for a robust database its tag and views per image.
        """,
    ]

    static func run(_ arguments: [FilePath]) async throws(UsageError) -> ExitStatus {
        guard let first = arguments.first else {
            throw UsageError(message: "missing subcommand (build, add, remove, search, info)")
        }
        let sub = String(decoding: first.bytes, as: UTF8.self)
        if sub == "--help" || sub == "-h" {
            printOutput(help)
            return .success
        }
        guard subcommands.contains(sub) else { throw UsageError(message: "unknown subcommand '\(sub)'") }
        var spec = OptionSpec()
        switch sub {
        case "build":
            spec.valued = ["algorithm", "size", "highfreq", "raw", "max-pixels", "min-quality"]
            spec.flags = ["allow-partial", "robust", "exif-orientation"]
        case "add":
            spec.valued = ["algorithm", "size", "highfreq", "raw", "max-pixels", "min-quality"]
            spec.flags = ["robust", "exif-orientation"]
        case "search":
            spec.valued = [
                "algorithm", "size", "highfreq", "raw", "max-pixels", "min-quality", "radius", "nearest", "format",
                "queries",
            ]
            spec.flags = ["robust", "exif-orientation"]
        default: break
        }
        let args = try ParsedArguments.parse(raw: Array(arguments.dropFirst()), spec: spec)
        if args.wantsHelp {
            printOutput(helps[sub] ?? help)
            return .success
        }
        guard let db = args.positionalPaths.first else { throw UsageError(message: "missing the database path") }
        let paths = Array(args.positionalPaths.dropFirst())
        do {
            switch sub {
            case "build":
                guard !paths.isEmpty else { throw UsageError(message: "no input files") }
                return try await build(db, paths, args: args)
            case "add":
                guard !paths.isEmpty else { throw UsageError(message: "no input files") }
                return try await add(db, paths, args: args)
            case "remove":
                guard !paths.isEmpty else { throw UsageError(message: "no paths to remove") }
                return try remove(db, paths, args: args)
            case "search":
                return try await search(db, queries: paths, args: args)
            default:  // info
                guard paths.isEmpty else { throw UsageError(message: "info takes only the database path") }
                let (database, size) = try open(db, checking: args, anyViews: true)
                var out = Output()
                out.line("database: \(db)")
                out.line("format version: \(database.formatVersion)")
                out.line("algorithm: \(database.algorithm)")
                out.line("bits: \(database.algorithm.bitCount)")
                out.line("entries: \(database.count)")
                if let robust = database.robust {
                    out.line("robust: \(robust.configuration), \(robust.viewCount) views per image")
                }
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

    /// `build`: hash everything first (no lock held), then write only when every input was
    /// hashed (or --allow-partial) and at least one image was.
    static func build(_ db: FilePath, _ paths: [FilePath], args: ParsedArguments) async throws -> ExitStatus {
        let algorithm = try AlgorithmSpec(arguments: args)
        let minimumQuality = try args.minimumQuality(for: algorithm)
        let input = try InputFormat(arguments: args)
        let robust = args.flags.contains("robust")
        if robust { try checkRobustArguments(algorithm, minimumQuality: minimumQuality) }
        let target = try DatabaseWriter.resolve(db)
        try DatabaseWriter.checkWritable(target)
        try refuseNonDatabase(target)  // before hashing, and before a lock file is made next to it
        var database = FingerprintDatabase(
            algorithm: algorithm, robust: robust ? RobustDatabaseTag(algorithm: algorithm) : nil)
        var cache: [[UInt8]: [UInt8]] = [:]
        let failed: Bool
        if robust {
            failed = await hashRobust(paths, algorithm: algorithm, input: input) { path, sets in
                _ = database.upsert(
                    path: canonicalPath(path, folderCache: &cache), fingerprints: sets.reference.fingerprints)
            }
        } else {
            failed = await hash(paths, algorithm: algorithm, input: input, minimumQuality: minimumQuality) {
                path, fingerprint in
                _ = database.upsert(path: canonicalPath(path, folderCache: &cache), fingerprint: fingerprint)
            }
        }
        guard database.count > 0 else {
            let reason =
                minimumQuality.map { "no image was hashed at --min-quality \($0) or above" } ?? "no images were hashed"
            throw CommandFailure(message: "\(reason); nothing was written")
        }
        if failed && !args.flags.contains("allow-partial") {
            throw CommandFailure(
                message: "some inputs could not be hashed (see above); nothing was written. Fix them, or pass "
                    + "--allow-partial to write the \(database.count) images that were hashed")
        }
        let writer = try DatabaseWriter(db)
        try DatabaseWriter.checkWritable(writer.target)
        try refuseNonDatabase(writer.target)
        try writer.save(database)
        printOutput("\(db.escaped): \(database.count) images, \(algorithm)" + (robust ? ", robust" : ""))
        return failed ? .failure : .success
    }

    /// `add`: read the algorithm, hash (no lock held), then read the database again under the
    /// lock and upsert; saves only when something changed.
    static func add(_ db: FilePath, _ paths: [FilePath], args: ParsedArguments) async throws -> ExitStatus {
        let input = try InputFormat(arguments: args)
        let opened = try open(db, checking: args, suggestBuild: true).database
        let algorithm = opened.algorithm
        let minimumQuality = try args.minimumQuality(for: algorithm)
        if opened.robust != nil { try checkRobustArguments(algorithm, minimumQuality: minimumQuality) }
        try DatabaseWriter.checkWritable(try DatabaseWriter.resolve(db))
        var hashed: [(FilePath, [Fingerprint])] = []
        var cache: [[UInt8]: [UInt8]] = [:]
        let failed: Bool
        if opened.robust != nil {
            failed = await hashRobust(paths, algorithm: algorithm, input: input) { path, sets in
                hashed.append((canonicalPath(path, folderCache: &cache), sets.reference.fingerprints))
            }
        } else {
            failed = await hash(paths, algorithm: algorithm, input: input, minimumQuality: minimumQuality) {
                path, fingerprint in
                hashed.append((canonicalPath(path, folderCache: &cache), [fingerprint]))
            }
        }
        let writer = try DatabaseWriter(db)
        try DatabaseWriter.checkWritable(writer.target)
        var database = try open(writer.target, checking: args, suggestBuild: true).database
        guard database.algorithm == algorithm, database.robust == opened.robust else {
            throw CommandFailure(
                message:
                    "the database was rebuilt with another algorithm while hashing; nothing was written, run the command again"
            )
        }
        var added = 0, updated = 0, unchanged = 0
        for (path, fingerprints) in hashed {
            switch database.upsert(path: path, fingerprints: fingerprints) {
            case .added: added += 1
            case .updated: updated += 1
            case .unchanged: unchanged += 1
            }
        }
        if added + updated > 0 { try writer.save(database) }
        printOutput(
            "\(db.escaped): \(added) added, \(updated) updated, \(unchanged) unchanged, \(database.count) images")
        return failed ? .failure : .success
    }

    /// `remove`: under the lock, by canonical path, by the stored spelling, or (entries of a
    /// version 1 database stored relative) by the canonical form of the stored spelling.
    static func remove(_ db: FilePath, _ paths: [FilePath], args: ParsedArguments) throws -> ExitStatus {
        _ = try open(db, checking: args, anyViews: true)  // a missing or bad database: no lock file is created
        let writer = try DatabaseWriter(db)
        try DatabaseWriter.checkWritable(writer.target)
        var database = try open(writer.target, checking: args, anyViews: true).database
        var legacy: [FilePath: Int]? = nil
        var removed = Set<Int>()
        var failed = false
        for path in paths {
            let key = canonicalPath(path)
            var hit = database.position(of: key) ?? database.position(of: path)
            if hit == nil {
                if legacy == nil {
                    var map: [FilePath: Int] = [:]
                    for (i, stored) in database.paths.enumerated() where stored.bytes.first != 0x2F {
                        map[canonicalPath(stored)] = i
                    }
                    legacy = map
                }
                hit = legacy?[key]
            }
            if let hit {
                removed.insert(hit)
            } else {
                printError("phash: \(path): not in the database")
                failed = true
            }
        }
        database.remove(at: removed)
        if !removed.isEmpty { try writer.save(database) }
        printOutput("\(db.escaped): \(removed.count) removed, \(database.count) images")
        return failed ? .failure : .success
    }

    /// Refuses to replace an existing, non-empty file that does not start with the database
    /// magic (a mistyped image path, say).
    static func refuseNonDatabase(_ target: FilePath) throws(CommandFailure) {
        let fd = target.withCString { Glibc.open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK) }
        guard fd >= 0 else { return }
        defer { close(fd) }
        var head = [UInt8](repeating: 0, count: 8)
        let n = read(fd, &head, 8)
        if n > 0, Array(head.prefix(n)) != Array(FingerprintDatabase.magic.prefix(n)) || n < 8 {
            throw CommandFailure(
                message: "the file is not a phash database; nothing was written (remove it first to use the name)")
        }
    }

    /// Loads `db`; when the command line names an algorithm, it must be the database's.
    ///
    /// `--robust` on a plain database is refused; a robust database must carry this phash's
    /// tag for its algorithm (``RobustDatabaseTag``) unless `anyViews` (info, remove: nothing is
    /// hashed or compared).
    static func open(
        _ db: FilePath, checking args: ParsedArguments, suggestBuild: Bool = false, anyViews: Bool = false
    ) throws(CommandFailure)
        -> (database: FingerprintDatabase, fileSize: Int)
    {
        let loaded: (database: FingerprintDatabase, fileSize: Int)
        do throws(FingerprintDatabase.ReadError) {
            loaded = try FingerprintDatabase.load(db)
        } catch {
            if suggestBuild, case .unreadable("no such file") = error {
                throw CommandFailure(message: "\(error.description); create it with 'phash index build \(db) PATH...'")
            }
            throw CommandFailure(message: error.description)
        }
        let database = loaded.database
        if args.flags.contains("robust"), database.robust == nil {
            throw CommandFailure(
                message: "the database holds plain fingerprints, not robust sets (--robust); "
                    + "build a robust one with 'phash index build --robust'")
        }
        if let robust = database.robust, !anyViews {
            let expected = RobustDatabaseTag(algorithm: database.algorithm)
            guard robust == expected else {
                throw CommandFailure(
                    message: "robust database made with other views (\(robust.configuration), \(robust.viewCount) "
                        + "per image) than this phash's for \(database.algorithm) (\(expected.configuration), "
                        + "\(expected.viewCount) per image); rebuild it with 'phash index build --robust'")
            }
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
        return loaded
    }

    /// Hashes `paths` (files, and folders walked) with `algorithm` and hands each image to
    /// `deliver` in input order; returns whether any input failed (reported on stderr). With
    /// `minimumQuality` (pdq), images below it are skipped as ``hashInputs`` describes.
    static func hash(
        _ paths: [FilePath], algorithm: AlgorithmSpec, input: InputFormat, minimumQuality: Int? = nil,
        deliver: (FilePath, Fingerprint) -> Void
    ) async -> Bool {
        let inputs = collectInputs(paths, raw: isRaw(input))
        return await hashInputs(
            inputs, hasher: algorithm.makeHasher(), format: input, minimumQuality: minimumQuality
        ) { _, image in
            deliver(image.path, image.fingerprint)
        }
    }

    /// Refuses the options robust hashing does not take.
    static func checkRobustArguments(_ algorithm: AlgorithmSpec, minimumQuality: Int?) throws(UsageError) {
        guard minimumQuality == nil else { throw UsageError(message: "--min-quality does not apply with --robust") }
        guard algorithm.name != .colorhash else { throw UsageError(message: "colorhash has no robust form") }
    }

    /// ``hash(_:algorithm:input:minimumQuality:deliver:)`` for robust sets: the reference and
    /// query sets of every image under ``RobustMode/configuration(for:)``, in input order.
    static func hashRobust(
        _ paths: [FilePath], algorithm: AlgorithmSpec, input: InputFormat,
        deliver: (FilePath, (reference: RobustFingerprint, query: RobustFingerprint)) -> Void
    ) async -> Bool {
        let sign = DistancesCommand.signer(algorithm.makeHasher(), robust: RobustMode.configuration(for: algorithm))
        let (signed, failed) = await DistancesCommand.signatures(paths, input: input, sign: sign)
        for item in signed { deliver(item.path, RobustMode.sets(item.signature)) }
        return failed
    }

    static func search(_ db: FilePath, queries: [FilePath], args: ParsedArguments) async throws(CommandFailure)
        -> ExitStatus
    {
        let database = try open(db, checking: args).database
        let format: OutputFormat
        let input: InputFormat
        let radius: Int?
        let nearest: Int?
        let minimumQuality: Int?
        let listName = args.values["queries"]
        do throws(UsageError) {
            format = try args.format([.text, .tsv, .json])
            input = try InputFormat(arguments: args)
            minimumQuality = try args.minimumQuality(for: database.algorithm)
            if args.values["radius"] != nil && args.values["nearest"] != nil {
                throw UsageError(message: "give --radius or --nearest, not both")
            }
            radius =
                args.values["radius"] == nil
                ? (database.robust == nil || args.values["nearest"] != nil
                    ? nil : try RobustMode.defaultThreshold(for: database.algorithm, option: "radius"))
                : try args.integer("radius", in: 0...database.algorithm.bitCount, default: 0)
            nearest =
                args.values["nearest"] == nil ? nil : try args.integer("nearest", in: 1...Int(Int32.max), default: 1)
            guard !queries.isEmpty || listName != nil else { throw UsageError(message: "no query images") }
        } catch {
            // A usage mistake found after the database was opened: same report as the others.
            printError("phash index search: \(error.message)\nRun 'phash index search --help' for usage.")
            return .failure
        }
        var list: LineReader? = nil
        if let listName {
            let fd = listName == "-" ? 0 : FilePath(listName).withCString { Glibc.open($0, O_RDONLY | O_CLOEXEC) }
            guard fd >= 0 else {
                throw CommandFailure(message: "cannot read the query list \(listName): \(errnoText())")
            }
            list = LineReader(fd: fd)
        }
        defer { if let fd = list?.fd, fd != 0 { close(fd) } }

        let views = database.viewCount
        let index = MultiIndexHashIndex(
            bitCount: database.algorithm.bitCount, fingerprints: database.robust == nil ? database.fingerprints : [],
            ids: database.robust == nil ? (0..<database.fingerprints.count).map { UInt32(truncatingIfNeeded: $0) } : [])
        let robustSearch = database.robust.map { _ in RobustSearch(database) }
        let r = radius ?? database.algorithm.recommendedThreshold
        let width = String(database.algorithm.bitCount).count
        var out = Output()
        var started = false, first = true, anyMatch = false, attempted = 0
        func start() {
            guard !started else { return }
            started = true
            switch format {
            case .tsv: out.line("query\tdistance\thash\tpath")
            case .json: out.line("{\"algorithm\": \(jsonString(database.algorithm.description)), \"queries\": [")
            default: break
            }
        }
        func report(_ query: FilePath, _ fingerprint: Fingerprint) {
            report(
                query, fingerprint,
                matches: (nearest.map { index.nearest(to: fingerprint, count: $0) }
                    ?? index.neighbors(of: fingerprint, within: r)))
        }
        func reportRobust(_ query: FilePath, _ sets: (reference: RobustFingerprint, query: RobustFingerprint)) {
            guard let robustSearch else { return }
            report(
                query, sets.query.entries[0].fingerprint,
                matches: nearest.map { robustSearch.nearest(to: sets.query, count: $0) }
                    ?? robustSearch.index.neighbors(of: sets.query, within: r))
        }
        func report(_ query: FilePath, _ fingerprint: Fingerprint, matches found: [SearchResult]) {
            start()
            let matches: [(id: Int, distance: Int)] =
                found
                .map { (Int($0.id), $0.distance) }
                .sorted { ($0.distance, $0.id) < ($1.distance, $1.id) }
            if !matches.isEmpty { anyMatch = true }
            switch format {
            case .tsv:
                for m in matches {
                    out.line(
                        "\(query.escaped)\t\(m.distance)\t\(database.fingerprints[m.id * views])\t\(database.paths[m.id].escaped)"
                    )
                }
            case .json:
                let items = matches.map {
                    "{\"distance\": \($0.distance), \"hash\": \"\(database.fingerprints[$0.id * views])\", \"path\": \(jsonString(database.paths[$0.id].escaped))}"
                }
                // The comma starts the line of every object but the first, so each one can be
                // printed as soon as it is known.
                out.line(
                    (first ? "  " : ", ")
                        + "{\"path\": \(jsonString(query.escaped)), \"hash\": \"\(fingerprint)\", \"matches\": ["
                        + items.joined(separator: ", ") + "]}")
            default:
                out.line(query.escaped)
                for m in matches {
                    let d = String(m.distance)
                    out.line(
                        "  " + String(repeating: " ", count: max(0, width - d.count)) + d
                            + "  \(database.fingerprints[m.id * views])  \(database.paths[m.id].escaped)")
                }
            }
            first = false
            out.flush()
        }
        var failed = false
        func process(_ paths: [FilePath]) async -> Bool {
            if database.robust != nil {
                return await hashRobust(paths, algorithm: database.algorithm, input: input, deliver: reportRobust)
            }
            return await hash(
                paths, algorithm: database.algorithm, input: input, minimumQuality: minimumQuality, deliver: report)
        }
        if !queries.isEmpty {
            attempted += queries.count
            failed = await process(queries) || failed
        }
        if var reader = list {
            var lineNumber = 0
            while true {
                let batch: [[UInt8]]
                switch reader.nextLines() {
                case .failure(let error):
                    printError("phash: cannot read the query list \(listName ?? "-"): \(errnoText(error.code))")
                    failed = true
                    batch = []
                case .success(let lines): batch = lines
                }
                if batch.isEmpty { break }
                var paths: [FilePath] = []
                for line in batch {
                    lineNumber += 1
                    if line.isEmpty { continue }
                    guard let path = unescapedPath(line) else {
                        printError("phash: query list \(listName ?? "-"), line \(lineNumber): malformed escape")
                        failed = true
                        continue
                    }
                    paths.append(path)
                }
                attempted += batch.filter { !$0.isEmpty }.count
                if !paths.isEmpty { failed = await process(paths) || failed }
            }
        }
        guard attempted > 0 else {
            printError("phash index search: no query images\nRun 'phash index search --help' for usage.")
            return .failure
        }
        start()
        if format == .json { out.line("]}") }
        out.flush()
        return failed ? .failure : anyMatch ? .success : .noMatch
    }

    /// A path from one line of a query list: the escaped form of ``FilePath/escaped``
    /// (`\\`, `\t`, `\n`, `\r`, `\xHH`), other bytes taken as they are; nil for a malformed
    /// escape, an empty path or one holding NUL.
    static func unescapedPath(_ line: [UInt8]) -> FilePath? {
        guard let path = FilePath(escapedBytes: line), !path.bytes.isEmpty, !path.bytes.contains(0) else { return nil }
        return path
    }
}

/// The search structures of a robust database: a ``RobustIndex`` over every entry's reference
/// set (radius search, per image), and the sets themselves (nearest by brute force).
struct RobustSearch {
    let index: RobustIndex<LinearScanIndex>
    /// Every entry's reference set, with its position in the database.
    let sets: [(id: UInt32, set: RobustFingerprint)]

    init(_ database: FingerprintDatabase) {
        let variants = RobustMode.configuration(for: database.algorithm).referenceVariants
        var index = RobustIndex<LinearScanIndex>(bitCount: database.algorithm.bitCount)
        var sets: [(id: UInt32, set: RobustFingerprint)] = []
        for i in 0..<database.count {
            // The tag was checked, so the views and the stored fingerprints correspond.
            guard let set = database.robustSet(ofEntry: i, variants: variants) else { continue }
            index.insert(set, id: UInt32(truncatingIfNeeded: i))
            sets.append((UInt32(truncatingIfNeeded: i), set))
        }
        self.index = index
        self.sets = sets
    }

    /// The `count` images nearest to `query` by robust distance (ties by position).
    func nearest(to query: RobustFingerprint, count: Int) -> [SearchResult] {
        let all = sets.map { SearchResult(id: $0.id, distance: query.distance(to: $0.set)) }
        return Array(all.sorted { ($0.distance, $0.id) < ($1.distance, $1.id) }.prefix(count))
    }
}

/// Lines of a file descriptor, handed out as soon as they are read (whatever one `read`
/// returned, so a pipe is followed line by line); the last line needs no newline.
struct LineReader {
    /// A failed `read`, with its `errno`.
    struct ReadFailure: Error {
        var code: Int32
    }

    let fd: Int32
    private var pending: [UInt8] = []
    private var ended = false

    init(fd: Int32) { self.fd = fd }

    /// The complete lines available after one more read (without their newlines); empty at
    /// the end of the input.
    mutating func nextLines() -> Result<[[UInt8]], ReadFailure> {
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while !ended {
            let n = read(fd, &buffer, buffer.count)
            if n < 0 {
                if errno == EINTR { continue }
                ended = true
                return .failure(ReadFailure(code: errno))
            }
            if n == 0 {
                ended = true
                break
            }
            pending += buffer[0..<n]
            if let last = pending.lastIndex(of: 0x0A) {
                let lines = pending[..<last].split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
                pending.removeSubrange(...last)
                return .success(lines)
            }
        }
        if pending.isEmpty { return .success([]) }
        defer { pending = [] }
        return .success([pending])
    }
}
