/// A parsed YAML text: its bytes and, for every document, a tree of ``Node``s that know their
/// byte ranges, styles and positions. Comments and spacing are not modelled: they stay in
/// `text`, which edits splice.
public struct DocumentTree: Sendable {
    /// One document of a (possibly multi-document) stream, with its aliases resolved.
    /// (Immutable, and a class so that the many values that keep their document, to resolve
    /// aliases, share it for one reference count.)
    public final class Document: Sendable {
        /// The document's top node (an empty document's is an empty plain scalar).
        public let root: Node
        /// Where the document starts (its `---` when explicit).
        public let start: SourceMark
        /// Where the document ends (after its `...` when explicit).
        public let end: SourceMark
        /// The nodes that carry an anchor, in the order their anchors appear: an alias names
        /// its target by an index into this list.
        let anchoredNodes: [Node]
        /// For each of `anchoredNodes`, whether some alias refers to it.
        let isAliasTarget: [Bool]

        init(root: Node, start: SourceMark, end: SourceMark, anchoredNodes: [Node], isAliasTarget: [Bool]) {
            self.root = root
            self.start = start
            self.end = end
            self.anchoredNodes = anchoredNodes
            self.isAliasTarget = isAliasTarget
        }
    }

    /// The UTF-8 text, exactly as read.
    public let text: [UInt8]
    /// The documents of the stream, in order (none for a text of comments only).
    public let documents: [Document]

    /// Parses `text` with libyaml. Throws ``YAMLPatchError`` (`.encoding` or `.syntax`) with the
    /// position of the first problem; texts of 4 GiB or more are refused (`.syntax`).
    public init(parsing text: [UInt8]) throws {
        guard text.count < UInt32.max else {
            throw YAMLPatchError(.syntax, "text is larger than 4 GiB", at: SourceMark(offset: 0, line: 1, column: 1))
        }
        let wideCharacters = try UTF8Check.validate(text)
        let reader = try RawEventReader(text)
        var marks = MarkConverter(text, wideCharacters: wideCharacters)
        var builder = TreeBuilder()
        while true {
            guard let event = reader.next() else { throw reader.failure(&marks) }
            if event.kind == .streamEnd { break }
            builder.consume(event, &marks)
        }
        self.init(text: text, documents: builder.documents)
    }

    /// Parses a Swift string (its UTF-8 bytes).
    public init(parsing text: String) throws {
        try self.init(parsing: Array(text.utf8))
    }

    /// A tree built elsewhere (by the verifying re-parse of an edit).
    init(text: [UInt8], documents: [Document]) {
        self.text = text
        self.documents = documents
    }
}

extension DocumentTree.Document {
    /// `node`, or for an alias the node it refers to: the most recent node anchored with its
    /// name before it. An alias whose anchor does not precede it is returned as it is.
    public func resolvingAlias(_ node: Node) -> Node {
        target(of: node) ?? node
    }

    /// The node an alias refers to; nil for other nodes and for an alias of an unknown anchor.
    func target(of node: Node) -> Node? {
        guard case .alias(let alias) = node.content, alias.anchorIndex >= 0 else { return nil }
        return anchoredNodes[Int(alias.anchorIndex)]
    }

    /// Whether `node` (of this document) is the target of some alias.
    func isAliasTarget(_ node: Node) -> Bool {
        guard let properties = node.properties, properties.anchor != nil else { return false }
        return isAliasTarget[Int(properties.anchorIndex)]
    }
}
