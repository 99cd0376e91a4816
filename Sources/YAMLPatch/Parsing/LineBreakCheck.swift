/// Refuses line breaks other than LF and CRLF before libyaml sees the text.
///
/// libyaml (YAML 1.1) also breaks lines at a lone CR (classic Mac OS), NEL (U+0085), LINE
/// SEPARATOR (U+2028) and PARAGRAPH SEPARATOR (U+2029); YAML 1.2 readers and editors do not
/// (except for the CR), and config-api's edits work on LF-terminated lines. Rather than let the
/// two views of where a line ends disagree, such a text is refused with the position of the
/// first such break. A file may mix LF and CRLF lines: each keeps its own, and a new line takes
/// the ending of the line it follows.
enum LineBreakCheck {
    /// Throws `.syntax` at the first unsupported line break. `wideCharacters` are the text's
    /// multi-byte characters (from ``UTF8Check``): NEL, LS and PS are among them.
    static func validate(_ bytes: [UInt8], wideCharacters: [MarkConverter.WideCharacter]) throws {
        let carriageReturn = loneCarriageReturn(in: bytes)
        let separator = firstSeparator(in: bytes, wideCharacters: wideCharacters)
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

    /// The offset of the first CR that is not followed by LF. Runs without a CR are skipped
    /// eight bytes at a time (a word has a CR byte when `word ^ 0x0D…` has a zero byte).
    private static func loneCarriageReturn(in bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return nil }
            let raw = UnsafeRawPointer(base)
            var index = 0
            while index < buffer.count {
                if index + 8 <= buffer.count {
                    let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) ^ 0x0D0D_0D0D_0D0D_0D0D
                    if (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080 == 0 {
                        index += 8
                        continue
                    }
                }
                if buffer[index] == .carriageReturn, index + 1 >= buffer.count || buffer[index + 1] != .newline {
                    return index
                }
                index += 1
            }
            return nil
        }
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
