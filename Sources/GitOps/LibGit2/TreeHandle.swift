internal import CLibGit2

/// The git mode of a file in a tree.
enum FileMode {
    case regular
    case executable

    var raw: git_filemode_t { self == .regular ? GIT_FILEMODE_BLOB : GIT_FILEMODE_BLOB_EXECUTABLE }

    /// The mode of a regular or executable file; nil for a folder, link or submodule.
    init?(_ raw: git_filemode_t) {
        switch raw {
        case GIT_FILEMODE_BLOB: self = .regular
        case GIT_FILEMODE_BLOB_EXECUTABLE: self = .executable
        default: return nil
        }
    }
}

/// Owns one `git_tree *`.
final class TreeHandle: OwnedPointer {
    init(_ pointer: OpaquePointer) {
        super.init(pointer, release: git_tree_free)
    }

    /// The tree's id.
    var id: ObjectID { ObjectID(git_tree_id(pointer).pointee) }

    /// The entry at `path` (`a/b/c`, through the subtrees), nil when there is none.
    func entry(atPath path: String) throws -> TreeEntryHandle? {
        var entry: OpaquePointer?
        let code = git_tree_entry_bypath(&entry, pointer, path)
        if code == GIT_ENOTFOUND.rawValue { return nil }
        try LibGit2.check(code, "read \(path) in tree \(id)")
        return TreeEntryHandle(entry!)
    }

    /// The entry at `path`, which must exist (a missing one is a libgit2 error).
    func existingEntry(atPath path: String) throws -> TreeEntryHandle {
        var entry: OpaquePointer?
        try LibGit2.check(git_tree_entry_bypath(&entry, pointer, path), "read \(path) in tree \(id)")
        return TreeEntryHandle(entry!)
    }
}

/// Owns one `git_tree_entry *` (from a path lookup, which the caller frees).
final class TreeEntryHandle: OwnedPointer {
    init(_ pointer: OpaquePointer) {
        super.init(pointer, release: git_tree_entry_free)
    }

    /// The id of the object the entry names.
    var id: ObjectID { ObjectID(git_tree_entry_id(pointer).pointee) }

    /// The file mode of a regular or executable file; nil for a folder, link or submodule.
    var fileMode: FileMode? { FileMode(git_tree_entry_filemode(pointer)) }
}
