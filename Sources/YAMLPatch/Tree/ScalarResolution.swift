/// What a scalar means: the YAML 1.2 core schema for plain scalars, strings for quoted ones,
/// explicit `!!` tags honoured.
enum ScalarResolution {
    static func value(of text: String, style: ScalarStyle, tag: String?) -> YAMLValue {
        switch tag {
        case "tag:yaml.org,2002:str": return .string(text)
        case "tag:yaml.org,2002:null": return .null
        case "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float":
            return plainValue(text)
        case .some("!"), .some: return style == .plain ? plainValue(text) : .string(text)
        case nil: return style == .plain ? plainValue(text) : .string(text)
        }
    }

    /// The core-schema reading of a plain scalar.
    static func plainValue(_ text: String) -> YAMLValue {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .double(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .double(-.infinity)
        case ".nan", ".NaN", ".NAN": return .double(.nan)
        default: break
        }
        if let int = integer(text) { return .int(int) }
        if let digits = bigInteger(text) { return .bigInteger(digits) }
        if isCoreFloat(text), let double = Double(text) { return .double(double) }
        return .string(text)
    }

    /// `[-+]?[0-9]+`, `0o[0-7]+` or `0x[0-9a-fA-F]+` (no sign after the prefix: `0x+2` is a string).
    private static func integer(_ text: String) -> Int? {
        if text.hasPrefix("0x") || text.hasPrefix("0o") {
            let digits = text.dropFirst(2)
            let radix = text.hasPrefix("0x") ? 16 : 8
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isHexDigit && $0.hexDigitValue! < radix })
            else { return nil }
            return Int(digits, radix: radix)
        }
        let digits = text.first == "-" || text.first == "+" ? text.dropFirst() : Substring(text)
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }

    /// The canonical digits of a decimal integer (`[-+]?[0-9]+`) that `Int` cannot hold: sign
    /// `-` only, no leading zeros. Nil for anything else.
    static func bigInteger(_ text: String) -> String? {
        let negative = text.first == "-"
        let digits = text.first == "-" || text.first == "+" ? text.dropFirst() : Substring(text)
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), Int(text) == nil else { return nil }
        let significant = digits.drop { $0 == "0" }
        return (negative ? "-" : "") + significant
    }

    /// `[-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?`
    private static func isCoreFloat(_ text: String) -> Bool {
        var bytes = Array(text.utf8)[...]
        if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        func digits() -> Int {
            let count = bytes.prefix { $0 >= 48 && $0 <= 57 }.count
            bytes = bytes.dropFirst(count)
            return count
        }
        let whole = digits()
        var fraction = 0
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            fraction = digits()
        } else if whole == 0 {
            return false
        }
        guard whole + fraction > 0 else { return false }
        if bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return bytes.isEmpty
    }
}
