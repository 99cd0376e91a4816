#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import YAMLPatch

/// Reads JSON arguments and payloads into ordered, typed ``YAMLValue``s.
///
/// JSON is YAML: libyaml reads the text into a tree that keeps the order of object keys (a
/// merge appends new keys in the order they were given) and says where a syntax error is;
/// Foundation's JSONDecoder then refuses what is YAML but not JSON (`{a: 1}`, `'x'`).
enum JSONText {
    /// Parses `text`; `origin` names it in errors (`--spec`, an event file, ...).
    static func parse(_ text: String, origin: String) throws -> YAMLValue {
        let value: YAMLValue
        do {
            let tree = try DocumentTree(parsing: text)
            guard let document = tree.documents.first else {
                throw CommandFailure(.dataError, "invalid JSON: no value", file: origin)
            }
            value = try tree.value(of: document.root, in: document)
        } catch let error as YAMLPatchError {
            throw CommandFailure(.dataError, "invalid JSON: \(error.message)", file: origin,
                                 line: error.mark?.line, column: error.mark?.column)
        }
        do {
            _ = try JSONDecoder().decode(JSONShape.self, from: Data(text.utf8))
        } catch {
            throw CommandFailure(.dataError, "invalid JSON: YAML is not accepted here; quote keys and strings with \"", file: origin)
        }
        return value
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

/// Any JSON value, decoded only to prove the text is JSON: the values themselves are read
/// again, in order, through libyaml.
private struct JSONShape: Decodable {
    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: Decoder) throws {
        if let object = try? decoder.container(keyedBy: AnyKey.self) {
            for key in object.allKeys { _ = try object.decode(JSONShape.self, forKey: key) }
        } else if var array = try? decoder.unkeyedContainer() {
            while !array.isAtEnd { _ = try array.decode(JSONShape.self) }
        } else {
            let value = try decoder.singleValueContainer()
            if value.decodeNil() { return }
            if (try? value.decode(Bool.self)) != nil || (try? value.decode(Double.self)) != nil { return }
            _ = try value.decode(String.self)
        }
    }
}
