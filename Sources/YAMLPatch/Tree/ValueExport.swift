extension DocumentTree {
    /// The most nodes that alias expansions may add to one value of ``value(of:in:)`` (each node
    /// of an expanded anchor counts, every time it is expanded): enough for any file's
    /// `<<: *defaults`, and a bound on billion laughs and on one large anchor named many times.
    public static let aliasExpansionBudget = 100_000

    /// The typed value of `node`, a node of `document`, with every alias expanded to the node
    /// it refers to. Throws `.alias` on an alias inside the node it refers to, or when
    /// expansion exceeds ``aliasExpansionBudget``; `.limit` when the expanded value nests
    /// deeper than ``maximumNestingDepth`` (aliases can nest a document's deepest collection
    /// inside another).
    public func value(of node: Node, in document: Document) throws -> YAMLValue {
        var exporter = ValueExporter(document: document)
        return try exporter.value(of: node)
    }
}

/// Expands a node into a ``YAMLValue``, counting the nodes aliases add against the budget.
private struct ValueExporter {
    let document: DocumentTree.Document
    var budget = DocumentTree.aliasExpansionBudget
    /// How many alias expansions enclose the node being expanded.
    var expansions = 0
    /// The collections enclosing the node being expanded.
    var depth = 0
    /// Whether each anchored node (by anchor index) is being expanded, to refuse an alias to
    /// its own ancestor, which would expand forever.
    var expanding: [Bool]

    init(document: DocumentTree.Document) {
        self.document = document
        expanding = Array(repeating: false, count: document.anchoredNodes.count)
    }

    mutating func value(of node: Node) throws -> YAMLValue {
        if expansions > 0 { try spendBudget(at: node) }
        switch node.content {
        case .scalar(let text, let style):
            return ScalarResolution.value(of: text, style: style, tag: node.tag)
        case .sequence(let items, _):
            try enter(node)
            defer { depth -= 1 }
            return .sequence(try items.map { try value(of: $0) })
        case .mapping(let pairs, _):
            try enter(node)
            defer { depth -= 1 }
            var entries: [YAMLValue.Entry] = []
            entries.reserveCapacity(pairs.count)
            for pair in pairs {
                let key = try pair.key.scalarText ?? String(describing: value(of: pair.key))
                entries.append(.init(key: key, value: try value(of: pair.value)))
            }
            return .mapping(entries)
        case .alias(let alias):
            return try expand(alias, at: node)
        }
    }

    /// One collection deeper, within the limit.
    private mutating func enter(_ node: Node) throws {
        depth += 1
        guard depth <= DocumentTree.maximumNestingDepth else {
            depth -= 1
            throw YAMLPatchError(
                .limit,
                "the value nests collections deeper than \(DocumentTree.maximumNestingDepth) levels here "
                    + "once its aliases are expanded", at: node.start)
        }
    }

    /// One more node added by an alias expansion.
    private mutating func spendBudget(at node: Node) throws {
        budget -= 1
        guard budget < 0 else { return }
        throw YAMLPatchError(
            .alias, "the aliases expand to more than \(DocumentTree.aliasExpansionBudget) nodes", at: node.start)
    }

    private mutating func expand(_ alias: Node.Alias, at node: Node) throws -> YAMLValue {
        guard let target = document.target(of: node) else {
            throw YAMLPatchError(.alias, "unknown anchor '\(alias.name)'", at: node.start)
        }
        let index = Int(alias.anchorIndex)
        guard !expanding[index] else {
            throw YAMLPatchError(.alias, "the alias *\(alias.name) is inside the node it refers to", at: node.start)
        }
        expanding[index] = true
        expansions += 1
        defer {
            expanding[index] = false
            expansions -= 1
        }
        return try value(of: target)
    }
}
