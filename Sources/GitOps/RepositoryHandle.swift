import CLibGit2
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The git mode of a file in a tree.
enum FileMode {
    case regular
    case executable

    var raw: git_filemode_t { self == .regular ? GIT_FILEMODE_BLOB : GIT_FILEMODE_BLOB_EXECUTABLE }
}

/// A file read from a commit's tree: its bytes and its mode.
struct FileInTree {
    var bytes: [UInt8]
    var mode: FileMode
}

/// Owns one `git_repository *` and offers the object-database operations a transaction needs.
/// Part of the thin C layer: nothing above it sees a pointer.
final class RepositoryHandle {
    let pointer: OpaquePointer

    private init(_ pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        git_repository_free(pointer)
    }

    /// Opens the repository containing `path` (searching upwards, like `git -C`).
    static func open(discoveringFrom path: String) throws -> RepositoryHandle {
        LibGit2.ensureInitialized()
        var repository: OpaquePointer?
        let code = git_repository_open_ext(&repository, path, 0, nil)
        if code == GIT_ENOTFOUND.rawValue { throw GitOpsError.notARepository(path: path) }
        try LibGit2.check(code, "open \(path)")
        return RepositoryHandle(repository!)
    }

    /// Opens exactly the repository at `path` (a bare repository or a work tree), no search.
    static func open(exactly path: String) throws -> RepositoryHandle {
        LibGit2.ensureInitialized()
        var repository: OpaquePointer?
        let code = git_repository_open_ext(&repository, path, GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue, nil)
        if code == GIT_ENOTFOUND.rawValue { throw GitOpsError.notARepository(path: path) }
        try LibGit2.check(code, "open \(path)")
        return RepositoryHandle(repository!)
    }

    /// Clones `url` as a bare repository into the empty folder `path`, HEAD on `branch` (or the
    /// remote's default branch).
    static func cloneBare(url: String, into path: String, branch: String?, credentials: Credentials) throws -> RepositoryHandle {
        LibGit2.ensureInitialized()
        var options = git_clone_options()
        try LibGit2.check(git_clone_options_init(&options, UInt32(GIT_CLONE_OPTIONS_VERSION)), "clone options")
        options.bare = 1
        options.fetch_opts.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE
        var repository: OpaquePointer?
        let session = TransferSession(credentials: credentials, url: url)
        let code = session.withCallbacks { callbacks in
            options.fetch_opts.callbacks = callbacks
            return withOptionalCString(branch) { branchName in
                options.checkout_branch = branchName
                return git_clone(&repository, url, path, &options)
            }
        }
        try session.check(code, "clone \(displayableURL(url))", missingBranch: branch)
        return RepositoryHandle(repository!)
    }

    /// The `.git` folder (or the bare repository's folder), with a trailing slash.
    var gitDirectory: String { String(cString: git_repository_path(pointer)) }

    /// The git folder shared by all work trees of the repository (its references live there).
    var commonDirectory: String { String(cString: git_repository_commondir(pointer)) }

    /// The work tree folder with a trailing slash, nil for a bare repository.
    var workDirectory: String? { git_repository_workdir(pointer).map { String(cString: $0) } }

    /// The short name of the branch HEAD points at (also when it is unborn); nil when detached.
    var headBranch: String? {
        var head: OpaquePointer?
        guard git_reference_lookup(&head, pointer, "HEAD") == 0, let head else { return nil }
        defer { git_reference_free(head) }
        guard let target = git_reference_symbolic_target(head) else { return nil }
        let name = String(cString: target)
        return name.hasPrefix("refs/heads/") ? String(name.dropFirst("refs/heads/".count)) : nil
    }

    /// Whether the branch is checked out in any work tree of the repository (this one or a
    /// linked one made by `git worktree add`).
    func isCheckedOutInAnyWorkTree(branch: String) throws -> Bool {
        var reference: OpaquePointer?
        let code = git_reference_lookup(&reference, pointer, "refs/heads/\(branch)")
        if code == GIT_ENOTFOUND.rawValue { return false }
        try LibGit2.check(code, "look up branch \(branch)")
        defer { git_reference_free(reference) }
        let checkedOut = git_branch_is_checked_out(reference)
        try LibGit2.check(checkedOut, "check where \(branch) is checked out")
        return checkedOut == 1
    }

    /// The commit a reference points at (peeling symbolic references), nil when it does not exist.
    func target(ofReference name: String) throws -> ObjectID? {
        var id = git_oid()
        let code = git_reference_name_to_id(&id, pointer, name)
        if code == GIT_ENOTFOUND.rawValue { return nil }
        try LibGit2.check(code, "resolve \(name)")
        return ObjectID(id)
    }

    /// Points `name` at `id` if it still points at `expected`, under git's lock file (the
    /// compare-and-swap of `git_reference_create_matching`). Returns false when the reference
    /// had moved or another writer held its lock (a lost race).
    func moveReference(_ name: String, to id: ObjectID, expecting expected: ObjectID, logMessage: String) throws -> Bool {
        var reference: OpaquePointer?
        var newID = id.raw
        var oldID = expected.raw
        let code = git_reference_create_matching(&reference, pointer, name, &newID, 1, &oldID, logMessage)
        git_reference_free(reference)
        if code == GIT_EMODIFIED.rawValue || code == GIT_ELOCKED.rawValue { return false }
        try LibGit2.check(code, "update \(name)")
        return true
    }

    /// Points `name` at `id` whatever it pointed at before (for remote-tracking references).
    func forceReference(_ name: String, to id: ObjectID, logMessage: String) throws {
        var reference: OpaquePointer?
        var newID = id.raw
        try LibGit2.check(git_reference_create(&reference, pointer, name, &newID, 1, logMessage), "update \(name)")
        git_reference_free(reference)
    }

    /// Deletes a reference if it exists.
    func deleteReference(_ name: String) {
        var reference: OpaquePointer?
        guard git_reference_lookup(&reference, pointer, name) == 0, let reference else { return }
        git_reference_delete(reference)
        git_reference_free(reference)
    }

    /// Whether `commit` has `ancestor` in its history (false when they are equal).
    func isDescendant(_ commit: ObjectID, of ancestor: ObjectID) throws -> Bool {
        var descendant = commit.raw
        var base = ancestor.raw
        let code = git_graph_descendant_of(pointer, &descendant, &base)
        try LibGit2.check(code, "compare \(commit) with \(ancestor)")
        return code == 1
    }

    /// The file at `path` in `commit`'s tree; nil when nothing is there.
    func file(at path: String, inCommit commit: ObjectID) throws -> FileInTree? {
        let tree = try treeOf(commit)
        defer { git_tree_free(tree) }
        var entry: OpaquePointer?
        let code = git_tree_entry_bypath(&entry, tree, path)
        if code == GIT_ENOTFOUND.rawValue { return nil }
        try LibGit2.check(code, "read \(path) in \(commit)")
        defer { git_tree_entry_free(entry) }
        let mode: FileMode
        switch git_tree_entry_filemode(entry) {
        case GIT_FILEMODE_BLOB: mode = .regular
        case GIT_FILEMODE_BLOB_EXECUTABLE: mode = .executable
        default: throw GitOpsError.notAFile(path: path)
        }
        var blob: OpaquePointer?
        try LibGit2.check(git_blob_lookup(&blob, pointer, git_tree_entry_id(entry)), "read blob of \(path)")
        defer { git_blob_free(blob) }
        let size = Int(git_blob_rawsize(blob))
        let bytes = size == 0 ? [] : Array(UnsafeRawBufferPointer(start: git_blob_rawcontent(blob), count: size).bindMemory(to: UInt8.self))
        return FileInTree(bytes: bytes, mode: mode)
    }

    /// Writes `bytes` as a blob; returns its id.
    func writeBlob(_ bytes: [UInt8]) throws -> ObjectID {
        var id = git_oid()
        let code = bytes.withUnsafeBytes { git_blob_create_from_buffer(&id, pointer, $0.baseAddress, $0.count) }
        try LibGit2.check(code, "write blob")
        return ObjectID(id)
    }

    /// Writes the tree of `commit` with `path` set to `blob` (nested trees rewritten along the
    /// path, created where missing); returns the new root tree's id.
    func tree(of commit: ObjectID, setting path: String, to blob: ObjectID, mode: FileMode) throws -> ObjectID {
        let baseline = try treeOf(commit)
        defer { git_tree_free(baseline) }
        var id = git_oid()
        let code = path.withCString { cPath in
            var update = git_tree_update(action: GIT_TREE_UPDATE_UPSERT, id: blob.raw, filemode: mode.raw, path: cPath)
            return git_tree_create_updated(&id, pointer, baseline, 1, &update)
        }
        try LibGit2.check(code, "write tree for \(path)")
        return ObjectID(id)
    }

    /// Writes a commit of `tree` with the single parent `parent`; touches no reference.
    func commit(tree treeID: ObjectID, parent parentID: ObjectID, message: String, identity: CommitIdentity) throws -> ObjectID {
        var signature: UnsafeMutablePointer<git_signature>?
        try LibGit2.check(git_signature_now(&signature, identity.name, identity.email), "signature \(identity)")
        defer { git_signature_free(signature) }
        var tree: OpaquePointer?
        var rawTree = treeID.raw
        try LibGit2.check(git_tree_lookup(&tree, pointer, &rawTree), "read tree \(treeID)")
        defer { git_tree_free(tree) }
        var parent: OpaquePointer?
        var rawParent = parentID.raw
        try LibGit2.check(git_commit_lookup(&parent, pointer, &rawParent), "read commit \(parentID)")
        defer { git_commit_free(parent) }
        var id = git_oid()
        var parents: [OpaquePointer?] = [parent]
        let code = git_commit_create(&id, pointer, nil, signature, signature, nil, message, tree, 1, &parents)
        try LibGit2.check(code, "write commit")
        return ObjectID(id)
    }

    /// `user.name` / `user.email` from git config (repository, global, system), if both are set.
    var configuredIdentity: CommitIdentity? {
        var signature: UnsafeMutablePointer<git_signature>?
        guard git_signature_default(&signature, pointer) == 0, let signature else { return nil }
        defer { git_signature_free(signature) }
        return CommitIdentity(name: String(cString: signature.pointee.name), email: String(cString: signature.pointee.email))
    }

    /// Updates the work tree and index from `baseline`'s tree to `commit`'s tree, only if no file
    /// to be changed has uncommitted changes (git's safe checkout); returns false (writing
    /// nothing) when one has.
    func checkoutSafely(_ commit: ObjectID, from baseline: ObjectID) throws -> Bool {
        let baselineTree = try treeOf(baseline)
        defer { git_tree_free(baselineTree) }
        let targetTree = try treeOf(commit)
        defer { git_tree_free(targetTree) }
        var options = git_checkout_options()
        try LibGit2.check(git_checkout_options_init(&options, UInt32(GIT_CHECKOUT_OPTIONS_VERSION)), "checkout options")
        options.checkout_strategy = GIT_CHECKOUT_SAFE.rawValue
        options.baseline = baselineTree
        let code = git_checkout_tree(pointer, targetTree, &options)
        if code == GIT_ECONFLICT.rawValue { return false }
        try LibGit2.check(code, "check out \(commit)")
        return true
    }

    /// The configured remote `name`.
    func remote(named name: String) throws -> RemoteHandle {
        try RemoteHandle(lookingUp: name, in: self)
    }

    /// The root tree of a commit; the caller frees it with `git_tree_free`.
    func treeOf(_ commitID: ObjectID) throws -> OpaquePointer {
        var commit: OpaquePointer?
        var raw = commitID.raw
        try LibGit2.check(git_commit_lookup(&commit, pointer, &raw), "read commit \(commitID)")
        defer { git_commit_free(commit) }
        var tree: OpaquePointer?
        try LibGit2.check(git_commit_tree(&tree, commit), "read tree of \(commitID)")
        return tree!
    }
}

/// Calls `body` with a C string for `text`, or with nil.
func withOptionalCString<Result>(_ text: String?, _ body: (UnsafePointer<CChar>?) -> Result) -> Result {
    guard let text else { return body(nil) }
    return text.withCString(body)
}
