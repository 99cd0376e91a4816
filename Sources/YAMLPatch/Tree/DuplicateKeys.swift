/// A key written a second time in one mapping. YAML forbids it, and readers disagree on which
/// value wins (the first for some, the last for Helm and jq), so an edit could change a value
/// nobody reads: edits refuse a text that has one, and validation can report it.
public struct DuplicateKey: Sendable, Equatable {
    /// The key's text.
    public let key: String
    /// Where the key is first written in its mapping.
    public let first: SourceMark
    /// Where it is written again.
    public let duplicate: SourceMark
}

extension DocumentTree {
    /// Every key written a second time in its mapping, in every document (in the order the
    /// mappings end). Keys are compared as the path language and ``value(of:in:)`` see them: by
    /// their text, whatever their quoting or tag (`a`, `"a"` and `'a'` are one key; so are `1`
    /// and `"1"`, which Helm's and JSON's string keys make one), as Swift compares strings (`K`
    /// and the Kelvin sign are one key, as they are one key to a path). Keys that are aliases
    /// or collections are not compared.
    public func duplicateKeys() -> [DuplicateKey] {
        documents.flatMap(\.duplicateKeys)
    }

    /// Throws `.duplicateKey` at the first duplicate key of the text: edits refuse such a text.
    func checkNoDuplicateKeys() throws {
        guard let duplicate = documents.lazy.compactMap(\.duplicateKeys.first).first else { return }
        throw YAMLPatchError(
            .duplicateKey,
            "the key '\(duplicate.key)' is already in this mapping (line \(duplicate.first.line)); "
                + "config-api does not edit a file with duplicate keys, as YAML readers disagree on which one counts",
            at: duplicate.duplicate)
    }
}

/// Finds the keys of one mapping that repeat an earlier key: pairwise for the few keys most
/// mappings have, by hashing for more. One scan serves many mappings and keeps its buffers.
struct DuplicateKeyScan {
    /// Up to this many keys, a mapping's keys are compared pairwise.
    static let pairwiseLimit = 8

    /// The texts of the current mapping's keys, in its first `count` elements.
    private var keys: [String?] = []
    private var seen: [String: Int] = [:]

    /// Pairs of key indexes (`first` < `duplicate`) whose texts are equal; `text` gives the
    /// text of key `index` (called once per key), nil for keys that are not compared.
    @inline(__always)
    mutating func duplicates(count: Int, text: (Int) -> String?) -> [(first: Int, duplicate: Int)] {
        guard count > 1 else { return [] }
        // Overwritten in place: emptying the array first costs more than a small mapping's scan.
        if keys.count < count { keys += repeatElement(nil, count: count - keys.count) }
        for index in 0..<count { keys[index] = text(index) }
        var found: [(first: Int, duplicate: Int)] = []
        if count <= Self.pairwiseLimit {
            for index in 1..<count {
                guard let key = keys[index] else { continue }
                if let first = (0..<index).first(where: { keys[$0] == key }) { found.append((first, index)) }
            }
            return found
        }
        seen.removeAll(keepingCapacity: true)
        for index in 0..<count {
            guard let key = keys[index] else { continue }
            if let first = seen[key] { found.append((first, index)) } else { seen[key] = index }
        }
        return found
    }
}
