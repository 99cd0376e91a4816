/// Where the indicators that libyaml's events leave out are: the `?` of an explicit key, and
/// the header (`|`, `>`, chomping and indentation indicators) of a block scalar.
extension TextLayout {
    /// The offset of the `?` that makes the key starting at `keyStart` explicit: before the key
    /// on its line, or alone (perhaps with a comment) on a line above with only blank and
    /// comment lines between, at a smaller column in block context; nil for an implicit key.
    func explicitKeyIndicator(before keyStart: Int, inFlow: Bool = false) -> Int? {
        var index = keyStart
        while index > 0, bytes[index - 1] == .space || bytes[index - 1] == .tab { index -= 1 }
        if index > 0, bytes[index - 1] == .questionMark { return index - 1 }
        guard index == lineStart(of: index) else { return nil }
        var start = index
        while start > 0 {
            let previous = lineStart(of: start - 1)
            start = previous
            var content = previous
            while content < bytes.count, bytes[content] == .space || bytes[content] == .tab { content += 1 }
            if isBlankLine(at: previous) || bytes[content] == .hash { continue }
            guard bytes[content] == .questionMark, isBlankOrComment(from: content + 1) else { return nil }
            return inFlow || column(of: content) < column(of: keyStart) ? content : nil
        }
        return nil
    }

    /// Whether a flow mapping is written with braces; a single pair in a flow sequence
    /// (`[k: v]`, `[? k]`) is written without: it starts where its key or its `?` does.
    func opensWithBrace(_ node: Node) -> Bool {
        guard case .mapping(let pairs, .flow) = node.content, let first = pairs.first else { return true }
        let start = node.start.offset
        return start != first.key.start.offset && !(start < bytes.count && bytes[start] == .questionMark)
    }

    /// The column of the `?` that introduces the explicit key starting at `keyStart`, else
    /// the key's own column.
    func explicitKeyColumn(before keyStart: Int) -> Int {
        column(of: explicitKeyIndicator(before: keyStart) ?? keyStart)
    }

    /// Whether only white space, or a comment after white space, follows `offset` on its line.
    private func isBlankOrComment(from offset: Int) -> Bool {
        var index = offset
        while index < bytes.count, bytes[index] == .space || bytes[index] == .tab || bytes[index] == .carriageReturn {
            index += 1
        }
        if index == bytes.count || bytes[index] == .newline { return true }
        return bytes[index] == .hash && index > offset
    }

    /// The bytes of a block scalar's header: its `|` or `>` and the indicators after it; nil
    /// for other nodes.
    func blockScalarHeader(of node: Node) -> Range<Int>? {
        guard case .scalar(_, let style) = node.content, style == .literal || style == .folded else { return nil }
        var index = node.start.offset
        while index < node.endOffset, bytes[index] != UInt8(ascii: "|"), bytes[index] != UInt8(ascii: ">") {
            index += 1
        }
        guard index < node.endOffset else { return nil }
        var end = index + 1
        while end < bytes.count,
            bytes[end] == UInt8(ascii: "+") || bytes[end] == .dash
                || (bytes[end] >= UInt8(ascii: "0") && bytes[end] <= UInt8(ascii: "9"))
        {
            end += 1
        }
        return index..<end
    }

    /// A space when text written up to `offset` would be followed by a comment's `#` there:
    /// libyaml reads `"b"# c` as a scalar and a comment, but `1# c` is one plain scalar.
    func spacing(before offset: Int) -> String {
        offset < bytes.count && bytes[offset] == .hash ? " " : ""
    }

    /// The digit of a block scalar's indentation indicator (`|2`, `>-1`); nil without one.
    func indentationIndicator(of node: Node) -> Int? {
        guard let header = blockScalarHeader(of: node) else { return nil }
        return bytes[header].first { $0 >= UInt8(ascii: "1") && $0 <= UInt8(ascii: "9") }
            .map { Int($0 - UInt8(ascii: "0")) }
    }

    /// Whether a block scalar keeps its trailing line breaks (`|+`, `>+`).
    func keepsTrailingBreaks(_ node: Node) -> Bool {
        guard let header = blockScalarHeader(of: node) else { return false }
        return bytes[header].contains(UInt8(ascii: "+"))
    }

    /// The end of a keep-chomping block scalar: at its last line break (libyaml ends it at the
    /// start of the line after its trailing blank lines), or where its content ends when the
    /// text ends without a break.
    func keptBreaksEnd(_ node: Node) -> Int {
        let end = node.endOffset
        guard end > node.start.offset, bytes[end - 1] == .newline else { return blockScalarEnd(node) }
        return end >= 2 && bytes[end - 2] == .carriageReturn ? end - 2 : end - 1
    }
}

extension UInt8 {
    static let questionMark = UInt8(ascii: "?")
}
