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
    /// position of the first problem.
    public init(parsing text: [UInt8]) throws {
        try UTF8Check.validate(text)
        self.text = text
        var builder = TreeBuilder()
        try LibYAMLEvents.parse(text) { event, start, end in try builder.consume(event, start, end) }
        documents = builder.documents
        aliasNames = builder.aliasNames
    }

    /// Parses a Swift string (its UTF-8 bytes).
    public init(parsing text: String) throws {
        try self.init(parsing: Array(text.utf8))
    }
}

/// Rejects text that is not UTF-8 before libyaml sees it (libyaml would accept UTF-16).
enum UTF8Check {
    static func validate(_ bytes: [UInt8]) throws {
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) {
            throw YAMLPatchError(.encoding, "text is UTF-16; config-api reads UTF-8 only",
                                 at: SourceMark(offset: 0, line: 1, column: 1))
        }
        guard bytes.contains(where: { $0 >= 0x80 }) else { return }
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return
            case .error:
                throw YAMLPatchError(.encoding, "invalid UTF-8 byte 0x\(String(bytes[offset], radix: 16))",
                                     at: MarkConverter(bytes).mark(byteOffset: offset))
            }
        }
    }
}

/// Assembles nodes from the event stream. Open collections collect their children in place
/// on a stack (no copies), and are closed into nodes when their end event arrives.
private struct TreeBuilder {
    private struct Frame {
        var node: Node
        var pairs: [Node.Pair] = []
        var items: [Node] = []
        var pendingKey: Node?
    }

    var documents: [DocumentTree.Document] = []
    var aliasNames: [Set<String>] = []
    private var documentAliasNames: Set<String> = []
    private var stack: [Frame] = []
    private var documentStart: (SourceMark, explicit: Bool)?
    private var root: Node?

    mutating func consume(_ event: ParseEvent, _ start: SourceMark, _ end: SourceMark) throws {
        switch event {
        case .documentStart(let implicit):
            documentStart = (start, !implicit)
            documentAliasNames = []
            root = nil
        case .documentEnd:
            guard let root, let documentStart else { return }
            let documentEnd = max(end, root.end)
            documents.append(.init(root: root, start: documentStart.0, end: documentEnd,
                                   hasExplicitStart: documentStart.explicit))
            aliasNames.append(documentAliasNames)
        case .scalar(let value, let style, let anchor, let tag):
            add(Node(content: .scalar(value, style), start: start, end: end, anchor: anchor, tag: tag))
        case .alias(let name):
            documentAliasNames.insert(name)
            add(Node(content: .alias(name), start: start, end: end))
        case .sequenceStart(let style, let anchor, let tag):
            stack.append(Frame(node: Node(content: .sequence([], style), start: start, end: end, anchor: anchor, tag: tag)))
        case .mappingStart(let style, let anchor, let tag):
            stack.append(Frame(node: Node(content: .mapping([], style), start: start, end: end, anchor: anchor, tag: tag)))
        case .sequenceEnd, .mappingEnd:
            add(close(stack.removeLast(), end))
        }
    }

    private func close(_ frame: Frame, _ end: SourceMark) -> Node {
        var node = frame.node
        switch node.content {
        case .sequence(_, let style):
            node.content = .sequence(frame.items, style)
            node.end = style == .flow ? end : (frame.items.last?.end ?? end)
        case .mapping(_, let style):
            node.content = .mapping(frame.pairs, style)
            node.end = style == .flow ? end : (frame.pairs.last?.value.end ?? end)
        case .scalar, .alias:
            break
        }
        return node
    }

    private mutating func add(_ node: Node) {
        let top = stack.count - 1
        guard top >= 0 else {
            root = node
            return
        }
        guard case .mapping = stack[top].node.content else {
            stack[top].items.append(node)
            return
        }
        if let key = stack[top].pendingKey {
            stack[top].pairs.append(Node.Pair(key: key, value: node))
            stack[top].pendingKey = nil
        } else {
            stack[top].pendingKey = node
        }
    }
}
