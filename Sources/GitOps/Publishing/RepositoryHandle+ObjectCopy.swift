extension RepositoryHandle {
    /// Whether the object database holds `id`.
    func contains(_ id: ObjectID) throws -> Bool {
        try objectDatabase().contains(id)
    }

    /// The objects a commit that changed only `path` adds to its parent's: the entry at `path`,
    /// the trees leading to it from the deepest up, the root tree, then the commit itself. Copied
    /// in this order, a commit is never present without its new objects.
    func objectsChanged(atPath path: String, byCommit commit: ObjectID) throws -> [ObjectID] {
        let tree = try self.commit(commit).tree()
        let components = path.split(separator: "/")
        let entries = try stride(from: components.count, through: 1, by: -1).map { depth in
            try tree.existingEntry(atPath: components.prefix(depth).joined(separator: "/")).id
        }
        return entries + [tree.id, commit]
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
