/// Where a node sits in its parent, which decides how its text is replaced.
enum Slot {
    case root
    /// The value of `key` in a mapping.
    case mappingValue(key: Node, parentStyle: CollectionStyle)
    /// An item of a sequence; for block sequences, the offset just past its `-`.
    case sequenceItem(dashEnd: Int?, parentStyle: CollectionStyle)
}

/// A node's slot, and whether an anchor that aliases refer to encloses it.
struct Place {
    var slot: Slot
    var isUnderAliasedAnchor: Bool

    /// Inside `[ ]` or `{ }`, where only flow style may be written.
    var inFlow: Bool {
        switch slot {
        case .root: return false
        case .mappingValue(_, let style), .sequenceItem(_, let style): return style == .flow
        }
    }
}

/// Turns one operation on one document into splices, and applies the same operation to the
/// document's expected tree so the re-parse can be checked against it.
struct DocumentEditor {
    let layout: TextLayout
    let writer: ValueWriter
    let operation: EditOperation
    /// The document edited: which of its nodes aliases refer to (those must not change).
    let document: DocumentTree.Document
    var splices: [Splice] = []
    var targets = 0

    init(layout: TextLayout, writer: ValueWriter, document: DocumentTree.Document, operation: EditOperation) {
        self.layout = layout
        self.writer = writer
        self.document = document
        self.operation = operation
    }

    /// Follows `steps` from `node` (whose expected counterpart is `expected`) and edits every
    /// node they lead to.
    mutating func walk(_ node: Node, _ expected: inout Node, _ steps: ArraySlice<YAMLPath.Step>, _ place: Place) throws {
        if node.isAlias { throw Self.throughAlias(node) }
        guard let step = steps.first else { return try applyOperation(node, &expected, place) }
        if case .delete = operation, steps.count == 1 { return try delete(step, from: node, &expected, place) }
        let inner = Place(slot: .root, isUnderAliasedAnchor: place.isUnderAliasedAnchor || isAliasedAnchor(node))
        let rest = steps.dropFirst()
        switch (step, node.content) {
        case (.key(let key), .mapping(let pairs, let style)):
            if let index = pairs.firstIndex(where: { $0.key.scalarText == key }) {
                let childPlace = Place(slot: .mappingValue(key: pairs[index].key, parentStyle: style), isUnderAliasedAnchor: inner.isUnderAliasedAnchor)
                try expected.modifyChild(index) { try walk(pairs[index].value, &$0, rest, childPlace) }
            } else if let entry = createdEntry(for: steps) {
                targets += 1
                try insertEntries([entry], into: node, &expected, place)
            }
        case (.key, .scalar) where node.isNull:
            if let entry = createdEntry(for: steps) {
                targets += 1
                try replace(node, &expected, with: .mapping([entry]), place)
            }
        case (.index(let index), .sequence(let items, let style)):
            guard let position = SequenceIndex.resolve(index, count: items.count) else { return }
            try walkItem(position, of: node, items, style, &expected, rest, inner.isUnderAliasedAnchor)
        case (.select(let key, let value), .sequence(let items, let style)):
            for position in items.indices where items[position].child(forKey: key)?.scalarText == value {
                try walkItem(position, of: node, items, style, &expected, rest, inner.isUnderAliasedAnchor)
            }
        default:
            return
        }
    }

    private mutating func walkItem(_ position: Int, of sequence: Node, _ items: [Node], _ style: CollectionStyle,
                                   _ expected: inout Node, _ rest: ArraySlice<YAMLPath.Step>, _ isUnderAliasedAnchor: Bool) throws {
        let slot = Slot.sequenceItem(dashEnd: style == .block ? dashEnd(ofItem: position, in: sequence, items) : nil, parentStyle: style)
        try expected.modifyChild(position) { try walk(items[position], &$0, rest, Place(slot: slot, isUnderAliasedAnchor: isUnderAliasedAnchor)) }
    }

    /// The key and value that creating the missing keys `steps` adds, when all are keys.
    private func createdEntry(for steps: ArraySlice<YAMLPath.Step>) -> YAMLValue.Entry? {
        guard operation.createsKeys else { return nil }
        var value: YAMLValue
        switch operation {
        case .set(let newValue), .merge(let newValue, _): value = newValue
        case .delete, .append: return nil
        }
        var keys: [String] = []
        for step in steps {
            guard case .key(let key) = step else { return nil }
            keys.append(key)
        }
        for key in keys.dropFirst().reversed() { value = .mapping([.init(key: key, value: value)]) }
        return YAMLValue.Entry(key: keys[0], value: value)
    }

    private mutating func applyOperation(_ node: Node, _ expected: inout Node, _ place: Place) throws {
        targets += 1
        switch operation {
        case .set(let value): try replace(node, &expected, with: value, place)
        case .merge(let spec, let appendLists): try merge(spec, into: node, &expected, appendLists: appendLists, place)
        case .append(let item): try append([item], to: node, &expected, place)
        case .delete: throw YAMLPatchError(.value, "cannot delete the document root", at: node.start)
        }
    }

    // MARK: merge and append

    private mutating func merge(_ spec: YAMLValue, into node: Node, _ expected: inout Node, appendLists: Bool, _ place: Place) throws {
        guard case .mapping(let entries) = spec, case .mapping(let pairs, let style) = node.content else {
            return try replace(node, &expected, with: spec, place)
        }
        let isUnderAliasedAnchor = place.isUnderAliasedAnchor || isAliasedAnchor(node)
        var additions: [YAMLValue.Entry] = []
        for entry in entries {
            guard let index = pairs.firstIndex(where: { $0.key.scalarText == entry.key }) else {
                additions.append(entry)
                continue
            }
            let child = pairs[index].value
            if child.isAlias { throw Self.throughAlias(child) }
            let childPlace = Place(slot: .mappingValue(key: pairs[index].key, parentStyle: style), isUnderAliasedAnchor: isUnderAliasedAnchor)
            try expected.modifyChild(index) { childExpected in
                switch (entry.value, child.content) {
                case (.mapping, .mapping):
                    try merge(entry.value, into: child, &childExpected, appendLists: appendLists, childPlace)
                case (.sequence(let items), .sequence) where appendLists:
                    try append(items, to: child, &childExpected, childPlace)
                default:
                    try replace(child, &childExpected, with: entry.value, childPlace)
                }
            }
        }
        if !additions.isEmpty { try insertEntries(additions, into: node, &expected, place) }
    }

    /// Adds keys after the last key of a mapping (block: on new lines at the keys' indentation,
    /// after a blank line when the last two keys are separated by one; flow: before `}`).
    private mutating func insertEntries(_ entries: [YAMLValue.Entry], into node: Node, _ expected: inout Node, _ place: Place) throws {
        try checkGrowable(node, place)
        guard case .mapping(let pairs, let style) = node.content else {
            throw YAMLPatchError(.value, "cannot add keys to the \(node.kindName) at \(node.start.line):\(node.start.column)", at: node.start)
        }
        if style == .flow {
            let written = entries.map { (key: writer.key($0.key), value: writer.inline($0.value, inFlow: true)) }
            let text = written.map { $0.key.text + ": " + $0.value.text }.joined(separator: ", ")
            insertInFlow(text, into: node, after: pairs.last.map { layout.entryEnd(key: $0.key, value: $0.value) })
            expected.appendChildren(pairs: written.map { Node.Pair(key: $0.key.node, value: $0.value.node) })
            return
        }
        let indentation = layout.column(of: pairs[0].key.start.offset)
        let written = entries.map { writer.entry($0, indentation: indentation) }
        var lines = written.map { writer.spaces(indentation) + $0.text }
        if pairs.count >= 2,
           layout.containsBlankLine(layout.entryEnd(key: pairs[pairs.count - 2].key, value: pairs[pairs.count - 2].value)..<pairs[pairs.count - 1].key.start.offset) {
            lines.insert("", at: 0)
        }
        splices.append(insertion(lines, afterLineOf: layout.contentEnd(of: node)))
        expected.appendChildren(pairs: written.map(\.pair))
    }

    /// Adds items at the end of a sequence; a null becomes a sequence of them.
    private mutating func append(_ items: [YAMLValue], to node: Node, _ expected: inout Node, _ place: Place) throws {
        guard case .sequence(let existing, let style) = node.content else {
            guard node.isNull else {
                throw YAMLPatchError(.value, "cannot append to the \(node.kindName) at \(node.start.line):\(node.start.column): it is not a sequence", at: node.start)
            }
            return try replace(node, &expected, with: .sequence(items), place)
        }
        try checkGrowable(node, place)
        if style == .flow {
            let written = items.map { writer.inline($0, inFlow: true) }
            insertInFlow(written.map(\.text).joined(separator: ", "), into: node, after: existing.last.map { layout.contentEnd(of: $0) })
            expected.appendChildren(items: written.map(\.node))
            return
        }
        let dash = dashEnd(ofItem: existing.count - 1, in: node, existing) - 1
        let indentation = dash - layout.lineStart(of: dash)
        let written = items.map { writer.block($0, indentation: indentation + 2) }
        var lines = written.map { writer.spaces(indentation) + "- " + $0.text }
        if existing.count >= 2, layout.containsBlankLine(layout.contentEnd(of: existing[existing.count - 2])..<dash) {
            lines.insert("", at: 0)
        }
        splices.append(insertion(lines, afterLineOf: layout.contentEnd(of: node)))
        expected.appendChildren(items: written.map(\.node))
    }

    /// Inserts `text` after the last entry of a flow collection (`, text`) or into an empty one.
    private mutating func insertInFlow(_ text: String, into node: Node, after lastEntryEnd: Int?) {
        if let lastEntryEnd {
            splices.append(Splice(range: lastEntryEnd..<lastEntryEnd, replacement: Array((", " + text).utf8)))
        } else {
            let closing = node.end.offset - 1
            splices.append(Splice(range: closing..<closing, replacement: Array(text.utf8)))
        }
    }

    /// New lines after the line holding `offset`, in the file's line ending.
    func insertion(_ lines: [String], afterLineOf offset: Int) -> Splice {
        let position = layout.nextLineStart(after: offset)
        let body = lines.joined(separator: layout.lineEnding)
        let endsWithoutBreak = position == layout.bytes.count && layout.bytes.last != .newline
        let text = endsWithoutBreak ? layout.lineEnding + body : body + layout.lineEnding
        return Splice(range: position..<position, replacement: Array(text.utf8))
    }

    // MARK: shared checks

    /// The offset just past the `-` of block sequence item `position`.
    func dashEnd(ofItem position: Int, in sequence: Node, _ items: [Node]) -> Int {
        let lowerBound = position > 0 ? layout.contentEnd(of: items[position - 1]) : sequence.start.offset
        return (layout.dashOffset(beforeItemAt: items[position].start.offset, lowerBound: lowerBound) ?? sequence.start.offset) + 1
    }

    func isAliasedAnchor(_ node: Node) -> Bool {
        document.isAliasTarget(node)
    }

    /// Refuses to add to a collection that aliases see through an anchor.
    func checkGrowable(_ node: Node, _ place: Place) throws {
        if place.isUnderAliasedAnchor || isAliasedAnchor(node) { throw Self.insideAnchor(node) }
    }

    /// Refuses to replace or remove a node that aliases see, or that defines an anchor they use.
    func checkReplaceable(_ node: Node, _ place: Place) throws {
        if node.isAlias { throw Self.throughAlias(node) }
        if place.isUnderAliasedAnchor { throw Self.insideAnchor(node) }
        if let anchored = document.firstAliasTarget(in: node), let anchor = anchored.anchor {
            throw YAMLPatchError(.alias, "the edit would change the node anchored as &\(anchor) at \(anchored.start.line):\(anchored.start.column), which aliases refer to", at: anchored.start)
        }
    }

    private static func insideAnchor(_ node: Node) -> YAMLPatchError {
        YAMLPatchError(.alias, "the \(node.kindName) at \(node.start.line):\(node.start.column) is inside an anchor that aliases refer to; editing it would change them too", at: node.start)
    }

    static func throughAlias(_ node: Node) -> YAMLPatchError {
        guard case .alias(let alias) = node.content else { return YAMLPatchError(.alias, "alias", at: node.start) }
        return YAMLPatchError(.alias, "the path goes through the alias *\(alias.name) at \(node.start.line):\(node.start.column); config-api never edits through aliases", at: node.start)
    }
}

extension Node {
    /// "mapping", "sequence", "scalar" or "alias", for messages.
    var kindName: String {
        switch content {
        case .mapping: return "mapping"
        case .sequence: return "sequence"
        case .scalar: return "scalar"
        case .alias: return "alias"
        }
    }
}
