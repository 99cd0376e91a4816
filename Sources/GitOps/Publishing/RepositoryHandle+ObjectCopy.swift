extension RepositoryHandle {
    /// Whether the object database holds `id`.
    func contains(_ id: ObjectID) throws -> Bool {
        try objectDatabase().contains(id)
    }

    /// The objects a commit that changed only `paths` adds to its parent's: the entries at
    /// `paths`, the trees leading to them from the deepest up, the root tree, then the commit
    /// itself. Copied in this order, a commit is never present without its new objects.
    func objectsChanged(atPaths paths: [String], byCommit commit: ObjectID) throws -> [ObjectID] {
        let tree = try self.commit(commit).tree()
        var prefixes: [String] = []
        for path in paths {
            let components = path.split(separator: "/")
            for depth in stride(from: components.count, through: 1, by: -1) {
                prefixes.append(components.prefix(depth).joined(separator: "/"))
            }
        }
        let depth = { (path: String) in path.split(separator: "/").count }
        let deepestFirst = Set(prefixes).sorted { (depth($0), $0) > (depth($1), $1) }
        return try deepestFirst.map { try tree.existingEntry(atPath: $0).id } + [tree.id, commit]
    }

    /// Copies the objects `ids` (in this order) from `source`'s object database into this one's,
    /// skipping those it already holds.
    func copyObjects(_ ids: [ObjectID], from source: RepositoryHandle) throws {
        let origin = try source.objectDatabase()
        let target = try objectDatabase()
        for id in ids where !target.contains(id) {
            try target.write(origin.read(id))
        }
    }
}
