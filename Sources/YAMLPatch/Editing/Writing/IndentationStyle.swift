/// How a file indents what it nests, learnt from the file itself so new blocks look like the
/// old ones: the seed's project files use 4 and 4, Kubernetes manifests often 2 and 0.
struct IndentationStyle: Equatable {
    /// Columns from a key to the keys of the mapping under it.
    var mappingStep: Int
    /// Columns from a key to the `-` of the sequence under it (0 for `key:\n- item`).
    var sequenceIndent: Int

    static let fallback = IndentationStyle(mappingStep: 2, sequenceIndent: 2)

    /// The first nested mapping and the first sequence under a key decide; a file without one
    /// of them uses the other's step.
    static func detect(in documents: [DocumentTree.Document]) -> IndentationStyle {
        var finder = StepFinder()
        for document in documents where !finder.isComplete { finder.visit(document.root) }
        let mapping = finder.mappingStep ?? finder.sequenceIndent.flatMap { $0 > 0 ? $0 : nil } ?? fallback.mappingStep
        return IndentationStyle(mappingStep: mapping, sequenceIndent: finder.sequenceIndent ?? mapping)
    }
}

/// Walks block mappings until it has seen a nested mapping and a nested sequence.
private struct StepFinder {
    var mappingStep: Int?
    var sequenceIndent: Int?
    var isComplete: Bool { mappingStep != nil && sequenceIndent != nil }

    mutating func visit(_ node: Node) {
        switch node.content {
        case .mapping(let pairs, .block):
            for pair in pairs where !isComplete {
                record(key: pair.key, value: pair.value)
                visit(pair.value)
            }
        case .sequence(let items, _):
            for item in items where !isComplete { visit(item) }
        case .mapping(_, .flow), .scalar, .alias:
            break
        }
    }

    private mutating func record(key: Node, value: Node) {
        guard value.start.line > key.start.line, value.anchor == nil, value.tag == nil else { return }
        switch value.content {
        case .mapping(_, .block) where mappingStep == nil && value.start.column > key.start.column:
            mappingStep = value.start.column - key.start.column
        case .sequence(_, .block) where sequenceIndent == nil && value.start.column >= key.start.column:
            sequenceIndent = value.start.column - key.start.column
        default:
            break
        }
    }
}
