internal import CLibGit2

/// Owns one `git_repository *`: opening and cloning, its folders, and looking up the objects,
/// references and remotes it holds (each handed out as an owning handle).
final class RepositoryHandle: OwnedPointer {
    private init(_ pointer: OpaquePointer) {
        super.init(pointer, release: git_repository_free)
    }

    /// Opens the repository containing `path` (searching upwards, like `git -C`).
    static func open(discoveringFrom path: String) throws -> RepositoryHandle {
        try open(path, flags: 0)
    }

    /// Opens exactly the repository at `path` (a bare repository or a work tree), no search.
    static func open(exactly path: String) throws -> RepositoryHandle {
        try open(path, flags: GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue)
    }

    private static func open(_ path: String, flags: UInt32) throws -> RepositoryHandle {
        try LibGit2.initialize()
        var repository: OpaquePointer?
        let code = git_repository_open_ext(&repository, path, flags, nil)
        if code == GIT_ENOTFOUND.rawValue { throw GitOpsError.notARepository(path: path) }
        try LibGit2.check(code, "open \(path)")
        return RepositoryHandle(repository!)
    }

    /// Clones `url` as a bare repository into the empty folder `path`, HEAD on `branch` (or the
    /// remote's default branch), without tags, following redirects only within the address's
    /// host (and the socket stream only within its origin).
    static func cloneBare(url: String, into path: String, branch: String?, credentials: Credentials,
                          network: NetworkPolicy) throws -> RepositoryHandle {
        try LibGit2.initialize()
        var options = git_clone_options()
        try LibGit2.check(git_clone_options_init(&options, UInt32(GIT_CLONE_OPTIONS_VERSION)), "clone options")
        options.bare = 1
        options.fetch_opts.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE
        options.fetch_opts.follow_redirects = GIT_REMOTE_REDIRECT_NONE
        var repository: OpaquePointer?
        let session = TransferSession(credentials: credentials, url: url, network: network)
        try session.requireSafeTransport()
        let code = session.withCallbacks { callbacks in
            options.fetch_opts.callbacks = callbacks
            return withOptionalCString(branch) { branchName in
                options.checkout_branch = branchName
                return git_clone(&repository, url, path, &options)
            }
        }
        let shown = displayableURL(url)
        try session.check(code, "clone \(shown)", missingBranch: branch.map { "\($0) at \(shown)" })
        return RepositoryHandle(repository!)
    }

    /// The `.git` folder (or the bare repository's folder), with a trailing slash.
    var gitDirectory: String { String(cString: git_repository_path(pointer)) }

    /// The git folder shared by all work trees of the repository (its references live there).
    var commonDirectory: String { String(cString: git_repository_commondir(pointer)) }

    /// `commonDirectory` without its trailing slash.
    var commonDirectoryPath: String {
        let path = commonDirectory
        return path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }

    /// The work tree folder with a trailing slash, nil for a bare repository.
    var workDirectory: String? { git_repository_workdir(pointer).map { String(cString: $0) } }

    /// The commit `id`.
    func commit(_ id: ObjectID) throws -> CommitHandle {
        var commit: OpaquePointer?
        var raw = id.raw
        try LibGit2.check(git_commit_lookup(&commit, pointer, &raw), "read commit \(id)")
        return CommitHandle(commit!, id: id)
    }

    /// The tree `id`.
    func tree(_ id: ObjectID) throws -> TreeHandle {
        var tree: OpaquePointer?
        var raw = id.raw
        try LibGit2.check(git_tree_lookup(&tree, pointer, &raw), "read tree \(id)")
        return TreeHandle(tree!)
    }

    /// The blob `id`.
    func blob(_ id: ObjectID) throws -> BlobHandle {
        var blob: OpaquePointer?
        var raw = id.raw
        try LibGit2.check(git_blob_lookup(&blob, pointer, &raw), "read blob \(id)")
        return BlobHandle(blob!)
    }

    /// The repository's object database.
    func objectDatabase() throws -> ObjectDatabaseHandle {
        var database: OpaquePointer?
        try LibGit2.check(git_repository_odb(&database, pointer), "open the object database")
        return ObjectDatabaseHandle(database!)
    }

    /// `user.name` / `user.email` from git config (repository, global, system), nil unless both are set.
    func defaultSignature() -> SignatureHandle? {
        var signature: UnsafeMutablePointer<git_signature>?
        guard git_signature_default(&signature, pointer) == 0, let signature else { return nil }
        return SignatureHandle(signature)
    }

    /// The configured remote `name`.
    func remote(named name: String) throws -> RemoteHandle {
        try RemoteHandle(lookingUp: name, in: self)
    }
}
