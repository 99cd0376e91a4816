internal import CLibGit2

extension RepositoryHandle {
    /// Writes `bytes` as a blob; returns its id.
    func writeBlob(_ bytes: [UInt8]) throws -> ObjectID {
        var id = git_oid()
        let code = bytes.withUnsafeBytes { git_blob_create_from_buffer(&id, pointer, $0.baseAddress, $0.count) }
        try LibGit2.check(code, "write blob")
        return ObjectID(id)
    }

    /// Writes the tree `baseline` with `path` set to `blob` (nested trees rewritten along the
    /// path, created where missing); returns the new root tree's id.
    func writeTree(_ baseline: TreeHandle, setting path: String, to blob: ObjectID, mode: FileMode) throws -> ObjectID {
        var id = git_oid()
        let code = path.withCString { cPath in
            var update = git_tree_update(action: GIT_TREE_UPDATE_UPSERT, id: blob.raw, filemode: mode.raw, path: cPath)
            return git_tree_create_updated(&id, pointer, baseline.pointer, 1, &update)
        }
        try LibGit2.check(code, "write tree for \(path)")
        return ObjectID(id)
    }

    /// Writes a commit of `tree` with the single parent `parent`, authored and committed by
    /// `signature`; touches no reference.
    func writeCommit(tree: TreeHandle, parent: CommitHandle, message: String,
                     signature: SignatureHandle) throws -> ObjectID {
        var id = git_oid()
        var parents: [OpaquePointer?] = [parent.pointer]
        let code = git_commit_create(&id, pointer, nil, signature.pointer, signature.pointer, nil, message,
                                     tree.pointer, 1, &parents)
        try LibGit2.check(code, "write commit")
        return ObjectID(id)
    }

    /// The text of the commit `writeCommit` would write (what a signature signs); writes nothing.
    func commitBuffer(tree: TreeHandle, parent: CommitHandle, message: String,
                      signature: SignatureHandle) throws -> [UInt8] {
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        var parents: [OpaquePointer?] = [parent.pointer]
        let code = git_commit_create_buffer(&buffer, pointer, signature.pointer, signature.pointer, nil, message,
                                            tree.pointer, 1, &parents)
        try LibGit2.check(code, "build commit")
        return buffer.ptr.map { Array(UnsafeRawBufferPointer(start: $0, count: buffer.size)) } ?? []
    }

    /// Writes `buffer` (from `commitBuffer`) as a commit whose `gpgsig` header holds
    /// `signature`, as `git commit -S` writes one; touches no reference.
    func writeSignedCommit(_ buffer: [UInt8], signature: String) throws -> ObjectID {
        var id = git_oid()
        let content = String(decoding: buffer, as: UTF8.self)
        let code = git_commit_create_with_signature(&id, pointer, content, signature, "gpgsig")
        try LibGit2.check(code, "write signed commit")
        return ObjectID(id)
    }

    /// Updates the work tree and index from `baseline` to `target`, only if no file to be
    /// changed has uncommitted changes (git's safe checkout); returns false (writing nothing)
    /// when one has.
    func checkOut(_ target: TreeHandle, from baseline: TreeHandle) throws -> Bool {
        var options = git_checkout_options()
        try LibGit2.check(git_checkout_options_init(&options, UInt32(GIT_CHECKOUT_OPTIONS_VERSION)), "checkout options")
        options.checkout_strategy = GIT_CHECKOUT_SAFE.rawValue
        options.baseline = baseline.pointer
        let code = git_checkout_tree(pointer, target.pointer, &options)
        if code == GIT_ECONFLICT.rawValue { return false }
        try LibGit2.check(code, "check out tree \(target.id)")
        return true
    }
}
