/// What an edit does at the nodes its path resolves to.
public enum EditOperation: Sendable {
    /// Replace the value (creating missing mapping keys along the path).
    case set(YAMLValue)
    /// yq's `*=`: mappings merge key by key, anything else is replaced; lists are replaced,
    /// or concatenated with `appendLists` (yq's `*+`). Creates missing keys like `set`.
    case merge(YAMLValue, appendLists: Bool)
    /// Remove the key or item (with its own comment lines directly above it).
    case delete
    /// Add an item at the end of a sequence (a null becomes a one-item sequence).
    case append(YAMLValue)

    /// Whether the path may end in keys that do not exist yet.
    var createsKeys: Bool {
        switch self {
        case .set, .merge: return true
        case .delete, .append: return false
        }
    }
}

/// One change to the original text: the bytes in `range` become `replacement`.
public struct Splice: Sendable, Equatable {
    /// The bytes of the old text replaced (empty for an insertion).
    public let range: Range<Int>
    /// The UTF-8 bytes that take their place.
    public let replacement: [UInt8]
}

/// The outcome of an edit: the new text, the splices that made it from the old one, whether
/// anything changed (setting a value to what it already is changes nothing), and how many
/// places the path led to.
public struct EditResult: Sendable {
    /// The new text, as the old text and the splices, for writers that take it piece by piece.
    public let newText: SplicedText
    /// The new text (the old one when nothing changed); put together on each use, unless the
    /// verifying re-parse needed it whole (``DocumentTree/applyingWithTree(_:at:)``).
    public var text: [UInt8] { newText.bytes }
    /// The splices that made `text` from the old text, in position order.
    public var splices: [Splice] { newText.splices }
    /// Whether `text` differs from the old text.
    public let changed: Bool
    /// The nodes the path resolved to (for a delete: the entries removed), plus the places
    /// where a set or merge created the missing keys at the end of the path.
    public let matchCount: Int
}

/// An edit together with the tree of its new text, which the verifying re-parse built.
public struct VerifiedEdit: Sendable {
    /// The new text and how it was made.
    public let result: EditResult
    /// The new text parsed, with its positions (the old tree when nothing changed).
    public let tree: DocumentTree
}
