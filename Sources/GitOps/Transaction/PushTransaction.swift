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
    /// How often to retry after lost races and unreachable servers.
    public let retry: RetryPolicy
    /// Author and committer; nil: git config's `user.name`/`user.email`, else `CommitIdentity.fallback`.
    public let author: CommitIdentity?
    /// Receives attempt (debug), retry and recovery (notice) messages; never a credential.
    public let logger: Logger
    /// How long to wait for another process holding a `config-api.lock` (the clone's, or a
    /// local remote's), in seconds.
    public let lockTimeout: Double
    /// Timeouts and the plain-HTTP rule for network remotes.
    public let network: NetworkPolicy
    /// Signs every commit an attempt makes (each retry signs its own); nil: unsigned.
    public var signer: CommitSigner?
    /// `--push-to`: the branch the commit goes to instead of `branch` (created, or replaced under
    /// a lease: it moves only if it is still what the attempt saw). The commit is still built on
    /// `branch`'s tip, fetched again on each attempt, and `branch` itself is never touched.
    /// nil, or `branch` itself: the commit goes to `branch`.
    public var targetBranch: String?

    /// A transaction on `branch` of `repository`, pushing to `remoteName`.
    public init(repository: GitRepository, branch: String?, remoteName: String = "origin", credentials: Credentials,
                retry: RetryPolicy = .standard, author: CommitIdentity?, logger: Logger, lockTimeout: Double = 120,
                network: NetworkPolicy = .standard) {
        self.repository = repository
        self.branch = branch
        self.remoteName = remoteName
        self.credentials = credentials
        self.retry = retry
        self.author = author
        self.logger = logger
        self.lockTimeout = lockTimeout
        self.network = network
    }

    /// Updates `file` (a path in the tree, e.g. `projects/p.yaml`) with `edit`, commits it with
    /// `message` and pushes it (or with `push: false` only moves the local branch).
    ///
    /// `edit` receives the file's bytes at the tip (nil when absent) and returns the new bytes;
    /// returning them unchanged means "no change" (no commit). It may run once per attempt, and
    /// may throw to abort: its error propagates unchanged and no reference moves.
    ///
    /// Once the push has landed the transaction succeeds: a clone that cannot follow (a full
    /// disk, uncommitted changes in the way) is reported in the outcome's `warnings`.
    public func commit(file: String, message: String, push: Bool,
                       edit: (_ current: [UInt8]?) throws -> [UInt8]) throws -> TransactionOutcome {
        let file = try Self.treePath(file)
        let branchName = try resolvedBranch()
        let local = LocalBranch(repository: repository.handle, name: branchName)
        if UpdateJournal.read(in: cloneDirectory) != nil { try holdingLock(of: cloneDirectory) {} }
        let destination = push ? targetBranch ?? branchName : branchName
        let publisher = try makePublisher(branch: local, destination: destination, file: file, push: push)
        let identity = author ?? repository.handle.configuredIdentity ?? .fallback
        let commitMessage = message.hasSuffix("\n") ? message : message + "\n"
        var schedule = RetrySchedule(retry)
        var networkFailures = 0
        var inFlight: Published?
        for attempt in 1...retry.maxAttempts {
            let result: AttemptResult
            do {
                result = try holdingLock(of: publisher.attemptLockDirectory) {
                    try runAttempt(publisher, file: file, message: commitMessage, identity: identity,
                                   inFlight: inFlight, edit: edit)
                }
            } catch let failure as AttemptFailure {
                networkFailures += 1
                inFlight = failure.inFlight ?? inFlight
                guard networkFailures < retry.maxNetworkAttempts, attempt < retry.maxAttempts else {
                    throw failure.error.after(attempts: networkFailures)
                }
                schedule.pause(because: "\(failure.error)", nextAttempt: networkFailures + 1,
                               of: retry.maxNetworkAttempts, logger: logger)
                continue
            }
            switch result {
            case .unchanged(let base, let current):
                logger.debug("\(file) unchanged at \(base)", metadata: ["attempt": "\(attempt)"])
                let (followed, warnings) = push && destination == branchName
                    ? follow(base, over: base, pushed: false, to: destination, in: local, from: publisher)
                    : (false, [])
                return TransactionOutcome(changed: false, commit: nil, base: "\(base)", attempts: attempt,
                                          before: current, after: current, localBranchUpdated: followed,
                                          warnings: warnings)
            case .published(let published):
                logger.debug("published \(published.commit) on \(published.base)", metadata: ["attempt": "\(attempt)"])
                let (followed, warnings) = follow(published.commit, over: published.base, pushed: true,
                                                  to: destination, in: destination == branchName ? local : nil,
                                                  from: publisher)
                return TransactionOutcome(changed: true, commit: "\(published.commit)", base: "\(published.base)",
                                          attempts: attempt, before: published.before, after: published.after,
                                          localBranchUpdated: followed, warnings: warnings,
                                          branch: push ? destination : nil)
            case .raced:
                guard attempt < retry.maxAttempts else { break }
                schedule.pause(because: "\(destination) moved", nextAttempt: attempt + 1, of: retry.maxAttempts,
                               logger: logger)
            }
        }
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

    /// A commit the remote took (or may have taken: see `AttemptFailure.inFlight`).
    private struct Published {
        var commit: ObjectID
        var base: ObjectID
        var before: [UInt8]?
        var after: [UInt8]
    }

    private enum AttemptResult {
        case unchanged(base: ObjectID, current: [UInt8]?)
        case published(Published)
        case raced
    }

    /// An attempt that could not reach the server (`error.isTransient`); `inFlight` is the
    /// commit whose push it was sending, which the server may have taken before the failure.
    private struct AttemptFailure: Error {
        var error: GitOpsError
        var inFlight: Published?
    }

    private func runAttempt(_ publisher: BranchPublisher, file: String, message: String, identity: CommitIdentity,
                            inFlight: Published?,
                            edit: (_ current: [UInt8]?) throws -> [UInt8]) throws -> AttemptResult {
        let attempt: PublishingAttempt
        do {
            attempt = try publisher.startAttempt()
        } catch let error as GitOpsError where error.isTransient {
            throw AttemptFailure(error: error, inFlight: nil)
        }
        defer { publisher.endAttempt(attempt) }
        let base = attempt.base
        let objects = attempt.objects
        if let inFlight, let lease = attempt.lease, try objects.contains(inFlight.commit),
           try lease == inFlight.commit || objects.isDescendant(lease, of: inFlight.commit) {
            logger.debug("\(inFlight.commit), whose push was cut off, has landed")
            return .published(inFlight)
        }
        let current = try objects.file(at: file, inCommit: base)
        let updated = try edit(current?.bytes)
        if updated == current?.bytes { return .unchanged(base: base, current: current?.bytes) }
        let blob = try objects.writeBlob(updated)
        let tree = try objects.tree(of: base, setting: file, to: blob, mode: current?.mode ?? .regular)
        let commit = try objects.commit(tree: tree, parent: base, message: message, identity: identity, signer: signer)
        let published = Published(commit: commit, base: base, before: current?.bytes, after: updated)
        do {
            guard try publisher.publish(commit, in: attempt) else { return .raced }
        } catch let error as GitOpsError where error.isTransient {
            throw AttemptFailure(error: error, inFlight: published)
        }
        return .published(published)
    }

    /// After the push (or a run that found the remote already as wanted): the clone gets
    /// `commit` (tracking reference, branch, work tree) under its lock and a journal, so a clone
    /// a killed run left behind catches up. Returns whether the branch has it, and warnings;
    /// never throws (the remote is as wanted). With `local` nil (the commit went to another
    /// branch than the clone's) only the objects and the tracking reference are recorded.
    private func follow(_ commit: ObjectID, over base: ObjectID, pushed: Bool, to destination: String,
                        in local: LocalBranch?,
                        from publisher: BranchPublisher) -> (followed: Bool, warnings: [String]) {
        let done = pushed ? "pushed \("\(commit)".prefix(12)), but " : ""
        do {
            let following = try holdingLock(of: cloneDirectory) { () throws -> LocalBranch.Following in
                let tracking = repository.handle.lockFilePath(ofReference: "refs/remotes/\(remoteName)/\(destination)")
                try UpdateJournal(lockFiles: [tracking]).write(in: cloneDirectory)
                try publisher.recordInLocalClone(commit, over: base)
                let following = try local?.fastForward(to: commit) ?? .noBranch
                UpdateJournal.remove(in: cloneDirectory)
                return following
            }
            switch following {
            case .followed: return (true, [])
            case .noBranch: return (false, [])
            case .leftBehind(let reason):
                return (false, ["\(done)the clone's branch \(destination) was left behind \("\(commit)".prefix(12)): "
                                + "\(reason) (it follows once the way is clear: git pull --ff-only)"])
            }
        } catch {
            return (false, ["\(done)the local clone could not follow \("\(commit)".prefix(12)): \(error) "
                            + "(the next config-api run in this clone completes the update)"])
        }
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

    private func makePublisher(branch: LocalBranch, destination: String, file: String,
                               push: Bool) throws -> BranchPublisher {
        guard push else { return LocalCommitPublisher(branch: branch) }
        let handle = repository.handle
        let remote = try handle.remote(named: remoteName)
        let tracking = "refs/remotes/\(remoteName)/\(branch.name)"
        let destinationTracking = "refs/remotes/\(remoteName)/\(destination)"
        if let path = LocalRemoteUpdate.repositoryPath(of: remote.pushURL) {
            return try LocalRemoteUpdate(local: handle, remote: remote, remotePath: path, branch: branch.name,
                                         destination: destination, file: file, trackingReference: destinationTracking,
                                         credentials: credentials, network: network, logger: logger)
        }
        return SmartTransportPush(local: handle, remote: remote, branch: branch.name, destination: destination,
                                  trackingReference: tracking, destinationTracking: destinationTracking,
                                  credentials: credentials, network: network, logger: logger)
    }

    /// The clone's common git folder, where its `config-api.lock` and journal live.
    private var cloneDirectory: String { repository.handle.commonDirectoryPath }

    /// Runs `body` holding the `config-api.lock` of `gitDirectory`, logging when it has to wait
    /// for another holder, after clearing what a killed holder left (`recoverInterruptedRun`).
    private func holdingLock<Result>(of gitDirectory: String, _ body: () throws -> Result) throws -> Result {
        try GitDirectoryLock.holding(gitDirectory, timeout: lockTimeout, waiting: {
            logger.notice("waiting up to \(lockTimeout) s for the lock of \(gitDirectory), held by another writer")
        }) {
            recoverInterruptedRun(in: gitDirectory)
            return try body()
        }
    }

    /// With the lock of `gitDirectory` held: a journal there means its writer was killed. The
    /// lock files and quarantine it names are removed, and a work tree update it names is
    /// completed (or, when that fails, left in the journal for the next run).
    private func recoverInterruptedRun(in gitDirectory: String) {
        guard let journal = UpdateJournal.read(in: gitDirectory) else { return }
        let removed = journal.removeLeftovers()
        if !removed.isEmpty {
            logger.notice("removed what an interrupted config-api run left: \(removed.joined(separator: ", "))")
        }
        if let step = journal.workTree, gitDirectory == cloneDirectory,
           let from = ObjectID(hex: step.from), let to = ObjectID(hex: step.to) {
            do {
                let branch = LocalBranch(repository: repository.handle, name: step.branch)
                let outcome = try branch.completeInterruptedUpdate(from: from, to: to)
                logger.notice("\(outcome)")
            } catch {
                logger.warning("an interrupted update of \(step.branch) is still half-done: \(error)")
                return
            }
        }
        UpdateJournal.remove(in: gitDirectory)
    }
}
