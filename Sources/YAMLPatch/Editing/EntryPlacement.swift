/// Where new entries go among their siblings, and how they are set apart.
///
/// - Order: new keys go after the last key, except in a mapping of at least three keys that
///   are strictly sorted (by their UTF-8 bytes, as `sort` in the C locale, Go and yq order
///   them): there each goes before the first key that sorts after it, so the mapping stays
///   sorted. Items are always appended.
/// - Blank lines: a new entry is set apart by a blank line only when every entry of its
///   collection is separated from the next by one (never right after a `|+` block scalar,
///   whose value would take the blank line in).
/// - Style: a new collection is written in flow style (`[a, b]`) when the collections among
///   its siblings' values are all in flow style and there is at least one; otherwise in block
///   style. (A collection replacing a flow collection stays in flow style.)
enum EntryPlacement {
    /// The mappings with fewer keys are never treated as sorted.
    static let sortedKeysMinimum = 3

    /// The new entries grouped by the position they go before (`pairs.count`: after the last),
    /// in position order, sorted by key within a group when the keys are sorted.
    static func positions(
        of entries: [YAMLValue.Entry], among pairs: PairList
    ) -> [(position: Int, entries: [YAMLValue.Entry])] {
        let keys = pairs.compactMap(\.key.scalarText)
        guard keys.count == pairs.count, keys.count >= sortedKeysMinimum,
            zip(keys, keys.dropFirst()).allSatisfy({ precedes($0, $1) })
        else { return [(pairs.count, entries)] }
        var groups: [Int: [YAMLValue.Entry]] = [:]
        for entry in entries {
            let position = keys.firstIndex { precedes(entry.key, $0) } ?? keys.count
            groups[position, default: []].append(entry)
        }
        return groups.keys.sorted().map { position in
            (position, groups[position]!.sorted { precedes($0.key, $1.key) })
        }
    }

    /// Key order: by UTF-8 bytes.
    static func precedes(_ first: String, _ second: String) -> Bool {
        first.utf8.lexicographicallyPrecedes(second.utf8)
    }

    /// Whether every entry of a block collection is separated from the next by a blank line
    /// (a collection of one entry is not).
    static func separatesEntriesByBlankLines(_ node: Node, _ layout: TextLayout) -> Bool {
        let count = node.entryCount
        guard count >= 2 else { return false }
        return (1..<count).allSatisfy { index in
            let previousEnd = layout.contentEnd(of: node.lastLeaf(ofEntry: index - 1))
            return layout.containsBlankLine(previousEnd..<entryStart(index, of: node, layout))
        }
    }

    /// Where entry `index` starts: at its `?` or key, or at its `-`.
    static func entryStart(_ index: Int, of node: Node, _ layout: TextLayout) -> Int {
        switch node.content {
        case .mapping(let pairs, let style):
            let keyStart = pairs[index].key.start.offset
            return layout.explicitKeyIndicator(before: keyStart, inFlow: style == .flow) ?? keyStart
        case .sequence(let items, .block):
            let lowerBound = index > 0 ? layout.contentEnd(of: items[index - 1]) : node.start.offset
            return layout.dashOffset(beforeItemAt: items[index].start.offset, lowerBound: lowerBound)
                ?? items[index].start.offset
        case .sequence(let items, .flow):
            return items[index].start.offset
        case .scalar, .alias:
            return node.start.offset
        }
    }
}
