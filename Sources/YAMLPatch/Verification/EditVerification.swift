/// Proves an edit: re-parses the new text and checks, event by event, that it is the expected
/// tree (the old tree with the operation applied in memory): same kinds, scalar values and
/// styles, collection styles, anchors, aliases, tags and key order. It also checks what makes
/// the text valid beyond its events: every alias has an anchor of its name before it in its
/// document, and no mapping has a key twice.
///
/// Two modes read the same events: ``verify(_:expectedRoots:)`` builds nothing (values are
/// compared as bytes, and the text is read piece by piece), for callers that only need the
/// text; ``verifiedTree(_:expectedRoots:)`` also builds the new text's tree from those events,
/// with its positions, for callers that go on to read the result (a validation), so they need
/// not parse it again.
enum EditVerification {
    static func verify(_ text: SplicedText, expectedRoots: [Node]) throws {
        try RawEventReader.reading(pieces: text.pieces) { reader in
            var comparer = TreeComparer(reader: reader, text: { text.bytes }, sink: DiscardingSink())
            try comparer.compare(expectedRoots)
        }
    }

    static func verifiedTree(_ text: [UInt8], expectedRoots: [Node]) throws -> DocumentTree {
        let wideCharacters: [MarkConverter.WideCharacter]
        do {
            wideCharacters = try UTF8Check.validate(text).wideCharacters
        } catch let error as YAMLPatchError {
            throw YAMLPatchError(
                .verification,
                "edit verification failed: the edited text is not UTF-8 here "
                    + "(\(error.message)); nothing was written", at: error.mark)
        }
        let sink = TreeBuildingSink(
            text: text, isASCII: wideCharacters.isEmpty, marks: MarkConverter(text, wideCharacters: wideCharacters))
        let documents = try RawEventReader.reading(text) { reader in
            var comparer = TreeComparer(reader: reader, text: { text }, sink: sink)
            try comparer.compare(expectedRoots)
            return comparer.sink.builder.documents
        }
        return DocumentTree(text: text, documents: documents)
    }
}

/// Where the comparer hands each event after reading it.
protocol EventSink {
    mutating func consume(_ event: RawEvent) throws
}

/// Compare only: the events go nowhere.
struct DiscardingSink: EventSink {
    @inline(__always)
    mutating func consume(_ event: RawEvent) {}
}

/// Compare and build: the events also become the new text's tree.
struct TreeBuildingSink: EventSink {
    var builder: TreeBuilder
    var marks: MarkConverter

    init(text: [UInt8], isASCII: Bool, marks: MarkConverter) {
        builder = TreeBuilder(text: text, isASCII: isASCII)
        self.marks = marks
    }

    mutating func consume(_ event: RawEvent) throws {
        try builder.consume(event, &marks)
    }
}
