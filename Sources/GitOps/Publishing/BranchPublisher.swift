/// The remote side of one transaction attempt: where the branch tip is read, where new objects
/// are written, and how a commit lands on the destination branch (compare-and-swap semantics:
/// it lands only if the destination is still what the attempt saw). The destination is the
/// branch itself, or the branch `--push-to` names (docs/contract.md#signed-and-traceable-commits),
/// which the commit, built on the branch's tip, replaces under a lease.
protocol BranchPublisher {
    /// The git folder whose `config-api.lock` an attempt holds: the local clone's when an
    /// attempt writes into it, the remote's when config-api writers can queue there.
    var attemptLockDirectory: String { get }
    /// Starts an attempt (holding the lock of `attemptLockDirectory`): the current tip of the
    /// remote branch and of the destination (fetching them first where that is needed), and
    /// where the attempt's objects go.
    func startAttempt() throws -> PublishingAttempt
    /// Makes `commit` the destination's tip if the destination is still `attempt.lease`; false
    /// when another writer moved it first (a lost race). A refusal by the server is thrown.
    func publish(_ commit: ObjectID, in attempt: PublishingAttempt) throws -> Bool
    /// Ends an attempt however it went: removes what it left (a quarantine, its journal).
    func endAttempt(_ attempt: PublishingAttempt)
    /// After `publish` put `commit` (built on `base`) on the destination: gives the local clone
    /// the objects and the destination's remote-tracking reference
    /// (`refs/remotes/<remote>/<destination>`). Runs under the clone's lock.
    func recordInLocalClone(_ commit: ObjectID, over base: ObjectID) throws
}

/// Where one attempt stands: the tip it builds on, the destination's tip it may replace, the
/// repository that holds the tip and receives the attempt's new objects, and for a local-path
/// remote the quarantine they go to.
struct PublishingAttempt {
    let base: ObjectID
    /// The destination's tip as the attempt saw it (the lease): `base` when the destination is
    /// the branch itself; nil when the destination does not exist yet.
    let lease: ObjectID?
    let objects: RepositoryHandle
    var quarantine: ObjectQuarantine?
}
