#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Logging

/// An opened git repository: a user's clone (`-C DIR`) or a bare clone in a temporary folder
/// (`--remote URL`), which is deleted when the object goes away. Use one object from one thread
/// at a time; threads (or processes) may each open their own on the same clone.
public final class GitRepository {
    let handle: RepositoryHandle
    private let temporaryFolder: URL?

    private init(handle: RepositoryHandle, temporaryFolder: URL?) {
        self.handle = handle
        self.temporaryFolder = temporaryFolder
    }

    deinit {
        if let temporaryFolder { try? FileManager.default.removeItem(at: temporaryFolder) }
    }

    /// Opens the repository that contains `path` (the folder itself or one of its parents).
    public static func open(at path: String) throws -> GitRepository {
        GitRepository(handle: try RepositoryHandle.open(discoveringFrom: path), temporaryFolder: nil)
    }

    /// Clones `url` (bare: no work tree is needed to commit) into a new temporary folder, with
    /// HEAD on `branch` or on the remote's default branch. The remote is named `origin`. A
    /// server that cannot be reached is retried as `retry` says (`maxNetworkAttempts`),
    /// announcing each retry on `logger`.
    public static func cloneIntoTemporaryFolder(url: String, branch: String?, credentials: Credentials,
                                                network: NetworkPolicy = .standard, retry: RetryPolicy = .standard,
                                                logger: Logger? = nil) throws -> GitRepository {
        var schedule = RetrySchedule(retry)
        var attempt = 1
        while true {
            do {
                return try cloneOnce(url: url, branch: branch, credentials: credentials, network: network)
            } catch let error as GitOpsError where error.isTransient {
                guard attempt < retry.maxNetworkAttempts else { throw error.after(attempts: attempt) }
                attempt += 1
                schedule.pause(because: "\(error)", nextAttempt: attempt, of: retry.maxNetworkAttempts, logger: logger)
            }
        }
    }

    private static func cloneOnce(url: String, branch: String?, credentials: Credentials,
                                  network: NetworkPolicy) throws -> GitRepository {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("config-api-clone-\(UUID().uuidString)")
        do {
            let handle = try RepositoryHandle.cloneBare(url: url, into: folder.path, branch: branch,
                                                        credentials: credentials, network: network)
            if branch == nil { try handle.requireResolvedHead(remote: displayableURL(url)) }
            return GitRepository(handle: handle, temporaryFolder: folder)
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
    }

    /// The work tree folder (no trailing slash); nil for a bare repository.
    public var workTreePath: String? { handle.workDirectory.map(withoutTrailingSlash) }

    /// The git folder (`.git`, or the bare repository itself), no trailing slash.
    public var gitDirectoryPath: String { withoutTrailingSlash(handle.gitDirectory) }

    /// The branch HEAD points at (also before its first commit); nil when HEAD is detached.
    public var currentBranch: String? { handle.headBranch }

    /// `user.name` and `user.email` from git config (the repository's, then the global and
    /// system files), when both are set.
    public var configuredIdentity: CommitIdentity? { handle.configuredIdentity }

    /// The git config setting `name` read as a path (`~/` expanded, as git reads
    /// `user.signingKey`); nil when it is not set or cannot be read.
    public func configuredPath(_ name: String) -> String? {
        (try? ConfigHandle(snapshotOf: handle).path(name)) ?? nil
    }

    /// Whether `name` can name a branch (`refs/heads/<name>` follows git's reference-name rules:
    /// no `..`, space, `~`, `^`, `:`, `?`, `*`, `[`, `\`, no `.lock` ending, …).
    public static func isValidBranchName(_ name: String) throws -> Bool {
        try RepositoryHandle.isValidReferenceName("refs/heads/\(name)")
    }

    private func withoutTrailingSlash(_ path: String) -> String {
        path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }
}
