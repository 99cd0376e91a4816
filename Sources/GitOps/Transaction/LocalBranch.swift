/// A clone's own branch and, when it is checked out, its work tree and index: moved only
/// forward, only where that cannot overwrite uncommitted work, and under an `UpdateJournal`, so
/// that a run killed half-way is completed by the next one.
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
    func advance(from base: ObjectID, to commit: ObjectID) throws -> Bool {
        if try isCheckedOutInAnotherWorkTree() { throw GitOpsError.branchCheckedOutElsewhere(name) }
        guard try tip() == base else { return false }
        return try journaling(from: base, to: commit) {
            if isCheckedOut,
               case .blocked(let path) = try WorkTreeUpdate(repository: repository).move(from: base, to: commit) {
                throw GitOpsError.uncommittedChanges(path: path)
            }
            return try repository.moveReference(referenceName, to: commit, expecting: base,
                                                logMessage: "config-api: commit")
        }
    }

    /// How the clone's branch took a pushed commit.
    enum Following: Equatable {
        /// The branch (and its checked-out work tree) now has the commit.
        case followed
        /// The clone has no such branch: nothing to follow.
        case noBranch
        /// The branch was left where it is, for `reason`.
        case leftBehind(reason: String)
    }

    /// After a push: fast-forwards the branch to `commit` where that is safe (also done when
    /// the branch already contains `commit`). Leaves it alone when it does not exist, has
    /// commits `commit` does not contain, is checked out in another work tree, or when a file
    /// the move would update has uncommitted changes in the work tree.
    func fastForward(to commit: ObjectID) throws -> Following {
        guard let current = try tip() else { return .noBranch }
        if try current == commit || repository.isDescendant(current, of: commit) { return .followed }
        guard try repository.isDescendant(commit, of: current) else {
            return .leftBehind(reason: "it has commits that are not on the remote")
        }
        if try isCheckedOutInAnotherWorkTree() { return .leftBehind(reason: "it is checked out in another work tree") }
        return try journaling(from: current, to: commit) {
            if isCheckedOut,
               case .blocked(let path) = try WorkTreeUpdate(repository: repository).move(from: current, to: commit) {
                return .leftBehind(reason: "\(path) has uncommitted changes the update would overwrite")
            }
            let moved = try repository.moveReference(referenceName, to: commit, expecting: current,
                                                     logMessage: "config-api: fast-forward")
            return moved ? .followed : .leftBehind(reason: "it moved while config-api was updating it")
        }
    }

    /// Completes the move from `from` to `to` that a killed run began (its journal says so):
    /// the work tree files and the index still at `from` are brought to `to` and the branch is
    /// moved. Returns what happened, for the log.
    func completeInterruptedUpdate(from: ObjectID, to: ObjectID) throws -> String {
        let tip = try tip()
        guard tip == from || tip == to else {
            return "an interrupted update of \(name) was left as it is: the branch has moved since"
        }
        return try journaling(from: from, to: to) {
            if isCheckedOut {
                let update = WorkTreeUpdate(repository: repository)
                try update.removeTemporaryFiles(from: from, to: to)
                if case .blocked(let path) = try update.move(from: from, to: to) {
                    return "an interrupted update of \(name) cannot be completed: \(path) has changes of its own"
                }
            }
            if tip == from {
                _ = try repository.moveReference(referenceName, to: to, expecting: from,
                                                 logMessage: "config-api: complete an interrupted update")
            }
            return "completed the update of \(name) to \("\(to)".prefix(12)) that an interrupted run left half-done"
        }
    }

    /// Runs `body` (a move of the branch from `from` to `to`) under a journal naming the move
    /// and the lock files it takes; the journal stays when `body` fails half-way (a full disk),
    /// so a later run completes the move, except when it refused to start (`uncommittedChanges`).
    private func journaling<Result>(from: ObjectID, to: ObjectID, _ body: () throws -> Result) throws -> Result {
        let folder = repository.commonDirectoryPath
        let gitDirectory = repository.gitDirectory.hasSuffix("/") ? String(repository.gitDirectory.dropLast())
                                                                  : repository.gitDirectory
        let journal = UpdateJournal(
            lockFiles: ["\(gitDirectory)/index.lock", repository.lockFilePath(ofReference: referenceName)],
            workTree: .init(branch: name, from: "\(from)", to: "\(to)"))
        try journal.write(in: folder)
        do {
            let result = try body()
            UpdateJournal.remove(in: folder)
            return result
        } catch GitOpsError.uncommittedChanges(let path) {
            UpdateJournal.remove(in: folder)
            throw GitOpsError.uncommittedChanges(path: path)
        }
    }
}
