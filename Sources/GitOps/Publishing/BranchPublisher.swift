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
