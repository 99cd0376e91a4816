import Logging
internal import SystemCalls

/// How a commit to deploy stands to the deployed one in the application's source repository.
public enum CommitRelation: Sendable, Equatable {
    /// Both name the same commit (one may abbreviate the other).
    case same
    /// The new commit descends from the deployed one: it is newer.
    case descendant
    /// The new commit is an ancestor of the deployed one: it is older.
    case ancestor
    /// Neither descends from the other (the history was rewritten, or branches diverged).
    case diverged
    /// The deployed commit is on no branch or tag of the source repository.
    case deployedUnknown
}

/// Bare copies of applications' source repositories in a cache folder, kept between runs, that
/// answer whether one commit descends from another (docs/contract.md#deploy-order).
///
/// libgit2 1.5 has no shallow fetch, so a source repository is fetched whole (its branches and
/// tags) the first time, and again only when a commit asked about is not in the copy yet:
/// commits never change, so an answer found in the copy stays true. Each copy is locked
/// (`config-api.lock`) while it is read or fetched, so concurrent runs fetch it once.
public struct SourceRepositoryCache: Sendable {
    /// The cache folder; each repository is `<folder>/<name>-<hash of its address>.git`.
    public let folder: String
    /// Credentials for the source repositories (HTTPS token, SSH agent).
    public let credentials: Credentials
    /// Timeouts and the plain-HTTP rule.
    public let network: NetworkPolicy
    /// How often an unreachable server is retried (`maxNetworkAttempts`).
    public let retry: RetryPolicy
    /// How long to wait for another run that holds a copy's lock, in seconds.
    public let lockTimeout: Double
    /// Receives the fetch and wait messages.
    public let logger: Logger

    public init(folder: String, credentials: Credentials, network: NetworkPolicy = .standard,
                retry: RetryPolicy = .standard, lockTimeout: Double = 120, logger: Logger) {
        self.folder = folder
        self.credentials = credentials
        self.network = network
        self.retry = retry
        self.lockTimeout = lockTimeout
        self.logger = logger
    }

    /// How `commit` stands to `deployed` (both 7 to 40 hex digits) in the repository at `url`.
    /// Throws `unknownSourceCommit` when `commit` is on no branch or tag there.
    public func relation(of commit: String, to deployed: String, inRepository url: String) throws -> CommitRelation {
        let path = "\(folder)/\(Self.folderName(for: url))"
        do {
            try FileSystem.createDirectories(path)
        } catch {
            throw GitOpsError.writeFailed(error)
        }
        return try GitDirectoryLock.holding(path, timeout: lockTimeout, waiting: {
            logger.notice("waiting up to \(lockTimeout) s for the lock of \(path), held by another run")
        }) {
            let repository = try RepositoryHandle.openOrCreateBare(at: path)
            var new = try repository.commit(withPrefix: commit)
            var old = try repository.commit(withPrefix: deployed)
            if new == nil || old == nil {
                try fetch(url, into: repository)
                new = try repository.commit(withPrefix: commit)
                old = try repository.commit(withPrefix: deployed)
            }
            guard let new else { throw GitOpsError.unknownSourceCommit(remote: displayableURL(url), commit: commit) }
            guard let old else { return .deployedUnknown }
            if new == old { return .same }
            if try repository.isDescendant(new, of: old) { return .descendant }
            if try repository.isDescendant(old, of: new) { return .ancestor }
            return .diverged
        }
    }

    /// Fetches every branch and tag of `url` into the copy, retrying an unreachable server.
    private func fetch(_ url: String, into repository: RepositoryHandle) throws {
        let shown = displayableURL(url)
        logger.info("fetching \(shown) into \(repository.commonDirectoryPath)")
        let remote = try RemoteHandle(anonymous: url, in: repository)
        try RetrySchedule.retryingUnreachableServer(retry, logger: logger) {
            try remote.fetch(["+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*"],
                             credentials: credentials, network: network, operation: "fetch \(shown)")
        }
    }

    /// `<name>-<16 hex digits>.git`: the address's last path segment (letters, digits, `.`, `_`,
    /// `-`), and a hash (FNV-1a) of the address without user info, so two addresses never share
    /// a copy and a token in an address never names a folder.
    static func folderName(for url: String) -> String {
        let address = displayableURL(url)
        var last = address.split(whereSeparator: { $0 == "/" || $0 == ":" }).last.map(String.init) ?? "source"
        if last.hasSuffix(".git") { last.removeLast(4) }
        let name = String(last.unicodeScalars.filter(Self.isNameCharacter).prefix(40).map(Character.init))
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in address.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "\(name.isEmpty ? "source" : name)-\(String(repeating: "0", count: 16 - hex.count) + hex).git"
    }

    private static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
            || "._-".unicodeScalars.contains(scalar))
    }
}
