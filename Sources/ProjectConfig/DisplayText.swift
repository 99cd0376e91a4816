/// Untrusted text (a payload's path, a key, a value) made safe to quote in a one-line message:
/// control characters become visible as `U+XXXX`, so a newline in a payload cannot start a new
/// line of output (a GitHub workflow command such as `::add-mask::` must begin a line), and
/// long text is cut.
public enum DisplayText {
    /// `text` with control characters written as `U+XXXX`, cut after `limit` characters (`…`).
    public static func sanitized(_ text: String, limit: Int = 80) -> String {
        let visible = text.unicodeScalars.map(visible).joined()
        return visible.count > limit ? String(visible.prefix(limit)) + "…" : visible
    }

    /// One character as it can be shown in a one-line message: a control character as `U+XXXX`.
    public static func visible(_ scalar: Unicode.Scalar) -> String {
        guard scalar.value < 0x20 || scalar.value == 0x7F else { return String(scalar) }
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: 4 - hex.count) + hex
    }
}
