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

    /// Parses `text` with libyaml. Throws ``YAMLPatchError`` (`.encoding` or `.syntax`) with the
    /// position of the first problem.
    public init(parsing text: [UInt8]) throws {
        try UTF8Check.validate(text)
        self.text = text
        var builder = TreeBuilder()
        try LibYAMLEvents.parse(text) { event, start, end in try builder.consume(event, start, end) }
        documents = builder.documents
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

/// Assembles nodes from the event stream.
private struct TreeBuilder {
    private enum Frame {
        case mapping(Node, pairs: [Node.Pair], pendingKey: Node?)
        case sequence(Node, items: [Node])
    }

    var documents: [DocumentTree.Document] = []
    private var stack: [Frame] = []
    private var documentStart: (SourceMark, explicit: Bool)?
    private var root: Node?

    mutating func consume(_ event: ParseEvent, _ start: SourceMark, _ end: SourceMark) throws {
        switch event {
        case .documentStart(let implicit):
            documentStart = (start, !implicit)
            root = nil
        case .documentEnd:
            guard let root, let documentStart else { return }
            let documentEnd = max(end, root.end)
            documents.append(.init(root: root, start: documentStart.0, end: documentEnd,
                                   hasExplicitStart: documentStart.explicit))
        case .scalar(let value, let style, let anchor, let tag):
            add(Node(content: .scalar(value, style), start: start, end: end, anchor: anchor, tag: tag))
        case .alias(let name):
            add(Node(content: .alias(name), start: start, end: end))
        case .sequenceStart(let style, let anchor, let tag):
            let node = Node(content: .sequence([], style), start: start, end: end, anchor: anchor, tag: tag)
            stack.append(.sequence(node, items: []))
        case .mappingStart(let style, let anchor, let tag):
            let node = Node(content: .mapping([], style), start: start, end: end, anchor: anchor, tag: tag)
            stack.append(.mapping(node, pairs: [], pendingKey: nil))
        case .sequenceEnd, .mappingEnd:
            add(close(stack.removeLast(), end))
        }
    }

    private func close(_ frame: Frame, _ end: SourceMark) -> Node {
        switch frame {
        case .sequence(var node, let items):
            guard case .sequence(_, let style) = node.content else { return node }
            node.content = .sequence(items, style)
            node.end = style == .flow ? end : (items.last?.end ?? end)
            return node
        case .mapping(var node, let pairs, _):
            guard case .mapping(_, let style) = node.content else { return node }
            node.content = .mapping(pairs, style)
            node.end = style == .flow ? end : (pairs.last?.value.end ?? end)
            return node
        }
    }

    private mutating func add(_ node: Node) {
        guard let top = stack.popLast() else {
            root = node
            return
        }
        switch top {
        case .sequence(let parent, var items):
            items.append(node)
            stack.append(.sequence(parent, items: items))
        case .mapping(let parent, var pairs, let pendingKey):
            if let key = pendingKey {
                pairs.append(Node.Pair(key: key, value: node))
                stack.append(.mapping(parent, pairs: pairs, pendingKey: nil))
            } else {
                stack.append(.mapping(parent, pairs: pairs, pendingKey: node))
            }
        }
    }
}
