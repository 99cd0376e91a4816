/// Text that comes from a server or a hook (its messages, a hook's output), as config-api shows
/// it: one line per non-empty line of the text, each with its control characters made visible
/// (`U+001B`), joined with ` — ` into a single line no longer than `limit` characters. No line of
/// it can begin a GitHub Actions workflow command, and no escape sequence reaches a terminal.
func displayableServerText(_ text: String, dropping prefix: String = "", limit: Int = 2000) -> String {
    let lines = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }).map { line in
        var visible = ""
        for scalar in line.trimmingPrefix(prefix).unicodeScalars {
            if scalar == "\t" {
                visible += " "
            } else if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar == "\u{2028}"
                        || scalar == "\u{2029}" {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                visible += "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            } else {
                visible.unicodeScalars.append(scalar)
            }
        }
        return visible.trimmingSpaces
    }
    let joined = lines.filter { !$0.isEmpty }.joined(separator: " — ")
    return joined.count > limit ? String(joined.prefix(limit)) + "…" : joined
}
