import Foundation

/// JSON string literal for `text`.
func jsonString(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 {
                out += String(format: "\\u%04x", scalar.value)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}

/// Tab-separated field of text: `\\`, tab and newline escaped as ``FilePath/escaped`` does.
func tsvField(_ text: String) -> String { FilePath(text).escaped }

/// Tab-separated field of a path: ``FilePath/escaped``.
func tsvField(_ path: FilePath) -> String { path.escaped }

/// JSON string for a path: the path itself when it is valid UTF-8, else its
/// ``FilePath/escaped`` form (which is valid UTF-8 and names the path exactly).
func jsonString(_ path: FilePath) -> String { jsonString(path.string ?? path.escaped) }
