import YAMLPatch

/// A node of a parsed document together with its typed value (core schema), so a check can
/// both say where a value is written and what it means — `8.0` at line 31 is a number.
///
/// Aliases are followed to the node their anchor names: the children of `*base` are reported
/// at the lines where `&base` wrote them.
struct TypedNode {
    /// The node as written at this place (an alias node for `*name`).
    let node: Node
    /// What the node means, aliases expanded.
    let value: YAMLValue
    /// The document holding the node, which resolves its aliases.
    let document: DocumentTree.Document

    /// The root of `document` in `tree`; throws when its aliases cannot be expanded.
    init(root document: DocumentTree.Document, in tree: DocumentTree) throws {
        self.init(node: document.root, value: try tree.value(of: document.root, in: document), document: document)
    }

    private init(node: Node, value: YAMLValue, document: DocumentTree.Document) {
        self.node = node
        self.value = value
        self.document = document
    }

    var line: Int { node.start.line }
    var column: Int { node.start.column }

    /// The scalar as written (`8.0`, `~`), or a JSON excerpt for collections, for messages.
    var written: String {
        if let text = content.scalarText { return DisplayText.sanitized(text) }
        return value.excerpt
    }

    /// The key/value pairs when this is a mapping, in the order written, with each key's text.
    var pairs: [(name: String, key: TypedNode, value: TypedNode)]? {
        guard case .mapping(let pairs, _) = content.content, case .mapping(let entries) = value,
            pairs.count == entries.count
        else { return nil }
        return zip(pairs, entries).map { pair, entry in
            (
                entry.key, TypedNode(node: pair.key, value: .string(entry.key), document: document),
                TypedNode(node: pair.value, value: entry.value, document: document)
            )
        }
    }

    /// The items when this is a sequence.
    var items: [TypedNode]? {
        guard case .sequence(let nodes, _) = content.content, case .sequence(let values) = value,
            nodes.count == values.count
        else { return nil }
        return zip(nodes, values).map { TypedNode(node: $0, value: $1, document: document) }
    }

    /// The node holding the content: `node`, or for an alias the node its anchor names.
    private var content: Node { document.resolvingAlias(node) }
}
