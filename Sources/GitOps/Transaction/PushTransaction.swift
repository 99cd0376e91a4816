#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Logging
internal import SystemCalls

/// One logical update of one file in a branch, committed and pushed exactly once however many
/// writers compete: a transaction on the object database, not on a work tree.
///
/// An attempt reads the file at the remote tip, runs the caller's edit, writes blob, trees and a
/// commit whose parent is that tip, and publishes it only if the tip has not moved. When
/// another writer got there first the whole attempt is redone on the new tip (the edit is
/// re-applied; there is no text rebase), after a jittered exponential backoff.
public struct PushTransaction {
    /// The clone the transaction works in.
    public let repository: GitRepository
    /// The branch to update; nil: the branch HEAD points at.
    public let branch: String?
    /// The configured remote to fetch from and push to.
    public let remoteName: String
    /// Credentials for network remotes.
    public let credentials: Credentials
    /// How often to retry after lost races.
    public let retry: RetryPolicy
    /// Author and committer; nil: git config's `user.name`/`user.email`, else `CommitIdentity.fallback`.
    public let author: CommitIdentity?
    /// Receives attempt (debug) and lost-race (info) messages; never a credential.
    public let logger: Logger
    /// How long to wait for another process holding a `config-api.lock` (the clone's, or a
    /// local remote's), in seconds.
    public let lockTimeout: Double

    /// A transaction on `branch` of `repository`, pushing to `remoteName`.
    public init(repository: GitRepository, branch: String?, remoteName: String = "origin", credentials: Credentials,
                retry: RetryPolicy = .standard, author: CommitIdentity?, logger: Logger, lockTimeout: Double = 120) {
        self.repository = repository
        self.branch = branch
        self.remoteName = remoteName
        self.credentials = credentials
        self.retry = retry
        self.author = author
        self.logger = logger
        self.lockTimeout = lockTimeout
    }

    /// Updates `file` (a path in the tree, e.g. `projects/p.yaml`) with `edit`, commits it with
    /// `message` and pushes it (or with `push: false` only moves the local branch).
    ///
    /// `edit` receives the file's bytes at the tip (nil when absent) and returns the new bytes;
    /// returning them unchanged means "no change" (no commit). It may run once per attempt, and
    /// may throw to abort: its error propagates unchanged and no reference moves.
    public func commit(file: String, message: String, push: Bool,
                       edit: (_ current: [UInt8]?) throws -> [UInt8]) throws -> TransactionOutcome {
        let file = try Self.treePath(file)
        let branchName = try resolvedBranch()
        let local = LocalBranch(repository: repository.handle, name: branchName)
        let publisher = try makePublisher(branch: local, file: file, push: push)
        let identity = author ?? repository.handle.configuredIdentity ?? .fallback
        let commitMessage = message.hasSuffix("\n") ? message : message + "\n"
        var delay: Double?
        for attempt in 1...retry.maxAttempts {
            let result = try holdingLock(of: publisher.attemptLockDirectory) {
                try runAttempt(publisher, file: file, message: commitMessage, identity: identity, edit: edit)
            }
            switch result {
            case .unchanged(let base, let current):
                logger.debug("\(file) unchanged at \(base)", metadata: ["attempt": "\(attempt)"])
                return TransactionOutcome(changed: false, commit: nil, base: "\(base)", attempts: attempt,
                                          before: current, after: current, localBranchUpdated: false)
            case .published(let commit, let base, let before, let after):
                logger.debug("published \(commit) on \(base)", metadata: ["attempt": "\(attempt)"])
                let moved = try holdingLock(of: repository.handle.commonDirectory) {
                    try publisher.recordInLocalClone(commit, over: base)
                    return try local.fastForward(to: commit, logger: logger)
                }
                return TransactionOutcome(changed: true, commit: "\(commit)", base: "\(base)", attempts: attempt,
                                          before: before, after: after, localBranchUpdated: moved)
            case .raced(let base):
                guard attempt < retry.maxAttempts else { break }
                let pause = retry.nextDelay(after: delay)
                delay = pause
                logger.info("\(branchName) moved past \(base); retrying in \(Int(pause * 1000)) ms",
                            metadata: ["attempt": "\(attempt)"])
                Clock.sleep(seconds: pause)
            }
        }
        logger.info("\(branchName): giving up after \(retry.maxAttempts) attempts")
        throw GitOpsError.retriesExhausted(attempts: retry.maxAttempts)
    }

    /// `--dry-run`: runs `edit` on the file at the local branch's tip (else the remote-tracking
    /// reference's), without fetching and without writing anything.
    public func preview(file: String, edit: (_ current: [UInt8]?) throws -> [UInt8]) throws -> TransactionOutcome {
        let file = try Self.treePath(file)
        let branchName = try resolvedBranch()
        let handle = repository.handle
        guard let base = try handle.target(ofReference: "refs/heads/\(branchName)")
                ?? handle.target(ofReference: "refs/remotes/\(remoteName)/\(branchName)") else {
            throw GitOpsError.missingBranch(branchName)
        }
        let before = try handle.file(at: file, inCommit: base)?.bytes
        let after = try edit(before)
        return TransactionOutcome(changed: after != before, commit: nil, base: "\(base)", attempts: 1,
                                  before: before, after: after, localBranchUpdated: false)
    }

    private enum AttemptResult {
        case unchanged(base: ObjectID, current: [UInt8]?)
        case published(commit: ObjectID, base: ObjectID, before: [UInt8]?, after: [UInt8])
        case raced(base: ObjectID)
    }

    private func runAttempt(_ publisher: BranchPublisher, file: String, message: String, identity: CommitIdentity,
                            edit: (_ current: [UInt8]?) throws -> [UInt8]) throws -> AttemptResult {
        let base = try publisher.fetchTip()
        let objects = publisher.objects
        let current = try objects.file(at: file, inCommit: base)
        let updated = try edit(current?.bytes)
        if updated == current?.bytes { return .unchanged(base: base, current: current?.bytes) }
        let blob = try objects.writeBlob(updated)
        let tree = try objects.tree(of: base, setting: file, to: blob, mode: current?.mode ?? .regular)
        let commit = try objects.commit(tree: tree, parent: base, message: message, identity: identity)
        guard try publisher.publish(commit, over: base) else { return .raced(base: base) }
        return .published(commit: commit, base: base, before: current?.bytes, after: updated)
    }

    /// `file` as a path in a git tree: `./a//b` → `a/b`; `..`, or nothing left, is refused.
    static func treePath(_ file: String) throws -> String {
        let components = file.split(separator: "/").filter { $0 != "." }
        guard !components.isEmpty, !components.contains("..") else { throw GitOpsError.invalidPath(file) }
        return components.joined(separator: "/")
    }

    private func resolvedBranch() throws -> String {
        guard let name = branch ?? repository.currentBranch else { throw GitOpsError.missingBranch("HEAD (detached)") }
        return name
    }

    private func makePublisher(branch: LocalBranch, file: String, push: Bool) throws -> BranchPublisher {
        guard push else { return LocalCommitPublisher(branch: branch, file: file) }
        let handle = repository.handle
        let remote = try handle.remote(named: remoteName)
        let tracking = "refs/remotes/\(remoteName)/\(branch.name)"
        if let path = LocalRemoteUpdate.repositoryPath(of: remote.pushURL) {
            return try LocalRemoteUpdate(local: handle, remote: remote, remotePath: path, branch: branch.name,
                                         file: file,
                                         trackingReference: tracking, credentials: credentials)
        }
        return SmartTransportPush(local: handle, remote: remote, branch: branch.name, trackingReference: tracking,
                                  credentials: credentials, logger: logger)
    }

    /// Runs `body` holding the `config-api.lock` of `gitDirectory`, logging when it has to wait
    /// for another holder.
    private func holdingLock<Result>(of gitDirectory: String, _ body: () throws -> Result) throws -> Result {
        try GitDirectoryLock.holding(gitDirectory, timeout: lockTimeout, waiting: {
            logger.info("waiting up to \(lockTimeout) s for the lock of \(gitDirectory), held by another writer")
        }, body)
    }
}
