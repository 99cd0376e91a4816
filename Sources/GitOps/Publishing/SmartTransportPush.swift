import Logging

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
