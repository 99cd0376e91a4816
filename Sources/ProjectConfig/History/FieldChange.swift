import YAMLPatch

/// One field of an item that differs between two versions of a project file: its path inside
/// the item as a path expression (`git.hash`, `domains[0]`), and its value before and after
/// (nil: the field was absent). Collections are compared leaf by leaf; an empty one is a leaf.
public struct FieldChange: Sendable, Equatable {
    /// The field, relative to the item: `git.hash`.
    public let path: String
    /// The value in the older version; nil when absent.
    public let old: YAMLValue?
    /// The value in the newer version; nil when absent.
    public let new: YAMLValue?

    public init(path: String, old: YAMLValue?, new: YAMLValue?) {
        self.path = path
        self.old = old
        self.new = new
    }

    /// The fields that differ from `old` to `new` (nil: the item is absent): those of `new` in
    /// its order, then those only `old` has.
    public static func between(_ old: YAMLValue?, _ new: YAMLValue?) -> [FieldChange] {
        let oldFields = old.map(flattened) ?? []
        let newFields = new.map(flattened) ?? []
        var oldByPath: [String: YAMLValue] = [:]
        for (path, value) in oldFields { oldByPath[path] = value }
        let newPaths = Set(newFields.map(\.0))
        var changes = newFields.compactMap { path, value in
            oldByPath[path] == value ? nil : FieldChange(path: path, old: oldByPath[path], new: value)
        }
        changes += oldFields.filter { !newPaths.contains($0.0) }.map { FieldChange(path: $0.0, old: $0.1, new: nil) }
        return changes
    }

    /// The leaves of `value` with their paths, in document order.
    static func flattened(_ value: YAMLValue) -> [(String, YAMLValue)] {
        var leaves: [(String, YAMLValue)] = []
        collect(value, at: [], into: &leaves)
        return leaves
    }

    private static func collect(
        _ value: YAMLValue, at steps: [YAMLPath.Step], into leaves: inout [(String, YAMLValue)]
    ) {
        switch value {
        case .mapping(let entries) where !entries.isEmpty:
            for entry in entries { collect(entry.value, at: steps + [.key(entry.key)], into: &leaves) }
        case .sequence(let items) where !items.isEmpty:
            for (index, item) in items.enumerated() { collect(item, at: steps + [.index(index)], into: &leaves) }
        default:
            leaves.append((YAMLPath(steps: steps).description, value))
        }
    }
}
