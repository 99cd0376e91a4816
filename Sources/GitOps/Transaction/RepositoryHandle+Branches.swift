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

    /// After a clone that followed the remote's HEAD: throws `unresolvedRemoteHead` when HEAD
    /// names no branch the clone has (the remote's HEAD named a missing branch, and libgit2
    /// fell back to its own default name). For a local-path remote the message names the branch
    /// its HEAD names; over a network transport the remote does not say.
    func requireResolvedHead(remote url: String) throws {
        guard let head = headBranch, try target(ofReference: "refs/heads/\(head)") == nil else { return }
        let prefix = "refs/remotes/origin/"
        let branches = try referenceNames().filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
        let remoteHead = LocalRemoteUpdate.repositoryPath(of: url).flatMap { try? RepositoryHandle.open(exactly: $0) }?
            .headBranch
        throw GitOpsError.unresolvedRemoteHead(remote: displayableURL(url), head: remoteHead, branches: branches)
    }

    /// Deletes a reference if it exists.
    func deleteReference(_ name: String) {
        (try? reference(named: name))??.delete()
    }

    /// `user.name` / `user.email` from git config (repository, global, system), if both are set.
    var configuredIdentity: CommitIdentity? { defaultSignature()?.identity }
}
