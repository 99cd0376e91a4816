/// `--no-push`: the transaction's "remote" is the clone's own branch. The commit is built on the
/// local tip and the branch (with its checked-out work tree) is moved to it.
struct LocalCommitPublisher: BranchPublisher {
    let branch: LocalBranch
    let file: String

    var objects: RepositoryHandle { branch.repository }

    var attemptLockDirectory: String { objects.commonDirectory }

    func fetchTip() throws -> ObjectID {
        guard let tip = try branch.tip() else { throw GitOpsError.missingBranch(branch.name) }
        return tip
    }

    func publish(_ commit: ObjectID, over base: ObjectID) throws -> Bool {
        try branch.advance(from: base, to: commit, file: file)
    }

    func recordInLocalClone(_ commit: ObjectID, over base: ObjectID) throws {}
}
