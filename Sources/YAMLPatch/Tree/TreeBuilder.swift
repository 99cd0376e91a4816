/// Assembles nodes from the event stream in one pass. The children of open collections wait
/// on one shared stack and are moved (not copied) into an exactly sized array when their
/// collection's end event arrives, so a node costs no retain, release or array growth.
struct TreeBuilder {
    private(set) var documents: [DocumentTree.Document] = []
    private(set) var aliasNames: [Set<String>] = []
    private var documentAliasNames: Set<String> = []
    /// Where the open collections' nodes wait on `children` (their children are pushed after
    /// them), innermost last.
    private var openCollections: [Int] = []
    private let children = NodeStack()
    private var documentStart: (mark: SourceMark, explicit: Bool)?

    mutating func consume(_ event: RawEvent, _ marks: inout MarkConverter) {
        switch event.kind {
        case .documentStart:
            documentStart = (marks.mark(event.start), !event.isImplicit)
            documentAliasNames = []
        case .documentEnd:
            let end = marks.mark(event.end)
            guard let documentStart, children.count > 0 else { return }
            let root = children.pop()
            documents.append(.init(root: root, start: documentStart.mark, end: max(end, root.end),
                                   hasExplicitStart: documentStart.explicit))
            aliasNames.append(documentAliasNames)
        case .scalar:
            children.push(Node(content: .scalar(String(decoding: event.value, as: UTF8.self), event.scalarStyle),
                               startMark: marks.compactMark(event.start), endMark: marks.compactMark(event.end),
                               properties: Self.properties(event)))
        case .alias:
            let name = String(decoding: event.value, as: UTF8.self)
            documentAliasNames.insert(name)
            children.push(Node(content: .alias(name), startMark: marks.compactMark(event.start), endMark: marks.compactMark(event.end)))
        case .sequenceStart, .mappingStart:
            openCollections.append(children.count)
            let start = marks.compactMark(event.start)
            let style = event.collectionStyle
            children.push(Node(content: event.kind == .mappingStart ? .mapping([], style) : .sequence([], style),
                               startMark: start, endMark: start, properties: Self.properties(event)))
        case .sequenceEnd, .mappingEnd:
            children.close(openCollections.removeLast(), end: marks.compactMark(event.end))
        case .streamEnd:
            break
        }
    }

    private static func properties(_ event: RawEvent) -> Properties? {
        guard event.hasProperties else { return nil }
        return Properties(anchor: string(event.anchor), tag: string(event.tag))
    }

    private static func string(_ bytes: UnsafeBufferPointer<UInt8>?) -> String? {
        bytes.map { String(decoding: $0, as: UTF8.self) }
    }
}

/// A stack of nodes in one manually grown buffer, from which a run of top nodes can be moved
/// out into an array without copying them.
private final class NodeStack {
    private var base: UnsafeMutablePointer<Node>
    private var capacity = 64
    private(set) var count = 0

    init() {
        base = .allocate(capacity: capacity)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    func push(_ node: consuming Node) {
        if count == capacity {
            let grown = UnsafeMutablePointer<Node>.allocate(capacity: capacity * 2)
            grown.moveInitialize(from: base, count: count)
            base.deallocate()
            base = grown
            capacity *= 2
        }
        (base + count).initialize(to: node)
        count += 1
    }

    func pop() -> Node {
        count -= 1
        return (base + count).move()
    }

    /// Moves the nodes above the collection node at `index` into it as its children. A block
    /// collection ends where its last child does (libyaml's end mark is at the next token); a
    /// flow one at its closing bracket.
    func close(_ index: Int, end: CompactMark) {
        let first = index + 1
        let collection = base + index
        let lastChildEnd = count > first ? base[count - 1].endMark : end
        switch collection.pointee.content {
        case .mapping(_, let style):
            collection.pointee.endMark = style == .block ? lastChildEnd : end
            collection.pointee.content = .mapping(popPairs(from: first), style)
        case .sequence(_, let style):
            collection.pointee.endMark = style == .block ? lastChildEnd : end
            collection.pointee.content = .sequence(popItems(from: first), style)
        case .scalar, .alias:
            break
        }
    }

    /// The nodes from `first` to the top, as sequence items. (`reserveCapacity` and `append`
    /// are specialised for `Node`; `Array(unsafeUninitializedCapacity:)` allocates through
    /// the unspecialised generic path, several times slower per collection.)
    private func popItems(from first: Int) -> [Node] {
        var items: [Node] = []
        items.reserveCapacity(count - first)
        for index in first..<count { items.append((base + index).move()) }
        count = first
        return items
    }

    /// The nodes from `first` to the top, as alternating keys and values.
    private func popPairs(from first: Int) -> [Node.Pair] {
        var pairs: [Node.Pair] = []
        pairs.reserveCapacity((count - first) / 2)
        for index in stride(from: first, to: count - 1, by: 2) {
            pairs.append(Node.Pair(key: (base + index).move(), value: (base + index + 1).move()))
        }
        count = first
        return pairs
    }
}
