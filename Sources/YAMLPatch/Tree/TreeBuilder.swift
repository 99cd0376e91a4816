/// Assembles the stream's ``NodeStore`` from its events in one pass. The children of open
/// collections wait on one stack and are moved into the store as one run when their
/// collection's end event arrives: a node costs 24 bytes, and no collection an array.
///
/// Aliases are resolved here, once: each alias records the index of the most recent node
/// anchored with its name before it (YAML's rule), and that node is marked as a target; an
/// alias with no such node is refused. Collections nested deeper than
/// ``DocumentTree/maximumNestingDepth`` are refused where the first one too deep starts, and
/// each mapping's keys are checked for duplicates when it ends.
struct TreeBuilder {
    /// The documents, once the stream has ended.
    private(set) var documents: [DocumentTree.Document] = []
    private let text: [UInt8]
    private let isASCII: Bool
    /// Where the open collections wait in `waiting` (their children are pushed after them),
    /// innermost last.
    private var openCollections: [Int] = []
    /// Nodes whose collection is still open, in document order.
    private let waiting = WaitingNodes()
    /// The anchors and tags of waiting nodes, by position in `waiting`, in order.
    private var waitingProperties: [(position: Int, properties: Properties)] = []
    /// What becomes the stream's ``NodeStore``.
    private var nodes: [StoredNode] = []
    private var values: [String] = []
    private var aliases: [Node.Alias] = []
    private var properties: [UInt32: Properties] = [:]
    private var hasDuplicateKeys = false
    /// The documents read so far, made into ``DocumentTree/Document``s once the store exists.
    private var ended: [EndedDocument] = []
    private var documentStart: SourceMark?
    private var anchors = AnchorTable()
    /// The duplicate keys of the document being built.
    private var duplicateKeys: [DuplicateKey] = []
    private var duplicateKeyScan = DuplicateKeyScan()

    /// A builder for the events of `text`, which the tree keeps; `isASCII`: all of it but a
    /// BOM is ASCII.
    init(text: [UInt8], isASCII: Bool) {
        self.text = text
        self.isASCII = isASCII
        // Room for a node per 8 bytes (a project file has one per 11): pages never written
        // are never handed to the process.
        nodes.reserveCapacity(text.count / 8 + 16)
    }

    mutating func consume(_ event: RawEvent, _ marks: inout MarkConverter) throws {
        switch event.kind {
        case .documentStart:
            documentStart = marks.mark(event.start)
            anchors = AnchorTable()
            duplicateKeys = []
        case .documentEnd:
            let eventEnd = marks.mark(event.end)
            guard let documentStart, waiting.count > 0 else { return }
            let root = waiting[waiting.count - 1]
            let end = Int(root.endByte) > eventEnd.offset ? marks.mark(byteOffset: Int(root.endByte)) : eventEnd
            // Stored first: an anchor on the root is complete once the root is in the store.
            let rootIndex = storeWaiting(from: waiting.count - 1)
            ended.append(
                EndedDocument(
                    root: rootIndex, start: documentStart, end: end, anchors: anchors, duplicateKeys: duplicateKeys))
        case .scalar:
            let start = marks.compactMark(event.start)
            let end = marks.byteOffset32(event.end)
            push(
                StoredNode.Kind(event.scalarStyle), start, end,
                payload: valuePayload(event.value, start: start.offset, end: end), event)
        case .alias:
            let name = String(decoding: event.value, as: UTF8.self)
            let target = anchors.target(of: name)
            guard target >= 0 else {
                throw YAMLPatchError(
                    .syntax, "the alias *\(name) refers to no anchor before it", at: marks.mark(event.start))
            }
            aliases.append(Node.Alias(name: name, anchorIndex: target))
            push(
                .alias, marks.compactMark(event.start), marks.byteOffset32(event.end),
                payload: UInt32(aliases.count - 1), event)
        case .sequenceStart, .mappingStart:
            guard openCollections.count < DocumentTree.maximumNestingDepth else { throw tooDeep(event, &marks) }
            let start = marks.compactMark(event.start)
            let isFlow = event.collectionStyle == .flow
            let kind: StoredNode.Kind =
                event.kind == .mappingStart
                ? (isFlow ? .flowMapping : .blockMapping) : (isFlow ? .flowSequence : .blockSequence)
            push(kind, start, start.offset, payload: 0, event)
            openCollections.append(waiting.count - 1)
        case .sequenceEnd, .mappingEnd:
            let position = openCollections.removeLast()
            if event.kind == .mappingEnd { recordDuplicateKeys(from: position + 1) }
            try close(position, end: marks.byteOffset32(event.end), event)
        case .streamEnd:
            finish()
        }
    }

    /// A new node waits for its collection; with an anchor or tag, when the event has them.
    private mutating func push(
        _ kind: StoredNode.Kind, _ start: CompactMark, _ end: UInt32, payload: UInt32, _ event: RawEvent
    ) {
        let hasProperties = event.hasProperties
        waiting.push(StoredNode(kind, start: start, endByte: end, payload: payload, hasProperties: hasProperties))
        if hasProperties { waitingProperties.append((waiting.count - 1, properties(event))) }
    }

    /// ``StoredNode/valueIsText`` when a scalar's value is its text (most are), else the index
    /// of its value among the stored values.
    private mutating func valuePayload(_ value: UnsafeBufferPointer<UInt8>, start: UInt32, end: UInt32) -> UInt32 {
        if start <= end, Int(end - start) == value.count {
            let isText = text.withUnsafeBufferPointer { text in
                RawEvent.bytes(value, equal: .init(rebasing: text[Int(start)..<Int(end)]))
            }
            if isText { return StoredNode.valueIsText }
        }
        values.append(String(decoding: value, as: UTF8.self))
        return UInt32(truncatingIfNeeded: values.count - 1)
    }

    /// Moves the nodes waiting above the collection at `position` into the store as its
    /// children. A block collection ends where its last child does (libyaml's end mark is at
    /// the next token); a flow one at its closing bracket.
    private mutating func close(_ position: Int, end: UInt32, _ event: RawEvent) throws {
        let first = position + 1
        let childCount = waiting.count - first
        let isMapping = event.kind == .mappingEnd
        let entryCount = isMapping ? childCount / 2 : childCount
        guard entryCount <= StoredNode.maximumEntryCount else {
            throw YAMLPatchError(
                .limit,
                "the collection here has more than \(StoredNode.maximumEntryCount) entries, more than config-api reads",
                at: waiting[position].start.mark)
        }
        let lastChildEnd = childCount > 0 ? waiting[waiting.count - 1].endByte : end
        let firstChild = storeWaiting(from: first)
        let kind = waiting[position].kind
        waiting[position].endByte = kind == .blockMapping || kind == .blockSequence ? lastChildEnd : end
        waiting[position].setChildren(first: firstChild, entryCount: entryCount)
    }

    /// Moves the waiting nodes from position `first` on, whose place is settled, to the end of
    /// the store, with their anchors and tags; the index of the first.
    private mutating func storeWaiting(from first: Int) -> Int {
        let firstIndex = nodes.count
        nodes.append(contentsOf: waiting.run(from: first))
        var moved = waitingProperties.count
        while moved > 0, waitingProperties[moved - 1].position >= first { moved -= 1 }
        for (position, nodeProperties) in waitingProperties[moved...] {
            let index = firstIndex + position - first
            properties[UInt32(truncatingIfNeeded: index)] = nodeProperties
            if nodeProperties.anchorIndex >= 0 { anchors.complete(nodeProperties.anchorIndex, index) }
        }
        waitingProperties.removeLast(waitingProperties.count - moved)
        waiting.removeAll(from: first)
        return firstIndex
    }

    /// The stream has ended: its documents, over one store.
    private mutating func finish() {
        let store = NodeStore(
            text: text, isASCII: isASCII, nodes: nodes, values: values, aliases: aliases, properties: properties,
            hasDuplicateKeys: hasDuplicateKeys)
        documents = ended.map { ended in
            DocumentTree.Document(
                root: store.node(at: ended.root), start: ended.start, end: ended.end,
                anchoredNodes: ended.anchors.nodes.map { store.node(at: $0) }, isAliasTarget: ended.anchors.isTarget,
                duplicateKeys: ended.duplicateKeys)
        }
    }

    /// Notes the keys of the mapping whose pairs start at `first` in `waiting` that repeat an
    /// earlier key of it. The few keys most mappings have are compared pairwise as bytes.
    private mutating func recordDuplicateKeys(from first: Int) {
        let keys = waiting.run(from: first)
        let count = keys.count / 2
        guard count > 1 else { return }
        var duplicates: [(first: Int, duplicate: Int)] = []
        if count <= DuplicateKeyScan.pairwiseLimit {
            text.withUnsafeBufferPointer { text in
                for index in 1..<count where keys[2 * index].isScalar {
                    let earlier = (0..<index).first { sameKey(keys[2 * $0], keys[2 * index], text) }
                    if let earlier { duplicates.append((earlier, index)) }
                }
            }
        } else {
            duplicates = duplicateKeyScan.duplicates(count: count) { [text, values] in
                Self.keyText(keys[2 * $0], text, values)
            }
        }
        for (firstIndex, duplicateIndex) in duplicates {
            let key = keys[2 * duplicateIndex]
            duplicateKeys.append(
                DuplicateKey(
                    key: Self.keyText(key, text, values) ?? "", first: keys[2 * firstIndex].start.mark,
                    duplicate: key.start.mark))
            hasDuplicateKeys = true
        }
    }

    /// Whether two waiting keys are scalars of the same text.
    @inline(__always)
    private func sameKey(_ one: StoredNode, _ other: StoredNode, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard one.isScalar, other.isScalar else { return false }
        switch (one.payload == StoredNode.valueIsText, other.payload == StoredNode.valueIsText) {
        case (true, true) where isASCII:
            // Texts of other lengths differ (most keys of a mapping do).
            guard one.endByte &- one.start.offset == other.endByte &- other.start.offset else { return false }
            return RawEvent.bytes(one.bytes(in: text), equal: other.bytes(in: text))
        case (true, true):
            let (oneText, otherText) = (one.bytes(in: text), other.bytes(in: text))
            if RawEvent.bytes(oneText, equal: otherText) { return true }
            if oneText.allSatisfy({ $0 < 0x80 }), otherText.allSatisfy({ $0 < 0x80 }) { return false }
            return String(decoding: oneText, as: UTF8.self) == String(decoding: otherText, as: UTF8.self)
        case (true, false):
            return NodeStore.sameText(one.bytes(in: text), values[Int(other.payload)])
        case (false, true):
            return NodeStore.sameText(other.bytes(in: text), values[Int(one.payload)])
        case (false, false):
            return values[Int(one.payload)] == values[Int(other.payload)]
        }
    }

    /// The text of a waiting key when it is a scalar.
    private static func keyText(_ key: StoredNode, _ text: [UInt8], _ values: [String]) -> String? {
        key.isScalar ? text.withUnsafeBufferPointer { key.scalarText(in: $0, values: values) } : nil
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

/// The nodes whose collection is still open, on a stack in one manually grown buffer: they
/// are pushed and moved out many times per collection, which an array would check for
/// sharing each time.
private final class WaitingNodes {
    private var base: UnsafeMutablePointer<StoredNode>
    private var capacity = 64
    private(set) var count = 0

    init() {
        base = .allocate(capacity: capacity)
    }

    deinit {
        base.deallocate()
    }

    @inline(__always)
    func push(_ node: StoredNode) {
        if count == capacity { grow() }
        (base + count).initialize(to: node)
        count += 1
    }

    @inline(never)
    private func grow() {
        let grown = UnsafeMutablePointer<StoredNode>.allocate(capacity: capacity * 2)
        grown.moveInitialize(from: base, count: count)
        base.deallocate()
        base = grown
        capacity *= 2
    }

    subscript(position: Int) -> StoredNode {
        get {
            precondition(position >= 0 && position < count, "no waiting node here")
            return base[position]
        }
        set {
            precondition(position >= 0 && position < count, "no waiting node here")
            base[position] = newValue
        }
    }

    /// The nodes from `first` to the top, valid until the next change.
    func run(from first: Int) -> UnsafeBufferPointer<StoredNode> {
        UnsafeBufferPointer(start: base + first, count: count - first)
    }

    /// Drops the nodes from `first` to the top.
    func removeAll(from first: Int) {
        count = first
    }
}

/// A document whose events have all been read.
private struct EndedDocument {
    let root: Int
    let start: SourceMark
    let end: SourceMark
    let anchors: AnchorTable
    let duplicateKeys: [DuplicateKey]
}

/// The anchored nodes of the document being built. An anchor is entered when its node
/// starts, so an alias inside the anchored collection itself finds it; the node's index in
/// the store is filled in once it is stored.
private struct AnchorTable {
    private(set) var nodes: [Int] = []
    private(set) var isTarget: [Bool] = []
    /// The most recent index of each name.
    private var latest: [String: Int32] = [:]

    /// A new entry for a node anchored as `name`; its index.
    mutating func open(_ name: String) -> Int32 {
        let index = Int32(truncatingIfNeeded: nodes.count)
        nodes.append(-1)
        isTarget.append(false)
        latest[name] = index
        return index
    }

    mutating func complete(_ index: Int32, _ node: Int) {
        nodes[Int(index)] = node
    }

    /// The index an alias of `name` refers to, now marked as a target; -1 when none.
    mutating func target(of name: String) -> Int32 {
        guard let index = latest[name] else { return -1 }
        isTarget[Int(index)] = true
        return index
    }
}
