/// A parsed node as the tree keeps it: 24 bytes, with no string and no array of its own.
///
/// A collection's children are a run of other stored nodes (keys and values alternating for
/// a mapping); a scalar's value is usually its own text, so only the others keep a string.
struct StoredNode {
    /// What the node is, with its style: the low bits of `bits`.
    enum Kind: UInt32 {
        case plain, singleQuoted, doubleQuoted, literal, folded
        case blockMapping, flowMapping, blockSequence, flowSequence, alias
    }

    var start: CompactMark
    var endByte: UInt32
    /// A collection's first child; a scalar's index in ``NodeStore/values``, or
    /// ``valueIsText`` when its value is its text; an alias's index in ``NodeStore/aliases``.
    var payload: UInt32
    /// The kind (4 bits), whether the node has an anchor or tag (1 bit), and a collection's
    /// number of pairs or items (the rest).
    var bits: UInt32

    static let valueIsText = UInt32.max
    static let hasPropertiesBit: UInt32 = 1 << 4
    /// The most pairs or items a collection may have (the count's 27 bits).
    static let maximumEntryCount = Int(UInt32.max >> 5)

    init(_ kind: Kind, start: CompactMark, endByte: UInt32, payload: UInt32, hasProperties: Bool) {
        self.start = start
        self.endByte = endByte
        self.payload = payload
        bits = kind.rawValue | (hasProperties ? Self.hasPropertiesBit : 0)
    }

    var kind: Kind { Kind(rawValue: bits & 0xF) ?? .alias }
    var scalarStyle: ScalarStyle {
        switch kind {
        case .singleQuoted: return .singleQuoted
        case .doubleQuoted: return .doubleQuoted
        case .literal: return .literal
        case .folded: return .folded
        default: return .plain
        }
    }
    var collectionStyle: CollectionStyle { kind == .flowMapping || kind == .flowSequence ? .flow : .block }
    var hasProperties: Bool { bits & Self.hasPropertiesBit != 0 }
    var isScalar: Bool { bits & 0xF <= Kind.folded.rawValue }
    var isMapping: Bool { kind == .blockMapping || kind == .flowMapping }
    var entryCount: Int { Int(bits >> 5) }

    /// The node's bytes in the `text` it was read from.
    func bytes(in text: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: text[Int(start.offset)..<Int(endByte)])
    }

    /// A scalar's value: its own bytes in `text`, or its entry in `values`.
    func scalarText(in text: UnsafeBufferPointer<UInt8>, values: [String]) -> String {
        payload == Self.valueIsText ? String(decoding: bytes(in: text), as: UTF8.self) : values[Int(payload)]
    }

    /// A collection's run of children, once they are stored.
    mutating func setChildren(first: Int, entryCount: Int) {
        payload = UInt32(truncatingIfNeeded: first)
        bits = (bits & 0x1F) | UInt32(truncatingIfNeeded: entryCount) << 5
    }
}

/// A text looked for among stored scalars, with whether it is ASCII (then a text of other
/// bytes cannot be equal to it), found out once per search.
struct ScalarProbe {
    let text: String
    let isASCII: Bool

    init(_ text: String) {
        self.text = text
        isASCII = text.utf8.allSatisfy { $0 < 0x80 }
    }
}

extension StoredNode.Kind {
    init(_ style: ScalarStyle) {
        switch style {
        case .plain: self = .plain
        case .singleQuoted: self = .singleQuoted
        case .doubleQuoted: self = .doubleQuoted
        case .literal: self = .literal
        case .folded: self = .folded
        }
    }
}

/// The nodes of one parsed text, in runs of children (see ``StoredNode``), with the text
/// they were read from. ``Node`` values are made from it when asked for, so a large file
/// costs 24 bytes per node rather than a `Node` and a share of an array: the verifier and path
/// selections read it in place. (A `Node` made from it keeps the whole store alive.)
final class NodeStore: Sendable {
    let text: [UInt8]
    let nodes: [StoredNode]
    /// The values of scalars that are not their own text (quoted, folded, multi-line,
    /// or with an anchor or tag before them).
    let values: [String]
    let aliases: [Node.Alias]
    /// Anchors and tags, by node index.
    let properties: [UInt32: Properties]
    /// Whether the nodes' text is all ASCII (then equal texts are equal bytes).
    let isASCII: Bool
    /// Whether some mapping of the document has a key twice (then the verifier checks the
    /// keys of stored mappings as it does those of edited ones).
    let hasDuplicateKeys: Bool

    init(
        text: [UInt8], isASCII: Bool, nodes: [StoredNode], values: [String], aliases: [Node.Alias],
        properties: [UInt32: Properties], hasDuplicateKeys: Bool
    ) {
        self.text = text
        self.isASCII = isASCII
        self.nodes = nodes
        self.values = values
        self.aliases = aliases
        self.properties = properties
        self.hasDuplicateKeys = hasDuplicateKeys
    }

    /// The node at `index`, as the tree's consumers see it.
    func node(at index: Int) -> Node {
        let stored = nodes[index]
        let content: Node.Content
        switch stored.kind {
        case .plain, .singleQuoted, .doubleQuoted, .literal, .folded:
            content = .scalar(scalarText(stored), stored.scalarStyle)
        case .blockMapping, .flowMapping: content = .mapping(PairList(self, stored), stored.collectionStyle)
        case .blockSequence, .flowSequence: content = .sequence(NodeList(self, stored), stored.collectionStyle)
        case .alias: content = .alias(aliases[Int(stored.payload)])
        }
        return Node(
            content: content, startMark: stored.start, endByte: stored.endByte,
            properties: properties(of: index))
    }

    /// The anchor and tag of the node at `index`, when it has either.
    func properties(of index: Int) -> Properties? {
        nodes[index].hasProperties ? properties[UInt32(truncatingIfNeeded: index)] : nil
    }

    /// The text of the scalar at `index`; nil for other nodes.
    func scalarText(at index: Int) -> String? {
        let stored = nodes[index]
        return stored.isScalar ? scalarText(stored) : nil
    }

    private func scalarText(_ stored: StoredNode) -> String {
        text.withUnsafeBufferPointer { stored.scalarText(in: $0, values: values) }
    }

    /// Whether the node at `index` is a scalar of `probe`'s text, read in place.
    func isScalar(_ probe: ScalarProbe, at index: Int) -> Bool {
        let stored = nodes[index]
        guard stored.isScalar else { return false }
        if stored.payload != StoredNode.valueIsText { return values[Int(stored.payload)] == probe.text }
        return text.withUnsafeBufferPointer { text in
            let bytes = stored.bytes(in: text)
            if RawEvent.bytes(bytes, areUTF8Of: probe.text) { return true }
            return !(isASCII && probe.isASCII) && Self.canonicallyEqual(bytes, probe.text)
        }
    }

    /// Whether `bytes` and `string` are the same text as Swift compares strings (canonically
    /// equivalent): the bytes first, and as strings only when they differ and are not all
    /// ASCII (`K` and the Kelvin sign are one text).
    static func sameText(_ bytes: UnsafeBufferPointer<UInt8>, _ string: String) -> Bool {
        RawEvent.bytes(bytes, areUTF8Of: string) || canonicallyEqual(bytes, string)
    }

    /// Whether `bytes` and `string`, known to differ byte for byte, are still one text to
    /// Swift (only possible when one of them is not ASCII).
    private static func canonicallyEqual(_ bytes: UnsafeBufferPointer<UInt8>, _ string: String) -> Bool {
        if bytes.allSatisfy({ $0 < 0x80 }), string.utf8.allSatisfy({ $0 < 0x80 }) { return false }
        return String(decoding: bytes, as: UTF8.self) == string
    }

    /// Whether the stored scalar has the value `bytes` (an event's): the verifier's test.
    @inline(__always)
    func scalarValue(of stored: StoredNode, is bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if stored.payload != StoredNode.valueIsText {
            return RawEvent.bytes(bytes, areUTF8Of: values[Int(stored.payload)])
        }
        return text.withUnsafeBufferPointer { text in
            RawEvent.bytes(bytes, equal: stored.bytes(in: text))
        }
    }

    /// The position of the pair whose key is the scalar `key`, among the `count` pairs stored
    /// from `first`.
    func pairIndex(ofKey key: ScalarProbe, first: Int, count: Int) -> Int? {
        (0..<count).first { isScalar(key, at: first + 2 * $0) }
    }

    /// Whether the node at `index` is a mapping whose value at `key` is the scalar `value`.
    func holdsScalar(_ value: ScalarProbe, atKey key: ScalarProbe, mapping index: Int) -> Bool {
        let stored = nodes[index]
        guard stored.isMapping else { return false }
        let first = Int(stored.payload)
        guard let pair = pairIndex(ofKey: key, first: first, count: stored.entryCount) else { return false }
        return isScalar(value, at: first + 2 * pair + 1)
    }
}
