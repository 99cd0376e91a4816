import CLibGit2

/// Owns one `git_remote *` of a repository: fetches and pushes over libgit2's transports.
final class RemoteHandle {
    private let pointer: OpaquePointer
    /// The address pushes go to (`pushurl`, else `url`), possibly with user info: never print it
    /// directly, use `displayURL`.
    let pushURL: String

    init(lookingUp name: String, in repository: RepositoryHandle) throws {
        var remote: OpaquePointer?
        let code = git_remote_lookup(&remote, repository.pointer, name)
        if code == GIT_ENOTFOUND.rawValue || code == GIT_EINVALIDSPEC.rawValue { throw GitOpsError.missingRemote(name) }
        try LibGit2.check(code, "look up remote \(name)")
        pointer = remote!
        let url = git_remote_pushurl(pointer) ?? git_remote_url(pointer)
        pushURL = url.map { String(cString: $0) } ?? ""
    }

    deinit {
        git_remote_free(pointer)
    }

    /// The push address without user info, for messages.
    var displayURL: String { displayableURL(pushURL) }

    /// Fetches the remote's `refs/heads/<branch>` into `trackingReference` (forced, no tags,
    /// no FETCH_HEAD).
    func fetch(branch: String, into trackingReference: String, session: TransferSession) throws {
        var options = git_fetch_options()
        try LibGit2.check(git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION)), "fetch options")
        options.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE
        options.update_fetchhead = 0
        let code = session.withCallbacks { callbacks in
            options.callbacks = callbacks
            return withStringArray(["+refs/heads/\(branch):\(trackingReference)"]) { refspecs in
                git_remote_fetch(pointer, &refspecs, &options, "config-api: fetch")
            }
        }
        try session.check(code, "fetch \(branch) from \(displayURL)", missingBranch: nil)
    }

    /// Pushes the local reference `source` to the remote's `refs/heads/<branch>` (never forced).
    /// Returns libgit2's code: 0 (check `session.refusals` too), or `GIT_ENONFASTFORWARD`
    /// when the remote's tip is not an ancestor; other failures are thrown.
    func push(_ source: String, toBranch branch: String, session: TransferSession) throws -> Int32 {
        var options = git_push_options()
        try LibGit2.check(git_push_options_init(&options, UInt32(GIT_PUSH_OPTIONS_VERSION)), "push options")
        let code = session.withCallbacks { callbacks in
            options.callbacks = callbacks
            return withStringArray(["\(source):refs/heads/\(branch)"]) { refspecs in
                git_remote_push(pointer, &refspecs, &options)
            }
        }
        if code == GIT_ENONFASTFORWARD.rawValue { return code }
        try session.check(code, "push \(branch) to \(displayURL)", missingBranch: nil)
        return code
    }
}
