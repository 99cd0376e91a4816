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
        /// The keys written a second time in their mapping, in the order their mappings end.
        let duplicateKeys: [DuplicateKey]

        init(
            root: Node, start: SourceMark, end: SourceMark, anchoredNodes: [Node], isAliasTarget: [Bool],
            duplicateKeys: [DuplicateKey]
        ) {
            self.root = root
            self.start = start
            self.end = end
            self.anchoredNodes = anchoredNodes
            self.isAliasTarget = isAliasTarget
            self.duplicateKeys = duplicateKeys
        }
    }

    /// The UTF-8 text, exactly as read.
    public let text: [UInt8]
    /// The documents of the stream, in order (none for a text of comments only).
    public let documents: [Document]

    /// Collections nested deeper than this are refused while the tree is built (`.limit`, at
    /// the first collection too deep): the root collection is at depth 1, so 512 nested `[`
    /// are read and the 513th is refused. Nothing in YAMLPatch recurses deeper than this bound
    /// (values with aliases expanded, paths and written values keep it too), and libyaml stops
    /// where the tree builder stops, so a nesting bomb costs time in proportion to its size.
    /// JSON payloads are held to the same bound.
    public static let maximumNestingDepth = 512

    /// The largest text parsed unless a caller passes its own bound: 16 MiB (project files are
    /// kilobytes, the largest Kubernetes custom resource definitions a few megabytes).
    public static let defaultMaximumTextSize = 16 << 20

    /// Parses `text` with libyaml. Throws ``YAMLPatchError`` with the position of the first
    /// problem: `.encoding` (not UTF-8), `.syntax` (not YAML; a line break other than LF or
    /// CRLF; an alias with no anchor before it), `.limit` (more than `maximumTextSize` bytes,
    /// checked before anything is read, or collections nested deeper than
    /// ``maximumNestingDepth``). Duplicate keys are not an error here: they are listed by
    /// ``duplicateKeys()``, and edits refuse them.
    public init(parsing text: [UInt8], maximumTextSize: Int = DocumentTree.defaultMaximumTextSize) throws {
        let bound = min(maximumTextSize, Int(UInt32.max) - 1)
        guard text.count <= bound else {
            throw YAMLPatchError(
                .limit, "the text is \(text.count) bytes, more than the \(bound) bytes config-api reads")
        }
        let scan = try UTF8Check.validate(text)
        try LineBreakCheck.validate(text, scan)
        var marks = MarkConverter(text, wideCharacters: scan.wideCharacters)
        var builder = TreeBuilder(text: text, isASCII: scan.wideCharacters.isEmpty)
        try RawEventReader.reading(text) { reader in
            while true {
                guard let event = reader.next() else { throw reader.failure(&marks) }
                try builder.consume(event, &marks)
                if event.kind == .streamEnd { break }
            }
        }
        self.init(text: text, documents: builder.documents)
    }

    /// Parses a Swift string (its UTF-8 bytes).
    public init(parsing text: String, maximumTextSize: Int = DocumentTree.defaultMaximumTextSize) throws {
        try self.init(parsing: Array(text.utf8), maximumTextSize: maximumTextSize)
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
