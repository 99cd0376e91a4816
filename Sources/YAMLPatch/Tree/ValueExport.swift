extension DocumentTree {
    /// The most alias expansions ``value(of:)`` performs before giving up (billion laughs).
    public static let aliasExpansionBudget = 10_000

    /// The typed value of `node`, aliases expanded against the anchors that precede them in the
    /// same document. Throws `.alias` on an unknown anchor or when expansion exceeds the budget.
    public func value(of node: Node, in document: Document) throws -> YAMLValue {
        let anchors = anchors(in: document)
        var budget = Self.aliasExpansionBudget
        return try resolve(node, anchors, &budget)
    }

    /// The anchored nodes of `document` by anchor name; a name anchored twice maps to its last
    /// node, which is the one aliases after it refer to.
    public func anchors(in document: Document) -> [String: Node] {
        var anchors: [String: Node] = [:]
        collectAnchors(document.root, into: &anchors)
        return anchors
    }

    private func collectAnchors(_ node: Node, into anchors: inout [String: Node]) {
        if let anchor = node.anchor { anchors[anchor] = node }
        switch node.content {
        case .mapping(let pairs, _):
            for pair in pairs {
                collectAnchors(pair.key, into: &anchors)
                collectAnchors(pair.value, into: &anchors)
            }
        case .sequence(let items, _): items.forEach { collectAnchors($0, into: &anchors) }
        case .scalar, .alias: break
        }
    }

    private func resolve(_ node: Node, _ anchors: [String: Node], _ budget: inout Int) throws -> YAMLValue {
        switch node.content {
        case .scalar(let text, let style):
            return ScalarResolution.value(of: text, style: style, tag: node.tag)
        case .sequence(let items, _):
            return .sequence(try items.map { try resolve($0, anchors, &budget) })
        case .mapping(let pairs, _):
            var entries: [YAMLValue.Entry] = []
            for pair in pairs {
                var key = pair.key.scalarText
                if key == nil { key = String(describing: try resolve(pair.key, anchors, &budget)) }
                entries.append(.init(key: key ?? "", value: try resolve(pair.value, anchors, &budget)))
            }
            return .mapping(entries)
        case .alias(let name):
            budget -= 1
            guard budget >= 0 else {
                throw YAMLPatchError(.alias, "too many alias expansions (more than \(Self.aliasExpansionBudget))", at: node.start)
            }
            guard let target = anchors[name] else {
                throw YAMLPatchError(.alias, "unknown anchor '\(name)'", at: node.start)
            }
            return try resolve(target, anchors, &budget)
        }
    }
}
