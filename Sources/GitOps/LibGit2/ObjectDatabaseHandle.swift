internal import CLibGit2

/// Owns one `git_odb *`: a repository's object database, read and written object by object.
final class ObjectDatabaseHandle: OwnedPointer {
    init(_ pointer: OpaquePointer) {
        super.init(pointer, release: git_odb_free)
    }

    /// Whether the database holds `id`.
    func contains(_ id: ObjectID) -> Bool {
        var raw = id.raw
        return git_odb_exists(pointer, &raw) == 1
    }

    /// The stored object `id`, as it is (type and raw content).
    func read(_ id: ObjectID) throws -> StoredObjectHandle {
        var object: OpaquePointer?
        var raw = id.raw
        try LibGit2.check(git_odb_read(&object, pointer, &raw), "read object \(id)")
        return StoredObjectHandle(object!, id: id)
    }

    /// Makes the loose-object folder `folder` the place every new object of this database is
    /// written (objects are still read from all the others): libgit2 writes into the
    /// highest-priority backend that is not an alternate, and the repository's own loose
    /// backend has priority 1, its packs 2.
    func writeNewObjects(into folder: String) throws {
        var backend: OpaquePointer?
        try LibGit2.check(git_odb_backend_loose(&backend, folder, -1, 0, 0, 0), "open \(folder)")
        try LibGit2.check(git_odb_add_backend(pointer, backend, 3), "write objects into \(folder)")
    }

    /// Writes `object` (read from another database) into this one.
    func write(_ object: StoredObjectHandle) throws {
        var written = git_oid()
        let code = git_odb_write(&written, pointer, git_odb_object_data(object.pointer),
                                 git_odb_object_size(object.pointer), git_odb_object_type(object.pointer))
        try LibGit2.check(code, "copy object \(object.id)")
    }
}

/// Owns one `git_odb_object *`: an object read from an object database.
final class StoredObjectHandle: OwnedPointer {
    let id: ObjectID

    init(_ pointer: OpaquePointer, id: ObjectID) {
        self.id = id
        super.init(pointer, release: git_odb_object_free)
    }
}
