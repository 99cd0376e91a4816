import Logging

/// A remote reached over a network transport (smart HTTP(S), SSH). Each attempt fetches the
/// branch into the remote-tracking reference and builds the commit in the local clone; the
/// push goes through a scratch reference (libgit2 1.5 only pushes reference names).
/// receive-pack compares the old tip under its lock, so a lost race is either a client-side
/// non-fast-forward (`GIT_ENONFASTFORWARD`) or a refused update whose tip has moved on;
/// a refused update whose tip has not moved is the server's refusal (hook, protected branch).
/// An attempt's journal names the clone's reference locks it may take, so a killed run's are
/// cleared by the next one.
struct SmartTransportPush: BranchPublisher {
    private let objects: RepositoryHandle
    private let remote: RemoteHandle
    private let branch: String
    private let trackingReference: String
    private let credentials: Credentials
    private let network: NetworkPolicy
    private let logger: Logger
    private let scratchReference = "refs/config-api/outgoing"

    init(local: RepositoryHandle, remote: RemoteHandle, branch: String, trackingReference: String,
         credentials: Credentials, network: NetworkPolicy, logger: Logger) {
        objects = local
        self.logger = logger
        self.remote = remote
        self.branch = branch
        self.trackingReference = trackingReference
        self.credentials = credentials
        self.network = network
    }

    var attemptLockDirectory: String { objects.commonDirectoryPath }

    func startAttempt() throws -> PublishingAttempt {
        let locks = [trackingReference, scratchReference].map(objects.lockFilePath(ofReference:))
        try UpdateJournal(lockFiles: locks).write(in: attemptLockDirectory)
        return PublishingAttempt(base: try fetchTip(), objects: objects)
    }

    func endAttempt(_ attempt: PublishingAttempt) {
        UpdateJournal.remove(in: attemptLockDirectory)
    }

    private func fetchTip() throws -> ObjectID {
        try remote.fetch(branch: branch, into: trackingReference, credentials: credentials, network: network)
        guard let tip = try objects.target(ofReference: trackingReference) else {
            throw GitOpsError.missingBranch("\(branch) at \(displayableURL(remote.fetchURL))")
        }
        return tip
    }

    func publish(_ commit: ObjectID, in attempt: PublishingAttempt) throws -> Bool {
        try objects.forceReference(scratchReference, to: commit, logMessage: "config-api: outgoing")
        defer { objects.deleteReference(scratchReference) }
        switch try remote.push(scratchReference, toBranch: branch, credentials: credentials, network: network) {
        case .accepted:
            return true
        case .nonFastForward:
            logger.debug("push of \(commit): not a fast-forward of \(remote.displayURL) \(branch)")
            return false
        case .refused(let reason):
            guard try fetchTip() == attempt.base else {
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
