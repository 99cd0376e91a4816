import YAMLPatch

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Reads JSON arguments and payloads into ordered, typed ``YAMLValue``s, and writes values as
/// compact or indented JSON.
///
/// JSON is YAML: libyaml reads the text into a tree that keeps the order of object keys (a
/// merge appends new keys in the order they were given) and says where a syntax error is;
/// Foundation's JSONDecoder then refuses what is YAML but not JSON (`{a: 1}`, `'x'`).
public enum JSONText {
    /// Parses `text`; `origin` names it in errors (`--spec`, an event file, …).
    public static func parse(_ text: String, origin: String) throws(ProjectConfigError) -> YAMLValue {
        try parse(Array(text.utf8), origin: origin)
    }

    /// Parses the UTF-8 bytes `text`; `origin` names it in errors.
    public static func parse(_ text: [UInt8], origin: String) throws(ProjectConfigError) -> YAMLValue {
        let parsed: YAMLValue?
        do {
            let tree = try DocumentTree(parsing: text)
            parsed = try tree.documents.first.map { try tree.value(of: $0.root, in: $0) }
        } catch let error as YAMLPatchError {
            throw ProjectConfigError(
                .invalidJSON, "invalid JSON: \(error.message)", file: origin,
                line: error.mark?.line, column: error.mark?.column)
        } catch {
            throw ProjectConfigError(.invalidJSON, "invalid JSON: \(error)", file: origin)
        }
        guard let value = parsed else { throw ProjectConfigError(.invalidJSON, "invalid JSON: no value", file: origin) }
        do {
            _ = try JSONDecoder().decode(JSONShape.self, from: Data(text))
        } catch {
            throw ProjectConfigError(
                .invalidJSON,
                "invalid JSON: YAML is not accepted here; "
                    + "quote keys and strings with \"", file: origin)
        }
        return value
    }

    /// Compact JSON for a value (`get --json`, messages).
    public static func render(_ value: YAMLValue) -> String {
        var json = ""
        write(value, to: &json, depth: nil)
        return json
    }

    /// JSON for people and reviews: one key or item a line, indented by two spaces a level,
    /// `"key": value`, keys in the value's order, no trailing newline (`config-api schema`).
    public static func renderIndented(_ value: YAMLValue) -> String {
        var json = ""
        write(value, to: &json, depth: 0)
        return json
    }

    /// The length in bytes of ``render(_:)``'s text, counted without writing it.
    public static func compactLength(of value: YAMLValue) -> Int {
        switch value {
        case .null: return 4
        case .bool(let bool): return bool ? 4 : 5
        case .int(let int): return String(int).utf8.count
        case .double(let double): return double.isFinite ? String(double).utf8.count : 4
        case .string(let string): return quotedLength(string)
        case .sequence(let items): return 2 + max(items.count - 1, 0) + items.reduce(0) { $0 + compactLength(of: $1) }
        case .mapping(let entries):
            return 2 + max(entries.count - 1, 0)
                + entries.reduce(0) { $0 + quotedLength($1.key) + 1 + compactLength(of: $1.value) }
        }
    }

    /// Writes `value` compactly (`depth` nil) or indented, its members at `depth + 1`.
    private static func write(_ value: YAMLValue, to json: inout String, depth: Int?) {
        switch value {
        case .null: json += "null"
        case .bool(let bool): json += bool ? "true" : "false"
        case .int(let int): json += String(int)
        case .double(let double): json += double.isFinite ? String(double) : "null"
        case .string(let string): writeQuoted(string, to: &json)
        case .sequence(let items):
            writeMembers(items, between: ("[", "]"), to: &json, depth: depth) { item, json, depth in
                write(item, to: &json, depth: depth)
            }
        case .mapping(let entries):
            writeMembers(entries, between: ("{", "}"), to: &json, depth: depth) { entry, json, depth in
                writeQuoted(entry.key, to: &json)
                json += depth == nil ? ":" : ": "
                write(entry.value, to: &json, depth: depth)
            }
        }
    }

    /// The members of an array or object between its brackets, separated by commas; indented,
    /// each on its own line (an empty collection stays `[]` or `{}`).
    private static func writeMembers<Member>(
        _ members: [Member], between brackets: (open: String, close: String), to json: inout String, depth: Int?,
        _ writeMember: (Member, inout String, Int?) -> Void
    ) {
        json += brackets.open
        let memberDepth = depth.map { $0 + 1 }
        for (index, member) in members.enumerated() {
            if index > 0 { json += "," }
            if let memberDepth { json += "\n" + String(repeating: "  ", count: memberDepth) }
            writeMember(member, &json, memberDepth)
        }
        if let depth, !members.isEmpty { json += "\n" + String(repeating: "  ", count: depth) }
        json += brackets.close
    }

    private static func writeQuoted(_ string: String, to json: inout String) {
        json += "\""
        for scalar in string.unicodeScalars {
            if let escape = escape(scalar) { json += escape } else { json.unicodeScalars.append(scalar) }
        }
        json += "\""
    }

    private static func quotedLength(_ string: String) -> Int {
        2 + string.unicodeScalars.reduce(0) { $0 + (escape($1)?.utf8.count ?? UTF8.width($1)) }
    }

    /// How JSON writes `scalar` when it cannot stand for itself: quotes, backslashes, controls.
    private static func escape(_ scalar: Unicode.Scalar) -> String? {
        switch scalar {
        case "\"": return "\\\""
        case "\\": return "\\\\"
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\t": return "\\t"
        case _ where scalar.value < 0x20:
            let hex = String(scalar.value, radix: 16)
            return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        default: return nil
        }
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
