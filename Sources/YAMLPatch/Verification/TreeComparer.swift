/// Walks an expected tree in document order while pulling the new text's events, each of
/// which it also hands to `sink` (specialised away when the sink discards them).
struct TreeComparer<Sink: EventSink> {
    let reader: RawEventReader
    /// The text being read, put together only to place an error in it.
    let text: () -> [UInt8]
    var sink: Sink
    /// The anchors of the current document so far, which its aliases must name.
    private var anchors: [String] = []
    private var duplicateKeyScan = DuplicateKeyScan()

    init(reader: RawEventReader, text: @escaping () -> [UInt8], sink: Sink) {
        self.reader = reader
        self.text = text
        self.sink = sink
    }

    /// Compares the whole text with the expected documents.
    mutating func compare(_ expectedRoots: [Node]) throws {
        for root in expectedRoots {
            anchors.removeAll(keepingCapacity: true)
            try expect(.documentStart, "a document")
            try withUnsafePointer(to: root) { try compare($0) }
            try expect(.documentEnd, "the end of the document")
        }
        try expect(.streamEnd, "the end of the text")
    }

    /// Compares the events of one node. The node comes by pointer so that walking the tree
    /// copies no node; children still in the parsed document's store are compared there
    /// (``compareStored(_:_:)``).
    mutating func compare(_ node: UnsafePointer<Node>) throws {
        let event = try next()
        switch node.pointee.content {
        case .scalar(let value, let style):
            guard event.kind == .scalar, event.scalarStyle == style, Self.equal(value, event.value) else {
                throw mismatch(event, "the scalar \(Self.quoted(value))")
            }
            try checkProperties(node.pointee.properties, event)
        case .alias(let alias):
            try compareAlias(alias, node.pointee.properties, event)
        case .sequence(let items, let style):
            guard event.kind == .sequenceStart, event.collectionStyle == style else {
                throw mismatch(event, "a \(style) sequence")
            }
            try checkProperties(node.pointee.properties, event)
            switch items.run {
            case .stored(let store, let first, let count):
                for index in Int(first)..<Int(first + count) { try compareStored(store, index) }
            case .built(let items):
                try items.withUnsafeBufferPointer { items in
                    for index in items.indices { try compare(items.baseAddress! + index) }
                }
            }
            try expect(.sequenceEnd, "the end of a sequence of \(items.count) items")
        case .mapping(let pairs, let style):
            guard event.kind == .mappingStart, event.collectionStyle == style else {
                throw mismatch(event, "a \(style) mapping")
            }
            try checkProperties(node.pointee.properties, event)
            switch pairs.run {
            case .stored(let store, let first, let count):
                try compareStoredPairs(store, first: Int(first), count: Int(count), at: event.start)
            case .built(let pairs):
                try pairs.withUnsafeBufferPointer { pairs in
                    try checkKeys(count: pairs.count, at: event.start) {
                        (pairs.baseAddress! + $0).pointer(to: \Node.Pair.key)!.pointee.scalarText
                    }
                    for index in pairs.indices {
                        let pair = pairs.baseAddress! + index
                        try compare(pair.pointer(to: \.key)!)
                        try compare(pair.pointer(to: \.value)!)
                    }
                }
            }
            try expect(.mappingEnd, "the end of a mapping of \(pairs.count) keys")
        }
    }

    /// Compares the events of the node at `index` of a parsed document's store, in place:
    /// the part of an expected tree that the edit left as it was.
    mutating func compareStored(_ store: NodeStore, _ index: Int) throws {
        let event = try next()
        let stored = store.nodes[index]
        let first = Int(stored.payload)
        switch stored.kind {
        case .plain, .singleQuoted, .doubleQuoted, .literal, .folded:
            guard event.kind == .scalar, StoredNode.Kind(event.scalarStyle) == stored.kind,
                store.scalarValue(of: stored, is: event.value)
            else {
                throw mismatch(event, "the scalar \(Self.quoted(store.scalarText(at: index) ?? ""))")
            }
            try checkStoredProperties(store, index, stored, event)
        case .alias:
            try compareAlias(store.aliases[first], store.properties(of: index), event)
        case .blockSequence, .flowSequence:
            guard event.kind == .sequenceStart, event.collectionStyle == stored.collectionStyle else {
                throw mismatch(event, "a \(stored.collectionStyle) sequence")
            }
            try checkStoredProperties(store, index, stored, event)
            for child in first..<first + stored.entryCount { try compareStored(store, child) }
            try expect(.sequenceEnd, "the end of a sequence of \(stored.entryCount) items")
        case .blockMapping, .flowMapping:
            guard event.kind == .mappingStart, event.collectionStyle == stored.collectionStyle else {
                throw mismatch(event, "a \(stored.collectionStyle) mapping")
            }
            try checkStoredProperties(store, index, stored, event)
            try compareStoredPairs(store, first: first, count: stored.entryCount, at: event.start)
            try expect(.mappingEnd, "the end of a mapping of \(stored.entryCount) keys")
        }
    }

    /// The pairs of a stored mapping. Its keys are checked for repeats only when its text has
    /// a key twice somewhere: otherwise the keys the events match cannot repeat.
    private mutating func compareStoredPairs(_ store: NodeStore, first: Int, count: Int, at start: RawMark) throws {
        if store.hasDuplicateKeys {
            try checkKeys(count: count, at: start) { store.scalarText(at: first + 2 * $0) }
        }
        for child in first..<first + 2 * count { try compareStored(store, child) }
    }

    /// Refuses a mapping (starting at `start`) with a key twice; `key` gives key `index`'s text.
    private mutating func checkKeys(count: Int, at start: RawMark, key: (Int) -> String?) throws {
        guard let duplicate = duplicateKeyScan.duplicates(count: count, text: key).first else { return }
        throw invalid(start, "the mapping here has the key \(Self.quoted(key(duplicate.duplicate) ?? "")) twice")
    }

    private mutating func compareAlias(_ alias: Node.Alias, _ properties: Properties?, _ event: RawEvent) throws {
        guard event.kind == .alias, Self.equal(alias.name, event.value) else {
            throw mismatch(event, "the alias *\(alias.name)")
        }
        try checkProperties(properties, event)
        guard anchors.contains(alias.name) else {
            throw invalid(event.start, "the alias *\(alias.name) refers to no anchor before it")
        }
    }

    /// Pulls one event of `kind`; `description` is only built when the event is another.
    mutating func expect(_ kind: RawEvent.Kind, _ description: @autoclosure () -> String) throws {
        let event = try next()
        guard event.kind == kind else { throw mismatch(event, description()) }
    }

    /// The next event; where libyaml stops, a verification error saying where and why. (The
    /// sink's errors, a nesting limit or an unknown alias, are differences from the expected
    /// tree, which has neither.)
    private mutating func next() throws -> RawEvent {
        guard let event = reader.next() else { throw failure() }
        do {
            try sink.consume(event)
        } catch let error as YAMLPatchError {
            throw Self.verificationError(error.message, at: error.mark)
        }
        return event
    }

    /// Why libyaml stopped, as a verification error (kept out of ``next()``, which is inlined).
    @inline(never)
    private func failure() -> YAMLPatchError {
        var marks = marks()
        let error = reader.failure(&marks)
        return YAMLPatchError(
            .verification,
            "edit verification failed: the edited text is not valid YAML here "
                + "(\(error.message)); nothing was written", at: error.mark)
    }

    /// Anchor and tag, read before the next event invalidates the event's buffers; an anchor
    /// is noted for the aliases after it.
    @inline(__always)
    private mutating func checkProperties(_ properties: Properties?, _ event: RawEvent) throws {
        if properties == nil, !event.hasProperties { return }
        try checkWrittenProperties(properties, event)
    }

    @inline(__always)
    private mutating func checkStoredProperties(
        _ store: NodeStore, _ index: Int, _ stored: StoredNode, _ event: RawEvent
    ) throws {
        if !stored.hasProperties, !event.hasProperties { return }
        try checkWrittenProperties(store.properties(of: index), event)
    }

    @inline(never)
    private mutating func checkWrittenProperties(_ properties: Properties?, _ event: RawEvent) throws {
        let anchor = properties?.anchor
        let tag = properties?.tag
        guard Self.equal(anchor, event.anchor), Self.equal(tag, event.tag) else {
            throw mismatch(event, "anchor \(anchor ?? "none") and tag \(tag ?? "none")")
        }
        if let anchor { anchors.append(anchor) }
    }

    /// Positions in the text being read, which is put together for it.
    private func marks() -> MarkConverter {
        let text = text()
        return MarkConverter(text, wideCharacters: (try? UTF8Check.validate(text).wideCharacters) ?? [])
    }

    /// The events match the expected tree, but the text they make is not valid YAML at `mark`.
    @inline(never)
    private func invalid(_ mark: RawMark, _ problem: String) -> YAMLPatchError {
        var marks = marks()
        return Self.verificationError(problem, at: marks.mark(mark))
    }

    private static func verificationError(_ problem: String, at mark: SourceMark?) -> YAMLPatchError {
        YAMLPatchError(
            .verification,
            "edit verification failed: the edited text is not valid here (\(problem)); nothing was written", at: mark)
    }

    /// The event differs from the expected tree: an error marked where the event is in the
    /// edited text (the text that was not written).
    @inline(never)
    private func mismatch(_ event: RawEvent, _ expected: String) -> YAMLPatchError {
        var found = "\(event.kind)"
        if event.kind == .scalar { found = "the scalar \(Self.quoted(String(decoding: event.value, as: UTF8.self)))" }
        var marks = marks()
        return YAMLPatchError(
            .verification,
            "edit verification failed: expected \(expected), but the edited text has "
                + "\(found) here; nothing was written", at: marks.mark(event.start))
    }

    private static func equal(_ string: String?, _ bytes: UnsafeBufferPointer<UInt8>?) -> Bool {
        switch (string, bytes) {
        case (nil, nil): return true
        case (let string?, let bytes?): return equal(string, bytes)
        default: return false
        }
    }

    private static func equal(_ string: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        RawEvent.bytes(bytes, areUTF8Of: string)
    }

    private static func quoted(_ text: String) -> String {
        ScalarWriter.doubleQuoted(text.count > 60 ? String(text.prefix(60)) + "…" : text)
    }
}
