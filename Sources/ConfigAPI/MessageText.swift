/// A character as it can be shown in a one-line message: control characters as `U+XXXX`.
func printable(_ scalar: Unicode.Scalar) -> String {
    guard scalar.value < 0x20 || scalar.value == 0x7F else { return String(scalar) }
    let hex = String(scalar.value, radix: 16, uppercase: true)
    return "U+" + String(repeating: "0", count: 4 - hex.count) + hex
}

/// Untrusted text as it can be quoted in a one-line message: control characters made visible
/// and cut after `limit` characters.
func shown(_ text: String, limit: Int = 80) -> String {
    let visible = text.unicodeScalars.map(printable).joined()
    return visible.count > limit ? String(visible.prefix(limit)) + "…" : visible
}
