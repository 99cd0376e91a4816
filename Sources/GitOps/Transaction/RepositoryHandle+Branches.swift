extension RepositoryHandle {
    /// The short name of the branch HEAD points at (also when it is unborn); nil when detached.
    var headBranch: String? {
        guard let head = try? reference(named: "HEAD"), let target = head.symbolicTarget,
              target.hasPrefix("refs/heads/") else { return nil }
        return String(target.dropFirst("refs/heads/".count))
    }

    /// Whether the branch is checked out in any work tree of the repository (this one or a
    /// linked one made by `git worktree add`); false when it does not exist.
    func isCheckedOutInAnyWorkTree(branch: String) throws -> Bool {
        try reference(named: "refs/heads/\(branch)")?.isCheckedOutInAnyWorkTree() ?? false
    }

    /// Deletes a reference if it exists.
    func deleteReference(_ name: String) {
        (try? reference(named: name))??.delete()
    }

    /// `user.name` / `user.email` from git config (repository, global, system), if both are set.
    var configuredIdentity: CommitIdentity? { defaultSignature()?.identity }
}
