/// Merging and appending: values replaced in place, new keys and items inserted after the
/// last ones in the indentation and style of their siblings.
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
                isUnderAliasTarget: isUnderAliasTarget)
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
    mutating func insertEntries(
        _ entries: [YAMLValue.Entry], into node: Node, _ expected: inout Node, _ place: Place
    ) throws {
        try checkGrowable(node, place)
        guard case .mapping(let pairs, let style) = node.content else {
            throw YAMLPatchError(.value, "cannot add keys to the \(node.kindName) here", at: node.start)
        }
        if style == .flow {
            let written = entries.map { (key: writer.key($0.key), value: writer.inline($0.value, inFlow: true)) }
            let text = written.map { $0.key.text + ": " + $0.value.text }.joined(separator: ", ")
            insertInFlow(text, into: node, after: pairs.last.map { layout.entryEnd(key: $0.key, value: $0.value) })
            expected.appendChildren(pairs: written.map { Node.Pair(key: $0.key.node, value: $0.value.node) })
            return
        }
        let indentation = layout.explicitKeyColumn(before: pairs[0].key.start.offset)
        let written = entries.map { writer.entry($0, indentation: indentation) }
        var lines = written.map { writer.spaces(indentation) + $0.text }
        if pairs.count >= 2 {
            let previous = pairs[pairs.count - 2]
            let gap =
                layout.entryEnd(key: previous.key, value: previous.value)..<pairs[pairs.count - 1].key.start.offset
            if layout.containsBlankLine(gap) { lines.insert("", at: 0) }
        }
        splices.append(insertion(lines, afterLineOf: layout.contentEnd(of: node)))
        expected.appendChildren(pairs: written.map(\.pair))
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
            splices.append(splice(lastEntryEnd..<lastEntryEnd, ", " + text))
        } else {
            let closing = node.end.offset - 1
            splices.append(splice(closing..<closing, text))
        }
    }

    /// New lines after the line holding `offset`, with that line's line ending.
    func insertion(_ lines: [String], afterLineOf offset: Int) -> Splice {
        let position = layout.nextLineStart(after: offset)
        let body = lines.joined(separator: "\n")
        let endsWithoutBreak = position == layout.bytes.count && layout.bytes.last != .newline
        return splice(position..<position, endsWithoutBreak ? "\n" + body : body + "\n", lineOf: offset)
    }
}
