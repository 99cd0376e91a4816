/// Rejects text that is not UTF-8 before libyaml sees it (libyaml would accept UTF-16). The
/// same pass over the bytes notes the first carriage return without a line feed, for
/// ``LineBreakCheck``.
enum UTF8Check {
    /// What the pass found in valid UTF-8.
    struct Scan {
        /// The multi-byte characters, for ``MarkConverter`` (none when the text is ASCII: then
        /// byte offsets are character offsets).
        var wideCharacters: [MarkConverter.WideCharacter]
        /// The offset of the first CR not followed by LF.
        var loneCarriageReturn: Int?
    }

    /// Throws `.encoding` at a UTF-16 byte order mark or at the first byte that is not
    /// well-formed UTF-8; otherwise what the pass found.
    static func validate(_ bytes: [UInt8]) throws -> Scan {
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) {
            throw YAMLPatchError(
                .encoding, "text is UTF-16; config-api reads UTF-8 only",
                at: SourceMark(offset: 0, line: 1, column: 1))
        }
        let (scan, invalidOffset) = bytes.withUnsafeBufferPointer(scan)
        if let offset = invalidOffset {
            throw YAMLPatchError(
                .encoding, "invalid UTF-8 byte 0x\(String(bytes[offset], radix: 16))",
                at: MarkConverter(bytes, wideCharacters: []).mark(byteOffset: offset))
        }
        return scan
    }

    /// The multi-byte characters after the BOM (a BOM is not counted, as libyaml does not count
    /// it), and the offset of the first byte that does not start a well-formed UTF-8 sequence
    /// (Unicode's table 3-7: no overlong forms, no surrogates, nothing above U+10FFFF). ASCII
    /// runs without a CR are skipped eight bytes at a time (a word has a CR byte when
    /// `word ^ 0x0D…` has a zero byte).
    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> (Scan, invalidOffset: Int?) {
        var found = Scan(wideCharacters: [], loneCarriageReturn: nil)
        guard let base = bytes.baseAddress else { return (found, nil) }
        let raw = UnsafeRawPointer(base)
        let bomLength = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var extraBytes = 0
        var index = 0
        while index < bytes.count {
            if index + 8 <= bytes.count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                let carriageReturns = word ^ 0x0D0D_0D0D_0D0D_0D0D
                let hasCarriageReturn =
                    (carriageReturns &- 0x0101_0101_0101_0101) & ~carriageReturns & 0x8080_8080_8080_8080
                if (word & 0x8080_8080_8080_8080) | hasCarriageReturn == 0 {
                    index += 8
                    continue
                }
            }
            let lead = bytes[index]
            if lead < 0x80 {
                if lead == 0x0D, found.loneCarriageReturn == nil, index + 1 >= bytes.count || bytes[index + 1] != 0x0A {
                    found.loneCarriageReturn = index
                }
                index += 1
                continue
            }
            var second: ClosedRange<UInt8> = 0x80...0xBF
            let length: Int
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: (length, second) = (3, 0xA0...0xBF)
            case 0xED: (length, second) = (3, 0x80...0x9F)
            case 0xE1...0xEF: length = 3
            case 0xF0: (length, second) = (4, 0x90...0xBF)
            case 0xF4: (length, second) = (4, 0x80...0x8F)
            case 0xF1...0xF3: length = 4
            default: return (found, index)
            }
            guard index + length <= bytes.count, second.contains(bytes[index + 1]) else {
                return (found, index)
            }
            for continuation in index + 2..<index + length where bytes[continuation] & 0xC0 != 0x80 {
                return (found, index)
            }
            if index >= bomLength {
                let character = index - bomLength - extraBytes
                extraBytes += length - 1
                found.wideCharacters.append(MarkConverter.WideCharacter(index: character, extraBytes: extraBytes))
            }
            index += length
        }
        return (found, nil)
    }
}
