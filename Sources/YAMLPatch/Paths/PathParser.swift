/// A recursive-descent reader of the path language (see ``YAMLPath``).
///
/// Inside `[ ]`: an integer is an index; `key=value` a selector, where the key and the value
/// may be double- or single-quoted (inside quotes a backslash escapes the next character,
/// whatever it is; outside them it is an ordinary character); a quoted string alone is a key.
struct PathParser {
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

    private var peekIsQuote: Bool { peek == "\"" || peek == "'" }

    /// A path error whose mark's column is the current character's (the path is one line).
    private func problem(_ message: String) -> YAMLPatchError {
        YAMLPatchError(.path, "bad path: \(message)", at: SourceMark(offset: position, line: 1, column: position + 1))
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
        if peekIsQuote {
            let key = try quoted()
            if peek == "=" {
                position += 1
                step = .select(key: key, value: try selectorValue())
            } else {
                step = .key(key)
            }
        } else {
            let start = position
            while let character = peek, character != "]" { position += 1 }
            let inside = characters[start..<position]
            if let index = Int(String(inside)) {
                step = .index(index)
            } else if let equals = inside.firstIndex(of: "="), equals != start {
                position = equals + 1
                step = .select(key: String(characters[start..<equals]), value: try selectorValue())
            } else {
                position = start
                throw problem("expected an index, key=value or a quoted key inside [ ]")
            }
        }
        guard peek == "]" else { throw problem("expected ']'") }
        position += 1
        return step
    }

    /// The value of a selector: quoted, or everything up to `]`.
    private mutating func selectorValue() throws -> String {
        if peekIsQuote { return try quoted() }
        let start = position
        while let character = peek, character != "]" { position += 1 }
        return String(characters[start..<position])
    }

    /// A quoted string; a backslash escapes the next character.
    private mutating func quoted() throws -> String {
        let quote = characters[position]
        position += 1
        var text = ""
        while let character = peek, character != quote {
            if character == "\\", position + 1 < characters.count { position += 1 }
            text.append(characters[position])
            position += 1
        }
        guard peek == quote else { throw problem("unterminated quoted string") }
        position += 1
        return text
    }
}
