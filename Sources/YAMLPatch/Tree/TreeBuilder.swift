/// Assembles nodes from the event stream in one pass. The children of open collections wait
/// on one shared stack and are moved (not copied) into an exactly sized array when their
/// collection's end event arrives, so a node costs no retain, release or array growth.
///
/// Aliases are resolved here, once: each alias records the index of the most recent node
/// anchored with its name before it (YAML's rule), and that node is marked as a target; an
/// alias with no such node is refused. Collections nested deeper than
/// ``DocumentTree/maximumNestingDepth`` are refused where the first one too deep starts, and
/// each mapping's keys are checked for duplicates when it ends.
struct TreeBuilder {
    private(set) var documents: [DocumentTree.Document] = []
    /// Where the open collections' nodes wait on `children` (their children are pushed after
    /// them) and their anchor index (-1: none), innermost last.
    private var openCollections: [(position: Int, anchorIndex: Int32)] = []
    private let children = NodeStack()
    private var documentStart: SourceMark?
    private var anchors = AnchorTable()
    /// The duplicate keys of the document being built.
    private var duplicateKeys: [DuplicateKey] = []
    private var duplicateKeyScan = DuplicateKeyScan()
    private let scalarTexts = ScalarTexts()

    mutating func consume(_ event: RawEvent, _ marks: inout MarkConverter) throws {
        switch event.kind {
        case .documentStart:
            documentStart = marks.mark(event.start)
            anchors = AnchorTable()
            duplicateKeys = []
        case .documentEnd:
            let eventEnd = marks.mark(event.end)
            guard let documentStart, children.count > 0 else { return }
            let root = children.pop()
            let end = root.endOffset > eventEnd.offset ? marks.mark(byteOffset: root.endOffset) : eventEnd
            documents.append(
                .init(
                    root: root, start: documentStart, end: end,
                    anchoredNodes: anchors.nodes, isAliasTarget: anchors.isTarget, duplicateKeys: duplicateKeys))
        case .scalar where event.hasProperties:
            let properties = properties(event)
            children.push(
                Node(
                    content: .scalar(scalarTexts.text(of: event.value), event.scalarStyle),
                    startMark: marks.compactMark(event.start), endByte: marks.byteOffset32(event.end),
                    properties: properties))
            if properties.anchorIndex >= 0 { anchors.complete(properties.anchorIndex, children[children.count - 1]) }
        case .scalar:
            children.push(
                Node(
                    content: .scalar(scalarTexts.text(of: event.value), event.scalarStyle),
                    startMark: marks.compactMark(event.start), endByte: marks.byteOffset32(event.end)))
        case .alias:
            let name = String(decoding: event.value, as: UTF8.self)
            let target = anchors.target(of: name)
            guard target >= 0 else {
                throw YAMLPatchError(
                    .syntax, "the alias *\(name) refers to no anchor before it", at: marks.mark(event.start))
            }
            children.push(
                Node(
                    content: .alias(.init(name: name, anchorIndex: target)),
                    startMark: marks.compactMark(event.start), endByte: marks.byteOffset32(event.end)))
        case .sequenceStart, .mappingStart:
            guard openCollections.count < DocumentTree.maximumNestingDepth else { throw tooDeep(event, &marks) }
            let start = marks.compactMark(event.start)
            let style = event.collectionStyle
            let properties = event.hasProperties ? properties(event) : nil
            openCollections.append((children.count, properties?.anchorIndex ?? -1))
            children.push(
                Node(
                    content: event.kind == .mappingStart ? .mapping([], style) : .sequence([], style),
                    startMark: start, endByte: start.offset, properties: properties))
        case .sequenceEnd, .mappingEnd:
            let open = openCollections.removeLast()
            if event.kind == .mappingEnd { recordDuplicateKeys(from: open.position + 1) }
            children.close(open.position, end: marks.byteOffset32(event.end))
            if open.anchorIndex >= 0 { anchors.complete(open.anchorIndex, children[open.position]) }
        case .streamEnd:
            break
        }
    }

    /// Notes the keys of the mapping whose pairs start at stack position `first` that repeat
    /// an earlier key of it.
    private mutating func recordDuplicateKeys(from first: Int) {
        let children = children
        let duplicates = duplicateKeyScan.duplicates(count: (children.count - first) / 2) {
            children.scalarText(at: first + 2 * $0)
        }
        for (firstIndex, duplicateIndex) in duplicates {
            let key = children[first + 2 * duplicateIndex]
            duplicateKeys.append(
                DuplicateKey(
                    key: key.scalarText ?? "", first: children[first + 2 * firstIndex].start, duplicate: key.start))
        }
    }

    @inline(never)
    private func tooDeep(_ event: RawEvent, _ marks: inout MarkConverter) -> YAMLPatchError {
        YAMLPatchError(
            .limit,
            "collections are nested deeper than \(DocumentTree.maximumNestingDepth) levels here, "
                + "more than config-api reads", at: marks.mark(event.start))
    }

    /// Anchor and tag of an event that has either; an anchor takes the next index of the
    /// document's anchor table. (Out of line: most events have neither.)
    @inline(never)
    private mutating func properties(_ event: RawEvent) -> Properties {
        let anchor = event.anchor.map { String(decoding: $0, as: UTF8.self) }
        let tag = event.tag.map { String(decoding: $0, as: UTF8.self) }
        return Properties(anchor: anchor, tag: tag, anchorIndex: anchor.map { anchors.open($0) } ?? -1)
    }
}

/// The anchored nodes of the document being built. An anchor is entered when its node
/// starts, so an alias inside the anchored collection itself finds it; the node is filled in
/// once it is complete.
private struct AnchorTable {
    private(set) var nodes: [Node] = []
    private(set) var isTarget: [Bool] = []
    /// The most recent index of each name.
    private var latest: [String: Int32] = [:]

    /// A new entry for a node anchored as `name`; its index.
    mutating func open(_ name: String) -> Int32 {
        let index = Int32(truncatingIfNeeded: nodes.count)
        nodes.append(Node(content: .alias(.placeholder), startMark: .zero, endByte: 0))
        isTarget.append(false)
        latest[name] = index
        return index
    }

    mutating func complete(_ index: Int32, _ node: Node) {
        nodes[Int(index)] = node
    }

    /// The index an alias of `name` refers to, now marked as a target; -1 when none.
    mutating func target(of name: String) -> Int32 {
        guard let index = latest[name] else { return -1 }
        isTarget[Int(index)] = true
        return index
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

    /// The node at `index` (a copy: its arrays are shared, not duplicated).
    subscript(index: Int) -> Node { base[index] }

    /// The scalar text of the node at `index`, read in place.
    func scalarText(at index: Int) -> String? {
        if case .scalar(let text, _) = (base + index).pointee.content { return text }
        return nil
    }

    /// Moves the nodes above the collection node at `index` into it as its children. A block
    /// collection ends where its last child does (libyaml's end mark is at the next token); a
    /// flow one at its closing bracket.
    func close(_ index: Int, end: UInt32) {
        let first = index + 1
        let collection = base + index
        let lastChildEnd = count > first ? base[count - 1].endByte : end
        switch collection.pointee.content {
        case .mapping(_, let style):
            collection.pointee.endByte = style == .block ? lastChildEnd : end
            collection.pointee.content = .mapping(popPairs(from: first), style)
        case .sequence(_, let style):
            collection.pointee.endByte = style == .block ? lastChildEnd : end
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
