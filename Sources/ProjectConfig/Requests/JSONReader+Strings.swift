/// Strings: escapes, surrogate pairs and UTF-8, each refusal at its place.
extension JSONReader {
    /// The string that starts at the current `"`.
    mutating func readString() throws(ProjectConfigError) -> String {
        let start = offset
        offset += 1
        var text: [UInt8] = []
        var run = offset
        while true {
            guard let byte = peek else {
                throw failure("the JSON text ends inside the string that starts here", at: start)
            }
            switch byte {
            case UInt8(ascii: "\""):
                text += bytes[run..<offset]
                offset += 1
                return String(decoding: text, as: UTF8.self)
            case UInt8(ascii: "\\"):
                text += bytes[run..<offset]
                try readEscape(into: &text)
                run = offset
            case 0..<0x20:
                throw failure(
                    "a raw control character \(DisplayText.visible(Unicode.Scalar(byte))) in a string; "
                        + "write it as an escape such as \\n or \\u001b")
            case 0x80...:
                guard let length = utf8SequenceLength(at: offset) else { throw failure("invalid UTF-8 in a string") }
                offset += length
            default:
                offset += 1
            }
        }
    }

    /// The escape at the current `\`, appended to `text` as UTF-8.
    private mutating func readEscape(into text: inout [UInt8]) throws(ProjectConfigError) {
        let start = offset
        offset += 1
        guard let letter = peek else { throw failure("the JSON text ends inside an escape", at: start) }
        offset += 1
        if let byte = Self.simpleEscapes[letter] {
            text.append(byte)
            return
        }
        guard letter == UInt8(ascii: "u") else {
            throw failure(
                "the escape \\\(DisplayText.visible(Unicode.Scalar(letter))) is not JSON's; JSON has \\\" \\\\ \\/ "
                    + "\\b \\f \\n \\r \\t and \\uXXXX", at: start)
        }
        var value = try hexadecimalCode(escapeAt: start)
        switch value {
        case 0xD800...0xDBFF:
            let lowStart = offset
            var low: UInt32?
            if bytes[offset...].starts(with: [UInt8(ascii: "\\"), UInt8(ascii: "u")]) {
                offset += 2
                low = try hexadecimalCode(escapeAt: lowStart)
            }
            guard let second = low, (0xDC00...0xDFFF).contains(second) else {
                throw failure(
                    "a lone surrogate \\u\(Self.hex(value)): a high surrogate must be followed by a \\u escape of a "
                        + "low one (\\uDC00 to \\uDFFF), as in \\ud83d\\ude00", at: start)
            }
            value = 0x10000 + ((value - 0xD800) << 10) + (second - 0xDC00)
        case 0xDC00...0xDFFF:
            throw failure(
                "a lone surrogate \\u\(Self.hex(value)): a low surrogate must follow a high one (\\uD800 to "
                    + "\\uDBFF)", at: start)
        default:
            break
        }
        text += Array(String(Character(Unicode.Scalar(value)!)).utf8)
    }

    /// The four hexadecimal digits after `\u`.
    private mutating func hexadecimalCode(escapeAt start: Int) throws(ProjectConfigError) -> UInt32 {
        guard offset + 4 <= bytes.count,
            let value = UInt32(String(decoding: bytes[offset..<offset + 4], as: UTF8.self), radix: 16),
            bytes[offset..<offset + 4].allSatisfy({ Character(Unicode.Scalar($0)).isHexDigit })
        else {
            throw failure("\\u must be followed by four hexadecimal digits", at: start)
        }
        offset += 4
        return value
    }

    /// The length of the valid UTF-8 sequence at `index` (RFC 3629: no overlong forms, no
    /// surrogates, nothing above U+10FFFF), nil when it is not one.
    private func utf8SequenceLength(at index: Int) -> Int? {
        let lead = bytes[index]
        let (length, second): (Int, ClosedRange<UInt8>)
        switch lead {
        case 0xC2...0xDF: (length, second) = (2, 0x80...0xBF)
        case 0xE0: (length, second) = (3, 0xA0...0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: (length, second) = (3, 0x80...0xBF)
        case 0xED: (length, second) = (3, 0x80...0x9F)
        case 0xF0: (length, second) = (4, 0x90...0xBF)
        case 0xF1...0xF3: (length, second) = (4, 0x80...0xBF)
        case 0xF4: (length, second) = (4, 0x80...0x8F)
        default: return nil
        }
        guard index + length <= bytes.count, second.contains(bytes[index + 1]),
            bytes[index + 2..<index + length].allSatisfy({ $0 & 0xC0 == 0x80 })
        else { return nil }
        return length
    }

    private static let simpleEscapes: [UInt8: UInt8] = [
        UInt8(ascii: "\""): UInt8(ascii: "\""), UInt8(ascii: "\\"): UInt8(ascii: "\\"),
        UInt8(ascii: "/"): UInt8(ascii: "/"), UInt8(ascii: "b"): 0x08, UInt8(ascii: "f"): 0x0C,
        UInt8(ascii: "n"): 0x0A, UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09,
    ]

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
