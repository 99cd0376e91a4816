/// Turns libyaml marks, which count characters, into byte offsets.
///
/// libyaml's `index` counts characters after the BOM (a CRLF counts as two). A character's
/// byte offset is its index plus the BOM plus the extra bytes of the multi-byte characters
/// before it, which one pass over the text lists (nothing for ASCII, a short list for mostly
/// ASCII text); a cursor into the list follows the marks, which mostly move forwards.
struct MarkConverter {
    private let bytes: [UInt8]
    private let bomLength: Int
    /// Every character of more than one byte, in order: its index and the extra bytes (beyond
    /// one per character) of it and of those before it.
    private let wideCharacters: [(index: Int, extraBytes: Int)]
    /// How many of `wideCharacters` come before the character last asked for.
    private var cursor = 0

    init(_ bytes: [UInt8], isASCII: Bool? = nil) {
        self.bytes = bytes
        bomLength = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        wideCharacters = isASCII == true ? [] : Self.wideCharacters(in: bytes, from: bomLength)
    }

    mutating func mark(_ mark: RawMark) -> SourceMark {
        SourceMark(offset: byteOffset(ofCharacter: mark.index), line: mark.line + 1, column: mark.column + 1)
    }

    /// The same as ``mark(_:)``, in the form nodes store.
    mutating func compactMark(_ mark: RawMark) -> CompactMark {
        CompactMark(offset: byteOffset(ofCharacter: mark.index), line: mark.line + 1, column: mark.column + 1)
    }

    /// A mark for a raw byte offset (reader errors report bytes, not characters).
    func mark(byteOffset: Int) -> SourceMark {
        let offset = min(max(byteOffset, 0), bytes.count)
        var line = 1
        var lineStart = 0
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

    /// The multi-byte characters after `start`, skipping ASCII eight bytes at a time. A byte
    /// that is not a continuation byte starts a character (text that is not UTF-8 is only
    /// ever placed by ``mark(byteOffset:)``, so it need not be exact).
    private static func wideCharacters(in bytes: [UInt8], from start: Int) -> [(index: Int, extraBytes: Int)] {
        var characters: [(index: Int, extraBytes: Int)] = []
        bytes.withUnsafeBytes { text in
            var byte = start
            var extraBytes = 0
            while byte < text.count {
                if byte + 8 <= text.count, text.loadUnaligned(fromByteOffset: byte, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    byte += 8
                    continue
                }
                let lead = byte
                byte += 1
                guard text[lead] >= 0x80 else { continue }
                while byte < text.count, text[byte] & 0xC0 == 0x80 { byte += 1 }
                guard byte - lead > 1 else { continue }
                let index = lead - start - extraBytes
                extraBytes += byte - lead - 1
                characters.append((index, extraBytes))
            }
        }
        return characters
    }
}
