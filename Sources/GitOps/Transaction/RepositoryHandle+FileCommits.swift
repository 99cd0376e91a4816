/// A file read from a commit's tree: its bytes and its mode.
struct FileInTree {
    var bytes: [UInt8]
    var mode: FileMode
}

extension RepositoryHandle {
    /// The file at `path` in `commit`'s tree; nil when nothing is there.
    func file(at path: String, inCommit commit: ObjectID) throws -> FileInTree? {
        guard let entry = try self.commit(commit).tree().entry(atPath: path) else { return nil }
        guard let mode = entry.fileMode else { throw GitOpsError.notAFile(path: path) }
        return FileInTree(bytes: try blob(entry.id).bytes, mode: mode)
    }

    /// Writes the tree of `commit` with `path` set to `blob` (nested trees rewritten along the
    /// path, created where missing); returns the new root tree's id.
    func tree(of commit: ObjectID, setting path: String, to blob: ObjectID, mode: FileMode) throws -> ObjectID {
        try writeTree(self.commit(commit).tree(), setting: path, to: blob, mode: mode)
    }

    /// Writes a commit of `tree` with the single parent `parent`, by `identity` now, signed by
    /// `signer` when there is one (each call signs its own commit); touches no reference.
    func commit(tree: ObjectID, parent: ObjectID, message: String, identity: CommitIdentity,
                signer: CommitSigner? = nil) throws -> ObjectID {
        let (tree, parent, author) = (try self.tree(tree), try commit(parent), try SignatureHandle(now: identity))
        guard let signer else {
            return try writeCommit(tree: tree, parent: parent, message: message, signature: author)
        }
        let buffer = try commitBuffer(tree: tree, parent: parent, message: message, signature: author)
        return try writeSignedCommit(buffer, signature: try signer.sign(buffer))
    }

    /// Updates the work tree and index from `baseline`'s tree to `commit`'s tree, only if no file
    /// to be changed has uncommitted changes (git's safe checkout); returns false (writing
    /// nothing) when one has.
    func checkoutSafely(_ commit: ObjectID, from baseline: ObjectID) throws -> Bool {
        try checkOut(self.commit(commit).tree(), from: self.commit(baseline).tree())
    }
}
