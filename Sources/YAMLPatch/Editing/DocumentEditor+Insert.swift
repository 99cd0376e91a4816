/// Merging and appending: values replaced in place; new keys and items placed among their
/// siblings (see ``EntryPlacement``) in their indentation and style.
extension DocumentEditor {
    mutating func merge(
        _ spec: YAMLValue, into node: Node, _ expected: inout Node, appendLists: Bool, _ place: Place
    ) throws {
        guard case .mapping(let entries) = spec, case .mapping(let pairs, let style) = node.content else {
            return try replace(node, &expected, with: spec, place)
        }
        let isUnderAliasTarget = place.isUnderAliasTarget || document.isAliasTarget(node)
        var additions: [YAMLValue.Entry] = []
        for entry in entries {
            guard let index = pairs.firstIndex(where: { $0.key.scalarText == entry.key }) else {
                additions.append(entry)
                continue
            }
            let child = pairs[index].value
            if child.isAlias { throw Self.throughAlias(child) }
            let childPlace = Place(
                slot: .mappingValue(key: pairs[index].key, parentStyle: style),
                isUnderAliasTarget: isUnderAliasTarget, siblingsAreFlow: node.holdsFlowCollections(excluding: index))
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

    /// Adds keys to a mapping: after its last entry, or in key order when its keys are sorted
    /// (see ``EntryPlacement``); in a block mapping on lines of their own at the keys' column,
    /// in a flow mapping between commas.
    mutating func insertEntries(
        _ entries: [YAMLValue.Entry], into node: Node, _ expected: inout Node, _ place: Place
    ) throws {
        try checkGrowable(node, place)
        guard case .mapping(let pairs, let style) = node.content else {
            throw YAMLPatchError(.value, "cannot add keys to the \(node.kindName) here", at: node.start)
        }
        let groups = EntryPlacement.positions(of: entries, among: pairs)
        var added: [(position: Int, pair: Node.Pair)] = []
        for group in groups {
            if style == .flow {
                let written = group.entries.map {
                    (key: writer.key($0.key), value: writer.inline($0.value, inFlow: true))
                }
                let texts = written.map { $0.key.text + ": " + $0.value.text }
                insertInFlowMapping(texts, into: node, before: group.position)
                added += written.map { (group.position, Node.Pair(key: $0.key.node, value: $0.value.node)) }
            } else {
                let written = group.entries.map {
                    writer.entry($0, indentation: entryColumn(of: node), flow: node.holdsFlowCollections())
                }
                insertInBlock(written.map(\.text), into: node, before: group.position, place)
                added += written.map { (group.position, $0.pair) }
            }
        }
        expected.insertChildren(pairs: added)
    }

    /// Adds items at the end of a sequence; a null becomes a sequence of them.
    mutating func append(_ items: [YAMLValue], to node: Node, _ expected: inout Node, _ place: Place) throws {
        guard case .sequence(let existing, let style) = node.content else {
            guard node.isNull else {
                throw YAMLPatchError(
                    .value, "cannot append to the \(node.kindName) here: it is not a sequence", at: node.start)
            }
            return try replace(node, &expected, with: .sequence(items), place)
        }
        try checkGrowable(node, place)
        if style == .flow {
            let written = items.map { writer.inline($0, inFlow: true) }
            insertInFlow(
                written.map(\.text).joined(separator: ", "), into: node,
                after: existing.last.map { layout.contentEnd(of: $0) })
            expected.appendChildren(items: written.map(\.node))
            return
        }
        let column = entryColumn(of: node)
        let flow = node.holdsFlowCollections()
        let written = items.map { flow ? writer.inline($0, inFlow: false) : writer.block($0, indentation: column + 2) }
        insertInBlock(written.map { "- " + $0.text }, into: node, before: existing.count, place)
        expected.appendChildren(items: written.map(\.node))
    }

    /// The column of a block collection's entries: its keys' (or their `?`s') or its dashes'.
    private func entryColumn(of node: Node) -> Int {
        switch node.content {
        case .mapping(let pairs, _): return layout.explicitKeyColumn(before: pairs[0].key.start.offset)
        case .sequence(let items, _): return layout.column(of: dashEnd(ofItem: 0, in: node, items) - 1)
        case .scalar, .alias: return layout.column(of: node.start.offset)
        }
    }

    /// Inserts entries (`texts`, their nested lines already indented) into a block collection
    /// before entry `position`, or after its last entry. They go on lines of their own at the
    /// entries' column, after a blank line (or before one) when the collection separates every
    /// entry from the next by one; an entry that shares its first line with its parent's `- `
    /// gives that line to the first new entry.
    private mutating func insertInBlock(_ texts: [String], into node: Node, before position: Int, _ place: Place) {
        let column = entryColumn(of: node)
        let spaced = EntryPlacement.separatesEntriesByBlankLines(node, layout)
        var lines = texts.map { writer.spaces(column) + $0 }
        guard position < node.entryCount else {
            let last = node.entryCount - 1
            if spaced, !layout.keepsTrailingBreaks(node.lastLeaf(ofEntry: last)) { lines.insert("", at: 0) }
            let end = layout.trailingCommentsEnd(after: layout.contentEnd(of: node), column: column, attached: true)
            return insertLines(lines, afterLineOf: end)
        }
        let start = EntryPlacement.entryStart(position, of: node, layout)
        if layout.isFirstOnLine(start) {
            let lineStart = layout.lineStart(of: start)
            let blockStart = layout.startIncludingCommentsAbove(
                lineStart: lineStart, indentation: start - lineStart,
                notBefore: textBeforeEnd(ofEntry: position, in: node, place))
            if spaced { lines.append("") }
            splices.append(splice(blockStart..<blockStart, lines.joined(separator: "\n") + "\n"))
        } else {
            let text = texts.joined(separator: "\n" + writer.spaces(column)) + "\n" + writer.spaces(column)
            splices.append(splice(start..<start, text))
        }
    }

    /// Inserts `entries` (`key: value` texts) into a flow mapping before entry `position`, or
    /// after its last entry.
    private mutating func insertInFlowMapping(_ entries: [String], into node: Node, before position: Int) {
        let text = entries.joined(separator: ", ")
        if position < node.entryCount {
            let start = EntryPlacement.entryStart(position, of: node, layout)
            return splices.append(splice(start..<start, text + ", "))
        }
        guard case .mapping(let pairs, _) = node.content else { return }
        let lastEntryEnd = pairs.last.map { layout.entryEnd(key: $0.key, value: $0.value) }
        if let lastEntryEnd, !layout.opensWithBrace(node) {
            // A single pair in a flow sequence (`[k: v]`) has no braces: it gets them.
            splices.append(splice(node.start.offset..<node.start.offset, "{"))
            let separator = layout.bytes[lastEntryEnd - 1] == .colon ? " , " : ", "
            let closed = separator + text + "}" + layout.spacing(before: lastEntryEnd)
            splices.append(splice(lastEntryEnd..<lastEntryEnd, closed))
        } else {
            insertInFlow(text, into: node, after: lastEntryEnd)
        }
    }

    /// Inserts `text` after the last entry of a flow collection (`, text`) or into an empty one.
    private mutating func insertInFlow(_ text: String, into node: Node, after lastEntryEnd: Int?) {
        if let lastEntryEnd {
            // After an empty value's `:`, a `,` would make libyaml read `:,` as a scalar's.
            let separator = layout.bytes[lastEntryEnd - 1] == .colon ? " , " : ", "
            splices.append(splice(lastEntryEnd..<lastEntryEnd, separator + text + layout.spacing(before: lastEntryEnd)))
        } else {
            let closing = node.endOffset - 1
            splices.append(splice(closing..<closing, text))
        }
    }

    /// New lines after the line holding `offset`, with that line's line ending. At the end of
    /// a text without a final line break, a block scalar that ends the text would gain one in
    /// its value: it gets strip chomping (`|-`), which keeps its value as it was.
    mutating func insertLines(_ lines: [String], afterLineOf offset: Int) {
        let position = layout.nextLineStart(after: offset)
        let body = lines.joined(separator: "\n")
        let endsWithoutBreak = position == layout.bytes.count && layout.bytes.last != .newline
        splices.append(splice(position..<position, endsWithoutBreak ? "\n" + body : body + "\n", lineOf: offset))
        keepValueOfBlockScalarEndingTheText(document.root.lastLeaf)
    }

    /// When `node` is a block scalar that ends a text without a final line break, text written
    /// after it would give its value one: it gets strip chomping (`|-`), which keeps the value.
    mutating func keepValueOfBlockScalarEndingTheText(_ node: Node) {
        guard layout.bytes.last != .newline, layout.contentEnd(of: node) == layout.bytes.count,
            let header = layout.blockScalarHeader(of: node)
        else { return }
        // The whole header is replaced: an insertion right after it would tie with the lines'.
        let indicators = layout.bytes[header].dropFirst().filter { $0 != UInt8(ascii: "+") && $0 != .dash }
        let stripped = [layout.bytes[header.lowerBound]] + indicators + [.dash]
        if stripped != Array(layout.bytes[header]) { splices.append(Splice(range: header, replacement: stripped)) }
    }
}
