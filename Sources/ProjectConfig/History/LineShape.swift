/// What one line of a block-style YAML file is, judged from its text alone, for the history
/// walk's proof that an item did not change (``ItemHistoryTracker``): a "simple" line is
/// complete in itself — a comment, a blank line, `key: value`, `- key: value` or `- value`
/// with a single-line value — so it cannot change how any other line is read. Anything else
/// (block scalars, multi-line quotes or flow collections, anchors, aliases, tags, explicit
/// keys, document markers, directives, tabs, escapes) is `complex`, and the walk parses.
enum LineShape: Equatable {
    /// Blank, or only a comment.
    case blank
    /// A simple entry at `indent` spaces; `isItem` when it starts with `- `; `key` when it is a
    /// `key:` line, with the value's text (unquoted) after it.
    case entry(indent: Int, isItem: Bool, key: String?, value: String)
    /// Anything whose meaning may reach beyond its line.
    case complex

    /// The shape of `line` (UTF-8, without its line feed; a trailing carriage return is ignored).
    init(_ line: ArraySlice<UInt8>) {
        var rest = line
        if rest.last == UInt8(ascii: "\r") { rest = rest.dropLast() }
        let indent = rest.prefix { $0 == UInt8(ascii: " ") }.count
        rest = rest.dropFirst(indent)
        guard let first = rest.first else {
            self = .blank
            return
        }
        if first == UInt8(ascii: "#") {
            self = .blank
            return
        }
        if first == UInt8(ascii: "\t") || Self.startsDocumentMarker(rest) {
            self = .complex
            return
        }
        var isItem = false
        if first == UInt8(ascii: "-"), rest.dropFirst().first == UInt8(ascii: " ") {
            isItem = true
            rest = rest.dropFirst(2)
            rest = rest.drop { $0 == UInt8(ascii: " ") }
            guard !rest.isEmpty, rest.first != UInt8(ascii: "#") else {
                self = .complex
                return
            }
        }
        if let (key, afterColon) = Self.key(rest) {
            guard let value = Self.value(afterColon.drop { $0 == UInt8(ascii: " ") }) else {
                self = .complex
                return
            }
            self = .entry(indent: indent, isItem: isItem, key: key, value: value)
        } else if isItem, let value = Self.value(rest), !value.isEmpty {
            self = .entry(indent: indent, isItem: true, key: nil, value: value)
        } else {
            self = .complex
        }
    }

    /// `---` or `...` at the start of a line.
    private static func startsDocumentMarker(_ text: ArraySlice<UInt8>) -> Bool {
        let marker = Array(text.prefix(3))
        return marker == Array("---".utf8) || marker == Array("...".utf8)
    }

    /// A plain key (`[A-Za-z_][A-Za-z0-9_.-]*`) followed by `:` and a space or the end; the key
    /// and the text after the colon.
    private static func key(_ text: ArraySlice<UInt8>) -> (String, ArraySlice<UInt8>)? {
        guard let first = text.first, isLetter(first) || first == UInt8(ascii: "_") else { return nil }
        let name = text.prefix { isLetter($0) || isDigit($0) || "_.-".utf8.contains($0) }
        let after = text.dropFirst(name.count)
        guard after.first == UInt8(ascii: ":"), after.count == 1 || after.dropFirst().first == UInt8(ascii: " ") else {
            return nil
        }
        return (String(decoding: name, as: UTF8.self), after.dropFirst())
    }

    /// The text of a single-line value followed by nothing but spaces and a comment; nil when
    /// the value may continue on another line or is not a plain, quoted or one-line flow value.
    private static func value(_ text: ArraySlice<UInt8>) -> String? {
        guard let first = text.first, first != UInt8(ascii: "#") else { return "" }
        switch first {
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            guard !text.contains(UInt8(ascii: "\\")),
                  let close = text.dropFirst().firstIndex(of: first) else { return nil }
            let content = text[text.index(after: text.startIndex)..<close]
            guard isTail(text[(close + 1)...]) else { return nil }
            return String(decoding: content, as: UTF8.self)
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            return oneLineFlow(text)
        default:
            if first == UInt8(ascii: "-") {
                guard isDigit(text.dropFirst().first ?? 0) else { return nil }
            } else if "&*!|>%@`?,]}:".utf8.contains(first) {
                return nil
            }
            let content = plainContent(text)
            guard !content.contains(where: { $0 == UInt8(ascii: "\t") }), !containsMappingIndicator(content) else {
                return nil
            }
            return String(decoding: content, as: UTF8.self)
        }
    }

    /// A flow collection closed on this line, with no quotes, anchors, aliases or tags inside.
    private static func oneLineFlow(_ text: ArraySlice<UInt8>) -> String? {
        var depth = 0
        for index in text.indices {
            let byte = text[index]
            if "\"'&*!#|>".utf8.contains(byte) { return nil }
            if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") { depth += 1 }
            if byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") {
                depth -= 1
                if depth == 0 {
                    guard isTail(text[(index + 1)...]) else { return nil }
                    return String(decoding: text[...index], as: UTF8.self)
                }
            }
        }
        return nil
    }

    /// A plain scalar's text: up to ` #` (a comment), without trailing spaces.
    private static func plainContent(_ text: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var end = text.endIndex
        for index in text.indices.dropFirst()
        where text[index] == UInt8(ascii: "#") && text[index - 1] == UInt8(ascii: " ") {
            end = index
            break
        }
        var content = text[..<end]
        while content.last == UInt8(ascii: " ") { content = content.dropLast() }
        return content
    }

    /// `: ` inside, or `:` at the end: a mapping on the value's line.
    private static func containsMappingIndicator(_ text: ArraySlice<UInt8>) -> Bool {
        guard text.last != UInt8(ascii: ":") else { return true }
        return zip(text, text.dropFirst()).contains { $0 == UInt8(ascii: ":") && $1 == UInt8(ascii: " ") }
    }

    /// Nothing but spaces, then optionally a comment.
    private static func isTail(_ text: ArraySlice<UInt8>) -> Bool {
        let rest = text.drop { $0 == UInt8(ascii: " ") }
        return rest.isEmpty || (rest.first == UInt8(ascii: "#") && rest.count < text.count)
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

}
