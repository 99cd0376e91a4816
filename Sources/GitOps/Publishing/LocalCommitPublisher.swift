/// `--no-push`: the transaction's "remote" is the clone's own branch. The commit is built on the
/// local tip and the branch (with its checked-out work tree) is moved to it.
struct LocalCommitPublisher: BranchPublisher {
    let branch: LocalBranch

    var attemptLockDirectory: String { branch.repository.commonDirectoryPath }

    func startAttempt() throws -> PublishingAttempt {
        guard let tip = try branch.tip() else { throw GitOpsError.missingBranch(branch.name) }
        return PublishingAttempt(base: tip, lease: tip, objects: branch.repository)
    }

    func publish(_ commit: ObjectID, in attempt: PublishingAttempt) throws -> Bool {
        try branch.advance(from: attempt.base, to: commit)
    }

    func endAttempt(_ attempt: PublishingAttempt) {}

    func recordInLocalClone(_ commit: ObjectID, over base: ObjectID) throws {}
}
