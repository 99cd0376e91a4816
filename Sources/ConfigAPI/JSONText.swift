import Foundation
import YAMLPatch

/// Reads JSON arguments and payloads into ordered, typed ``YAMLValue``s.
///
/// Foundation's JSONSerialization checks that the text is strict JSON (and says where it is
/// not); since JSON is YAML, libyaml then reads the same text into a tree that keeps the
/// order of object keys, which a merge needs to append new keys in the order they were given.
enum JSONText {
    /// Parses `text`; `origin` names it in errors (`--spec`, an event file, ...).
    static func parse(_ text: String, origin: String) throws -> YAMLValue {
        let data = Data(text.utf8)
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            let reason = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "not valid JSON"
            throw CommandFailure(.dataError, "invalid JSON: \(reason)", file: origin)
        }
        do {
            let tree = try DocumentTree(parsing: Array(data))
            guard let document = tree.documents.first else { return .null }
            return try tree.value(of: document.root, in: document)
        } catch let error as YAMLPatchError {
            throw CommandFailure(.dataError, "JSON that YAML cannot read: \(error.message)", file: origin,
                                 line: error.mark?.line, column: error.mark?.column)
        }
    }

    /// Compact JSON for a value (`get --json`, GitHub outputs).
    static func render(_ value: YAMLValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let bool): return bool ? "true" : "false"
        case .int(let int): return String(int)
        case .double(let double): return double.isFinite ? String(double) : "null"
        case .string(let string): return quoted(string)
        case .sequence(let items): return "[" + items.map(render).joined(separator: ",") + "]"
        case .mapping(let entries):
            return "{" + entries.map { quoted($0.key) + ":" + render($0.value) }.joined(separator: ",") + "}"
        }
    }

    private static func quoted(_ string: String) -> String {
        var out = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
