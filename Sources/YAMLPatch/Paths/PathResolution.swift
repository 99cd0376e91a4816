/// A node a path resolved to.
public struct PathMatch: Sendable {
    /// The index of the document (in ``DocumentTree/documents``) holding the node.
    public let documentIndex: Int
    /// The node; an alias met on the way or at the end is replaced by its anchored node.
    public let node: Node
}

extension DocumentTree {
    /// Every node `path` resolves to, document by document. Reading follows aliases.
    /// Throws `.noMatch` (with where the path stopped) when there is none.
    public func matches(of path: YAMLPath) throws -> [PathMatch] {
        var found: [PathMatch] = []
        var firstFailure: YAMLPatchError?
        for (index, document) in documents.enumerated() {
            var resolver = PathResolver(document: document, path: path)
            resolver.resolve(document.root, path.steps[...])
            found += resolver.matches.map { PathMatch(documentIndex: index, node: $0) }
            firstFailure = firstFailure ?? resolver.failure
        }
        guard !found.isEmpty else {
            throw firstFailure ?? YAMLPatchError(.noMatch, "path '\(path)' matches nothing (the file has no document)")
        }
        return found
    }
}

/// Follows a path through one document, remembering where it first got stuck.
private struct PathResolver {
    let document: DocumentTree.Document
    let path: YAMLPath
    var matches: [Node] = []
    var failure: YAMLPatchError?

    init(document: DocumentTree.Document, path: YAMLPath) {
        self.document = document
        self.path = path
    }

    mutating func resolve(_ node: Node, _ steps: ArraySlice<YAMLPath.Step>) {
        let node = anchored(node)
        guard let step = steps.first else {
            matches.append(node)
            return
        }
        let rest = steps.dropFirst()
        switch (step, node.content) {
        case (.key(let key), .mapping(let pairs, _)):
            guard let pair = pairs.first(where: { $0.key.scalarText == key }) else {
                return stuck(at: node, "has no key '\(key)'")
            }
            resolve(pair.value, rest)
        case (.index(let index), .sequence(let items, _)):
            guard let item = SequenceIndex.resolve(index, count: items.count).map({ items[$0] }) else {
                return stuck(at: node, "has no item [\(index)] (\(items.count) items)")
            }
            resolve(item, rest)
        case (.select(let key, let value), .sequence(let items, _)):
            let selected = items.filter { anchored($0).child(forKey: key)?.scalarText == value }
            guard !selected.isEmpty else { return stuck(at: node, "has no item with \(key)=\(value)") }
            selected.forEach { resolve($0, rest) }
        case (.key(let key), _):
            stuck(at: node, "is not a mapping, so it has no key '\(key)'")
        case (.index, _), (.select, _):
            stuck(at: node, "is not a sequence")
        }
    }

    private mutating func stuck(at node: Node, _ reason: String) {
        guard failure == nil else { return }
        failure = YAMLPatchError(.noMatch, "path '\(path)' matches nothing: the \(node.kindName) at \(node.start.line):\(node.start.column) \(reason)",
                                 at: node.start)
    }

    /// The node an alias stands for, else the node.
    private func anchored(_ node: Node) -> Node {
        document.resolvingAlias(node)
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
