/// Text for a new value, with the node a parser is expected to read from it.
struct WrittenValue {
    /// The text; for block collections every line after the first carries its indentation,
    /// the first line none (it continues a `key:` or `- ` line, or sits where the old value was).
    var text: String
    var node: Node
    /// Whether the text spans lines as a block collection (it must start on its own line
    /// after a key).
    var isBlock: Bool

    /// A literal or folded scalar whose value ends with its one final line break.
    var isClippedBlockScalar: Bool {
        guard case .scalar(let value, let style) = node.content, style == .literal || style == .folded else {
            return false
        }
        return value.hasSuffix("\n")
    }
}

/// Writes new values in the file's style: block collections at its indentation step, flow
/// collections inside flow ones, scalars through ``ScalarWriter``. Line breaks are written as
/// LF; the editor gives them the ending of the line where the text goes.
struct ValueWriter {
    var style: IndentationStyle

    /// `value` written inline (scalars, empty collections, or anything inside flow).
    func inline(_ value: YAMLValue, inFlow: Bool) -> WrittenValue {
        switch value {
        case .string(let string):
            return scalar(ScalarWriter.fresh(string, inFlow: inFlow))
        case .sequence(let items):
            let written = items.map { inline($0, inFlow: true) }
            let text = "[" + written.map(\.text).joined(separator: ", ") + "]"
            return WrittenValue(
                text: text, node: .expected(.sequence(NodeList(written.map(\.node)), .flow)), isBlock: false)
        case .mapping(let entries):
            let written = entries.map { (key: key($0.key), value: inline($0.value, inFlow: true)) }
            let text = "{" + written.map { $0.key.text + ": " + $0.value.text }.joined(separator: ", ") + "}"
            let pairs = written.map { Node.Pair(key: $0.key.node, value: $0.value.node) }
            return WrittenValue(text: text, node: .expected(.mapping(PairList(pairs), .flow)), isBlock: false)
        case .null, .bool, .int, .bigInteger, .double:
            return scalar(ScalarWriter.typed(value) ?? ScalarWriter.fresh("", inFlow: inFlow))
        }
    }

    /// `value` in block context whose nested lines start at `indentation` spaces: non-empty
    /// collections as blocks, anything else inline.
    func block(_ value: YAMLValue, indentation: Int) -> WrittenValue {
        switch value {
        case .mapping(let entries) where !entries.isEmpty:
            let written = entries.map { entry($0, indentation: indentation) }
            let text = written.map(\.text).joined(separator: "\n" + spaces(indentation))
            return WrittenValue(
                text: text, node: .expected(.mapping(PairList(written.map(\.pair)), .block)), isBlock: true)
        case .sequence(let items) where !items.isEmpty:
            let written = items.map { block($0, indentation: indentation + 2) }
            let text = written.map { "- " + $0.text }.joined(separator: "\n" + spaces(indentation))
            return WrittenValue(
                text: text, node: .expected(.sequence(NodeList(written.map(\.node)), .block)), isBlock: true)
        default:
            return inline(value, inFlow: false)
        }
    }

    /// `key: value` in a block mapping whose keys are at `indentation` spaces; with `flow`, a
    /// collection value in flow style.
    func entry(_ entry: YAMLValue.Entry, indentation: Int, flow: Bool = false) -> (text: String, pair: Node.Pair) {
        let key = key(entry.key)
        let value = flow ? inline(entry.value, inFlow: false) : nested(entry.value, underKeyAt: indentation)
        let separator =
            value.isBlock ? "\n" + spaces(nestedIndentation(of: entry.value, underKeyAt: indentation)) : " "
        return (key.text + ":" + separator + value.text, Node.Pair(key: key.node, value: value.node))
    }

    /// The value of a key at `indentation` spaces, nested at the file's step when it is a block.
    func nested(_ value: YAMLValue, underKeyAt indentation: Int) -> WrittenValue {
        block(value, indentation: nestedIndentation(of: value, underKeyAt: indentation))
    }

    /// Where the block under a key at `indentation` starts: the mapping step for mappings, the
    /// sequence indent for sequences.
    func nestedIndentation(of value: YAMLValue, underKeyAt indentation: Int) -> Int {
        if case .sequence = value { return indentation + style.sequenceIndent }
        return indentation + style.mappingStep
    }

    /// A new key: plain when safe even inside flow, else double-quoted.
    func key(_ key: String) -> WrittenValue {
        scalar(ScalarWriter.fresh(key, inFlow: true))
    }

    private func scalar(_ written: WrittenScalar) -> WrittenValue {
        WrittenValue(text: written.text, node: .expected(.scalar(written.value, written.style)), isBlock: false)
    }

    func spaces(_ count: Int) -> String { String(repeating: " ", count: count) }
}

extension Node {
    /// A node that exists only in the expected tree of an edit (no position).
    static func expected(_ content: Content) -> Node {
        let nowhere = SourceMark(offset: 0, line: 0, column: 0)
        return Node(content: content, start: nowhere, endOffset: nowhere.offset)
    }
}
