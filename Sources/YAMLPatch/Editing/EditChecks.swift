/// What an edit refuses before it plans a splice: a text with duplicate keys, a value with
/// duplicate keys, a key too long to write, and a result nested deeper than
/// ``DocumentTree/maximumNestingDepth``.
extension DocumentTree {
    /// The longest key an edit writes, in characters as written: YAML readers (libyaml among
    /// them) look no further than 1024 characters for the `:` after a key.
    static let maximumKeyLength = 1000

    func checkEditable(_ edit: EditOperation, at targets: [PathTarget]) throws {
        try checkNoDuplicateKeys()
        for target in targets {
            if case .missingKeys(let keys) = target.kind, let key = keys.first(where: Self.isTooLong) {
                throw Self.keyTooLong(key)
            }
        }
        guard let value = edit.value else { return }
        try Self.checkWritable(value)
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

extension DocumentTree {
    /// Refuses a value whose mappings have a key twice (`.duplicateKey`) or a key too long to
    /// write (`.value`).
    static func checkWritable(_ value: YAMLValue) throws {
        try value.forEachMapping { entries in
            var scan = DuplicateKeyScan()
            let duplicates = scan.duplicates(count: entries.count) { entries[$0].key }
            if let duplicate = duplicates.first {
                let key = entries[duplicate.duplicate].key
                throw YAMLPatchError(.duplicateKey, "the value to write has the key '\(key)' twice in one mapping")
            }
            if let long = entries.first(where: { isTooLong($0.key) }) { throw keyTooLong(long.key) }
        }
    }

    private static func isTooLong(_ key: String) -> Bool {
        ScalarWriter.fresh(key, inFlow: true).text.unicodeScalars.count > maximumKeyLength
    }

    private static func keyTooLong(_ key: String) -> YAMLPatchError {
        YAMLPatchError(
            .value,
            "a key of more than \(maximumKeyLength) characters cannot be written (YAML readers look no further "
                + "for its ':'): '\(key.prefix(40))…'")
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
            case .null, .bool, .int, .bigInteger, .double, .string: continue
            }
            deepest = max(deepest, depth + 1)
            if deepest > limit { return deepest }
            pending += children.map { ($0, depth + 1) }
        }
        return deepest
    }

    /// Runs `body` on the entries of every mapping in the value (visited without recursion).
    func forEachMapping(_ body: ([Entry]) throws -> Void) rethrows {
        var pending = [self]
        while let value = pending.popLast() {
            switch value {
            case .sequence(let items):
                pending += items
            case .mapping(let entries):
                try body(entries)
                pending += entries.map(\.value)
            case .null, .bool, .int, .bigInteger, .double, .string:
                continue
            }
        }
    }
}
