import Logging

/// A clone's own branch and, when it is checked out, its work tree and index: moved only
/// forward, and only where that cannot overwrite uncommitted work.
struct LocalBranch {
    let repository: RepositoryHandle
    let name: String

    var referenceName: String { "refs/heads/\(name)" }

    /// Whether HEAD points at this branch in a repository with a work tree.
    var isCheckedOut: Bool { repository.workDirectory != nil && repository.headBranch == name }

    /// Whether a linked work tree (not this one) has the branch checked out: moving it would
    /// leave that work tree's files behind its HEAD.
    func isCheckedOutInAnotherWorkTree() throws -> Bool {
        try !isCheckedOut && repository.isCheckedOutInAnyWorkTree(branch: name)
    }

    /// The branch's commit, nil when the branch does not exist.
    func tip() throws -> ObjectID? {
        try repository.target(ofReference: referenceName)
    }

    /// Moves the branch from `base` to `commit` (a child of `base`), updating a checked-out work
    /// tree first. Returns false when the branch moved meanwhile; throws `uncommittedChanges`
    /// (writing nothing) when a file to be updated has uncommitted changes, and
    /// `branchCheckedOutElsewhere` when another work tree of the repository has it checked out.
    func advance(from base: ObjectID, to commit: ObjectID, file: String) throws -> Bool {
        if try isCheckedOutInAnotherWorkTree() { throw GitOpsError.branchCheckedOutElsewhere(name) }
        if isCheckedOut, try !repository.checkoutSafely(commit, from: base) {
            throw GitOpsError.uncommittedChanges(path: file)
        }
        return try repository.moveReference(referenceName, to: commit, expecting: base,
                                            logMessage: "config-api: commit")
    }

    /// After a push: fast-forwards the branch to `commit` where that is safe (true also when the
    /// branch already contains `commit`). Leaves it alone (returning false) when it does not
    /// exist, has commits `commit` does not contain, or when a file the move would update has
    /// uncommitted changes in the work tree.
    func fastForward(to commit: ObjectID, logger: Logger) throws -> Bool {
        guard let current = try tip() else { return false }
        if try current == commit || repository.isDescendant(current, of: commit) { return true }
        guard try repository.isDescendant(commit, of: current) else {
            logger.notice("local branch \(name) has commits that are not on the remote; left as it is")
            return false
        }
        if try isCheckedOutInAnotherWorkTree() {
            logger.notice("local branch \(name) not moved: it is checked out in another work tree")
            return false
        }
        if isCheckedOut, try !repository.checkoutSafely(commit, from: current) {
            logger.notice("local branch \(name) not moved: uncommitted changes in the work tree would be overwritten")
            return false
        }
        return try repository.moveReference(referenceName, to: commit, expecting: current,
                                            logMessage: "config-api: fast-forward")
    }
}
