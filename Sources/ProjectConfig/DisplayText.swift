/// Untrusted text (a payload's path, a key, a value, a file's line) made safe to print
/// (docs/contract.md#hostile-input).
///
/// A CI runner reads the lines a step prints: GitHub Actions runs a line that starts with `::`
/// (after leading white space) as a workflow command (`::add-mask::`, `::set-output …`,
/// `::stop-commands::`), and one that holds `##[` anywhere as a command of its older syntax. A
/// terminal runs the escape sequences it is sent. So untrusted text never brings its own line
/// breaks or control characters: they become visible as `U+XXXX`.
public enum DisplayText {
    /// `text` with control characters written as `U+XXXX`, cut after `limit` characters (`…`):
    /// a value quoted in a message.
    public static func sanitized(_ text: String, limit: Int = 80) -> String {
        let visible = text.unicodeScalars.map(visible).joined()
        return visible.count > limit ? String(visible.prefix(limit)) + "…" : visible
    }

    /// One character as it can be shown in a one-line message: a control character (C0, DEL,
    /// C1, which holds the 8-bit escape sequence introducer), a Unicode line or paragraph
    /// separator or a bidirectional override as `U+XXXX`.
    public static func visible(_ scalar: Unicode.Scalar) -> String {
        guard isInvisibleControl(scalar) else { return String(scalar) }
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// `line`, one line of output, made inert for a runner and a terminal: control characters
    /// visible (so it stays one line), `##[` written `#U+0023[`, and a line that would start
    /// with `::` after white space gets its first `:` written `U+003A`. Text that already
    /// starts with a fixed word (`config-api: …`) only ever needs the first two.
    public static func inertLine(_ line: String) -> String {
        var text = line.unicodeScalars.map(visible).joined()
        text = text.replacing("##[", with: "#U+0023[")
        let indentation = text.prefix { $0.isWhitespace }
        if text.dropFirst(indentation.count).hasPrefix("::") {
            text = indentation + "U+003A" + text.dropFirst(indentation.count + 1)
        }
        return text
    }

    private static func isInvisibleControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
