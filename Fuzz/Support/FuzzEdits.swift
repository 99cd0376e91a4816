/// Paths and values for fuzzed edits: paths that lead into the parsed tree (or just past it,
/// to create keys), values that stress the writers.
extension FuzzChoices {
    /// Strings that YAML reads as something else, or that need quoting, folding or escaping.
    static let awkwardStrings = [
        "", " ", "a", "yes", "No", "on", "~", "null", "y", "=", "<<", "1e3", "12e4567", "1234567", "0x1F", "0o17",
        "012", "1_000", "1:20", ".inf", "-.INF", ".nan", "2001-12-14", "a: b", "a #b", "#", "- x", "? x", ": x",
        "[x]", "{x: y}", "&a", "*a", "!t", "|", ">", "'", "\"", "\\", "%YAML", "@x", "`x", "---", "...", "- ",
        "\n", "l1\nl2\n", "l1\nl2", "l1\n\nl2\n", "\n\n", "x\n\n", "  lead", "trail  ", "\t", "a\tb", "é✓ 日本",
        "\u{85}", "\u{2028}", "\u{FEFF}", "\r", "\r\n", "\0", "\u{7F}", "\u{1F600}", "x,y", "x]", "::", "-1",
        "+1", "0", "-0.0", "3f2c1a9", "true", "FALSE", "name", "git", "hash",
    ]

    /// A path through `tree`: steps into existing nodes (sometimes by a selector or a negative
    /// index), then sometimes keys that do not exist yet; now and then an expression parsed
    /// from text, to fuzz the path language too.
    mutating func path(in tree: DocumentTree) -> YAMLPath {
        if chance(5), let parsed = try? YAMLPath(string(maximumLength: 12)) { return parsed }
        var steps: [YAMLPath.Step] = []
        if !tree.documents.isEmpty {
            let document = tree.documents[next(tree.documents.count)]
            var node = document.root
            while !chance(25), let (step, child) = step(into: node) {
                steps.append(step)
                node = document.resolvingAlias(child)
            }
        }
        if chance(20) { steps.append(.key(pick(["new", "name", "a", "k1"]))) }
        if chance(10) { steps.append(.key(string(maximumLength: 6))) }
        return YAMLPath(steps: steps)
    }

    private mutating func step(into node: Node) -> (YAMLPath.Step, Node)? {
        switch node.content {
        case .mapping(let pairs, _):
            guard !pairs.isEmpty else { return nil }
            let pair = pairs[next(pairs.count)]
            return pair.key.scalarText.map { (.key($0), pair.value) }
        case .sequence(let items, _):
            guard !items.isEmpty else { return nil }
            let index = next(items.count)
            if chance(20), case .mapping(let pairs, _) = items[index].content, let pair = pairs.first,
                let key = pair.key.scalarText, let value = pair.value.scalarText
            {
                return (.select(key: key, value: value), items[index])
            }
            return (.index(chance(25) ? index - items.count : index), items[index])
        case .scalar, .alias:
            return nil
        }
    }

    /// An edit: set, merge (with or without appending lists), delete or append.
    mutating func operation(in tree: DocumentTree) -> EditOperation {
        switch next(6) {
        case 0, 1: return .set(value(depth: 2, in: tree))
        case 2: return .merge(mergeSpec(in: tree), appendLists: chance(30))
        case 3: return .delete
        default: return .append(value(depth: 2, in: tree))
        }
    }

    /// A mapping, often with keys the tree already has so that merges recurse.
    private mutating func mergeSpec(in tree: DocumentTree) -> YAMLValue {
        let keys = treeKeys(tree)
        let count = 1 + next(3)
        var entries: [YAMLValue.Entry] = []
        for _ in 0..<count {
            let key = !keys.isEmpty && chance(60) ? pick(keys) : string(maximumLength: 5)
            entries.append(
                .init(key: key, value: chance(30) ? mergeSpec(depthLeft: 1, tree) : value(depth: 1, in: tree)))
        }
        return .mapping(entries)
    }

    private mutating func mergeSpec(depthLeft: Int, _ tree: DocumentTree) -> YAMLValue {
        depthLeft > 0 ? mergeSpec(in: tree) : value(depth: 0, in: tree)
    }

    /// A value: a scalar of every type, a collection of them, or a node of the tree read back.
    mutating func value(depth: Int, in tree: DocumentTree) -> YAMLValue {
        switch next(depth > 0 ? 10 : 7) {
        case 0: return .null
        case 1: return .bool(chance(50))
        case 2: return .int(pick([0, 1, -1, 8080, Int.max, Int.min, next(1_000_000)]))
        case 3: return .double(pick([0.5, -0.0, 1e300, .leastNonzeroMagnitude, .infinity, -.infinity, .nan, 3.0]))
        case 4: return .string(pick(Self.awkwardStrings))
        case 5: return .string(string(maximumLength: 10))
        case 6: return treeValue(tree) ?? .string(pick(Self.awkwardStrings))
        case 7: return .sequence((0..<next(3)).map { _ in value(depth: depth - 1, in: tree) })
        default:
            let keys = (0..<next(3)).map { _ in chance(50) ? pick(Self.awkwardStrings) : string(maximumLength: 4) }
            var unique: [String] = []
            for key in keys where !unique.contains(key) { unique.append(key) }
            return .mapping(unique.map { .init(key: $0, value: value(depth: depth - 1, in: tree)) })
        }
    }

    /// Text from printable ASCII, a few awkward characters and some non-ASCII.
    mutating func string(maximumLength: Int) -> String {
        let alphabet = Array("abcXYZ019 -_.:#[]{},&*!|>'\"%@`?=~\\\n\té✓")
        return String((0..<next(maximumLength + 1)).map { _ in pick(alphabet) })
    }

    /// The value of a random node of the tree, when it can be read.
    private mutating func treeValue(_ tree: DocumentTree) -> YAMLValue? {
        guard !tree.documents.isEmpty else { return nil }
        let document = tree.documents[next(tree.documents.count)]
        var node = document.root
        while chance(60), let (_, child) = step(into: node) { node = document.resolvingAlias(child) }
        return try? tree.value(of: node, in: document)
    }

    /// Some keys of the tree's mappings.
    private mutating func treeKeys(_ tree: DocumentTree) -> [String] {
        guard let document = tree.documents.first else { return [] }
        var keys: [String] = []
        var node = document.root
        for _ in 0..<8 {
            if case .mapping(let pairs, _) = node.content { keys += pairs.prefix(4).compactMap(\.key.scalarText) }
            guard let (_, child) = step(into: node) else { break }
            node = document.resolvingAlias(child)
        }
        return keys
    }
}
