internal import CLibGit2

/// Owns one `git_commit *`.
final class CommitHandle: OwnedPointer {
    let id: ObjectID

    init(_ pointer: OpaquePointer, id: ObjectID) {
        self.id = id
        super.init(pointer, release: git_commit_free)
    }

    /// The commit's root tree.
    func tree() throws -> TreeHandle {
        var tree: OpaquePointer?
        try LibGit2.check(git_commit_tree(&tree, pointer), "read tree of \(id)")
        return TreeHandle(tree!)
    }
}
