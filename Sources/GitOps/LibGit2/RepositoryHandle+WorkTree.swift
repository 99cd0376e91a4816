internal import CLibGit2

/// One file that differs between two trees: its path, and its blob and mode on each side (nil:
/// absent on that side). `isRegular` is false when either side is a link, a submodule or a folder.
struct TreeChange {
    var path: String
    var old: (id: ObjectID, mode: FileMode)?
    var new: (id: ObjectID, mode: FileMode)?
    var isRegular: Bool
}

extension RepositoryHandle {
    /// The files that differ from tree `old` to tree `new` (renames not detected).
    func changes(from old: TreeHandle, to new: TreeHandle) throws -> [TreeChange] {
        var diff: OpaquePointer?
        try LibGit2.check(git_diff_tree_to_tree(&diff, pointer, old.pointer, new.pointer, nil), "compare trees")
        defer { git_diff_free(diff) }
        return (0..<git_diff_num_deltas(diff)).compactMap { index in
            guard let delta = git_diff_get_delta(diff, index)?.pointee else { return nil }
            let path = String(cString: delta.new_file.path ?? delta.old_file.path)
            let side = { (file: git_diff_file) -> (id: ObjectID, mode: FileMode)?? in
                guard file.flags & GIT_DIFF_FLAG_EXISTS.rawValue != 0 else { return .some(nil) }
                return FileMode(git_filemode_t(UInt32(file.mode))).map { .some((ObjectID(file.id), $0)) } ?? nil
            }
            let old = side(delta.old_file), new = side(delta.new_file)
            return TreeChange(path: path, old: old ?? nil, new: new ?? nil, isRegular: old != nil && new != nil)
        }
    }

    /// The blob id the work tree's file at `path` would be stored as (git's clean filters, line
    /// endings, applied); nil when there is no regular file there.
    func workTreeBlobID(atPath path: String) throws -> ObjectID? {
        guard let workDirectory else { return nil }
        var id = git_oid()
        let code = git_repository_hashfile(&id, pointer, workDirectory + path, GIT_OBJECT_BLOB, path)
        if code == GIT_ENOTFOUND.rawValue || code == GIT_EDIRECTORY.rawValue { return nil }
        if code < 0, LibGit2.lastErrorClass() == Int32(GIT_ERROR_OS.rawValue) { return nil }
        try LibGit2.check(code, "read \(path) in the work tree")
        return ObjectID(id)
    }

    /// The bytes blob `id` has as the work tree file `path` (git's smudge filters, line endings).
    func workTreeBytes(ofBlob id: ObjectID, asPath path: String) throws -> [UInt8] {
        let blob = try self.blob(id)
        var options = git_blob_filter_options()
        try LibGit2.check(git_blob_filter_options_init(&options, UInt32(GIT_BLOB_FILTER_OPTIONS_VERSION)),
                          "filter options")
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        try LibGit2.check(git_blob_filter(&buffer, blob.pointer, path, &options), "filter \(path)")
        guard let bytes = buffer.ptr, buffer.size > 0 else { return [] }
        return Array(UnsafeRawBufferPointer(start: bytes, count: buffer.size))
    }
}
