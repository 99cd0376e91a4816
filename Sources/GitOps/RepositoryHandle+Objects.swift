import CLibGit2

extension RepositoryHandle {
    /// Whether the object database holds `id`.
    func contains(_ id: ObjectID) throws -> Bool {
        try withObjectDatabase { database in
            var raw = id.raw
            return git_odb_exists(database, &raw) == 1
        }
    }

    /// The objects a commit that changed only `path` adds to its parent's: the entry at `path`,
    /// the trees leading to it from the deepest up, the root tree, then the commit itself. Copied
    /// in this order, a commit is never present without its new objects.
    func objectsChanged(atPath path: String, byCommit commit: ObjectID) throws -> [ObjectID] {
        let tree = try treeOf(commit)
        defer { git_tree_free(tree) }
        let components = path.split(separator: "/")
        var ids = [ObjectID]()
        for depth in stride(from: components.count, through: 1, by: -1) {
            var entry: OpaquePointer?
            let prefix = components.prefix(depth).joined(separator: "/")
            try LibGit2.check(git_tree_entry_bypath(&entry, tree, prefix), "read \(prefix) in \(commit)")
            ids.append(ObjectID(git_tree_entry_id(entry).pointee))
            git_tree_entry_free(entry)
        }
        return ids + [ObjectID(git_tree_id(tree).pointee), commit]
    }

    /// Copies the objects `ids` (in this order) from `source`'s object database into this one's,
    /// skipping those it already holds.
    func copyObjects(_ ids: [ObjectID], from source: RepositoryHandle) throws {
        try source.withObjectDatabase { origin in
            try withObjectDatabase { target in
                for id in ids {
                    var raw = id.raw
                    guard git_odb_exists(target, &raw) != 1 else { continue }
                    var object: OpaquePointer?
                    try LibGit2.check(git_odb_read(&object, origin, &raw), "read object \(id)")
                    defer { git_odb_object_free(object) }
                    var written = git_oid()
                    try LibGit2.check(git_odb_write(&written, target, git_odb_object_data(object), git_odb_object_size(object),
                                                    git_odb_object_type(object)), "copy object \(id)")
                }
            }
        }
    }

    private func withObjectDatabase<Result>(_ body: (OpaquePointer) throws -> Result) throws -> Result {
        var database: OpaquePointer?
        try LibGit2.check(git_repository_odb(&database, pointer), "open the object database")
        defer { git_odb_free(database) }
        return try body(database!)
    }
}
