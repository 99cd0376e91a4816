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

    /// The id of the commit's root tree (read from the commit, no lookup).
    var treeID: ObjectID { ObjectID(git_commit_tree_id(pointer).pointee) }

    /// The first parent's id; nil for a root commit.
    var firstParentID: ObjectID? {
        guard git_commit_parentcount(pointer) > 0, let parent = git_commit_parent_id(pointer, 0) else { return nil }
        return ObjectID(parent.pointee)
    }

    /// Who wrote the commit, and when (seconds since 1970, and the author's offset from UTC).
    var author: (identity: CommitIdentity, time: Int64, offsetMinutes: Int) {
        let signature = git_commit_author(pointer).pointee
        let identity = CommitIdentity(name: String(cString: signature.name), email: String(cString: signature.email))
        return (identity, Int64(signature.when.time), Int(signature.when.offset))
    }

    /// The full message, trailers included.
    var message: String { git_commit_message(pointer).map { String(cString: $0) } ?? "" }
}

/// The trailers of a commit message (`Key: value` lines of its last paragraph), as git
/// interpret-trailers reads them; none when the message has no trailer block.
func messageTrailers(_ message: String) -> [(key: String, value: String)] {
    var trailers = git_message_trailer_array()
    guard git_message_trailers(&trailers, message) == 0 else { return [] }
    defer { git_message_trailer_array_free(&trailers) }
    return (0..<trailers.count).compactMap { index in
        let trailer = trailers.trailers[index]
        guard let key = trailer.key, let value = trailer.value else { return nil }
        return (String(cString: key), String(cString: value))
    }
}
