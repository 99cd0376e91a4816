#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Logging

/// The remote side of one transaction attempt: where the branch tip is read, where new objects
/// are written, and how a commit replaces the tip (compare-and-swap semantics: it lands only
/// if the tip is still the commit it was built on).
protocol BranchPublisher {
    /// The repository whose object database holds the tip and receives the new objects.
    var objects: RepositoryHandle { get }
    /// The git folder whose `config-api.lock` an attempt holds: the local clone's when an
    /// attempt writes into it, the remote's when config-api writers can queue there.
    var attemptLockDirectory: String { get }
    /// The current tip of the remote branch (fetching it first where that is needed).
    func fetchTip() throws -> ObjectID
    /// Makes `commit` the remote branch's tip if the tip is still `base`; false when another
    /// writer moved it first (a lost race). A refusal by the server is thrown.
    func publish(_ commit: ObjectID, over base: ObjectID) throws -> Bool
    /// After `publish` put `commit` on top of `base`: gives the local clone the objects and the
    /// remote-tracking reference (`refs/remotes/<remote>/<branch>`). Runs under the clone's lock.
    func recordInLocalClone(_ commit: ObjectID, over base: ObjectID) throws
}

/// A remote given as a path or `file://` address. libgit2's local transport would overwrite the
/// branch without comparing (losing concurrent updates), so this writes the objects straight
/// into the remote repository and moves its branch with `git_reference_create_matching`,
/// under git's own reference lock. Attempts hold the remote's `config-api.lock`, so config-api
/// writers queue instead of racing (the compare-and-swap still guards against other writers).
/// The local clone then gets the few new objects copied (no fetch, no pack per update) when it
/// has the base commit, else a fetch. Note: like libgit2's local push, this runs no server hooks.
struct LocalRemoteUpdate: BranchPublisher {
    let objects: RepositoryHandle
    private let local: RepositoryHandle
    private let remote: RemoteHandle
    private let branch: String
    private let file: String
    private let trackingReference: String
    private let credentials: Credentials

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

    init(local: RepositoryHandle, remote: RemoteHandle, remotePath: String, branch: String, file: String,
         trackingReference: String, credentials: Credentials) throws {
        objects = try RepositoryHandle.open(exactly: remotePath)
        self.local = local
        self.remote = remote
        self.branch = branch
        self.file = file
        self.trackingReference = trackingReference
        self.credentials = credentials
    }

    var attemptLockDirectory: String { objects.commonDirectory }

    func fetchTip() throws -> ObjectID {
        guard let tip = try objects.target(ofReference: "refs/heads/\(branch)") else {
            throw GitOpsError.missingBranch("\(branch) at \(remote.displayURL)")
        }
        return tip
    }

    func publish(_ commit: ObjectID, over base: ObjectID) throws -> Bool {
        if objects.workDirectory != nil, objects.headBranch == branch {
            throw GitOpsError.rejectedByServer(reason: "refusing to update \(branch), it is checked out in \(remote.displayURL)")
        }
        return try objects.moveReference("refs/heads/\(branch)", to: commit, expecting: base, logMessage: "config-api: push")
    }

    func recordInLocalClone(_ commit: ObjectID, over base: ObjectID) throws {
        guard try local.contains(base) else {
            try remote.fetch(branch: branch, into: trackingReference, credentials: credentials)
            return
        }
        try local.copyObjects(objects.objectsChanged(atPath: file, byCommit: commit), from: objects)
        if let tracked = try local.target(ofReference: trackingReference),
           try tracked == commit || local.isDescendant(tracked, of: commit) {
            return
        }
        try local.forceReference(trackingReference, to: commit, logMessage: "config-api: pushed")
    }
}

/// A remote reached over a network transport (smart HTTP(S), SSH). Each attempt fetches the
/// branch into the remote-tracking reference and builds the commit in the local clone; the
/// push goes through a scratch reference (libgit2 1.5 only pushes reference names).
/// receive-pack compares the old tip under its lock, so a lost race is either a client-side
/// non-fast-forward (`GIT_ENONFASTFORWARD`) or a refused update whose tip has moved on;
/// a refused update whose tip has not moved is the server's refusal (hook, protected branch).
struct SmartTransportPush: BranchPublisher {
    let objects: RepositoryHandle
    private let remote: RemoteHandle
    private let branch: String
    private let trackingReference: String
    private let credentials: Credentials
    private let logger: Logger
    private let scratchReference = "refs/config-api/outgoing"

    init(local: RepositoryHandle, remote: RemoteHandle, branch: String, trackingReference: String,
         credentials: Credentials, logger: Logger) {
        objects = local
        self.logger = logger
        self.remote = remote
        self.branch = branch
        self.trackingReference = trackingReference
        self.credentials = credentials
    }

    var attemptLockDirectory: String { objects.commonDirectory }

    func fetchTip() throws -> ObjectID {
        try remote.fetch(branch: branch, into: trackingReference, credentials: credentials)
        guard let tip = try objects.target(ofReference: trackingReference) else {
            throw GitOpsError.missingBranch("\(branch) at \(remote.displayURL)")
        }
        return tip
    }

    func publish(_ commit: ObjectID, over base: ObjectID) throws -> Bool {
        try objects.forceReference(scratchReference, to: commit, logMessage: "config-api: outgoing")
        defer { objects.deleteReference(scratchReference) }
        switch try remote.push(scratchReference, toBranch: branch, credentials: credentials) {
        case .accepted:
            return true
        case .nonFastForward:
            logger.debug("push of \(commit): not a fast-forward of \(remote.displayURL) \(branch)")
            return false
        case .refused(let reason):
            guard try fetchTip() == base else {
                logger.debug("push of \(commit) refused (\(reason)) and \(branch) moved: a lost race")
                return false
            }
            throw GitOpsError.rejectedByServer(reason: reason)
        }
    }

    func recordInLocalClone(_ commit: ObjectID, over base: ObjectID) throws {
        try objects.forceReference(trackingReference, to: commit, logMessage: "config-api: pushed")
    }
}
