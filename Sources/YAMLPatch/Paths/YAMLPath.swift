/// A path into a YAML document: `a.b.c` keys, `a[0]` / `a[-1]` indexes, `a[name=api]`
/// selectors, `a["key.with.dots"]` quoted keys, `.` alone for the document root.
///
/// One escape rule: inside quotes (`"…"` or `'…'`, for keys and for selector keys and
/// values) a backslash escapes the next character, whatever it is — `\\` is a backslash,
/// `\"` a quote, `\]` a bracket, `\n` the letter `n`; outside quotes a backslash is an ordinary
/// character.
///
/// A path is its steps: build one from steps (``init(steps:)``) or parse an expression
/// (``init(_:)``). ``description`` writes the steps back as an expression that parses to the
/// same steps, quoting what must be quoted.
public struct YAMLPath: Sendable, Equatable, CustomStringConvertible {
    /// One step of a path.
    public enum Step: Sendable, Equatable {
        /// The value under a mapping key.
        case key(String)
        /// A sequence item; negative counts from the end (`-1` is the last item).
        case index(Int)
        /// The items of a sequence that are mappings whose `key` holds the scalar `value`.
        case select(key: String, value: String)
    }

    /// The steps from the document root; empty for `.`.
    public let steps: [Step]

    /// The path made of `steps` (none: the document root).
    public init(steps: [Step]) {
        self.steps = steps
    }

    /// Parses `expression`. Throws ``YAMLPatchError`` `.path` whose mark's column is the
    /// (1-based) character of the expression where the problem is.
    public init(_ expression: String) throws {
        var parser = PathParser(expression)
        steps = try parser.parse()
    }

    /// The path as an expression: `.` for the root, bare keys joined by `.`, other steps in
    /// brackets; keys and values the grammar would misread are double-quoted, with `"` and `\`
    /// escaped by a backslash, so the expression parses back to the same steps.
    public var description: String {
        if steps.isEmpty { return "." }
        var text = ""
        for step in steps {
            switch step {
            case .key(let key) where Self.isBareKey(key):
                text += text.isEmpty ? key : "." + key
            case .key(let key):
                text += "[" + Self.quoted(key) + "]"
            case .index(let index):
                text += "[\(index)]"
            case .select(let key, let value):
                let keyText = Self.isBareSelectorKey(key) ? key : Self.quoted(key)
                let valueText = Self.isBareSelectorValue(value) ? value : Self.quoted(value)
                text += "[" + keyText + "=" + valueText + "]"
            }
        }
        return text
    }

    /// A key that reads back as itself after `.` or at the start.
    private static func isBareKey(_ key: String) -> Bool {
        !key.isEmpty && !key.contains { $0 == "." || $0 == "[" || $0 == "]" }
    }

    /// A selector key that reads back as itself before `=` inside `[ ]`.
    private static func isBareSelectorKey(_ key: String) -> Bool {
        guard let first = key.first, first != "\"", first != "'" else { return false }
        return !key.contains { $0 == "=" || $0 == "]" }
    }

    /// A selector value that reads back as itself after `=` up to `]`.
    private static func isBareSelectorValue(_ value: String) -> Bool {
        if let first = value.first, first == "\"" || first == "'" { return false }
        return !value.contains("]")
    }

    /// `"text"`, with `"` and `\` escaped by `\`.
    private static func quoted(_ text: String) -> String {
        var out = "\""
        for character in text {
            if character == "\"" || character == "\\" { out.append("\\") }
            out.append(character)
        }
        return out + "\""
    }
}
