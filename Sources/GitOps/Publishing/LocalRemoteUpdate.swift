#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Logging

/// A remote given as a path or `file://` address, updated as `git push` to a path updates it,
/// but without losing concurrent updates (libgit2's local transport would overwrite the branch
/// without comparing): the attempt writes its objects into a quarantine inside the remote, the
/// remote's `pre-receive` and `update` hooks may refuse them, the objects then join the
/// remote's database and the destination moves by compare-and-swap (`git_reference_create_matching`,
/// under git's own reference lock; a destination that does not exist yet is created only if it
/// still does not); `post-receive` and `post-update` follow.
///
/// Attempts hold the remote's `config-api.lock`, so config-api writers queue instead of racing
/// (the compare-and-swap still guards against other writers), and keep a journal there naming
/// the quarantine and the reference lock, which the next holder clears if a writer was killed.
/// The local clone then gets the few new objects copied (no fetch, no pack per update) when it
/// has the base commit, else a fetch.
struct LocalRemoteUpdate: BranchPublisher {
    private let repositoryPath: String
    private let repository: RepositoryHandle
    private let hooks: ReceiveHooks
    private let local: RepositoryHandle
    private let remote: RemoteHandle
    private let branch: String
    /// The branch the commit goes to: `branch`, or the one `--push-to` names.
    private let destination: String
    private let file: String
    private let trackingReference: String
    private let credentials: Credentials
    private let network: NetworkPolicy
    private let logger: Logger

    /// The repository path of a local remote address (`/x`, `./x`, `file:///x`), nil for a
    /// network address (`https://…`, `ssh://…`, `user@host:path`).
    static func repositoryPath(of url: String) -> String? {
        if url.hasPrefix("file://") { return URL(string: url)?.path }
        if url.contains("://") { return nil }
        if url.hasPrefix("/") || url.hasPrefix(".") { return url }
        let colon = url.firstIndex(of: ":")
        let slash = url.firstIndex(of: "/")
        if let colon, slash.map({ colon < $0 }) ?? true { return nil }
        return url
    }

    /// `trackingReference` is the destination's; `destination` defaults to `branch`.
    init(local: RepositoryHandle, remote: RemoteHandle, remotePath: String, branch: String,
         destination: String? = nil, file: String, trackingReference: String, credentials: Credentials,
         network: NetworkPolicy, logger: Logger) throws {
        repositoryPath = remotePath
        repository = try RepositoryHandle.open(exactly: remotePath)
        hooks = try ReceiveHooks(of: repository)
        self.local = local
        self.remote = remote
        self.branch = branch
        self.destination = destination ?? branch
        self.file = file
        self.trackingReference = trackingReference
        self.credentials = credentials
        self.network = network
        self.logger = logger
    }

    var attemptLockDirectory: String { repository.commonDirectoryPath }

    /// The reference the commit moves.
    private var referenceName: String { "refs/heads/\(destination)" }

    func startAttempt() throws -> PublishingAttempt {
        guard let tip = try repository.target(ofReference: "refs/heads/\(branch)") else {
            throw GitOpsError.missingBranch("\(branch) at \(remote.displayURL)")
        }
        let lease = destination == branch ? tip : try repository.target(ofReference: referenceName)
        try UpdateJournal(lockFiles: [repository.lockFilePath(ofReference: referenceName)],
                          folders: [ObjectQuarantine.folder(in: attemptLockDirectory)]).write(in: attemptLockDirectory)
        let quarantine = try ObjectQuarantine(repositoryPath: repositoryPath)
        return PublishingAttempt(base: tip, lease: lease, objects: quarantine.objects, quarantine: quarantine)
    }

    func endAttempt(_ attempt: PublishingAttempt) {
        attempt.quarantine?.discard()
        UpdateJournal.remove(in: attemptLockDirectory)
    }

    func publish(_ commit: ObjectID, in attempt: PublishingAttempt) throws -> Bool {
        if repository.workDirectory != nil, repository.headBranch == destination {
            throw GitOpsError.rejectedByServer(
                reason: "refusing to update \(destination), it is checked out in \(remote.displayURL)")
        }
        let old = attempt.lease ?? .zero
        let update = "\(old) \(commit) \(referenceName)\n"
        if let quarantine = attempt.quarantine {
            try runRefusableHook("pre-receive", input: update, environment: quarantine.hookEnvironment,
                                 declined: "pre-receive hook declined")
            try runRefusableHook("update", arguments: [referenceName, "\(old)", "\(commit)"],
                                 environment: quarantine.hookEnvironment, declined: "hook declined")
            try quarantine.migrate()
        }
        guard try repository.moveReference(referenceName, to: commit, expecting: attempt.lease,
                                           logMessage: "config-api: push") else { return false }
        for (hook, arguments, input) in [("post-receive", [], update), ("post-update", [referenceName], "")] {
            if let run = try? hooks.run(hook, arguments: arguments, input: input), !run.output.isEmpty {
                logger.info("\(hook): \(displayableServerText(run.output))")
            }
        }
        return true
    }

    /// Runs a hook whose non-zero exit refuses the push (`rejectedByServer`, with its output).
    private func runRefusableHook(_ name: String, arguments: [String] = [], input: String = "",
                                  environment: [String: String], declined: String) throws {
        guard let run = try hooks.run(name, arguments: arguments, input: input, environment: environment) else {
            return
        }
        let output = displayableServerText(run.output)
        guard run.status == 0 else {
            let reason = "\(referenceName): \(declined)"
            throw GitOpsError.rejectedByServer(reason: output.isEmpty ? reason : "\(reason) — \(output)")
        }
        if !output.isEmpty { logger.info("\(name): \(output)") }
    }

    func recordInLocalClone(_ commit: ObjectID, over base: ObjectID) throws {
        guard try local.contains(base) else {
            try remote.fetch(branch: destination, into: trackingReference, credentials: credentials, network: network)
            return
        }
        try local.copyObjects(repository.objectsChanged(atPath: file, byCommit: commit), from: repository)
        if let tracked = try local.target(ofReference: trackingReference),
           try tracked == commit || local.isDescendant(tracked, of: commit) {
            return
        }
        try local.forceReference(trackingReference, to: commit, logMessage: "config-api: pushed")
    }
}
