/// A sequence's items: read in place from the parsed document (each ``Node`` made when
/// asked for), or built by an edit. It reads like an array; the first change to a parsed
/// list copies its items out.
public struct NodeList: RandomAccessCollection, MutableCollection, RangeReplaceableCollection,
    ExpressibleByArrayLiteral, Sendable
{
    var run: ChildRun<Node>

    init(_ store: NodeStore, _ stored: StoredNode) {
        run = .stored(store, first: stored.payload, count: UInt32(truncatingIfNeeded: stored.entryCount))
    }

    /// No items.
    public init() { run = .built([]) }
    /// These items, in order.
    public init(_ items: [Node]) { run = .built(items) }
    /// These items, in order.
    public init(arrayLiteral items: Node...) { run = .built(items) }

    public var startIndex: Int { 0 }
    public var endIndex: Int { run.count }

    /// The item at `position` (made from the store when the list was parsed).
    public subscript(position: Int) -> Node {
        get { run[position] }
        set { run.modifyArray { $0[position] = newValue } }
    }

    /// Replaces the items in `range` with `items`.
    public mutating func replaceSubrange<Items: Collection>(_ range: Range<Int>, with items: Items)
    where Items.Element == Node {
        run.modifyArray { $0.replaceSubrange(range, with: items) }
    }

    /// Runs `body` on the item at `position` where it is, so that what it holds is not
    /// shared with a copy when `body` changes it (editing every item a path selects stays
    /// linear in their number).
    mutating func modifyItem<Result>(at position: Int, _ body: (inout Node) throws -> Result) rethrows -> Result {
        try run.modifyArray { try body(&$0[position]) }
    }

    /// The positions of the items that are mappings holding the scalar `value` at `key`,
    /// aliases resolved in `document` (what a path's `[key=value]` selects), read in place.
    func positions(holding value: String, atKey key: String, in document: DocumentTree.Document) -> [Int] {
        switch run {
        case .stored(let store, let first, let count):
            let (valueProbe, keyProbe) = (ScalarProbe(value), ScalarProbe(key))
            return (0..<Int(count)).filter { position in
                let index = Int(first) + position
                guard store.nodes[index].kind == .alias else {
                    return store.holdsScalar(valueProbe, atKey: keyProbe, mapping: index)
                }
                return document.resolvingAlias(store.node(at: index)).holdsScalar(value, atKey: key)
            }
        case .built(let items):
            return items.indices.filter { document.resolvingAlias(items[$0]).holdsScalar(value, atKey: key) }
        }
    }
}

/// A mapping's pairs, in order: read in place from the parsed document, or built by an
/// edit, like ``NodeList``.
public struct PairList: RandomAccessCollection, MutableCollection, RangeReplaceableCollection,
    ExpressibleByArrayLiteral, Sendable
{
    var run: ChildRun<Node.Pair>

    init(_ store: NodeStore, _ stored: StoredNode) {
        run = .stored(store, first: stored.payload, count: UInt32(truncatingIfNeeded: stored.entryCount))
    }

    /// No pairs.
    public init() { run = .built([]) }
    /// These pairs, in order.
    public init(_ pairs: [Node.Pair]) { run = .built(pairs) }
    /// These pairs, in order.
    public init(arrayLiteral pairs: Node.Pair...) { run = .built(pairs) }

    public var startIndex: Int { 0 }
    public var endIndex: Int { run.count }

    /// The pair at `position` (made from the store when the mapping was parsed).
    public subscript(position: Int) -> Node.Pair {
        get { run[position] }
        set { run.modifyArray { $0[position] = newValue } }
    }

    /// Replaces the pairs in `range` with `pairs`.
    public mutating func replaceSubrange<Pairs: Collection>(_ range: Range<Int>, with pairs: Pairs)
    where Pairs.Element == Node.Pair {
        run.modifyArray { $0.replaceSubrange(range, with: pairs) }
    }

    /// Runs `body` on the value of the pair at `position` where it is (see
    /// ``NodeList/modifyItem(at:_:)``).
    mutating func modifyValue<Result>(at position: Int, _ body: (inout Node) throws -> Result) rethrows -> Result {
        try run.modifyArray { try body(&$0[position].value) }
    }

    /// The position of the pair whose key is the scalar `key`.
    public func firstIndex(ofKey key: String) -> Int? {
        switch run {
        case .stored(let store, let first, let count):
            return store.pairIndex(ofKey: ScalarProbe(key), first: Int(first), count: Int(count))
        case .built(let pairs):
            return pairs.firstIndex { $0.key.scalarText == key }
        }
    }

    /// Whether the value at `key` is the scalar `value`, read in place.
    func holdsScalar(_ value: String, atKey key: String) -> Bool {
        guard let position = firstIndex(ofKey: key) else { return false }
        switch run {
        case .stored(let store, let first, _):
            return store.isScalar(ScalarProbe(value), at: Int(first) + 2 * position + 1)
        case .built(let pairs): return pairs[position].value.scalarText == value
        }
    }
}

/// What a node's children are made from in a ``NodeStore``: a node, or a pair (two nodes).
protocol StoredElement: Sendable {
    /// How many stored nodes one element takes.
    static var width: Int { get }
    /// The element whose first node is at `index`.
    static func load(from store: NodeStore, at index: Int) -> Self
}

extension Node: StoredElement {
    static var width: Int { 1 }
    static func load(from store: NodeStore, at index: Int) -> Node { store.node(at: index) }
}

extension Node.Pair: StoredElement {
    static var width: Int { 2 }
    static func load(from store: NodeStore, at index: Int) -> Node.Pair {
        Node.Pair(key: store.node(at: index), value: store.node(at: index + 1))
    }
}

/// Where a collection's children are: a run of a document's stored nodes, or elements built
/// in memory.
enum ChildRun<Element: StoredElement>: Sendable {
    case stored(NodeStore, first: UInt32, count: UInt32)
    case built([Element])

    var count: Int {
        switch self {
        case .stored(_, _, let count): return Int(count)
        case .built(let elements): return elements.count
        }
    }

    subscript(position: Int) -> Element {
        switch self {
        case .stored(let store, let first, let count):
            precondition(position >= 0 && position < Int(count), "index out of range")
            return Element.load(from: store, at: Int(first) + position * Element.width)
        case .built(let elements):
            return elements[position]
        }
    }

    /// Runs `body` on the elements as an array, held uniquely so that it changes in place.
    mutating func modifyArray<Result>(_ body: (inout [Element]) throws -> Result) rethrows -> Result {
        var elements: [Element]
        switch self {
        case .stored(let store, let first, let count):
            elements = (0..<Int(count)).map { Element.load(from: store, at: Int(first) + $0 * Element.width) }
        case .built(let built):
            elements = built
        }
        self = .built([])
        defer { self = .built(elements) }
        return try body(&elements)
    }
}
