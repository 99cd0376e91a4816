import Logging

/// A remote reached over a network transport (smart HTTP(S), SSH). Each attempt fetches the
/// branch (and the destination, when `--push-to` names another one) into remote-tracking
/// references and builds the commit in the local clone; the push goes through a scratch
/// reference (libgit2 1.5 only pushes reference names), with a lease: libgit2's push
/// negotiation checks that the server's advertisement still shows the destination as the
/// attempt fetched it before anything is sent, and receive-pack then compares that advertised
/// value under its lock, so the destination moves from what the attempt saw or not at all.
/// A lost race is a broken lease, a client-side non-fast-forward (`GIT_ENONFASTFORWARD`) or a
/// refused update whose destination has moved on; a refused update whose destination has not
/// moved is the server's refusal (hook, protected branch). An attempt's journal names the
/// clone's reference locks it may take, so a killed run's are cleared by the next one.
struct SmartTransportPush: BranchPublisher {
    private let objects: RepositoryHandle
    private let remote: RemoteHandle
    private let branch: String
    private let destination: String
    private let trackingReference: String
    private let destinationTracking: String
    private let credentials: Credentials
    private let network: NetworkPolicy
    private let logger: Logger
    private let scratchReference = "refs/config-api/outgoing"

    /// `trackingReference` receives `branch`, `destinationTracking` the destination (the same
    /// reference when the destination is `branch`).
    init(local: RepositoryHandle, remote: RemoteHandle, branch: String, destination: String,
         trackingReference: String, destinationTracking: String, credentials: Credentials, network: NetworkPolicy,
         logger: Logger) {
        objects = local
        self.logger = logger
        self.remote = remote
        self.branch = branch
        self.destination = destination
        self.trackingReference = trackingReference
        self.destinationTracking = destinationTracking
        self.credentials = credentials
        self.network = network
    }

    var attemptLockDirectory: String { objects.commonDirectoryPath }

    private var pushesElsewhere: Bool { destination != branch }

    func startAttempt() throws -> PublishingAttempt {
        let locks = Set([trackingReference, destinationTracking, scratchReference]).sorted()
        try UpdateJournal(lockFiles: locks.map(objects.lockFilePath(ofReference:))).write(in: attemptLockDirectory)
        let (base, lease) = try fetchTips()
        return PublishingAttempt(base: base, lease: lease, objects: objects)
    }

    func endAttempt(_ attempt: PublishingAttempt) {
        UpdateJournal.remove(in: attemptLockDirectory)
    }

    /// Fetches the branch (and the destination) and returns their tips; the destination's is
    /// nil when the remote does not have it (its stale tracking reference is removed first).
    private func fetchTips() throws -> (base: ObjectID, lease: ObjectID?) {
        if pushesElsewhere {
            objects.deleteReference(destinationTracking)
            try remote.fetch(branches: [(branch, trackingReference), (destination, destinationTracking)],
                             credentials: credentials, network: network)
        } else {
            try remote.fetch(branch: branch, into: trackingReference, credentials: credentials, network: network)
        }
        guard let tip = try objects.target(ofReference: trackingReference) else {
            throw GitOpsError.missingBranch("\(branch) at \(displayableURL(remote.fetchURL))")
        }
        return (tip, pushesElsewhere ? try objects.target(ofReference: destinationTracking) : tip)
    }

    func publish(_ commit: ObjectID, in attempt: PublishingAttempt) throws -> Bool {
        try objects.forceReference(scratchReference, to: commit, logMessage: "config-api: outgoing")
        defer { objects.deleteReference(scratchReference) }
        switch try remote.push(scratchReference, toBranch: destination, force: pushesElsewhere,
                               expecting: attempt.lease, credentials: credentials, network: network) {
        case .accepted:
            return true
        case .nonFastForward:
            logger.debug("push of \(commit): not a fast-forward of \(remote.displayURL) \(destination)")
            return false
        case .leaseBroken:
            logger.debug("push of \(commit): \(remote.displayURL) \(destination) moved since the attempt fetched it")
            return false
        case .refused(let reason):
            guard try fetchTips().lease == attempt.lease else {
                logger.debug("push of \(commit) refused (\(reason)) and \(destination) moved: a lost race")
                return false
            }
            throw GitOpsError.rejectedByServer(reason: reason)
        }
    }

    func recordInLocalClone(_ commit: ObjectID, over base: ObjectID) throws {
        try objects.forceReference(destinationTracking, to: commit, logMessage: "config-api: pushed")
    }
}
