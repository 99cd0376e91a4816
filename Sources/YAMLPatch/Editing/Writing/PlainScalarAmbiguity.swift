/// Which strings a YAML reader would not read back as the same string when written plain.
///
/// Deliberately wider than any one schema: a string is unsafe plain when YAML 1.1 (PyYAML,
/// go-yaml v2, many Helm charts' consumers) or YAML 1.2 (core schema) would give it another
/// type, or when its characters would change the structure of the document.
enum PlainScalarAmbiguity {
    /// Whether `string` must be quoted in a block context (`inFlow`: inside `[ ]` or `{ }`).
    static func needsQuotes(_ string: String, inFlow: Bool) -> Bool {
        let bytes = Array(string.utf8)
        guard let first = bytes.first, let last = bytes.last else { return true }
        if first == .space || last == .space || first == .tab || last == .tab { return true }
        if leadingIndicators.contains(first) || string.hasPrefix("...") { return true }
        if !string.unicodeScalars.allSatisfy(isPlainPrintable) { return true }
        if last == .colon || containsPair(bytes, .colon, .space) || containsPair(bytes, .space, .hash) { return true }
        if inFlow, bytes.contains(where: flowIndicators.contains) { return true }
        return readsAsAnotherType(string)
    }

    /// Whether a plain scalar with this text is not a string in YAML 1.1 or 1.2.
    static func readsAsAnotherType(_ string: String) -> Bool {
        if keywords.contains(string) { return true }
        var body = Array(string.utf8)[...]
        if body.first == UInt8(ascii: "+") || body.first == UInt8(ascii: "-") { body = body.dropFirst() }
        guard let first = body.first else { return false }
        if first == UInt8(ascii: "0"), body.count > 2, let radix = radixDigits(body[body.startIndex + 1]) {
            return body.dropFirst(2).allSatisfy { radix.contains($0) || $0 == UInt8(ascii: "_") }
        }
        return isSexagesimal(body) || isNumber(body) || isTimestamp(Array(string.utf8))
    }

    /// `1:20`, `190:20:30.15` (YAML 1.1 base 60).
    private static func isSexagesimal(_ body: ArraySlice<UInt8>) -> Bool {
        guard body.first.map(isDigit) == true, body.contains(.colon) else { return false }
        let whole = body.prefix { $0 != UInt8(ascii: ".") }
        let fraction = body.dropFirst(whole.count).dropFirst()
        return whole.allSatisfy { isDigit($0) || $0 == .colon || $0 == UInt8(ascii: "_") }
            && fraction.allSatisfy { isDigit($0) || $0 == UInt8(ascii: "_") }
    }

    /// Integers and floats of both versions: digits and `_`, an optional `.` part, an
    /// optional exponent (`1_000`, `012`, `1.`, `.5`, `1.2.3`, `1e3`, `12e4567`).
    private static func isNumber(_ body: ArraySlice<UInt8>) -> Bool {
        var rest = body
        var digits = 0
        func take(_ allowed: (UInt8) -> Bool) {
            while let byte = rest.first, allowed(byte) {
                if isDigit(byte) { digits += 1 }
                rest = rest.dropFirst()
            }
        }
        take { isDigit($0) || $0 == UInt8(ascii: "_") }
        if rest.first == UInt8(ascii: ".") {
            take { isDigit($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
        }
        guard digits > 0 else { return false }
        if rest.first == UInt8(ascii: "e") || rest.first == UInt8(ascii: "E") {
            rest = rest.dropFirst()
            if rest.first == UInt8(ascii: "+") || rest.first == UInt8(ascii: "-") { rest = rest.dropFirst() }
            guard rest.first.map(isDigit) == true else { return false }
            take(isDigit)
        }
        return rest.isEmpty
    }

    /// Starts like a YAML 1.1 timestamp (`2001-12-14`, `2001-12-14t21:59:43.10-05:00`).
    private static func isTimestamp(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 8, bytes.prefix(4).allSatisfy(isDigit), bytes[4] == .dash else { return false }
        let month = bytes[5...].prefix(while: isDigit)
        guard (1...2).contains(month.count), bytes.count > 5 + month.count, bytes[5 + month.count] == .dash else {
            return false
        }
        return bytes[(6 + month.count)...].prefix(while: isDigit).count >= 1
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }

    private static func containsPair(_ bytes: [UInt8], _ first: UInt8, _ second: UInt8) -> Bool {
        zip(bytes, bytes.dropFirst()).contains { $0 == first && $1 == second }
    }

    /// Printable per YAML, minus the characters YAML 1.1 treats as line breaks and the BOM.
    static func isPlainPrintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x7E, 0xA0...0x2027, 0x202A...0xD7FF, 0xE000...0xFEFE, 0xFF00...0xFFFD, 0x10000...0x10FFFF:
            return true
        default: return false
        }
    }

    // Arrays rather than sets: these are a few short entries, and a process that builds a Set
    // of a new element type first pays for the runtime's generic metadata and witness lookups.
    private static let leadingIndicators = Array("-?:,[]{}#&*!|>'\"%@`".utf8)
    // libyaml refuses a `:` followed by `,?[]{}` inside a plain scalar in flow context.
    private static let flowIndicators = Array(",[]{}:".utf8)

    /// The digits allowed after `0x`, `0o` or `0b` (`marker` is the letter); nil for others.
    private static func radixDigits(_ marker: UInt8) -> [UInt8]? {
        switch marker {
        case UInt8(ascii: "x"): return Array("0123456789abcdefABCDEF".utf8)
        case UInt8(ascii: "o"): return Array("01234567".utf8)
        case UInt8(ascii: "b"): return Array("01".utf8)
        default: return nil
        }
    }

    private static let keywords: [String] = [
        "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE",
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF",
        ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN",
        "<<", "=",
    ]
}
