/// What an edit refuses before it plans a splice: a text with duplicate keys, a value with
/// duplicate keys, and a result nested deeper than ``DocumentTree/maximumNestingDepth``.
extension DocumentTree {
    func checkEditable(_ edit: EditOperation, at targets: [PathTarget]) throws {
        try checkNoDuplicateKeys()
        guard let value = edit.value else { return }
        if let key = value.firstDuplicateKey() {
            throw YAMLPatchError(.duplicateKey, "the value to write has the key '\(key)' twice in one mapping")
        }
        let valueDepth = value.nestingDepth(upTo: Self.maximumNestingDepth)
        for target in targets {
            let depth = target.depthAbove(edit) + valueDepth
            guard depth <= Self.maximumNestingDepth else {
                throw YAMLPatchError(
                    .limit,
                    "the edit would nest collections \(depth) levels deep here, "
                        + "more than the \(Self.maximumNestingDepth) config-api reads", at: target.node.start)
            }
        }
    }
}

extension EditOperation {
    /// The value the operation writes (a merge's spec); nil for a delete.
    var value: YAMLValue? {
        switch self {
        case .set(let value), .merge(let value, _), .append(let value): return value
        case .delete: return nil
        }
    }
}

extension PathTarget {
    /// The number of collections that will enclose the value `edit` writes here.
    func depthAbove(_ edit: EditOperation) -> Int {
        switch (kind, edit) {
        case (.missingKeys(let keys), _): return ancestors.count + keys.count
        case (.node, .append): return ancestors.count + 1
        case (.node, _): return ancestors.count
        }
    }
}

extension YAMLValue {
    /// The number of collections on the longest path down the value (0 for a scalar), found
    /// without recursion and only up to `limit + 1`.
    func nestingDepth(upTo limit: Int) -> Int {
        var deepest = 0
        var pending: [(value: YAMLValue, depth: Int)] = [(self, 0)]
        while let (value, depth) = pending.popLast() {
            let children: [YAMLValue]
            switch value {
            case .sequence(let items): children = items
            case .mapping(let entries): children = entries.map(\.value)
            case .null, .bool, .int, .double, .string: continue
            }
            deepest = max(deepest, depth + 1)
            if deepest > limit { return deepest }
            pending += children.map { ($0, depth + 1) }
        }
        return deepest
    }

    /// A key that some mapping of the value has twice (searched without recursion).
    func firstDuplicateKey() -> String? {
        var pending = [self]
        while let value = pending.popLast() {
            switch value {
            case .sequence(let items):
                pending += items
            case .mapping(let entries):
                let duplicates = DuplicateKeyScan.duplicates(count: entries.count) { entries[$0].key }
                if let duplicate = duplicates.first { return entries[duplicate.duplicate].key }
                pending += entries.map(\.value)
            case .null, .bool, .int, .double, .string:
                continue
            }
        }
        return nil
    }
}
