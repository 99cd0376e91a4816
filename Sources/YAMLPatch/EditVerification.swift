/// Proves an edit: re-parses the new text and checks, event by event, that it is the expected
/// tree (the old tree with the operation applied in memory): same kinds, scalar values and
/// styles, collection styles, anchors, tags and key order. Nothing is built for the new text.
enum EditVerification {
    static func verify(_ text: [UInt8], expectedRoots: [Node]) throws {
        do {
            let comparer = TreeComparer(reader: try RawEventReader(text))
            for root in expectedRoots {
                try comparer.expect(.documentStart, "a document")
                try comparer.compare(root)
                try comparer.expect(.documentEnd, "the end of the document")
            }
            try comparer.expect(.streamEnd, "the end of the text")
        } catch let error as YAMLPatchError where error.kind == .syntax {
            throw YAMLPatchError(.verification, "edit verification failed: the edited text is not valid YAML (\(error.message) at its \(error.mark.map { "\($0.line):\($0.column)" } ?? "end")); nothing was written", at: error.mark)
        }
    }
}

/// Walks an expected tree in document order while pulling the new text's events.
private struct TreeComparer {
    let reader: RawEventReader

    func compare(_ expected: Node) throws {
        let event = try reader.next()
        switch expected.content {
        case .scalar(let text, let style):
            guard event.kind == .scalar, event.scalarStyle == style, Self.equal(text, event.value) else {
                throw mismatch(event, "the scalar \(Self.quoted(text))")
            }
            try checkProperties(expected, event)
        case .alias(let name):
            guard event.kind == .alias, Self.equal(name, event.value) else { throw mismatch(event, "the alias *\(name)") }
            try checkProperties(expected, event)
        case .sequence(let items, let style):
            guard event.kind == .sequenceStart, event.collectionStyle == style else { throw mismatch(event, "a \(style) sequence") }
            try checkProperties(expected, event)
            for item in items { try compare(item) }
            try expect(.sequenceEnd, "the end of a sequence of \(items.count) items")
        case .mapping(let pairs, let style):
            guard event.kind == .mappingStart, event.collectionStyle == style else { throw mismatch(event, "a \(style) mapping") }
            try checkProperties(expected, event)
            for pair in pairs {
                try compare(pair.key)
                try compare(pair.value)
            }
            try expect(.mappingEnd, "the end of a mapping of \(pairs.count) keys")
        }
    }

    /// Anchor and tag, read before the next event invalidates the event's buffers.
    private func checkProperties(_ expected: Node, _ event: RawEvent) throws {
        guard Self.equal(expected.anchor, event.anchor), Self.equal(expected.tag, event.tag) else {
            throw mismatch(event, "anchor \(expected.anchor ?? "none") and tag \(expected.tag ?? "none")")
        }
    }

    func expect(_ kind: RawEvent.Kind, _ description: String) throws {
        let event = try reader.next()
        guard event.kind == kind else { throw mismatch(event, description) }
    }

    private func mismatch(_ event: RawEvent, _ expected: String) -> YAMLPatchError {
        var found = "\(event.kind)"
        if event.kind == .scalar { found = "the scalar \(Self.quoted(String(decoding: event.value, as: UTF8.self)))" }
        return YAMLPatchError(.verification, "edit verification failed: at \(event.line + 1):\(event.column + 1) of the edited text, expected \(expected) but found \(found); nothing was written",
                              at: SourceMark(offset: 0, line: event.line + 1, column: event.column + 1))
    }

    private static func equal(_ string: String?, _ bytes: UnsafeBufferPointer<UInt8>?) -> Bool {
        switch (string, bytes) {
        case (nil, nil): return true
        case (let string?, let bytes?): return equal(string, bytes)
        default: return false
        }
    }

    private static func equal(_ string: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var string = string
        return string.withUTF8 { $0.count == bytes.count && ($0.isEmpty || $0.elementsEqual(bytes)) }
    }

    private static func quoted(_ text: String) -> String {
        ScalarWriter.doubleQuoted(text.count > 60 ? String(text.prefix(60)) + "…" : text)
    }
}
