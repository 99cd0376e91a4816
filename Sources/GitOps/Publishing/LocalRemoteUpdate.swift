#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

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
            throw GitOpsError.rejectedByServer(
                reason: "refusing to update \(branch), it is checked out in \(remote.displayURL)")
        }
        return try objects.moveReference("refs/heads/\(branch)", to: commit, expecting: base,
                                         logMessage: "config-api: push")
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
