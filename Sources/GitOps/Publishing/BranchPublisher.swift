/// The remote side of one transaction attempt: where the branch tip is read, where new objects
/// are written, and how a commit replaces the tip (compare-and-swap semantics: it lands only
/// if the tip is still the commit it was built on).
protocol BranchPublisher {
    /// The git folder whose `config-api.lock` an attempt holds: the local clone's when an
    /// attempt writes into it, the remote's when config-api writers can queue there.
    var attemptLockDirectory: String { get }
    /// Starts an attempt (holding the lock of `attemptLockDirectory`): the current tip of the
    /// remote branch (fetching it first where that is needed) and where the attempt's objects go.
    func startAttempt() throws -> PublishingAttempt
    /// Makes `commit` the remote branch's tip if the tip is still `attempt.base`; false when
    /// another writer moved it first (a lost race). A refusal by the server is thrown.
    func publish(_ commit: ObjectID, in attempt: PublishingAttempt) throws -> Bool
    /// Ends an attempt however it went: removes what it left (a quarantine, its journal).
    func endAttempt(_ attempt: PublishingAttempt)
    /// After `publish` put `commit` on top of `base`: gives the local clone the objects and the
    /// remote-tracking reference (`refs/remotes/<remote>/<branch>`). Runs under the clone's lock.
    func recordInLocalClone(_ commit: ObjectID, over base: ObjectID) throws
}

/// Where one attempt stands: the tip it builds on, the repository that holds the tip and
/// receives the attempt's new objects, and for a local-path remote the quarantine they go to.
struct PublishingAttempt {
    let base: ObjectID
    let objects: RepositoryHandle
    var quarantine: ObjectQuarantine?
}
