internal import CLibGit2

/// How the server answered a push.
enum PushResult: Equatable {
    /// The branch now points at the pushed commit.
    case accepted
    /// The remote's tip is not an ancestor of the pushed commit (detected by libgit2 from the
    /// server's advertisement, before anything was sent).
    case nonFastForward
    /// The server advertised the branch at another value than the lease expects (another
    /// writer moved it since the attempt fetched it): nothing was sent.
    case leaseBroken
    /// The server refused the update: its per-reference status, then its side-band messages
    /// (a hook's output). A lost race inside receive-pack looks the same as a hook's refusal.
    case refused(String)
}

/// Owns one `git_remote *` of a repository: fetches and pushes over libgit2's transports.
final class RemoteHandle: OwnedPointer {
    /// The address pushes go to (`pushurl`, else `url`), possibly with user info: never print it
    /// directly, use `displayURL`.
    let pushURL: String
    /// The address fetches come from (`url`).
    let fetchURL: String

    init(lookingUp name: String, in repository: RepositoryHandle) throws {
        var remote: OpaquePointer?
        let code = git_remote_lookup(&remote, repository.pointer, name)
        if code == GIT_ENOTFOUND.rawValue || code == GIT_EINVALIDSPEC.rawValue {
            throw GitOpsError.missingRemote(name)
        }
        try LibGit2.check(code, "look up remote \(name)")
        fetchURL = git_remote_url(remote).map { String(cString: $0) } ?? ""
        pushURL = git_remote_pushurl(remote).map { String(cString: $0) } ?? fetchURL
        super.init(remote!, release: git_remote_free)
    }

    /// The push address without user info, for messages.
    var displayURL: String { displayableURL(pushURL) }

    /// Fetches the remote's `refs/heads/<branch>` into `trackingReference` (forced, no tags,
    /// no FETCH_HEAD), following redirects only within the address's host (and the socket
    /// stream only within its origin).
    func fetch(branch: String, into trackingReference: String, credentials: Credentials,
               network: NetworkPolicy) throws {
        try fetch(branches: [(branch, trackingReference)], credentials: credentials, network: network)
    }

    /// Fetches each remote `refs/heads/<branch>` into its tracking reference in one connection;
    /// a branch the remote does not have leaves its tracking reference alone.
    func fetch(branches: [(name: String, trackingReference: String)], credentials: Credentials,
               network: NetworkPolicy) throws {
        var options = git_fetch_options()
        try LibGit2.check(git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION)), "fetch options")
        options.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE
        options.update_fetchhead = 0
        options.follow_redirects = GIT_REMOTE_REDIRECT_NONE
        let session = TransferSession(credentials: credentials, url: fetchURL, network: network)
        try session.requireSafeTransport()
        let code = session.withCallbacks { callbacks in
            options.callbacks = callbacks
            return withStringArray(branches.map { "+refs/heads/\($0.name):\($0.trackingReference)" }) { refspecs in
                git_remote_fetch(pointer, &refspecs, &options, "config-api: fetch")
            }
        }
        let names = branches.map(\.name).joined(separator: " and ")
        try session.check(code, "fetch \(names) from \(displayableURL(fetchURL))")
    }

    /// Pushes the local reference `source` to the remote's `refs/heads/<branch>`, with a lease:
    /// only if the server's advertisement shows the branch at `expected` (nil: absent), checked
    /// by libgit2's push negotiation before anything is sent. receive-pack then updates the
    /// branch only if it still has the advertised value, under its lock, so the branch moves
    /// from `expected` or not at all. `force` lets the new commit replace a tip that is not its
    /// ancestor (a `+` refspec; the lease still guards it). Failures other than the answers of
    /// `PushResult` are thrown.
    func push(_ source: String, toBranch branch: String, force: Bool = false, expecting expected: ObjectID?,
              credentials: Credentials, network: NetworkPolicy) throws -> PushResult {
        var options = git_push_options()
        try LibGit2.check(git_push_options_init(&options, UInt32(GIT_PUSH_OPTIONS_VERSION)), "push options")
        options.follow_redirects = GIT_REMOTE_REDIRECT_NONE
        let session = TransferSession(credentials: credentials, url: pushURL, network: network)
        try session.requireSafeTransport()
        session.lease = ("refs/heads/\(branch)", expected)
        let code = session.withCallbacks { callbacks in
            options.callbacks = callbacks
            return withStringArray(["\(force ? "+" : "")\(source):refs/heads/\(branch)"]) { refspecs in
                git_remote_push(pointer, &refspecs, &options)
            }
        }
        if session.leaseBroken { return .leaseBroken }
        if code == GIT_ENONFASTFORWARD.rawValue { return .nonFastForward }
        try session.check(code, "push \(branch) to \(displayURL)")
        return session.refusalReport.map(PushResult.refused) ?? .accepted
    }
}
