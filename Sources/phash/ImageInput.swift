import Foundation
import PerceptualHash

/// How input files are read: Netpbm (the default) or raw pixels of a fixed size and layout.
enum InputFormat: Sendable {
    case netpbm
    case raw(width: Int, height: Int, layout: PixelLayout)

    /// Reads `--raw WIDTHxHEIGHT:LAYOUT` when given.
    init(arguments: ParsedArguments) throws(UsageError) {
        guard let text = arguments.values["raw"] else {
            self = .netpbm
            return
        }
        self = try InputFormat.parseRaw(text)
    }

    /// Parses `640x480:rgba8`, `100x100:bgr16le`, ...
    static func parseRaw(_ text: String) throws(UsageError) -> InputFormat {
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

    /// Reads and decodes one file.
    func load(_ path: String) -> Result<PixelBuffer, InputError> {
        switch self {
        case .netpbm:
            do throws(NetpbmError) {
                return .success(try PixelBuffer(contentsOfFile: path))
            } catch {
                return .failure(InputError(path: path, reason: describe(error)))
            }
        case .raw(let width, let height, let layout):
            guard let data = FileManager.default.contents(atPath: path) else {
                return .failure(InputError(path: path, reason: "cannot read the file"))
            }
            return data.withUnsafeBytes { raw -> Result<PixelBuffer, InputError> in
                do throws(PixelBufferError) {
                    return .success(try PixelBuffer(width: width, height: height, layout: layout, bytes: raw))
                } catch {
                    return .failure(InputError(path: path, reason: describe(error)))
                }
            }
        }
    }
}

/// One input that could not be used, with the reason.
struct InputError: Error, Sendable {
    var path: String
    var reason: String
}

/// The extensions a folder walk picks up.
let netpbmExtensions: Set<String> = ["pbm", "pgm", "ppm", "pnm", "pam"]

/// Expands the command-line paths: files as given (any extension), folders walked recursively
/// in sorted order (byte order of the names) keeping Netpbm extensions only, or with `--raw`
/// every regular file. Paths that do not exist are returned as failures, in place.
func collectInputs(_ paths: [String], raw: Bool) -> [Result<String, InputError>] {
    var out: [Result<String, InputError>] = []
    let fm = FileManager.default
    func walk(_ folder: String) {
        guard let names = try? fm.contentsOfDirectory(atPath: folder) else {
            out.append(.failure(InputError(path: folder, reason: "cannot list the folder")))
            return
        }
        for name in names.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            if name.hasPrefix(".") { continue }
            let full = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: full, isDirectory: &isDir) else { continue }
            if isDir.boolValue {
                walk(full)
            } else if raw || netpbmExtensions.contains((name as NSString).pathExtension.lowercased()) {
                out.append(.success(full))
            }
        }
    }
    for path in paths {
        var isDir: ObjCBool = false
        if !fm.fileExists(atPath: path, isDirectory: &isDir) {
            out.append(.failure(InputError(path: path, reason: "no such file or folder")))
        } else if isDir.boolValue {
            walk(path)
        } else {
            out.append(.success(path))
        }
    }
    return out
}

/// A readable sentence for a decoding error.
func describe(_ error: NetpbmError) -> String {
    switch error {
    case .emptyInput: return "empty file"
    case .unrecognizedFormat: return "not a Netpbm file (no P1-P7 magic)"
    case .unsupportedFormat(let format, _): return "unsupported format \(format)"
    case .truncatedHeader(let offset): return "truncated header at byte \(offset)"
    case .malformedHeader(let problem, let offset): return "malformed header (\(problem)) at byte \(offset)"
    case .invalidDimensions(let w, let h, let d): return "invalid dimensions \(w)x\(h), depth \(d)"
    case .invalidMaxval(let value, let offset): return "invalid maxval \(value) at byte \(offset)"
    case .limitExceeded(let kind, let value, let limit): return "\(kind) \(value) exceeds the limit \(limit)"
    case .unsupportedPAMLayout(let tuple, let depth, let maxval):
        return "unsupported PAM layout \(tuple), depth \(depth), maxval \(maxval)"
    case .truncatedRaster(let expected, let available):
        return "truncated pixel data: \(available) of \(expected) bytes"
    case .sampleOutOfRange(let value, let maxval, let offset):
        return "sample \(value) above maxval \(maxval) at byte \(offset)"
    case .invalidRasterToken(let offset): return "invalid pixel value at byte \(offset)"
    case .fileUnreadable(_, let code): return "cannot read: \(String(cString: strerror(code)))"
    case .fileTooLarge(_, let size, let limit): return "file too large (\(size) bytes, limit \(limit))"
    @unknown default: return "\(error)"
    }
}

/// A readable sentence for a raw-pixel error.
func describe(_ error: PixelBufferError) -> String {
    switch error {
    case .bufferTooShort(let expected, let available):
        return "file too short for the --raw size: \(available) of \(expected) bytes"
    default:
        return "\(error)"
    }
}
