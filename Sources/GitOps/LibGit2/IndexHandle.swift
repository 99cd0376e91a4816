internal import CLibGit2

/// Owns one `git_index *`: a repository's index (the staging area), read from its file and
/// written back through git's `index.lock` (a reader sees the old or the new index, never half).
final class IndexHandle: OwnedPointer {
    /// The index of `repository` as its file holds it now.
    init(of repository: RepositoryHandle) throws {
        var index: OpaquePointer?
        try LibGit2.check(git_repository_index(&index, repository.pointer), "open the index")
        super.init(index!, release: git_index_free)
        try LibGit2.check(git_index_read(pointer, 0), "read the index")
    }

    /// The blob the index holds for `path` (stage 0); nil when it holds none.
    func entryID(atPath path: String) -> ObjectID? {
        git_index_get_bypath(pointer, path, 0).map { ObjectID($0.pointee.id) }
    }

    /// Whether `path` has unresolved merge conflicts (entries at stages 1 to 3).
    func hasConflict(atPath path: String) -> Bool {
        (1...3).contains { git_index_get_bypath(pointer, path, Int32($0)) != nil }
    }

    /// Stages the work tree's file at `path` as it is now (content, mode and stat data).
    func stageWorkTreeFile(atPath path: String) throws {
        try LibGit2.check(git_index_add_bypath(pointer, path), "stage \(path)")
    }

    /// Removes `path` from the index.
    func unstage(_ path: String) throws {
        try LibGit2.check(git_index_remove_bypath(pointer, path), "unstage \(path)")
    }

    /// Writes the index to its file.
    func write() throws {
        try LibGit2.check(git_index_write(pointer), "write the index")
    }
}
