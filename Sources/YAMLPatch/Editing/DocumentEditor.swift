/// Where a node sits in its parent, which decides how its text is replaced.
enum Slot {
    case root
    /// The value of `key` in a mapping.
    case mappingValue(key: Node, parentStyle: CollectionStyle)
    /// An item of a sequence; for block sequences, the offset just past its `-`.
    case sequenceItem(dashEnd: Int?, parentStyle: CollectionStyle)
}

/// A node's slot, whether a collection that an alias refers to encloses it, and whether a
/// collection written there takes flow style from its siblings (see ``EntryPlacement``).
struct Place {
    var slot: Slot
    var isUnderAliasTarget: Bool
    var siblingsAreFlow = false

    /// Inside `[ ]` or `{ }`, where only flow style may be written.
    var inFlow: Bool {
        switch slot {
        case .root: return false
        case .mappingValue(_, let style), .sequenceItem(_, let style): return style == .flow
        }
    }
}

/// Turns one operation at the targets of a path in one document into splices, and applies
/// the same operation to the document's expected tree so the re-parse can be checked against it.
struct DocumentEditor {
    let layout: TextLayout
    let writer: ValueWriter
    let operation: EditOperation
    /// The document edited: which of its nodes aliases refer to (those must not change).
    let document: DocumentTree.Document
    var splices: [Splice] = []

    init(layout: TextLayout, writer: ValueWriter, document: DocumentTree.Document, operation: EditOperation) {
        self.layout = layout
        self.writer = writer
        self.document = document
        self.operation = operation
    }

    /// Edits the document at `targets` (the path walker's, in document order), changing
    /// `expectedRoot` the same way. A delete removes the targets that share a parent together.
    mutating func edit(_ targets: ArraySlice<PathTarget>, _ expectedRoot: inout Node) throws {
        for target in targets {
            if let alias = target.alias { throw Self.throughAlias(alias) }
        }
        if case .delete = operation { return try delete(targets, &expectedRoot) }
        for target in targets {
            let place = place(atDepth: target.ancestors.count, in: target)
            try expectedRoot.modify(at: target.address[...]) { expected in
                switch target.kind {
                case .node: try applyOperation(target.node, &expected, place)
                case .missingKeys(let keys): try createKeys(keys, in: target.node, &expected, place)
                }
            }
        }
    }

    /// Removes the targets, one parent at a time.
    private mutating func delete(_ targets: ArraySlice<PathTarget>, _ expectedRoot: inout Node) throws {
        var rest = targets
        while let first = rest.first {
            let siblings = rest.prefix { $0.address.dropLast() == first.address.dropLast() }
            rest = rest.dropFirst(siblings.count)
            guard let parent = first.parent else {
                throw YAMLPatchError(.value, "cannot delete the document root", at: first.node.start)
            }
            let parentPlace = place(atDepth: first.ancestors.count - 1, in: first)
            try expectedRoot.modify(at: first.address.dropLast()) { expected in
                try delete(siblings.map { $0.address[$0.address.count - 1] }, from: parent, &expected, parentPlace)
            }
        }
    }

    /// The place of the node `depth` levels below the document root on the way to `target`
    /// (`target.ancestors.count`: the target's own node).
    private func place(atDepth depth: Int, in target: PathTarget) -> Place {
        let isUnderAliasTarget = target.ancestors.prefix(depth).contains { document.isAliasTarget($0) }
        guard depth > 0 else { return Place(slot: .root, isUnderAliasTarget: isUnderAliasTarget) }
        let parent = target.ancestors[depth - 1]
        let index = target.address[depth - 1]
        let siblingsAreFlow = parent.holdsFlowCollections(excluding: index)
        let slot: Slot
        switch parent.content {
        case .mapping(let pairs, let style):
            slot = .mappingValue(key: pairs[index].key, parentStyle: style)
        case .sequence(let items, let style):
            slot = .sequenceItem(
                dashEnd: style == .block ? dashEnd(ofItem: index, in: parent, items) : nil,
                parentStyle: style)
        case .scalar, .alias:
            slot = .root
        }
        return Place(slot: slot, isUnderAliasTarget: isUnderAliasTarget, siblingsAreFlow: siblingsAreFlow)
    }

    private mutating func applyOperation(_ node: Node, _ expected: inout Node, _ place: Place) throws {
        switch operation {
        case .set(let value): try replace(node, &expected, with: value, place)
        case .merge(let spec, let appendLists): try merge(spec, into: node, &expected, appendLists: appendLists, place)
        case .append(let item): try append([item], to: node, &expected, place)
        case .delete: break
        }
    }

    /// Adds the missing `keys` (a nested mapping for each after the first) holding the
    /// operation's value to `node`, a mapping, or replaces `node`, a null, with them.
    private mutating func createKeys(_ keys: [String], in node: Node, _ expected: inout Node, _ place: Place) throws {
        var value: YAMLValue
        switch operation {
        case .set(let newValue), .merge(let newValue, _): value = newValue
        case .delete, .append: return
        }
        for key in keys.dropFirst().reversed() { value = .mapping([.init(key: key, value: value)]) }
        let entry = YAMLValue.Entry(key: keys[0], value: value)
        if case .mapping = node.content {
            try insertEntries([entry], into: node, &expected, place)
        } else {
            try replace(node, &expected, with: .mapping([entry]), place)
        }
    }

    /// A splice writing `text` over `range`. The writers break lines with LF; in the text they
    /// take the ending of the line holding `offset` (default: where the range starts), so a
    /// file that mixes LF and CRLF lines keeps each line's own.
    func splice(_ range: Range<Int>, _ text: String, lineOf offset: Int? = nil) -> Splice {
        guard layout.endsWithCRLF(lineOf: offset ?? range.lowerBound) else {
            return Splice(range: range, replacement: Array(text.utf8))
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 8)
        for byte in text.utf8 {
            if byte == .newline { bytes.append(.carriageReturn) }
            bytes.append(byte)
        }
        return Splice(range: range, replacement: bytes)
    }

    // MARK: shared checks

    /// The offset just past the `-` of block sequence item `position`.
    func dashEnd(ofItem position: Int, in sequence: Node, _ items: NodeList) -> Int {
        let lowerBound = position > 0 ? layout.contentEnd(of: items[position - 1]) : sequence.start.offset
        let dash = layout.dashOffset(beforeItemAt: items[position].start.offset, lowerBound: lowerBound)
        return (dash ?? sequence.start.offset) + 1
    }

    /// Where the text before entry `index` of `node` ends: after the previous entry, or for the
    /// first one after what holds the collection (its key, its item's `-`). The comment lines
    /// an entry owns above it come after this.
    func textBeforeEnd(ofEntry index: Int, in node: Node, _ place: Place) -> Int {
        guard index > 0 else {
            switch place.slot {
            case .root: return 0
            case .mappingValue(let key, _): return layout.contentEnd(of: key)
            case .sequenceItem(let dashEnd, _): return dashEnd ?? node.start.offset
            }
        }
        switch node.content {
        case .mapping(let pairs, _): return layout.entryEnd(key: pairs[index - 1].key, value: pairs[index - 1].value)
        case .sequence(let items, _):
            let item = items[index - 1]
            if item.start.offset == item.endOffset { return dashEnd(ofItem: index - 1, in: node, items) }
            return layout.contentEnd(of: item)
        case .scalar, .alias: return node.start.offset
        }
    }

    /// Refuses to add to a collection that aliases see.
    func checkGrowable(_ node: Node, _ place: Place) throws {
        if place.isUnderAliasTarget || document.isAliasTarget(node) { throw Self.insideAliasTarget(node) }
    }

    /// Refuses to replace or remove a node that aliases see, or that holds a node they refer to.
    func checkReplaceable(_ node: Node, _ place: Place) throws {
        if node.isAlias { throw Self.throughAlias(node) }
        if place.isUnderAliasTarget { throw Self.insideAliasTarget(node) }
        if let anchored = document.firstAliasTarget(in: node), let anchor = anchored.anchor {
            throw YAMLPatchError(
                .alias, "the edit would change the node anchored here as &\(anchor), which aliases refer to",
                at: anchored.start)
        }
    }

    private static func insideAliasTarget(_ node: Node) -> YAMLPatchError {
        YAMLPatchError(
            .alias,
            "the \(node.kindName) here is inside an anchor that aliases refer to; editing it would change them too",
            at: node.start)
    }

    static func throughAlias(_ node: Node) -> YAMLPatchError {
        let name = if case .alias(let alias) = node.content { alias.name } else { "" }
        return YAMLPatchError(
            .alias, "the path goes through the alias *\(name) here; config-api never edits through aliases",
            at: node.start)
    }
}

extension Node {
    /// "mapping", "sequence", "scalar" or "alias", for messages.
    var kindName: String {
        switch content {
        case .mapping: return "mapping"
        case .sequence: return "sequence"
        case .scalar: return "scalar"
        case .alias: return "alias"
        }
    }
}
