/// A node a path resolved to.
public struct PathMatch: Sendable {
    /// The index of the document (in ``DocumentTree/documents``) holding the node.
    public let documentIndex: Int
    /// The node; an alias met on the way or at the end is replaced by the node it refers to.
    public let node: Node
}

extension DocumentTree {
    /// Every node `path` resolves to, document by document. Reading follows aliases.
    /// Throws `.noMatch` (marked where the path stopped) when there is none.
    public func matches(of path: YAMLPath) throws -> [PathMatch] {
        try PathWalker(path, in: self).resolvedNodes().map { PathMatch(documentIndex: $0.documentIndex, node: $0.node) }
    }
}
