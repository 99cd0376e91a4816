/// A scalar as it will appear in the text, and what a parser will read back from it.
struct WrittenScalar {
    var text: String
    var style: ScalarStyle
    /// The scalar's value as libyaml reports it (after unquoting).
    var value: String
}

/// Writes scalars: typed values plain, strings in the style they had where they can be
/// written in it, else double-quoted.
enum ScalarWriter {
    /// Where the scalar goes.
    struct Placement {
        /// Inside `[ ]` or `{ }`.
        var inFlow: Bool
        /// Spaces before each content line of a block scalar.
        var blockIndentation: Int
    }

    /// A null, bool or number, written plain; nil for strings and collections.
    static func typed(_ value: YAMLValue) -> WrittenScalar? {
        let text: String
        switch value {
        case .null: text = "null"
        case .bool(let bool): text = bool ? "true" : "false"
        case .int(let int): text = String(int)
        case .bigInteger(let digits): text = digits
        case .double(let double):
            if double.isNaN {
                text = ".nan"
            } else if double.isInfinite {
                text = double < 0 ? "-.inf" : ".inf"
            } else {
                text = String(double)
            }
        case .string, .sequence, .mapping: return nil
        }
        return WrittenScalar(text: text, style: .plain, value: text)
    }

    /// `string` in `preferred` style when it can be written so, else the safest style that can.
    static func string(_ string: String, preferring preferred: ScalarStyle, at placement: Placement) -> WrittenScalar {
        switch preferred {
        case .plain where !PlainScalarAmbiguity.needsQuotes(string, inFlow: placement.inFlow):
            return WrittenScalar(text: string, style: .plain, value: string)
        case .singleQuoted where canSingleQuote(string):
            return WrittenScalar(
                text: "'" + string.replacingAll("'", with: "''") + "'", style: .singleQuoted, value: string)
        case .literal where !placement.inFlow && canWriteLiteral(string):
            return block(string, indicator: "|", at: placement, style: .literal)
        case .folded where !placement.inFlow && canWriteFolded(string):
            return block(string, indicator: ">", at: placement, style: .folded)
        case .folded where !placement.inFlow && canWriteLiteral(string):
            return block(string, indicator: "|", at: placement, style: .literal)
        default:
            return WrittenScalar(text: doubleQuoted(string), style: .doubleQuoted, value: string)
        }
    }

    /// A string as a key or value nobody has styled yet: plain when safe, else double-quoted.
    static func fresh(_ string: String, inFlow: Bool) -> WrittenScalar {
        Self.string(string, preferring: .plain, at: Placement(inFlow: inFlow, blockIndentation: 0))
    }

    private static func canSingleQuote(_ string: String) -> Bool {
        string.unicodeScalars.allSatisfy(PlainScalarAmbiguity.isPlainPrintable)
    }

    /// Literal style keeps every line as written; what it cannot say without an indentation
    /// indicator or keep chomping (leading spaces, several trailing line breaks) is refused.
    private static func canWriteLiteral(_ string: String) -> Bool {
        guard let first = string.unicodeScalars.first, first != " ", first != "\n", !string.hasSuffix("\n\n") else {
            return false
        }
        return string.unicodeScalars.allSatisfy { $0 == "\n" || PlainScalarAmbiguity.isPlainPrintable($0) }
    }

    /// Folded style is only used for one line: folding rules make anything longer ambiguous.
    private static func canWriteFolded(_ string: String) -> Bool {
        let line = string.hasSuffix("\n") ? String(string.dropLast()) : string
        return !line.contains("\n") && canWriteLiteral(string)
    }

    private static func block(
        _ string: String, indicator: String, at placement: Placement, style: ScalarStyle
    ) -> WrittenScalar {
        let clipped = string.hasSuffix("\n")
        let body = clipped ? String(string.dropLast()) : string
        let indentation = String(repeating: " ", count: max(placement.blockIndentation, 1))
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : indentation + $0 }
        let header = indicator + (clipped ? "" : "-")
        return WrittenScalar(
            text: ([header] + lines).joined(separator: "\n"), style: style, value: string)
    }

    /// A double-quoted scalar; every character YAML could misread is escaped.
    static func doubleQuoted(_ string: String) -> String {
        var out = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\0": out += "\\0"
            case _ where scalar == " " || PlainScalarAmbiguity.isPlainPrintable(scalar):
                out.unicodeScalars.append(scalar)
            case _ where scalar.value <= 0xFF: out += "\\x" + hex(scalar.value, digits: 2)
            default: out += "\\u" + hex(scalar.value, digits: 4)
            }
        }
        return out + "\""
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(digits - text.count, 0)) + text
    }
}

extension String {
    /// Every occurrence of `target` replaced (Foundation-free).
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for character in self {
            if character == target { out += replacement } else { out.append(character) }
        }
        return out
    }
}
