import Glibc
import PerceptualHash
import PerceptualHashDecoders

/// How input files are read: Netpbm, PNG or JPEG (the default, told apart by their first
/// bytes) or raw pixels of a fixed size and layout, the size limits in force (`--max-pixels`),
/// and whether a JPEG's EXIF orientation is applied (`--exif-orientation`).
struct InputFormat: Sendable {
    /// How the bytes of a file are turned into pixels.
    enum Encoding: Sendable {
        /// Netpbm, or PNG or JPEG when the file starts with their signature.
        case netpbm
        case raw(width: Int, height: Int, layout: PixelLayout)
    }

    var encoding: Encoding
    /// The library's image limits; `--max-pixels N` sets `maxPixelCount` to N (the other
    /// limits keep their defaults: 32,768 pixels a side, 64 KiB of header).
    var limits: ImageLimits
    /// The largest file read: 1 GiB (the library's default), or with `--max-pixels N`,
    /// `8 * N + 64 KiB` when that is larger (a raw 16-bit RGBA image of N pixels).
    var maxFileBytes: Int
    /// Whether JPEG images are turned upright by their EXIF orientation (`--exif-orientation`);
    /// default false: the stored pixels, as ImageHash hashes them.
    var appliesEXIFOrientation = false

    /// Netpbm with the default limits.
    init() {
        encoding = .netpbm
        limits = .default
        maxFileBytes = 1 << 30
    }

    /// Reads `--raw WIDTHxHEIGHT:LAYOUT` and `--max-pixels N` when given.
    init(arguments: ParsedArguments) throws(UsageError) {
        self.init()
        appliesEXIFOrientation = arguments.flags.contains("exif-orientation")
        if let text = arguments.values["max-pixels"] {
            let digits = text.filter { $0 != "," && $0 != "_" }
            guard let value = Int(digits), value >= 1 else {
                throw UsageError(message: "--max-pixels must be a positive integer, not '\(text)'")
            }
            limits.maxPixelCount = value
            let (scaled, o1) = value.multipliedReportingOverflow(by: 8)
            let (bytes, o2) = scaled.addingReportingOverflow(limits.maxHeaderBytes)
            maxFileBytes = o1 || o2 ? Int.max : max(maxFileBytes, bytes)
        }
        if let text = arguments.values["raw"] {
            encoding = try InputFormat.parseRaw(text)
            if case .raw(let width, let height, _) = encoding {
                if let problem = limitProblem(width: width, height: height, limits: limits) {
                    throw UsageError(message: "--raw \(text): \(problem)")
                }
            }
        }
    }

    /// Whether `--raw` was given.
    var isRaw: Bool {
        if case .raw = encoding { return true }
        return false
    }

    /// Parses `640x480:rgba8`, `100x100:bgr16le`, ...
    static func parseRaw(_ text: String) throws(UsageError) -> Encoding {
        let bad = UsageError(
            message: "--raw must look like WIDTHxHEIGHT:LAYOUT (for example 640x480:rgba8), not '\(text)'")
        let halves = text.split(separator: ":", omittingEmptySubsequences: false)
        guard halves.count == 2 else { throw bad }
        let dims = halves[0].split(separator: "x", omittingEmptySubsequences: false)
        guard dims.count == 2, let width = Int(dims[0]), let height = Int(dims[1]), width >= 1, height >= 1
        else { throw bad }
        guard let layout = parseLayout(String(halves[1])) else {
            throw UsageError(
                message: "unknown raw layout '\(halves[1])'; use CHANNELS then 8, 16le or 16be, CHANNELS one of "
                    + channelNames.map(\.0).joined(separator: ", "))
        }
        return .raw(width: width, height: height, layout: layout)
    }

    static let channelNames: [(String, PixelLayout.Channels)] = [
        ("gray", .gray), ("grayalpha", .grayAlpha), ("rgb", .rgb), ("bgr", .bgr), ("rgba", .rgba),
        ("bgra", .bgra), ("argb", .argb), ("abgr", .abgr), ("rgbx", .rgbx), ("bgrx", .bgrx),
    ]

    /// `rgba8`, `bgr16le`, `gray16be`, ... (case-insensitive).
    static func parseLayout(_ text: String) -> PixelLayout? {
        let lower = text.lowercased()
        let encodings: [(String, PixelLayout.SampleEncoding)] = [
            ("16le", .uint16LittleEndian), ("16be", .uint16BigEndian), ("8", .uint8),
        ]
        for (suffix, sample) in encodings where lower.hasSuffix(suffix) {
            let stem = String(lower.dropLast(suffix.count))
            guard let channels = channelNames.first(where: { $0.0 == stem })?.1 else { return nil }
            return PixelLayout(channels: channels, sample: sample)
        }
        return nil
    }

    /// Reads and decodes one input. The file is opened without blocking (`O_NONBLOCK`) and
    /// checked on the opened descriptor (`fstat`), so a FIFO or device reached by a folder
    /// walk is skipped, never waited on; a FIFO or device named on the command line is read
    /// (a FIFO with no writer reads as empty). At most ``maxFileBytes`` are read (with
    /// `--raw`, exactly the bytes the size needs).
    func load(_ source: InputSource) -> Result<PixelBuffer, InputError> {
        let path = source.displayPath
        let wanted: ReadLimit
        switch encoding {
        case .netpbm: wanted = .refuseAbove(maxFileBytes)
        case .raw(let width, let height, let layout):
            // Checked against the limits when the options were read, so this fits.
            wanted = .stopAt(width * height * layout.bytesPerPixel)
        }
        let bytes: [UInt8]
        switch source {
        case .standardInput:
            switch readAll(fd: 0, limit: wanted) {
            case .success(let b): bytes = b
            case .failure(let failure): return .failure(InputError(path: path, reason: failure.reason))
            }
        case .file(let file, let named):
            let fd = file.withCString { open($0, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY) }
            guard fd >= 0 else { return .failure(InputError(path: path, reason: describeOpenError(errno, file))) }
            defer { _ = close(fd) }
            var info = stat()
            guard fstat(fd, &info) == 0 else {
                return .failure(InputError(path: path, reason: "cannot read: \(errnoText(errno))"))
            }
            let type = info.st_mode & S_IFMT
            if type == S_IFDIR {
                return .failure(InputError(path: path, reason: "is a folder"))
            }
            if type != S_IFREG {
                guard named else {
                    return .failure(
                        InputError(
                            path: path, reason: "not a regular file (\(fileTypeName(info.st_mode)))", skipped: true))
                }
                // Named on the command line: read it like `cat` would, blocking from here on.
                let flags = fcntl(fd, F_GETFL)
                if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
            }
            switch readAll(fd: fd, limit: wanted) {
            case .success(let b): bytes = b
            case .failure(let failure): return .failure(InputError(path: path, reason: failure.reason))
            }
        }
        switch encoding {
        case .netpbm where bytes.starts(with: pngSignature):
            do throws(PNGError) {
                return .success(try PixelBuffer(png: bytes, limits: limits))
            } catch {
                return .failure(InputError(path: path, reason: describe(error, bytes: bytes)))
            }
        case .netpbm where bytes.starts(with: jpegSignature):
            do throws(JPEGError) {
                let options = JPEGDecodingOptions(appliesEXIFOrientation: appliesEXIFOrientation)
                return .success(try PixelBuffer(jpeg: bytes, options: options, limits: limits))
            } catch {
                return .failure(InputError(path: path, reason: describe(error)))
            }
        case .netpbm:
            do throws(NetpbmError) {
                return .success(try PixelBuffer(netpbm: bytes, limits: limits))
            } catch {
                return .failure(InputError(path: path, reason: describe(error, bytes: bytes)))
            }
        case .raw(let width, let height, let layout):
            do throws(PixelBufferError) {
                return .success(
                    try PixelBuffer(width: width, height: height, layout: layout, bytes: bytes, limits: limits))
            } catch {
                return .failure(InputError(path: path, reason: describe(error)))
            }
        }
    }
}

/// Whether `--raw` was given.
func isRaw(_ format: InputFormat) -> Bool { format.isRaw }

/// Where one image comes from.
enum InputSource: Sendable {
    /// A file; `named` when it was given on the command line (then a FIFO or device is read
    /// too), false when a folder walk found it (then only regular files are read).
    case file(FilePath, named: Bool)
    /// Standard input, given as `-`.
    case standardInput

    /// The path shown in output and messages (`-` for standard input).
    var displayPath: FilePath {
        switch self {
        case .file(let path, _): path
        case .standardInput: FilePath("-")
        }
    }
}

/// One input that could not be used, with the reason.
struct InputError: Error, Sendable {
    var path: FilePath
    var reason: String
    /// A deliberate skip (a FIFO in a folder, a file already visited through another link),
    /// reported as `phash: PATH: skipped: REASON` without making the command fail.
    var skipped = false
    /// A skip by `--min-quality`: the image was read and hashed, and its PDQ quality was too
    /// low (it counts as hashed for "no image was hashed").
    var lowQuality = false
}

/// The inputs of one command, in order: images to read and, in place, the entries that were
/// skipped or failed while the paths were expanded.
struct InputList: Sendable {
    enum Entry: Sendable {
        case image(InputSource)
        case problem(InputError)
    }

    var entries: [Entry] = []
    /// Regular files met in folder walks whose extension is not a Netpbm, PNG or JPEG one
    /// (reported as one summary line; none with `--raw`).
    var skippedNotNetpbm = 0

    /// How many entries are images to read.
    var imageCount: Int {
        entries.reduce(0) { count, entry in
            if case .image = entry { return count + 1 }
            return count
        }
    }
}

/// The extensions a folder walk picks up: Netpbm's, PNG's and JPEG's.
let imageExtensions: Set<String> = ["pbm", "pgm", "ppm", "pnm", "pam", "png", "jpg", "jpeg"]

/// The 3 bytes every JPEG file starts with: SOI and the first byte of the next marker.
let jpegSignature: [UInt8] = [0xFF, 0xD8, 0xFF]

/// The 8 bytes every PNG file starts with.
let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

/// `collectInputs` for paths given as text.
func collectInputs(_ paths: [String], raw: Bool) -> InputList {
    collectInputs(paths.map(FilePath.init), raw: raw)
}

/// Expands the command-line paths, working on raw bytes throughout (names need not be UTF-8):
///
/// - `-` is standard input; other files are used as given (any extension, any file type), in
///   the order given, even when named twice.
/// - Folders are walked recursively, entries of each folder in byte order of their names,
///   hidden entries (names starting with `.`) skipped. Symbolic links are followed. Regular
///   files with a Netpbm, PNG or JPEG extension (any case) are picked up, or every regular file with
///   `--raw`; other regular files are counted in ``InputList/skippedNotNetpbm``.
/// - Each folder and each file is visited once per command (by device and inode): a link to a
///   folder on its own path (a cycle) and a second way to a folder or a file already visited
///   are reported as skipped (`phash: PATH: skipped: REASON`, exit status unchanged), as is a
///   FIFO, socket or device with a Netpbm name.
/// - Entries that cannot be read are failures, in place: a missing path, a dangling symbolic
///   link or a symbolic link loop (skipped notes instead when the name is not a Netpbm one and
///   `--raw` is off), a folder that cannot be listed.
func collectInputs(_ paths: [FilePath], raw: Bool) -> InputList {
    var list = InputList()
    var walker = FolderWalker(raw: raw)
    for path in paths {
        if path.bytes == [UInt8(ascii: "-")] {
            list.entries.append(.image(.standardInput))
            continue
        }
        var info = stat()
        guard path.withCString({ stat($0, &info) }) == 0 else {
            let code = errno
            list.entries.append(.problem(InputError(path: path, reason: describeStatError(code, path))))
            continue
        }
        if info.st_mode & S_IFMT == S_IFDIR {
            walker.walk(path, into: &list)
        } else {
            list.entries.append(.image(.file(path, named: true)))
        }
    }
    return list
}

/// A file's identity: device and inode.
struct FileID: Hashable {
    var device: UInt64
    var inode: UInt64

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}

/// The recursive folder walk of ``collectInputs(_:raw:)-(Array<FilePath>,_)``.
struct FolderWalker {
    let raw: Bool
    /// Every folder entered so far, with the path it was first entered by.
    private var folders: [FileID: FilePath] = [:]
    /// Every file picked up by a walk so far, with its first path.
    private var files: [FileID: FilePath] = [:]
    /// The folders on the path from the walk's root to the current folder.
    private var ancestors: [FileID: FilePath] = [:]

    init(raw: Bool) { self.raw = raw }

    /// Whether a walk picks up a file of this name.
    func isCandidate(_ name: [UInt8]) -> Bool {
        if raw { return true }
        guard let dot = name.lastIndex(of: UInt8(ascii: ".")) else { return false }
        let ext = name[(dot + 1)...].map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
        guard let text = String(validating: ext, as: UTF8.self) else { return false }
        return imageExtensions.contains(text)
    }

    /// Walks `folder` (already known to be a folder) into `list`.
    mutating func walk(_ folder: FilePath, into list: inout InputList) {
        // O_NONBLOCK and O_DIRECTORY: if the folder was swapped for a FIFO, fail, never block.
        let fd = folder.withCString { open($0, O_RDONLY | O_DIRECTORY | O_NONBLOCK | O_CLOEXEC) }
        guard fd >= 0 else {
            list.entries.append(
                .problem(InputError(path: folder, reason: "cannot list the folder: \(errnoText(errno))")))
            return
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let code = errno
            _ = close(fd)
            list.entries.append(
                .problem(InputError(path: folder, reason: "cannot list the folder: \(errnoText(code))")))
            return
        }
        let id = FileID(info)
        if let ancestor = ancestors[id] {
            _ = close(fd)
            list.entries.append(
                .problem(
                    InputError(
                        path: folder, reason: "leads back to \(ancestor.escaped), a folder that contains it (a cycle)",
                        skipped: true)))
            return
        }
        if let first = folders[id] {
            _ = close(fd)
            list.entries.append(
                .problem(InputError(path: folder, reason: "same folder as \(first.escaped)", skipped: true)))
            return
        }
        folders[id] = folder
        let names: [[UInt8]]
        switch readNames(fd) {  // closes fd
        case .success(let n): names = n
        case .failure(let failure):
            list.entries.append(
                .problem(InputError(path: folder, reason: "cannot list the folder: \(errnoText(failure.code))")))
            return
        }
        ancestors[id] = folder
        defer { ancestors[id] = nil }
        for name in names.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            let full = folder.appending(name)
            var entry = stat()
            guard full.withCString({ stat($0, &entry) }) == 0 else {
                let code = errno
                let candidate = isCandidate(name)
                list.entries.append(
                    .problem(
                        InputError(
                            path: full, reason: describeStatError(code, full), skipped: !candidate)))
                continue
            }
            switch entry.st_mode & S_IFMT {
            case S_IFDIR:
                walk(full, into: &list)
            case S_IFREG:
                guard isCandidate(name) else {
                    list.skippedNotNetpbm += 1
                    continue
                }
                let fileID = FileID(entry)
                if let first = files[fileID] {
                    list.entries.append(
                        .problem(InputError(path: full, reason: "same file as \(first.escaped)", skipped: true)))
                    continue
                }
                files[fileID] = full
                list.entries.append(.image(.file(full, named: false)))
            default:
                if isCandidate(name) {
                    list.entries.append(
                        .problem(
                            InputError(
                                path: full, reason: "not a regular file (\(fileTypeName(entry.st_mode)))", skipped: true
                            )))
                }
            }
        }
    }

    /// The names in the open folder `fd`, without `.`, `..` and hidden ones; closes `fd`.
    private func readNames(_ fd: Int32) -> Result<[[UInt8]], Errno> {
        guard let dir = fdopendir(fd) else {
            let code = errno
            _ = close(fd)
            return .failure(Errno(code: code))
        }
        defer { _ = closedir(dir) }
        var names: [[UInt8]] = []
        while true {
            errno = 0
            guard let entry = readdir(dir) else {
                if errno != 0 { return .failure(Errno(code: errno)) }
                return .success(names)
            }
            let name: [UInt8] = withUnsafePointer(to: &entry.pointee.d_name) { tuple in
                tuple.withMemoryRebound(to: UInt8.self, capacity: MemoryLayout.size(ofValue: tuple.pointee)) { p in
                    var n = 0
                    while p[n] != 0 { n += 1 }
                    return Array(UnsafeBufferPointer(start: p, count: n))
                }
            }
            if name.first == UInt8(ascii: ".") { continue }  // ., .. and hidden entries
            names.append(name)
        }
    }
}

/// A C `errno` value as an error.
struct Errno: Error {
    var code: Int32
}

/// How much of a file to read.
enum ReadLimit {
    /// Read everything; refuse a file of more than this many bytes.
    case refuseAbove(Int)
    /// Read this many bytes, or fewer if the file ends first; ignore the rest.
    case stopAt(Int)
}

/// Why ``readAll(fd:limit:)`` failed.
enum ReadFailure: Error {
    case system(Int32)
    case tooLarge(size: Int?, limit: Int)

    var reason: String {
        switch self {
        case .system(let code): "cannot read: \(errnoText(code))"
        case .tooLarge(let size?, let limit):
            "the file is \(grouped(size)) bytes, above the limit of \(grouped(limit)) bytes (raise it with --max-pixels)"
        case .tooLarge(nil, let limit):
            "more than \(grouped(limit)) bytes, the limit (raise it with --max-pixels)"
        }
    }
}

/// Reads the open file `fd` from its current position with `read(2)`, retrying `EINTR`
/// (and waiting in `poll(2)` on `EAGAIN`, for a non-blocking standard input). A regular file
/// larger than a `.refuseAbove` limit is refused from its `fstat` size before anything is
/// read; other files are read in 64 KiB chunks and refused once past the limit.
func readAll(fd: Int32, limit: ReadLimit) -> Result<[UInt8], ReadFailure> {
    var info = stat()
    let regularSize: Int? = fstat(fd, &info) == 0 && info.st_mode & S_IFMT == S_IFREG ? Int(info.st_size) : nil
    let cap: Int
    switch limit {
    case .refuseAbove(let max):
        if let regularSize, regularSize > max { return .failure(.tooLarge(size: regularSize, limit: max)) }
        cap = max
    case .stopAt(let count): cap = count
    }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(min(cap, regularSize.map { $0 + 1 } ?? 1 << 16))
    let chunk = 1 << 16
    while true {
        var room = chunk
        if case .stopAt = limit {
            room = min(chunk, cap - bytes.count)
            if room == 0 { return .success(bytes) }
        }
        let old = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: room))
        var got = 0
        var failure: Int32 = 0
        bytes.withUnsafeMutableBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            while true {
                let n = read(fd, base + old, room)
                if n >= 0 {
                    got = n
                    return
                }
                let code = errno
                if code == EINTR { continue }
                if code == EAGAIN || code == EWOULDBLOCK {
                    var waiter = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                    _ = poll(&waiter, 1, -1)
                    continue
                }
                failure = code
                return
            }
        }
        bytes.removeLast(room - got)
        if failure != 0 { return .failure(.system(failure)) }
        if got == 0 { return .success(bytes) }
        if case .refuseAbove = limit, bytes.count > cap { return .failure(.tooLarge(size: nil, limit: cap)) }
    }
}

/// `strerror` text for an `errno` value (by default the current `errno`).
func errnoText(_ code: Int32 = errno) -> String {
    guard let text = strerror(code) else { return "error \(code)" }
    return String(cString: text)
}

/// The file type of a `st_mode`, in words.
func fileTypeName(_ mode: mode_t) -> String {
    switch mode & S_IFMT {
    case S_IFIFO: "a FIFO"
    case S_IFSOCK: "a socket"
    case S_IFCHR: "a character device"
    case S_IFBLK: "a block device"
    case S_IFDIR: "a folder"
    case S_IFLNK: "a symbolic link"
    default: "not a regular file"
    }
}

/// Why `stat(path)` failed, in words; tells a dangling symbolic link and a link loop apart.
func describeStatError(_ code: Int32, _ path: FilePath) -> String {
    var info = stat()
    let isLink = path.withCString { lstat($0, &info) } == 0 && info.st_mode & S_IFMT == S_IFLNK
    switch code {
    case ENOENT where isLink: return "dangling symbolic link (its target does not exist)"
    case ENOENT: return "no such file or folder"
    case ELOOP: return "symbolic link loop (too many levels of symbolic links)"
    case EACCES: return "permission denied"
    case ENOTDIR: return "a part of the path is not a folder"
    case ENAMETOOLONG: return "path too long"
    default: return errnoText(code)
    }
}

/// Why `open(path)` failed, in words.
func describeOpenError(_ code: Int32, _ path: FilePath) -> String {
    switch code {
    case ENXIO: "cannot be opened for reading (a socket or a device without a driver)"
    case ENOENT, ELOOP, EACCES, ENOTDIR, ENAMETOOLONG: describeStatError(code, path)
    default: "cannot read: \(errnoText(code))"
    }
}

/// `1234567` as `1,234,567`.
func grouped(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (i, c) in digits.enumerated() {
        if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
        out.append(c)
    }
    return n < 0 ? "-" + out : out
}

/// Why an image of `width x height` is over `limits`, in words, or nil when it fits.
func limitProblem(width: Int, height: Int, limits: ImageLimits) -> String? {
    if width > limits.maxWidth {
        return
            "the image is \(grouped(width)) pixels wide, above the limit of \(grouped(limits.maxWidth)) pixels a side"
    }
    if height > limits.maxHeight {
        return
            "the image is \(grouped(height)) pixels tall, above the limit of \(grouped(limits.maxHeight)) pixels a side"
    }
    let (count, overflow) = width.multipliedReportingOverflow(by: height)
    if overflow || count > limits.maxPixelCount {
        return pixelCountProblem(
            width: width, height: height, count: overflow ? nil : count, limit: limits.maxPixelCount)
    }
    return nil
}

/// "the image is 30,000x30,000 = 900,000,000 pixels, above the limit of 89,478,485; raise it with --max-pixels".
func pixelCountProblem(width: Int?, height: Int?, count: Int?, limit: Int) -> String {
    var size = ""
    if let width, let height { size = "\(grouped(width))x\(grouped(height))" }
    if let count { size += size.isEmpty ? grouped(count) : " = \(grouped(count))" }
    let what =
        size.isEmpty ? "the image has more pixels than the limit of" : "the image is \(size) pixels, above the limit of"
    return "\(what) \(grouped(limit)); raise it with --max-pixels"
}

/// The width and height a Netpbm header declares, read leniently for messages only (the
/// library's decoder is the judge of validity); nil when they cannot be found.
func netpbmDeclaredSize(_ bytes: [UInt8]) -> (width: Int, height: Int)? {
    guard bytes.count >= 3, bytes[0] == UInt8(ascii: "P") else { return nil }
    let end = min(bytes.count, 1 << 16)
    func number(at start: Int) -> (Int, Int)? {
        var i = start
        var value = 0
        guard i < end, bytes[i] >= 0x30, bytes[i] <= 0x39 else { return nil }
        while i < end, bytes[i] >= 0x30, bytes[i] <= 0x39 {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int(bytes[i] - 0x30))
            value = o1 || o2 ? Int.max : s
            i += 1
        }
        return (value, i)
    }
    if bytes[1] == UInt8(ascii: "7") {
        var width: Int?, height: Int?
        var i = 2
        while i < end, width == nil || height == nil {
            while i < end, bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
            let lineStart = i
            while i < end, bytes[i] != 0x0A { i += 1 }
            let line = Array(bytes[lineStart..<i])
            for (key, isWidth) in [(Array("WIDTH".utf8), true), (Array("HEIGHT".utf8), false)]
            where line.starts(with: key) {
                var j = key.count
                while j < line.count, line[j] == 0x20 || line[j] == 0x09 { j += 1 }
                var value = 0
                var any = false
                while j < line.count, line[j] >= 0x30, line[j] <= 0x39 {
                    let (m, o1) = value.multipliedReportingOverflow(by: 10)
                    let (s, o2) = m.addingReportingOverflow(Int(line[j] - 0x30))
                    value = o1 || o2 ? Int.max : s
                    any = true
                    j += 1
                }
                if any { if isWidth { width = value } else { height = value } }
            }
            if line.starts(with: Array("ENDHDR".utf8)) { break }
        }
        guard let width, let height else { return nil }
        return (width, height)
    }
    var values: [Int] = []
    var i = 2
    while values.count < 2, i < end {
        let b = bytes[i]
        if b == UInt8(ascii: "#") {
            while i < end, bytes[i] != 0x0A, bytes[i] != 0x0D { i += 1 }
        } else if b == 0x20 || (0x09...0x0D).contains(b) {
            i += 1
        } else if let (value, next) = number(at: i) {
            values.append(value)
            i = next
        } else {
            return nil
        }
    }
    return values.count == 2 ? (values[0], values[1]) : nil
}

/// What other image format `bytes` start with, for a file that is not Netpbm.
func sniffedFormat(_ bytes: [UInt8]) -> String? {
    func starts(_ prefix: [UInt8]) -> Bool { bytes.starts(with: prefix) }
    if starts([0x89, 0x50, 0x4E, 0x47]) { return "PNG" }
    if starts([0xFF, 0xD8, 0xFF]) { return "JPEG" }
    if starts(Array("GIF8".utf8)) { return "GIF" }
    if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) { return "TIFF" }
    if starts(Array("RIFF".utf8)), bytes.count >= 12, Array(bytes[8..<12]) == Array("WEBP".utf8) { return "WebP" }
    if bytes.count >= 12, Array(bytes[4..<12]) == Array("ftypheic".utf8) { return "HEIC" }
    if starts(Array("BM".utf8)) { return "BMP" }
    return nil
}

/// A readable sentence for a decoding error; `bytes` is the input (for the declared size).
/// The library's ``NetpbmError/description`` except where the command line has more to say:
/// another image format recognised, the limits (named by their options, not by the
/// ``ImageLimits`` properties), and file errors (the path is printed before the reason).
func describe(_ error: NetpbmError, bytes: [UInt8] = []) -> String {
    switch error {
    case .emptyInput: return "empty file"
    case .unrecognizedFormat:
        if let other = sniffedFormat(bytes) {
            return "a \(other) image, not Netpbm; convert it to PPM first (see 'phash hash --help')"
        }
        return "not a Netpbm file (no P1-P7 magic)"
    case .limitExceeded(let kind, let value, let limit):
        switch kind {
        case .pixelCount:
            let size = netpbmDeclaredSize(bytes)
            return pixelCountProblem(width: size?.width, height: size?.height, count: value, limit: limit)
        case .width:
            return "the image is \(grouped(value)) pixels wide, above the limit of \(grouped(limit)) pixels a side"
        case .height:
            return "the image is \(grouped(value)) pixels tall, above the limit of \(grouped(limit)) pixels a side"
        case .depth: return "PAM depth \(grouped(value)), above the limit of \(limit) planes"
        case .headerBytes: return "the header is longer than \(grouped(limit)) bytes"
        case .tupleType: return "the PAM tuple type is longer than \(limit) bytes"
        case .imageCount: return "more than \(limit) images in one file"
        }
    case .fileUnreadable(_, let code): return "cannot read: \(errnoText(code))"
    case .fileTooLarge(_, let size, let limit): return ReadFailure.tooLarge(size: size, limit: limit).reason
    default: return error.description
    }
}

/// A readable sentence for a PNG decoding error: the library's ``PNGError/description``,
/// except the limits (named by their options, with the size from the header).
func describe(_ error: PNGError, bytes: [UInt8]) -> String {
    switch error {
    case .limitExceeded(let kind, let value, let limit):
        switch kind {
        case .width:
            return "the image is \(grouped(value)) pixels wide, above the limit of \(grouped(limit)) pixels a side"
        case .height:
            return "the image is \(grouped(value)) pixels tall, above the limit of \(grouped(limit)) pixels a side"
        default:
            var width: Int? = nil, height: Int? = nil
            if bytes.count >= 24 {
                width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }
                height = bytes[20..<24].reduce(0) { $0 << 8 | Int($1) }
            }
            return pixelCountProblem(width: width, height: height, count: value, limit: limit)
        }
    default: return error.description
    }
}

/// A readable sentence for a JPEG decoding error: the library's ``JPEGError/description``,
/// except the limits (named by their options).
func describe(_ error: JPEGError) -> String {
    switch error {
    case .limitExceeded(.width, let value, let limit):
        return "the image is \(grouped(value)) pixels wide, above the limit of \(grouped(limit)) pixels a side"
    case .limitExceeded(.height, let value, let limit):
        return "the image is \(grouped(value)) pixels tall, above the limit of \(grouped(limit)) pixels a side"
    case .limitExceeded(_, let value, let limit):
        return pixelCountProblem(width: nil, height: nil, count: value, limit: limit)
    default: return error.description
    }
}

/// A readable sentence for a raw-pixel error: the library's ``PixelBufferError/description``
/// except for the limits (named by their options) and a short file (named by `--raw`).
func describe(_ error: PixelBufferError) -> String {
    switch error {
    case .bufferTooShort(let expected, let available):
        return "file too short for the --raw size: \(available) of \(expected) bytes"
    case .limitExceeded(let kind, let value, let limit):
        switch kind {
        case .pixelCount: return pixelCountProblem(width: nil, height: nil, count: value, limit: limit)
        case .width:
            return "the image is \(grouped(value)) pixels wide, above the limit of \(grouped(limit)) pixels a side"
        case .height:
            return "the image is \(grouped(value)) pixels tall, above the limit of \(grouped(limit)) pixels a side"
        default: return error.description
        }
    default: return error.description
    }
}
