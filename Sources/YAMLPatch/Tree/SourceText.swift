extension DocumentTree {
    /// The text of `node` as written in the file, its continuation lines moved left by the
    /// node's own column so a nested block reads as a document of its own (`get` prints it).
    public func sourceText(of node: Node) -> String {
        let layout = TextLayout(text)
        let column = layout.column(of: node.start.offset)
        let lines = text[node.start.offset..<layout.contentEnd(of: node)].split(
            separator: .newline, omittingEmptySubsequences: false)
        let dedented = lines.enumerated().map { index, line in
            index == 0 ? line : line.dropFirst(min(column, line.prefix { $0 == .space }.count))
        }
        return dedented.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n")
    }
}
