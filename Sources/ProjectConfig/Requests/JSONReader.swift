import YAMLPatch

/// Reads one JSON text (RFC 8259) into an ordered ``YAMLValue``, strictly, refusing what JSON
/// readers disagree on, each refusal at its line and column (docs/contract.md#hostile-input).
///
/// Written here rather than borrowed: Foundation's `JSONDecoder` neither keeps key order nor
/// says where a problem is, and takes duplicate keys and trailing commas; libyaml reads JSON as
/// YAML, so it takes trailing commas, comments and YAML's escapes, and refuses surrogate pairs.
///
/// - Duplicate keys in an object are refused (readers keep the first or the last).
/// - Trailing commas, comments, single quotes, unquoted keys, `NaN`, leading zeros are refused,
///   as JSON's grammar does.
/// - Numbers: an integer (no fraction, no exponent) is an `int` when 64 bits hold it, else a
///   `bigInteger` kept exactly as written (never rounded through a double); a number with a
///   fraction or exponent that a 64-bit float would read as infinity is refused.
/// - Strings: every escape of the grammar, `\u` surrogate pairs joined; a lone surrogate, a raw
///   control character and invalid UTF-8 are refused.
/// - Collections nested deeper than ``DocumentTree/maximumNestingDepth`` are refused where the
///   first one too deep opens. Nothing recurses: the open collections are a stack.
struct JSONReader {
    /// Collections nested deeper than this are refused.
    static let maximumNestingDepth = 512

    let bytes: [UInt8]
    private let origin: String
    /// The byte being read.
    var offset = 0
    private var open: [OpenCollection] = []

    /// A collection whose closing bracket has not been read yet.
    private struct OpenCollection {
        var isObject: Bool
        var items: [YAMLValue] = []
        var entries: [YAMLValue.Entry] = []
        /// Each key of the object and where it was written.
        var keyOffsets: [String: Int] = [:]

        var value: YAMLValue { isObject ? .mapping(entries) : .sequence(items) }
    }

    init(_ bytes: [UInt8], origin: String) {
        self.bytes = bytes
        self.origin = origin
    }

    /// The value of the whole text.
    mutating func read() throws(ProjectConfigError) -> YAMLValue {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { offset = 3 }
        skipWhitespace()
        var next = try valueOrOpening()
        while true {
            guard let value = next else {
                next = try firstMember()
                continue
            }
            guard !open.isEmpty else {
                skipWhitespace()
                guard offset == bytes.count else { throw failure("unexpected text after the JSON value") }
                return value
            }
            if open[open.count - 1].isObject {
                open[open.count - 1].entries[open[open.count - 1].entries.count - 1].value = value
            } else {
                open[open.count - 1].items.append(value)
            }
            next = try memberAfterComma()
        }
    }

    /// After `{` or `[`: the first member's value (nil when it opens a collection), or the
    /// collection itself when it is empty.
    private mutating func firstMember() throws(ProjectConfigError) -> YAMLValue? {
        skipWhitespace()
        if peek == closing { return close() }
        if open[open.count - 1].isObject { try readKey() }
        return try valueOrOpening()
    }

    /// After a member: `,` and the next member's value, or the closing bracket and the
    /// collection.
    private mutating func memberAfterComma() throws(ProjectConfigError) -> YAMLValue? {
        skipWhitespace()
        if peek == closing { return close() }
        guard peek == UInt8(ascii: ",") else {
            let expected = open[open.count - 1].isObject ? "',' or '}'" : "',' or ']'"
            throw failure(
                peek == nil ? "the JSON text ends inside \(openName); expected \(expected)" : "expected \(expected)")
        }
        let comma = offset
        offset += 1
        skipWhitespace()
        if peek == closing {
            throw failure(
                "a trailing comma before '\(Character(Unicode.Scalar(closing)))': JSON allows none", at: comma)
        }
        if open[open.count - 1].isObject { try readKey() }
        return try valueOrOpening()
    }

    private var closing: UInt8 { open[open.count - 1].isObject ? UInt8(ascii: "}") : UInt8(ascii: "]") }

    private var openName: String { open[open.count - 1].isObject ? "an object" : "an array" }

    private mutating func close() -> YAMLValue {
        offset += 1
        return open.removeLast().value
    }

    /// `"key"` and `:`; a key already in the object is refused.
    private mutating func readKey() throws(ProjectConfigError) {
        let start = offset
        guard peek == UInt8(ascii: "\"") else {
            throw failure(
                peek == nil
                    ? "the JSON text ends inside an object; expected a key" : "expected a key in double quotes")
        }
        let key = try readString()
        if let first = open[open.count - 1].keyOffsets[key] {
            let position = Self.position(of: first, in: bytes)
            throw failure(
                "the key \"\(DisplayText.sanitized(key))\" is already in this object (line \(position.line), column "
                    + "\(position.column)); JSON readers disagree on which one counts", at: start)
        }
        open[open.count - 1].keyOffsets[key] = start
        open[open.count - 1].entries.append(YAMLValue.Entry(key: key, value: .null))
        skipWhitespace()
        guard peek == UInt8(ascii: ":") else { throw failure("expected ':' after the key") }
        offset += 1
        skipWhitespace()
    }

    /// A scalar's value, or nil after opening an object or an array.
    private mutating func valueOrOpening() throws(ProjectConfigError) -> YAMLValue? {
        guard let byte = peek else { throw failure("the JSON text ends where a value is expected") }
        switch byte {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            guard open.count < JSONReader.maximumNestingDepth else {
                throw failure(
                    "objects and arrays are nested deeper than \(JSONReader.maximumNestingDepth) levels here, "
                        + "more than config-api reads")
            }
            open.append(OpenCollection(isObject: byte == UInt8(ascii: "{")))
            offset += 1
            return nil
        case UInt8(ascii: "\""):
            return .string(try readString())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try readNumber()
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            return try readLiteral()
        case UInt8(ascii: "'"):
            throw failure("a string in single quotes: JSON strings are in double quotes")
        case _ where startsNonFiniteNumber(at: offset):
            throw failure(nonFiniteNumber)
        case _ where Self.isWordByte(byte):
            throw failure(unquotedText)
        default:
            throw failure(
                "expected a JSON value (an object, array, string in double quotes, number, true, false or null)")
        }
    }

    private mutating func readLiteral() throws(ProjectConfigError) -> YAMLValue {
        for (word, value) in [("true", YAMLValue.bool(true)), ("false", .bool(false)), ("null", .null)]
        where bytes[offset...].starts(with: word.utf8) {
            let end = offset + word.utf8.count
            if end == bytes.count || !Self.isWordByte(bytes[end]) {
                offset = end
                return value
            }
        }
        throw failure(unquotedText)
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    private mutating func readNumber() throws(ProjectConfigError) -> YAMLValue {
        let start = offset
        if peek == UInt8(ascii: "-") { offset += 1 }
        if startsNonFiniteNumber(at: offset) { throw failure(nonFiniteNumber, at: start) }
        let integerStart = offset
        guard skipDigits() > 0 else { throw failure("expected a digit") }
        if bytes[integerStart] == UInt8(ascii: "0"), offset - integerStart > 1 {
            throw failure("a number with a leading zero: JSON numbers have none", at: start)
        }
        var isInteger = true
        if peek == UInt8(ascii: ".") {
            offset += 1
            isInteger = false
            guard skipDigits() > 0 else { throw failure("expected a digit after '.'") }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            offset += 1
            isInteger = false
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { offset += 1 }
            guard skipDigits() > 0 else { throw failure("expected a digit in the exponent") }
        }
        if let byte = peek, Self.isWordByte(byte) || byte == UInt8(ascii: ".") {
            throw failure("unexpected '\(DisplayText.visible(Unicode.Scalar(byte)))' in a number")
        }
        return try number(String(decoding: bytes[start..<offset], as: UTF8.self), isInteger: isInteger, at: start)
    }

    private var unquotedText: String {
        "unquoted text: JSON strings are in double quotes, and true, false and null are lowercase"
    }

    private func startsNonFiniteNumber(at index: Int) -> Bool {
        bytes[index...].starts(with: "NaN".utf8) || bytes[index...].starts(with: "Infinity".utf8)
    }

    private var nonFiniteNumber: String {
        "JSON has no NaN or Infinity: a number is finite (use null, or a string)"
    }

    /// Skips ASCII digits; how many there were.
    private mutating func skipDigits() -> Int {
        let start = offset
        while let byte = peek, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { offset += 1 }
        return offset - start
    }

    /// A number's value: an `int` when it is an integer 64 bits hold, a `bigInteger` (its exact
    /// digits) when it is a larger one, else a `double`, refused when a 64-bit float cannot hold it.
    private func number(_ text: String, isInteger: Bool, at start: Int) throws(ProjectConfigError) -> YAMLValue {
        if isInteger { return Int(text).map(YAMLValue.int) ?? .bigInteger(text) }
        guard let double = Double(text), double.isFinite else {
            throw failure(
                "the number \(text) is too large for a 64-bit float (readers would make it infinite)",
                at: start)
        }
        return .double(double)
    }

    var peek: UInt8? { offset < bytes.count ? bytes[offset] : nil }

    private mutating func skipWhitespace() {
        while let byte = peek,
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t")
                || byte == UInt8(ascii: "\r")
        {
            offset += 1
        }
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_") || byte >= 0x80
    }

    /// A refusal at `at` (default: the current offset).
    func failure(_ message: String, at position: Int? = nil) -> ProjectConfigError {
        let mark = Self.position(of: position ?? offset, in: bytes)
        return ProjectConfigError(
            .invalidJSON, "invalid JSON: " + message, file: origin, line: mark.line,
            column: mark.column)
    }

    /// The 1-based line and column (in characters; a BOM is not one) of byte `offset`.
    static func position(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        for byte in bytes[min(start, offset)..<min(offset, bytes.count)] {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }
}
