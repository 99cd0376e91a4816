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
/// `endOffset` is one past its last byte. For block collections that is the end of the last
/// child (libyaml's end events are zero-width at the next token). An empty (null) value has
/// `start.offset == endOffset`. The end is kept as an offset alone: its line and column, which
/// the text gives, are rarely asked for.
///
/// A parsed tree keeps its nodes compactly (``NodeStore``) and makes a `Node` for each one
/// asked for: a collection's ``PairList`` or ``NodeList`` reads the stored children in place.
public struct Node: Sendable {
    /// What the node holds.
    public enum Content: Sendable {
        /// The scalar's value after unquoting/folding, and how it is written.
        case scalar(String, ScalarStyle)
        case mapping(PairList, CollectionStyle)
        case sequence(NodeList, CollectionStyle)
        /// `*name`, never expanded in the tree: the document resolves it
        /// (``DocumentTree/Document/resolvingAlias(_:)``).
        case alias(Alias)
    }

    /// An alias as written, and the anchored node of its document it refers to: the most
    /// recent node anchored with its name before it, found once while the tree is built.
    public struct Alias: Sendable, Equatable {
        /// The anchor name, without the `*`.
        public let name: String
        /// The target's index among its document's anchored nodes; -1 when no node anchored
        /// with `name` precedes the alias.
        let anchorIndex: Int32

        /// Content that stands in for a collection's while it is changed in place.
        static let placeholder = Alias(name: "", anchorIndex: -1)
    }

    /// A key and its value in a mapping node.
    public struct Pair: Sendable {
        /// The key node (usually a scalar).
        public internal(set) var key: Node
        /// The value node (an empty plain scalar when the key has none).
        public internal(set) var value: Node
    }

    /// What the node holds.
    public internal(set) var content: Content
    /// `start` in 12 bytes instead of 24, the end in 4, and anchor and tag (rare) behind one
    /// reference.
    var startMark: CompactMark
    var endByte: UInt32
    /// Read through `anchor` and `tag`. (Nodes are made with the memberwise initialiser: the
    /// optimiser copies a node built by an explicit one before pushing it.)
    var properties: Properties?

    /// Where the node starts.
    public var start: SourceMark { startMark.mark }

    /// The byte offset one past where the node ends.
    public var endOffset: Int { Int(endByte) }

    /// The anchor name (without the `&`), nil when the node has none.
    public var anchor: String? { properties?.anchor }

    /// The tag as libyaml resolves it (`tag:yaml.org,2002:str` for `!!str`), nil when untagged.
    public var tag: String? { properties?.tag }

    /// The byte range of the node in the text.
    public var range: Range<Int> { start.offset..<endOffset }

    /// The scalar text when this is a scalar.
    public var scalarText: String? {
        if case .scalar(let text, _) = content { return text }
        return nil
    }

    /// The value paired with `key` when this is a mapping (keys compared as scalar text).
    public func child(forKey key: String) -> Node? {
        guard case .mapping(let pairs, _) = content, let index = pairs.firstIndex(ofKey: key) else { return nil }
        return pairs[index].value
    }

    /// Whether this is a mapping whose value at `key` is the scalar `text` (what a path's
    /// `[key=text]` selects), read in place.
    func holdsScalar(_ text: String, atKey key: String) -> Bool {
        guard case .mapping(let pairs, _) = content else { return false }
        return pairs.holdsScalar(text, atKey: key)
    }
}

extension Node {
    /// A node placed by its start and end, without anchor or tag.
    init(content: Content, start: SourceMark, endOffset: Int) {
        self.init(content: content, startMark: CompactMark(start), endByte: UInt32(clamping: endOffset))
    }
}

/// A node's anchor and tag, shared between copies of the node, never changed.
final class Properties: Sendable {
    let anchor: String?
    let tag: String?
    /// With an anchor: the node's index among its document's anchored nodes.
    let anchorIndex: Int32

    init(anchor: String?, tag: String?, anchorIndex: Int32) {
        self.anchor = anchor
        self.tag = tag
        self.anchorIndex = anchorIndex
    }
}

/// A ``SourceMark`` in 32-bit fields: texts are limited to 4 GiB (``DocumentTree`` checks).
struct CompactMark {
    var offset: UInt32
    var line: UInt32
    var column: UInt32

    /// From fields known to fit (positions in a text under 4 GiB).
    init(offset: Int, line: Int, column: Int) {
        self.offset = UInt32(truncatingIfNeeded: offset)
        self.line = UInt32(truncatingIfNeeded: line)
        self.column = UInt32(truncatingIfNeeded: column)
    }

    init(_ mark: SourceMark) {
        offset = UInt32(clamping: mark.offset)
        line = UInt32(clamping: mark.line)
        column = UInt32(clamping: mark.column)
    }

    var mark: SourceMark { SourceMark(offset: Int(offset), line: Int(line), column: Int(column)) }
}
