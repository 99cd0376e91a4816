extension StringProtocol {
    /// The text without leading and trailing spaces and tabs (FoundationEssentials has no
    /// `trimmingCharacters(in:)`, and config-api links no more than FoundationEssentials).
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
