/// A parsed YAML text: its bytes and, for every document, a tree of ``Node``s that know their
/// byte ranges, styles and positions. Comments and spacing are not modelled: they stay in
/// `text`, which edits splice.
public struct DocumentTree: Sendable {
    /// One document of a (possibly multi-document) stream.
    public struct Document: Sendable {
        public var root: Node
        /// Where the document starts (its `---` when explicit) and ends.
        public var start: SourceMark
        public var end: SourceMark
        /// Whether the document starts with `---`.
        public var hasExplicitStart: Bool
    }

    /// The UTF-8 text, exactly as read.
    public let text: [UInt8]
    public let documents: [Document]
    /// For each document, the anchor names its aliases use (the nodes edits must not change).
    let aliasNames: [Set<String>]

    /// Parses `text` with libyaml. Throws ``YAMLPatchError`` (`.encoding` or `.syntax`) with the
    /// position of the first problem; texts of 4 GiB or more are refused (`.syntax`).
    public init(parsing text: [UInt8]) throws {
        guard text.count < UInt32.max else {
            throw YAMLPatchError(.syntax, "text is larger than 4 GiB", at: SourceMark(offset: 0, line: 1, column: 1))
        }
        let wideCharacters = try UTF8Check.validate(text)
        self.text = text
        let reader = try RawEventReader(text)
        var marks = MarkConverter(text, wideCharacters: wideCharacters)
        var builder = TreeBuilder()
        while true {
            guard let event = reader.next() else { throw reader.failure(&marks) }
            if event.kind == .streamEnd { break }
            builder.consume(event, &marks)
        }
        documents = builder.documents
        aliasNames = builder.aliasNames
    }

    /// Parses a Swift string (its UTF-8 bytes).
    public init(parsing text: String) throws {
        try self.init(parsing: Array(text.utf8))
    }
}
