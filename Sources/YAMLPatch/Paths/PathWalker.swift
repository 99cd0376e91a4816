/// A place a path leads to in one document: a node it resolves to, or a mapping (or null)
/// where it ends in keys the document does not have yet.
struct PathTarget {
    enum Kind {
        /// The path resolves to `node`.
        case node
        /// `node` lacks the first of these keys, which are the rest of the path.
        case missingKeys([String])
    }

    let kind: Kind
    let documentIndex: Int
    /// The node, after any alias at the end was followed.
    let node: Node
    /// The collections from the document root down to the node's parent.
    let ancestors: [Node]
    /// The node's index in each of `ancestors` (a pair's index in a mapping, an item's in a
    /// sequence): the same indexes lead to its copy in an edit's expected tree.
    let address: [Int]
    /// Whether an enclosing collection is the target of an alias.
    let isUnderAliasTarget: Bool
    /// The first alias the path went through, the node itself included (nil: none). Reading
    /// follows aliases; editing refuses to go through them.
    let alias: Node?

    /// The collection holding the node; nil at the document root.
    var parent: Node? { ancestors.last }
}

/// The one walker of paths: reading (`matches(of:)`) and every edit resolve a path through it.
///
/// It follows aliases to the node they refer to and records that it did, so a reader sees
/// through them and an editor can refuse. Where the path does not resolve, it records the
/// first place it stopped, for the error.
struct PathWalker {
    private let path: YAMLPath
    private(set) var targets: [PathTarget] = []
    private(set) var failure: YAMLPatchError?

    /// Walks `path` through every document of `tree`, in document order. A path of more
    /// steps than ``DocumentTree/maximumNestingDepth`` resolves nowhere (`.limit`): a walk
    /// recurses once per step.
    init(_ path: YAMLPath, in tree: DocumentTree) {
        self.path = path
        guard path.steps.count <= DocumentTree.maximumNestingDepth else {
            failure = YAMLPatchError(
                .limit, "the path has \(path.steps.count) steps, more than \(DocumentTree.maximumNestingDepth)")
            return
        }
        for (index, document) in tree.documents.enumerated() {
            let trail = Trail(document: document, documentIndex: index)
            visit(document.root, path.steps[...], trail)
        }
    }

    /// The targets an edit applies to: the nodes the path resolves to; where it creates keys,
    /// also the places that lack them, in the documents where the path resolves (in every
    /// document when it resolves in none). Throws `.noMatch` saying where the path stopped.
    func editTargets(creatingKeys: Bool) throws -> [PathTarget] {
        // An array, not a Set: a first use of Set<Int> costs a process a conformance lookup.
        var documentsWithNodes: [Int] = []
        for target in targets {
            if case .node = target.kind, documentsWithNodes.last != target.documentIndex {
                documentsWithNodes.append(target.documentIndex)
            }
        }
        let chosen = targets.filter { target in
            guard case .missingKeys = target.kind else { return true }
            return creatingKeys && (documentsWithNodes.isEmpty || documentsWithNodes.contains(target.documentIndex))
        }
        guard !chosen.isEmpty else { throw noMatch }
        return chosen
    }

    /// The nodes the path resolves to; throws `.noMatch` when there is none.
    func resolvedNodes() throws -> [PathTarget] {
        let nodes = targets.filter { if case .node = $0.kind { return true } else { return false } }
        guard !nodes.isEmpty else { throw noMatch }
        return nodes
    }

    private var noMatch: YAMLPatchError {
        failure ?? YAMLPatchError(.noMatch, "path '\(path)' matches nothing (the file has no document)")
    }

    /// How the walk reached a node.
    private struct Trail {
        let document: DocumentTree.Document
        let documentIndex: Int
        var ancestors: [Node] = []
        var address: [Int] = []
        var isUnderAliasTarget = false
        var alias: Node?

        init(document: DocumentTree.Document, documentIndex: Int) {
            self.document = document
            self.documentIndex = documentIndex
        }

        /// The trail to child `index` of `parent`.
        func entering(_ parent: Node, at index: Int) -> Trail {
            var child = self
            child.ancestors.append(parent)
            child.address.append(index)
            child.isUnderAliasTarget = isUnderAliasTarget || document.isAliasTarget(parent)
            return child
        }

        func target(_ kind: PathTarget.Kind, _ node: Node) -> PathTarget {
            PathTarget(
                kind: kind, documentIndex: documentIndex, node: node, ancestors: ancestors, address: address,
                isUnderAliasTarget: isUnderAliasTarget, alias: alias)
        }
    }

    private mutating func visit(_ written: Node, _ steps: ArraySlice<YAMLPath.Step>, _ arriving: Trail) {
        var trail = arriving
        let node = trail.document.resolvingAlias(written)
        if written.isAlias, trail.alias == nil { trail.alias = written }
        guard let step = steps.first else { return targets.append(trail.target(.node, node)) }
        let rest = steps.dropFirst()
        switch (step, node.content) {
        case (.key(let key), .mapping(let pairs, _)):
            if let index = pairs.firstIndex(ofKey: key) {
                return visit(pairs[index].value, rest, trail.entering(node, at: index))
            }
            recordMissingKeys(steps, at: node, trail)
            stuck(at: node, "has no key '\(key)'")
        case (.key(let key), .scalar) where node.isNull:
            recordMissingKeys(steps, at: node, trail)
            stuck(at: node, "is not a mapping, so it has no key '\(key)'")
        case (.index(let index), .sequence(let items, _)):
            guard let position = SequenceIndex.resolve(index, count: items.count) else {
                return stuck(at: node, "has no item [\(index)] (\(items.count) items)")
            }
            visit(items[position], rest, trail.entering(node, at: position))
        case (.select(let key, let value), .sequence(let items, _)):
            let positions = items.positions(holding: value, atKey: key, in: trail.document)
            for position in positions { visit(items[position], rest, trail.entering(node, at: position)) }
            if positions.isEmpty { stuck(at: node, "has no item with \(key)=\(value)") }
        case (.key(let key), _):
            stuck(at: node, "is not a mapping, so it has no key '\(key)'")
        case (.index, _), (.select, _):
            stuck(at: node, "is not a sequence")
        }
    }

    /// Where the rest of the path is keys only, `node` is where they would be created.
    private mutating func recordMissingKeys(_ steps: ArraySlice<YAMLPath.Step>, at node: Node, _ trail: Trail) {
        var keys: [String] = []
        for step in steps {
            guard case .key(let key) = step else { return }
            keys.append(key)
        }
        targets.append(trail.target(.missingKeys(keys), node))
    }

    private mutating func stuck(at node: Node, _ reason: String) {
        guard failure == nil else { return }
        failure = YAMLPatchError(
            .noMatch, "path '\(path)' matches nothing: the \(node.kindName) here \(reason)",
            at: node.start)
    }
}

/// Index arithmetic shared by reading and editing.
enum SequenceIndex {
    /// The position of `index` (negative from the end) among `count` items, or nil.
    static func resolve(_ index: Int, count: Int) -> Int? {
        let position = index < 0 ? count + index : index
        return (0..<count).contains(position) ? position : nil
    }
}
