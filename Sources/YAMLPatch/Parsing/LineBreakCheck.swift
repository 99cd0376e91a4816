/// Refuses line breaks other than LF and CRLF before libyaml sees the text.
///
/// libyaml (YAML 1.1) also breaks lines at a lone CR (classic Mac OS), NEL (U+0085), LINE
/// SEPARATOR (U+2028) and PARAGRAPH SEPARATOR (U+2029); YAML 1.2 readers and editors do not
/// (except for the CR), and config-api's edits work on LF-terminated lines. Rather than let the
/// two views of where a line ends disagree, such a text is refused with the position of the
/// first such break. A file may mix LF and CRLF lines: each keeps its own, and a new line takes
/// the ending of the line it follows.
enum LineBreakCheck {
    /// Throws `.syntax` at the first unsupported line break, from what ``UTF8Check`` found:
    /// the first lone CR, and the multi-byte characters, among which NEL, LS and PS are.
    static func validate(_ bytes: [UInt8], _ scan: UTF8Check.Scan) throws {
        let carriageReturn = scan.loneCarriageReturn
        let separator = firstSeparator(in: bytes, wideCharacters: scan.wideCharacters)
        guard let offset = [carriageReturn, separator?.offset].compactMap({ $0 }).min() else { return }
        let what =
            offset == carriageReturn
            ? "a carriage return without a line feed (classic Mac OS line endings)"
            : separator?.name ?? ""
        throw YAMLPatchError(
            .syntax,
            "unsupported line break: \(what); config-api reads LF or CRLF line endings only",
            at: MarkConverter(bytes, wideCharacters: []).mark(byteOffset: offset))
    }

    /// The first NEL, LS or PS and its name. A wide character's byte offset is its character
    /// index plus the BOM plus the extra bytes of the wide characters before it.
    private static func firstSeparator(
        in bytes: [UInt8], wideCharacters: [MarkConverter.WideCharacter]
    ) -> (offset: Int, name: String)? {
        let bomLength = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var extraBefore = 0
        for character in wideCharacters {
            let offset = character.index + bomLength + extraBefore
            defer { extraBefore = character.extraBytes }
            switch (bytes[offset], bytes[offset + 1], character.extraBytes - extraBefore) {
            case (0xC2, 0x85, 1): return (offset, "U+0085 NEXT LINE (write it as \\N in a double-quoted string)")
            case (0xE2, 0x80, 2) where bytes[offset + 2] == 0xA8:
                return (offset, "U+2028 LINE SEPARATOR (write it as \\L in a double-quoted string)")
            case (0xE2, 0x80, 2) where bytes[offset + 2] == 0xA9:
                return (offset, "U+2029 PARAGRAPH SEPARATOR (write it as \\P in a double-quoted string)")
            default: continue
            }
        }
        return nil
    }
}
