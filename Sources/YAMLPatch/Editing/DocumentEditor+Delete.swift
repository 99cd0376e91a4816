/// Deleting keys and items: whole lines in block collections (with the comment lines directly
/// above at the same indentation, and those after it indented deeper: commented-out parts of
/// it), the entry and one comma in flow collections.
extension DocumentEditor {
    /// Removes the children of `node` at `doomed` (pair or item indexes, in order).
    mutating func delete(_ doomed: [Int], from node: Node, _ expected: inout Node, _ place: Place) throws {
        try checkGrowable(node, place)
        for index in doomed {
            for removed in entryNodes(index, of: node) {
                try checkReplaceable(removed, Place(slot: place.slot, isUnderAliasTarget: false))
            }
        }
        if doomed.count == node.entryCount {
            let empty: YAMLValue = if case .mapping = node.content { .mapping([]) } else { .sequence([]) }
            return try replace(node, &expected, with: empty, place)
        }
        if node.collectionStyle == .flow {
            splices += flowSplices(doomed, of: node)
        } else {
            for index in doomed {
                var range = try blockRange(index, of: node, place)
                // Blank lines a block scalar before the entry would take into its value go too.
                if let kept = (0..<index).last(where: { !doomed.contains($0) }).map({ node.lastLeaf(ofEntry: $0) }),
                    layout.keepsTrailingBreaks(kept) || layout.blankLinesHoldContentOf(kept, from: range.upperBound)
                {
                    range = range.lowerBound..<layout.blankLinesEnd(from: range.upperBound)
                }
                splices.append(Splice(range: range, replacement: []))
            }
        }
        expected.removeChildren(doomed)
    }

    /// The nodes entry `index` removes: a pair's key (an anchor may sit on it) and value, or an item.
    private func entryNodes(_ index: Int, of node: Node) -> [Node] {
        switch node.content {
        case .mapping(let pairs, _): return [pairs[index].key, pairs[index].value]
        case .sequence(let items, _): return [items[index]]
        case .scalar, .alias: return [node]
        }
    }

    /// Where entry `index` starts and ends in the text.
    private func entryBounds(_ index: Int, of node: Node) -> (start: Int, end: Int) {
        switch node.content {
        case .mapping(let pairs, let style):
            let pair = pairs[index]
            let keyStart = pair.key.start.offset
            let start = layout.explicitKeyIndicator(before: keyStart, inFlow: style == .flow) ?? keyStart
            return (start, layout.entryEnd(key: pair.key, value: pair.value))
        case .sequence(let items, let style):
            let start = style == .block ? dashEnd(ofItem: index, in: node, items) - 1 : items[index].start.offset
            return (start, layout.contentEnd(of: items[index]))
        case .scalar, .alias:
            return (node.start.offset, node.endOffset)
        }
    }

    /// The lines of a block entry; an entry sharing its first line with a parent's `- ` runs
    /// up to the next entry instead, which moves up onto that line.
    private func blockRange(_ index: Int, of node: Node, _ place: Place) throws -> Range<Int> {
        let bounds = entryBounds(index, of: node)
        if layout.isFirstOnLine(bounds.start) {
            let lineStart = layout.lineStart(of: bounds.start)
            let column = bounds.start - lineStart
            let start = layout.startIncludingCommentsAbove(
                lineStart: lineStart, indentation: column, notBefore: textBeforeEnd(ofEntry: index, in: node, place))
            let end = layout.nextLineStart(
                after: layout.trailingCommentsEnd(after: bounds.end, column: column, attached: false))
            let ownsSeparator = ownsSeparator(after: start..<end, isFirstEntry: index == 0)
            return start..<(ownsSeparator ? layout.nextLineStart(after: end) : end)
        }
        guard index + 1 < node.entryCount else {
            throw YAMLPatchError(
                .value,
                "cannot delete the last entry of the \(node.kindName) here while it shares a line with its parent",
                at: node.start)
        }
        return bounds.start..<entryBounds(index + 1, of: node).start
    }

    /// Whether the blank line right after an entry's lines goes with it: when a blank line
    /// (or, for a first entry, its parent's line) precedes the entry, the blank line after it
    /// only separated it from the next one, and keeping it would leave two blank lines in a
    /// row, or a blank line under the parent. So a `create` then `delete` restores the file.
    private func ownsSeparator(after lines: Range<Int>, isFirstEntry: Bool) -> Bool {
        guard lines.upperBound < layout.bytes.count, layout.isBlankLine(at: lines.upperBound) else { return false }
        guard lines.lowerBound > 0, !isFirstEntry else { return true }
        return layout.isBlankLine(at: layout.lineStart(of: lines.lowerBound - 1))
    }

    /// Flow entries go with the comma after them; a run at the end goes with the comma before.
    /// A run at the end after an empty value with only a tag or an anchor leaves a space, or
    /// the closing bracket would join the tag's name (`!t}`); so does one before a comment's
    /// `#` that follows the run with no space (`"b"# c`), or the `#` would join the kept value.
    private func flowSplices(_ doomed: [Int], of node: Node) -> [Splice] {
        let count = node.entryCount
        var tailStart = count
        while tailStart > 0, doomed.contains(tailStart - 1) { tailStart -= 1 }
        var splices = doomed.filter { $0 < tailStart }.map {
            Splice(range: entryBounds($0, of: node).start..<entryBounds($0 + 1, of: node).start, replacement: [])
        }
        if tailStart < count {
            let kept = node.lastLeaf(ofEntry: tailStart - 1)
            let bare = kept.properties != nil && kept.scalarText == ""
            let range = entryBounds(tailStart - 1, of: node).end..<entryBounds(count - 1, of: node).end
            let spacing = bare ? " " : layout.spacing(before: range.upperBound)
            splices.append(Splice(range: range, replacement: Array(spacing.utf8)))
        }
        return splices
    }
}
