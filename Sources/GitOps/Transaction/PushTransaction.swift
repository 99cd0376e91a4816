#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Logging
internal import SystemCalls

/// One logical update of files in a branch, committed and pushed exactly once however many
/// writers compete: a transaction on the object database, not on a work tree.
///
/// An attempt runs the caller's edit on the remote tip (it reads the files it needs there),
/// writes the blobs, trees and one commit whose parent is that tip, and publishes it only if
/// the tip has not moved. When another writer got there first the whole attempt is redone on
/// the new tip (the edit is re-applied; there is no text rebase), after a jittered exponential
/// backoff.
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

    /// Runs `edit` on the branch's tip and commits the files it returns, in one commit, then
    /// pushes it (or with `push: false` only moves the local branch).
    ///
    /// `edit` receives the snapshot of each attempt's base (the remote tip) and decides what to
    /// write there (``AttemptDecision``). It runs once per attempt, and may throw to abort: its
    /// error propagates unchanged and no reference moves.
    ///
    /// Once the push has landed the transaction succeeds: a clone that cannot follow (a full
    /// disk, uncommitted changes in the way) is reported in the outcome's `warnings`.
    public func update(push: Bool,
                       edit: (_ base: CommitSnapshot) throws -> AttemptDecision) throws -> TransactionOutcome {
        let branchName = try resolvedBranch()
        let local = LocalBranch(repository: repository.handle, name: branchName)
        if UpdateJournal.read(in: cloneDirectory) != nil { try holdingLock(of: cloneDirectory) {} }
        let destination = push ? targetBranch ?? branchName : branchName
        let publisher = try makePublisher(branch: local, destination: destination, push: push)
        let identity = author ?? repository.handle.configuredIdentity ?? .fallback
        var schedule = RetrySchedule(retry)
        var networkFailures = 0
        var inFlight: Published?
        for attempt in 1...retry.maxAttempts {
            let result: AttemptResult
            do {
                result = try holdingLock(of: publisher.attemptLockDirectory) {
                    try runAttempt(publisher, identity: identity, inFlight: inFlight, edit: edit)
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
            case .unchanged(let base, let files, let declined, let message):
                logger.debug("\(declined ? "declined" : "unchanged") at \(base)", metadata: ["attempt": "\(attempt)"])
                let (followed, warnings) = push && destination == branchName
                    ? follow(base, over: base, pushed: false, to: destination, in: local, from: publisher)
                    : (false, [])
                return TransactionOutcome(changed: false, commit: nil, base: "\(base)", attempts: attempt,
                                          files: files, declined: declined, message: message,
                                          localBranchUpdated: followed, warnings: warnings)
            case .published(let published):
                logger.debug("published \(published.commit) on \(published.base)", metadata: ["attempt": "\(attempt)"])
                let (followed, warnings) = follow(published.commit, over: published.base, pushed: true,
                                                  to: destination, in: destination == branchName ? local : nil,
                                                  from: publisher, files: published.files.map(\.path))
                return TransactionOutcome(changed: true, commit: "\(published.commit)", base: "\(published.base)",
                                          attempts: attempt, files: published.files, message: published.message,
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

    /// `--dry-run`: runs `edit` on the local branch's tip (else the remote-tracking reference's),
    /// without fetching and without writing anything.
    public func preview(edit: (_ base: CommitSnapshot) throws -> AttemptDecision) throws -> TransactionOutcome {
        let branchName = try resolvedBranch()
        let handle = repository.handle
        guard let base = try handle.target(ofReference: "refs/heads/\(branchName)")
                ?? handle.target(ofReference: "refs/remotes/\(remoteName)/\(branchName)") else {
            throw GitOpsError.missingBranch(branchName)
        }
        guard case .write(let updates, let message) = try edit(CommitSnapshot(repository: handle, id: base)) else {
            return TransactionOutcome(changed: false, commit: nil, base: "\(base)", attempts: 1, files: [],
                                      declined: true, localBranchUpdated: false)
        }
        let files = try changes(updates, at: base, in: handle).map(\.change)
        return TransactionOutcome(changed: files.contains(where: \.isChanged), commit: nil, base: "\(base)",
                                  attempts: 1, files: files, message: message, localBranchUpdated: false)
    }

    /// A commit the remote took (or may have taken: see `AttemptFailure.inFlight`).
    private struct Published {
        var commit: ObjectID
        var base: ObjectID
        var files: [FileChange]
        var message: String
    }

    private enum AttemptResult {
        case unchanged(base: ObjectID, files: [FileChange], declined: Bool, message: String?)
        case published(Published)
        case raced
    }

    /// An attempt that could not reach the server (`error.isTransient`); `inFlight` is the
    /// commit whose push it was sending, which the server may have taken before the failure.
    private struct AttemptFailure: Error {
        var error: GitOpsError
        var inFlight: Published?
    }

    private func runAttempt(_ publisher: BranchPublisher, identity: CommitIdentity, inFlight: Published?,
                            edit: (_ base: CommitSnapshot) throws -> AttemptDecision) throws -> AttemptResult {
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
        guard case .write(let updates, let message) = try edit(CommitSnapshot(repository: objects, id: base)) else {
            return .unchanged(base: base, files: [], declined: true, message: nil)
        }
        let read = try changes(updates, at: base, in: objects)
        let files = read.map(\.change)
        let written = read.filter(\.change.isChanged)
        guard !written.isEmpty else { return .unchanged(base: base, files: files, declined: false, message: message) }
        let entries = try written.map { file in
            TreeEntryUpdate(path: file.change.path, blob: try objects.writeBlob(file.change.after), mode: file.mode)
        }
        let tree = try objects.tree(of: base, setting: entries)
        let commitMessage = message.hasSuffix("\n") ? message : message + "\n"
        let commit = try objects.commit(tree: tree, parent: base, message: commitMessage, identity: identity,
                                        signer: signer)
        let published = Published(commit: commit, base: base, files: files, message: message)
        do {
            guard try publisher.publish(commit, in: attempt) else { return .raced }
        } catch let error as GitOpsError where error.isTransient {
            throw AttemptFailure(error: error, inFlight: published)
        }
        return .published(published)
    }

    /// Each update with the file's bytes and mode at `base` (a new file is a regular one); a path
    /// given twice or leaving the tree is refused.
    private func changes(_ updates: [FileUpdate], at base: ObjectID,
                         in objects: RepositoryHandle) throws -> [(change: FileChange, mode: FileMode)] {
        var seen: Set<String> = []
        return try updates.map { update in
            let path = try Self.treePath(update.path)
            guard seen.insert(path).inserted else { throw GitOpsError.invalidPath("\(path) (given twice)") }
            let current = try objects.file(at: path, inCommit: base)
            return (FileChange(path: path, before: current?.bytes, after: update.bytes), current?.mode ?? .regular)
        }
    }

    /// After the push (or a run that found the remote already as wanted): the clone gets
    /// `commit` (tracking reference, branch, work tree) under its lock and a journal, so a clone
    /// a killed run left behind catches up. Returns whether the branch has it, and warnings;
    /// never throws (the remote is as wanted). With `local` nil (the commit went to another
    /// branch than the clone's) only the objects and the tracking reference are recorded.
    private func follow(_ commit: ObjectID, over base: ObjectID, pushed: Bool, to destination: String,
                        in local: LocalBranch?, from publisher: BranchPublisher,
                        files: [String] = []) -> (followed: Bool, warnings: [String]) {
        let done = pushed ? "pushed \("\(commit)".prefix(12)), but " : ""
        do {
            let following = try holdingLock(of: cloneDirectory) { () throws -> LocalBranch.Following in
                let tracking = repository.handle.lockFilePath(ofReference: "refs/remotes/\(remoteName)/\(destination)")
                try UpdateJournal(lockFiles: [tracking]).write(in: cloneDirectory)
                try publisher.recordInLocalClone(commit, over: base, files: files)
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

    private func makePublisher(branch: LocalBranch, destination: String, push: Bool) throws -> BranchPublisher {
        guard push else { return LocalCommitPublisher(branch: branch) }
        let handle = repository.handle
        let remote = try handle.remote(named: remoteName)
        let tracking = "refs/remotes/\(remoteName)/\(branch.name)"
        let destinationTracking = "refs/remotes/\(remoteName)/\(destination)"
        if let path = LocalRemoteUpdate.repositoryPath(of: remote.pushURL) {
            return try LocalRemoteUpdate(local: handle, remote: remote, remotePath: path, branch: branch.name,
                                         destination: destination, trackingReference: destinationTracking,
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
