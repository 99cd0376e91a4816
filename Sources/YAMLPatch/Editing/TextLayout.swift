/// Byte-level questions about a YAML text that libyaml's events do not answer: where lines
/// start and end, where a key's `:` or an item's `-` is, which comment lines sit above an entry.
struct TextLayout {
    let bytes: [UInt8]
    /// Where the first line starts: after the byte order mark, if any.
    private let firstLineStart: Int

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        firstLineStart = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    /// Whether a line ends inside `range` (whether what starts at its lower bound ends on
    /// another line).
    func hasLineBreak(in range: Range<Int>) -> Bool {
        bytes[range].contains(.newline)
    }

    /// Whether the line holding `offset` ends with CRLF; a last line without a break, with the
    /// ending of the line before it (LF when the text has a single line).
    func endsWithCRLF(lineOf offset: Int) -> Bool {
        var index = offset
        while index < bytes.count, bytes[index] != .newline { index += 1 }
        if index == bytes.count {
            let start = lineStart(of: offset)
            guard start > firstLineStart else { return false }
            index = start - 1
        }
        return index > 0 && bytes[index - 1] == .carriageReturn
    }

    /// The offset of the first byte of the line holding `offset`.
    func lineStart(of offset: Int) -> Int {
        var index = min(offset, bytes.count)
        while index > firstLineStart, bytes[index - 1] != .newline { index -= 1 }
        return index
    }

    /// The offset just past the line break of the line holding `offset` (the text's end when
    /// the line has no break).
    func nextLineStart(after offset: Int) -> Int {
        var index = offset
        while index < bytes.count, bytes[index] != .newline { index += 1 }
        return min(index + 1, bytes.count)
    }

    /// The number of bytes between the start of the line and `offset` (block indentation is
    /// made of spaces and `- ` indicators, so bytes are columns there).
    func column(of offset: Int) -> Int { offset - lineStart(of: offset) }

    /// Whether only spaces stand between the start of the line and `offset`.
    func isFirstOnLine(_ offset: Int) -> Bool {
        bytes[lineStart(of: offset)..<offset].allSatisfy { $0 == .space }
    }

    /// Where the run of spaces and tabs that ends at `offset` starts.
    func spacesStart(before offset: Int) -> Int {
        var index = offset
        while index > 0, bytes[index - 1] == .space || bytes[index - 1] == .tab { index -= 1 }
        return index
    }

    /// Whether the line starting at `start` is empty or white space only.
    func isBlankLine(at start: Int) -> Bool {
        var index = start
        while index < bytes.count, bytes[index] == .space || bytes[index] == .tab || bytes[index] == .carriageReturn {
            index += 1
        }
        return index == bytes.count || bytes[index] == .newline
    }

    /// The start of the first line from `start` on that is not blank (the text's end if none).
    func blankLinesEnd(from start: Int) -> Int {
        var index = start
        while index < bytes.count, isBlankLine(at: index) { index = nextLineStart(after: index) }
        return index
    }

    /// The end of the comment lines after `contentEnd`'s line that belong to the entry at
    /// `column` ending there: those indented deeper (blank lines may come between), and with
    /// `attached`, those at its column with no blank line before them (after a last entry,
    /// where no later entry can own them). `contentEnd` when there are none.
    func trailingCommentsEnd(after contentEnd: Int, column: Int, attached: Bool) -> Int {
        var end = contentEnd
        var line = nextLineStart(after: contentEnd)
        var afterBlank = false
        while line < bytes.count {
            if isBlankLine(at: line) {
                afterBlank = true
                line = nextLineStart(after: line)
                continue
            }
            let spaces = bytes[line...].prefix { $0 == .space }.count
            guard bytes[line + spaces] == .hash, spaces > column || (attached && !afterBlank && spaces == column) else {
                break
            }
            end = line + spaces
            line = nextLineStart(after: line)
        }
        return end
    }

    /// Where the line holding `offset` ends (before its line break) when only white space and
    /// a comment follow `offset` on it; nil when no comment follows.
    func trailingCommentLineEnd(after offset: Int) -> Int? {
        var index = offset
        while index < bytes.count, bytes[index] == .space || bytes[index] == .tab { index += 1 }
        guard index > offset, index < bytes.count, bytes[index] == .hash else { return nil }
        while index < bytes.count, bytes[index] != .newline { index += 1 }
        return index > 0 && bytes[index - 1] == .carriageReturn ? index - 1 : index
    }

    /// The offset of a tab in the blank lines that directly follow the line holding `offset`
    /// (or start at `offset`, at a line start); nil when they have none.
    func tabInBlankLines(after offset: Int) -> Int? {
        var line = offset == lineStart(of: offset) ? offset : nextLineStart(after: offset)
        while line < bytes.count, isBlankLine(at: line) {
            let next = nextLineStart(after: line)
            if let tab = bytes[line..<next].firstIndex(of: .tab) { return tab }
            line = next
        }
        return nil
    }

    /// Whether the first line after the line holding `offset` that is not blank (the line at
    /// `offset` itself when it starts there) is a directive (`%YAML`, `%TAG`).
    func directiveFollows(_ offset: Int) -> Bool {
        let line = blankLinesEnd(from: offset == lineStart(of: offset) ? offset : nextLineStart(after: offset))
        return line < bytes.count && bytes[line] == UInt8(ascii: "%")
    }

    /// Whether a blank line lies between the line of `range.lowerBound` and the line of
    /// `range.upperBound` (both excluded).
    func containsBlankLine(_ range: Range<Int>) -> Bool {
        let lastLine = lineStart(of: range.upperBound)
        var start = nextLineStart(after: range.lowerBound)
        while start < lastLine {
            if isBlankLine(at: start) { return true }
            start = nextLineStart(after: start)
        }
        return false
    }

    /// The offset just past the `:` that follows a mapping key ending at `keyEnd` (after an
    /// explicit key, on a later line, with comments between; there it must be followed by
    /// white space, else it starts a plain scalar such as `:x`).
    func colonEnd(afterKeyEnd keyEnd: Int) -> Int? {
        var index = keyEnd
        var crossedLine = false
        while index < bytes.count {
            if bytes[index].isWhiteSpaceOrBreak {
                crossedLine = crossedLine || bytes[index] == .newline
                index += 1
            } else if bytes[index] == .hash, index == 0 || bytes[index - 1].isWhiteSpaceOrBreak {
                while index < bytes.count, bytes[index] != .newline { index += 1 }
            } else {
                break
            }
        }
        guard index < bytes.count, bytes[index] == .colon else { return nil }
        guard !crossedLine || index + 1 == bytes.count || bytes[index + 1].isWhiteSpaceOrBreak else { return nil }
        return index + 1
    }

    /// The offset of the `-` that introduces a block sequence item starting at `itemStart`,
    /// searched back to `lowerBound` (the previous item's end or the sequence's start), past
    /// the comments in between (`-` then `# note -` then the item's value on the next line).
    func dashOffset(beforeItemAt itemStart: Int, lowerBound: Int) -> Int? {
        var index = itemStart - 1
        while index >= lowerBound {
            if bytes[index] == .dash, index + 1 >= bytes.count || bytes[index + 1].isWhiteSpaceOrBreak,
                !isInComment(index, after: lowerBound)
            {
                return index
            }
            index -= 1
        }
        return nil
    }

    /// Whether a comment's `#` (at its line's start or after white space) comes before `offset`
    /// on its line, looking no further back than `lowerBound`, where the text holds no scalar.
    private func isInComment(_ offset: Int, after lowerBound: Int) -> Bool {
        var index = max(lineStart(of: offset), lowerBound)
        while index < offset {
            if bytes[index] == .hash, index == 0 || bytes[index - 1].isWhiteSpaceOrBreak { return true }
            index += 1
        }
        return false
    }

    /// Where the entry whose first line starts at `lineStart` begins once the comment lines
    /// directly above it at the same indentation are counted as its own; none before
    /// `lowerBound`, where the text before the entry ends (a line there that looks like a
    /// comment may be inside a quoted scalar).
    func startIncludingCommentsAbove(lineStart: Int, indentation: Int, notBefore lowerBound: Int) -> Int {
        var start = lineStart
        while start > 0 {
            let previous = self.lineStart(of: start - 1)
            guard previous >= lowerBound else { break }
            let spaces = bytes[previous..<start].prefix { $0 == .space }.count
            guard spaces == indentation, previous + spaces < bytes.count, bytes[previous + spaces] == .hash else {
                break
            }
            start = previous
        }
        return start
    }

    /// The end of a node's last meaningful byte. A block scalar owns the line breaks and blank
    /// lines after its content, which belong to the layout rather than the value here, except
    /// with keep chomping (`|+`, `>+`), whose value holds them: it ends at its last line break.
    /// A block collection ends where its last entry's content does.
    func contentEnd(of node: Node) -> Int {
        switch node.content {
        case .mapping(let pairs, .block):
            return pairs.last.map { entryEnd(key: $0.key, value: $0.value) } ?? node.endOffset
        case .sequence(let items, .block):
            return items.last.map(contentEnd(of:)) ?? node.endOffset
        case .scalar(_, .literal), .scalar(_, .folded):
            return keepsTrailingBreaks(node) ? keptBreaksEnd(node) : blockScalarEnd(node)
        case .scalar, .alias, .mapping(_, .flow), .sequence(_, .flow):
            return node.endOffset
        }
    }

    /// The end of a mapping entry. libyaml places an empty value at the next token, possibly
    /// lines below; here it ends at its key's `:` (or at the key when there is none).
    func entryEnd(key: Node, value: Node) -> Int {
        guard value.start.offset == value.endOffset else { return max(contentEnd(of: value), key.endOffset) }
        return emptyValueOffset(afterKey: key) ?? contentEnd(of: key)
    }

    /// Where an empty value after `key` is: just past its `:`, or nil when the key has none.
    func emptyValueOffset(afterKey key: Node) -> Int? {
        colonEnd(afterKeyEnd: contentEnd(of: key))
    }

    /// The end of a block scalar's last content line: a line with text, or with more spaces
    /// than the content's indentation (those spaces are content). With an indentation
    /// indicator (`|2`) the content is indented by the digit more than its parent, so by the
    /// digit at least: a line of spaces beyond it counts (one that is not content is a trailing
    /// break, which the chomping drops whether an edit goes before or after it).
    func blockScalarEnd(_ node: Node) -> Int {
        let indentation = blockScalarIndentation(node)
        var end = node.start.offset
        while end < node.endOffset, bytes[end] != .newline { end += 1 }
        if end > node.start.offset, bytes[end - 1] == .carriageReturn { end -= 1 }
        var lineStart = nextLineStart(after: end)
        while lineStart < node.endOffset {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != .newline { lineEnd += 1 }
            let trimmed = lineEnd > lineStart && bytes[lineEnd - 1] == .carriageReturn ? lineEnd - 1 : lineEnd
            let spaces = bytes[lineStart..<trimmed].prefix { $0 == .space }.count
            if trimmed - lineStart > spaces || spaces > indentation { end = trimmed }
            lineStart = lineEnd + 1
        }
        return end
    }

    /// The indentation `blockScalarEnd(_:)` judges a block scalar's lines of spaces by.
    func blockScalarIndentation(_ node: Node) -> Int {
        indentationIndicator(of: node)
            ?? indentationOfNextContentLine(after: node.start.offset, before: node.endOffset) ?? 0
    }

    /// Whether the blank lines from `start` hold one with more spaces than the block scalar
    /// `node` is indented by: right after that scalar, those spaces would be its content.
    func blankLinesHoldContentOf(_ node: Node, from start: Int) -> Bool {
        guard blockScalarHeader(of: node) != nil else { return false }
        let indentation = blockScalarIndentation(node)
        var lineStart = start
        while lineStart < bytes.count, isBlankLine(at: lineStart) {
            if bytes[lineStart...].prefix(while: { $0 == .space }).count > indentation { return true }
            lineStart = nextLineStart(after: lineStart)
        }
        return false
    }

    /// The number of leading spaces on the first non-blank line after `offset`'s line.
    func indentationOfNextContentLine(after offset: Int, before end: Int) -> Int? {
        var start = nextLineStart(after: offset)
        while start < end {
            if !isBlankLine(at: start) { return bytes[start...].prefix { $0 == .space }.count }
            start = nextLineStart(after: start)
        }
        return nil
    }
}

extension UInt8 {
    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let colon = UInt8(ascii: ":")
    static let dash = UInt8(ascii: "-")
    static let hash = UInt8(ascii: "#")

    var isWhiteSpaceOrBreak: Bool { self == .space || self == .tab || self == .newline || self == .carriageReturn }
}
