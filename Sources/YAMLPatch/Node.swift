/// How a scalar is written in the text.
public enum ScalarStyle: Sendable, Equatable {
    case plain, singleQuoted, doubleQuoted, literal, folded
}

/// How a mapping or sequence is written in the text.
public enum CollectionStyle: Sendable, Equatable {
    case block, flow
}

/// One node of a parsed YAML document, with where it sits in the text.
///
/// `start` is the first byte of the node, including its anchor and tag when it has them;
/// `end` is one past its last byte. For block collections `end` is the end of the last child
/// (libyaml's end events are zero-width at the next token). An empty (null) value has
/// `start == end`.
public struct Node: Sendable {
    /// What the node holds.
    public enum Content: Sendable {
        /// The scalar's value after unquoting/folding, and how it is written.
        case scalar(String, ScalarStyle)
        case mapping([Pair], CollectionStyle)
        case sequence([Node], CollectionStyle)
        /// `*name`, never expanded in the tree.
        case alias(String)
    }

    /// A key and its value in a mapping node.
    public struct Pair: Sendable {
        public var key: Node
        public var value: Node
    }

    public var content: Content
    public var start: SourceMark
    public var end: SourceMark
    public var anchor: String?
    /// The tag as libyaml resolves it (`tag:yaml.org,2002:str` for `!!str`), nil when untagged.
    public var tag: String?

    /// The byte range of the node in the text.
    public var range: Range<Int> { start.offset..<end.offset }

    /// The scalar text when this is a scalar.
    public var scalarText: String? {
        if case .scalar(let text, _) = content { return text }
        return nil
    }

    /// The value paired with `key` when this is a mapping (keys compared as scalar text).
    public func child(forKey key: String) -> Node? {
        guard case .mapping(let pairs, _) = content else { return nil }
        return pairs.first { $0.key.scalarText == key }?.value
    }
}
