@testable import YAMLPatch

/// A scalar, an alias or an empty collection a path can reach: every key on the way is a
/// scalar and the first of its text in its mapping. Aliases are leaves, not followed.
struct Leaf {
    var path: [YAMLPath.Step]

    /// The leaves of every document, in document order, each path once.
    static func all(in tree: DocumentTree) -> [Leaf] {
        var paths: [[YAMLPath.Step]] = []
        for document in tree.documents { collect(document.root, path: [], into: &paths) }
        var seen: Set<String> = []
        return paths.filter { seen.insert(YAMLPath(steps: $0).description).inserted }.map(Leaf.init)
    }

    private static func collect(_ node: Node, path: [YAMLPath.Step], into paths: inout [[YAMLPath.Step]]) {
        switch node.content {
        case .scalar, .alias:
            paths.append(path)
        case .mapping(let pairs, _) where pairs.isEmpty:
            paths.append(path)
        case .sequence(let items, _) where items.isEmpty:
            paths.append(path)
        case .mapping(let pairs, _):
            var seen: Set<String> = []
            for pair in pairs {
                guard let key = pair.key.scalarText, seen.insert(key).inserted else { continue }
                collect(pair.value, path: path + [.key(key)], into: &paths)
            }
        case .sequence(let items, _):
            for (index, item) in items.enumerated() { collect(item, path: path + [.index(index)], into: &paths) }
        }
    }

    /// What setting the value at a path must do, worked out independently of YAMLPatch's walker:
    /// where the path resolves, and whether it goes through an alias or reaches a node that an
    /// alias refers to (an alias refers to the most recent node anchored with its name before it).
    struct Outcome {
        struct Resolved {
            var documentIndex: Int
            var node: Node
            /// The key of the value, when the path's last step is a key.
            var key: Node?
        }

        var resolved: [Resolved] = []
        var touchesAnAlias = false

        init(of path: [YAMLPath.Step], in tree: DocumentTree) {
            for (index, document) in tree.documents.enumerated() {
                var aliases = AliasTargets()
                aliases.visit(document.root)
                var node = document.root
                var key: Node?
                var touches = false
                var resolves = true
                for position in 0...path.count {
                    if position > 0 {
                        guard let next = Self.child(of: node, path[position - 1]) else {
                            resolves = false
                            break
                        }
                        (node, key) = next
                    }
                    if case .alias = node.content {
                        touches = true
                        if let target = aliases.target[node.start.offset] {
                            node = target
                        } else if position < path.count {
                            resolves = false
                            break
                        }
                    }
                    if aliases.isTarget(node) { touches = true }
                }
                guard resolves else { continue }
                if aliases.containsTarget(node) { touches = true }
                resolved.append(Resolved(documentIndex: index, node: node, key: key))
                touchesAnAlias = touchesAnAlias || touches
            }
        }

        private static func child(of node: Node, _ step: YAMLPath.Step) -> (Node, Node?)? {
            switch (step, node.content) {
            case (.key(let key), .mapping(let pairs, _)):
                return pairs.first { $0.key.scalarText == key }.map { ($0.value, $0.key) }
            case (.index(let index), .sequence(let items, _)) where items.indices.contains(index):
                return (items[index], nil)
            default:
                return nil
            }
        }
    }
}

/// The targets of a document's aliases, found by walking it in document order.
struct AliasTargets {
    /// The target of each alias, by the alias's offset.
    var target: [Int: Node] = [:]
    private var targetOffsets: Set<Int> = []
    private var latest: [String: Node] = [:]

    mutating func visit(_ node: Node) {
        if let anchor = node.anchor { latest[anchor] = node }
        switch node.content {
        case .alias(let alias):
            if let anchored = latest[alias.name] {
                target[node.start.offset] = anchored
                targetOffsets.insert(anchored.start.offset)
            }
        case .mapping(let pairs, _):
            for pair in pairs {
                visit(pair.key)
                visit(pair.value)
            }
        case .sequence(let items, _):
            items.forEach { visit($0) }
        case .scalar:
            break
        }
    }

    func isTarget(_ node: Node) -> Bool {
        node.anchor != nil && targetOffsets.contains(node.start.offset)
    }

    func containsTarget(_ node: Node) -> Bool {
        if isTarget(node) { return true }
        switch node.content {
        case .mapping(let pairs, _): return pairs.contains { containsTarget($0.key) || containsTarget($0.value) }
        case .sequence(let items, _): return items.contains(where: containsTarget)
        case .scalar, .alias: return false
        }
    }
}
