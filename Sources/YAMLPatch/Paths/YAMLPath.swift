/// A path into a YAML document: `a.b.c` keys, `a[0]` / `a[-1]` indexes, `a[name=api]`
/// selectors, `a["key.with.dots"]` quoted keys, `.` alone for the document root.
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
    /// The expression as written.
    public let description: String

    /// Parses `expression`. Throws ``YAMLPatchError`` `.path` with the (1-based) column of the problem.
    public init(_ expression: String) throws {
        description = expression
        var parser = PathParser(expression)
        steps = try parser.parse()
    }
}

/// A recursive-descent reader of the path language.
private struct PathParser {
    private let characters: [Character]
    private var position = 0

    init(_ expression: String) { characters = Array(expression) }

    mutating func parse() throws -> [YAMLPath.Step] {
        if characters == ["."] { return [] }
        guard !characters.isEmpty else { throw problem("empty path (use . for the document root)") }
        if characters.first == "." { position = 1 }
        var steps: [YAMLPath.Step] = []
        if peek != "[" { steps.append(.key(try bareKey())) }
        while let character = peek {
            switch character {
            case ".":
                position += 1
                steps.append(.key(try bareKey()))
            case "[":
                steps.append(try bracket())
            default:
                throw problem("expected '.' or '[' before '\(character)'")
            }
        }
        return steps
    }

    private var peek: Character? { position < characters.count ? characters[position] : nil }

    private func problem(_ message: String) -> YAMLPatchError {
        YAMLPatchError(.path, "bad path: \(message) at column \(position + 1)",
                       at: SourceMark(offset: position, line: 1, column: position + 1))
    }

    /// A key up to the next `.` or `[`.
    private mutating func bareKey() throws -> String {
        let start = position
        while let character = peek, character != ".", character != "[", character != "]" { position += 1 }
        guard position > start else { throw problem("expected a key") }
        return String(characters[start..<position])
    }

    /// `[N]`, `[key=value]` or `["quoted key"]`.
    private mutating func bracket() throws -> YAMLPath.Step {
        position += 1
        let step: YAMLPath.Step
        if peek == "\"" || peek == "'" {
            step = .key(try quoted())
        } else {
            let start = position
            while let character = peek, character != "]" { position += 1 }
            let inside = String(characters[start..<position])
            if let index = Int(inside) {
                step = .index(index)
            } else if let equals = inside.firstIndex(of: "="), equals != inside.startIndex {
                var value = String(inside[inside.index(after: equals)...])
                if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                    value = String(value.dropFirst().dropLast())
                }
                step = .select(key: String(inside[..<equals]), value: value)
            } else {
                position = start
                throw problem("expected an index, key=value or a quoted key inside [ ]")
            }
        }
        guard peek == "]" else { throw problem("expected ']'") }
        position += 1
        return step
    }

    /// A quoted key; a backslash escapes the next character.
    private mutating func quoted() throws -> String {
        let quote = characters[position]
        position += 1
        var key = ""
        while let character = peek, character != quote {
            if character == "\\", position + 1 < characters.count { position += 1 }
            key.append(characters[position])
            position += 1
        }
        guard peek == quote else { throw problem("unterminated quoted key") }
        position += 1
        return key
    }
}
