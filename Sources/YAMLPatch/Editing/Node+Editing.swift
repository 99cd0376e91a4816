/// What the editor asks of nodes, and how it changes the expected tree in place.
extension Node {
    /// A null written as nothing, `~` or `null`, untagged: a place a collection may grow.
    var isNull: Bool {
        guard tag == nil, case .scalar(let text, .plain) = content else { return false }
        return ScalarResolution.plainValue(text) == .null
    }

    var isAlias: Bool {
        if case .alias = content { return true }
        return false
    }

    var collectionStyle: CollectionStyle? {
        switch content {
        case .mapping(_, let style), .sequence(_, let style): return style
        case .scalar, .alias: return nil
        }
    }

    /// The node whose text ends this one's: itself, or its last entry's last leaf (the key of
    /// a last pair without a value).
    var lastLeaf: Node {
        var node = self
        while true {
            switch node.content {
            case .mapping(let pairs, .block) where !pairs.isEmpty:
                let last = pairs[pairs.count - 1]
                node = last.value.start.offset == last.value.endOffset ? last.key : last.value
            case .sequence(let items, .block) where !items.isEmpty:
                node = items[items.count - 1]
            default:
                return node
            }
        }
    }

    /// The node whose text ends entry `index`: its value's (or item's) last leaf, or the key
    /// of a pair without a value.
    func lastLeaf(ofEntry index: Int) -> Node {
        switch content {
        case .mapping(let pairs, _):
            let pair = pairs[index]
            return pair.value.start.offset == pair.value.endOffset ? pair.key : pair.value.lastLeaf
        case .sequence(let items, _): return items[index].lastLeaf
        case .scalar, .alias: return self
        }
    }

    /// Whether the collections among this collection's values (but the one at `excluded`) are
    /// all in flow style, and there is one: a new collection beside them is written so too.
    func holdsFlowCollections(excluding excluded: Int? = nil) -> Bool {
        var values: [Node]
        switch content {
        case .mapping(let pairs, _): values = pairs.map(\.value)
        case .sequence(let items, _): values = Array(items)
        case .scalar, .alias: return false
        }
        if let excluded { values.remove(at: excluded) }
        let collections = values.filter { $0.entryCount > 0 }
        return !collections.isEmpty && collections.allSatisfy { $0.collectionStyle == .flow }
    }

    /// The number of pairs or items.
    var entryCount: Int {
        switch content {
        case .mapping(let pairs, _): return pairs.count
        case .sequence(let items, _): return items.count
        case .scalar, .alias: return 0
        }
    }

    /// The node's data when it holds no alias (aliases are never expanded here).
    var plainData: YAMLValue? {
        switch content {
        case .scalar(let text, let style): return ScalarResolution.value(of: text, style: style, tag: tag)
        case .alias: return nil
        case .sequence(let items, _):
            var values: [YAMLValue] = []
            for item in items {
                guard let value = item.plainData else { return nil }
                values.append(value)
            }
            return .sequence(values)
        case .mapping(let pairs, _):
            var entries: [YAMLValue.Entry] = []
            for pair in pairs {
                guard let key = pair.key.scalarText, let value = pair.value.plainData else { return nil }
                entries.append(.init(key: key, value: value))
            }
            return .mapping(entries)
        }
    }

    /// Runs `body` on the node that the child indexes `address` lead to from this one.
    mutating func modify<Result>(
        at address: ArraySlice<Int>, _ body: (inout Node) throws -> Result
    ) rethrows -> Result {
        guard let index = address.first else { return try body(&self) }
        return try modifyChild(index) { try $0.modify(at: address.dropFirst(), body) }
    }

    /// Runs `body` on child `index` (a pair's value or an item) without copying siblings.
    mutating func modifyChild<Result>(_ index: Int, _ body: (inout Node) throws -> Result) rethrows -> Result {
        switch content {
        case .mapping(var pairs, let style):
            content = .alias(.placeholder)
            defer { content = .mapping(pairs, style) }
            return try pairs.modifyValue(at: index, body)
        case .sequence(var items, let style):
            content = .alias(.placeholder)
            defer { content = .sequence(items, style) }
            return try items.modifyItem(at: index, body)
        case .scalar, .alias:
            preconditionFailure("modifyChild on a node without children")
        }
    }

    /// Appends pairs (to a mapping) or items (to a sequence).
    mutating func appendChildren(pairs newPairs: [Pair] = [], items newItems: [Node] = []) {
        switch content {
        case .mapping(var pairs, let style):
            content = .alias(.placeholder)
            pairs += newPairs
            content = .mapping(pairs, style)
        case .sequence(var items, let style):
            content = .alias(.placeholder)
            items += newItems
            content = .sequence(items, style)
        case .scalar, .alias:
            break
        }
    }

    /// Inserts pairs into a mapping, each before the pair at its `position` (the count: at the
    /// end), in the order given.
    mutating func insertChildren(pairs added: [(position: Int, pair: Pair)]) {
        guard case .mapping(let pairs, let style) = content else { return }
        content = .alias(.placeholder)
        var merged: [Pair] = []
        merged.reserveCapacity(pairs.count + added.count)
        for position in 0...pairs.count {
            merged += added.filter { $0.position == position }.map(\.pair)
            if position < pairs.count { merged.append(pairs[position]) }
        }
        content = .mapping(PairList(merged), style)
    }

    /// Removes the children at `indexes`.
    mutating func removeChildren(_ indexes: [Int]) {
        let doomed = Set(indexes)
        switch content {
        case .mapping(let pairs, let style):
            content = .mapping(PairList(pairs.indices.filter { !doomed.contains($0) }.map { pairs[$0] }), style)
        case .sequence(let items, let style):
            content = .sequence(NodeList(items.indices.filter { !doomed.contains($0) }.map { items[$0] }), style)
        case .scalar, .alias:
            break
        }
    }
}

extension DocumentTree.Document {
    /// The first node in `node`'s subtree (itself included) that an alias refers to.
    func firstAliasTarget(in node: Node) -> Node? {
        isAliasTarget.contains(true) ? firstTarget(in: node) : nil
    }

    private func firstTarget(in node: Node) -> Node? {
        if isAliasTarget(node) { return node }
        switch node.content {
        case .mapping(let pairs, _):
            for pair in pairs {
                if let found = firstTarget(in: pair.key) ?? firstTarget(in: pair.value) { return found }
            }
        case .sequence(let items, _):
            for item in items {
                if let found = firstTarget(in: item) { return found }
            }
        case .scalar, .alias:
            break
        }
        return nil
    }
}
