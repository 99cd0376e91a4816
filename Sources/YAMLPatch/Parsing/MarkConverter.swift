/// Turns libyaml marks, which count characters, into byte offsets.
///
/// libyaml's `index` counts characters after the BOM (a CRLF counts as two). A character's
/// byte offset is its index plus the BOM plus the extra bytes of the multi-byte characters
/// before it, which ``UTF8Check`` lists while it validates the text (nothing for ASCII, a
/// short list for mostly ASCII text); a cursor into the list follows the marks, which mostly
/// move forwards.
struct MarkConverter {
    /// A character of more than one byte: its index and the extra bytes (beyond one per
    /// character) of it and of those before it.
    struct WideCharacter {
        var index: Int
        var extraBytes: Int
    }

    private let bytes: [UInt8]
    private let bomLength: Int
    private let wideCharacters: [WideCharacter]
    /// How many of `wideCharacters` come before the character last asked for.
    private var cursor = 0

    init(_ bytes: [UInt8], wideCharacters: [WideCharacter]) {
        self.bytes = bytes
        bomLength = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        self.wideCharacters = wideCharacters
    }

    mutating func mark(_ mark: RawMark) -> SourceMark {
        SourceMark(offset: byteOffset(ofCharacter: mark.index), line: mark.line + 1, column: mark.column + 1)
    }

    /// The same as ``mark(_:)``, in the form nodes store.
    mutating func compactMark(_ mark: RawMark) -> CompactMark {
        CompactMark(offset: byteOffset(ofCharacter: mark.index), line: mark.line + 1, column: mark.column + 1)
    }

    /// The byte offset of a mark, in the form nodes store their end.
    mutating func byteOffset32(_ mark: RawMark) -> UInt32 {
        UInt32(truncatingIfNeeded: byteOffset(ofCharacter: mark.index))
    }

    /// A mark for a raw byte offset (reader errors report bytes, not characters); as in
    /// libyaml's marks, a BOM is not a column.
    func mark(byteOffset: Int) -> SourceMark {
        let offset = min(max(byteOffset, 0), bytes.count)
        var line = 1
        var lineStart = min(bomLength, offset)
        for index in 0..<offset where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        let column = bytes[lineStart..<offset].reduce(1) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        return SourceMark(offset: offset, line: line, column: column)
    }

    @inline(__always)
    mutating func byteOffset(ofCharacter character: Int) -> Int {
        if wideCharacters.isEmpty { return min(character + bomLength, bytes.count) }
        return wideByteOffset(ofCharacter: character)
    }

    /// ``byteOffset(ofCharacter:)`` in text with multi-byte characters.
    private mutating func wideByteOffset(ofCharacter character: Int) -> Int {
        while cursor < wideCharacters.count, wideCharacters[cursor].index < character { cursor += 1 }
        while cursor > 0, wideCharacters[cursor - 1].index >= character { cursor -= 1 }
        let extraBytes = cursor == 0 ? 0 : wideCharacters[cursor - 1].extraBytes
        return min(character + bomLength + extraBytes, bytes.count)
    }
}
