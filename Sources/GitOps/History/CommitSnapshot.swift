/// One commit of a repository, read-only: its files, the file names of a folder, and the
/// first-parent history of a file up to it. A transaction hands its edit the snapshot of each
/// attempt's base (docs/contract.md#deploy-order): the order guards read the deployed state and
/// the recorded order keys there, so a retry on a new tip judges the new tip.
public struct CommitSnapshot {
    let repository: RepositoryHandle
    let id: ObjectID

    init(repository: RepositoryHandle, id: ObjectID) {
        self.repository = repository
        self.id = id
    }

    /// The commit's id, 40 hex digits.
    public var commit: String { "\(id)" }

    /// The bytes of the file at `path` (`projects/shop.yaml`); nil when the commit has none there.
    public func file(_ path: String) throws -> [UInt8]? {
        try repository.file(at: PushTransaction.treePath(path), inCommit: id)?.bytes
    }

    /// The names of the files directly in `folder` (`projects`), in git's order; none when the
    /// commit has no such folder.
    public func fileNames(in folder: String) throws -> [String] {
        let root = try repository.commit(id).tree()
        guard let entry = try root.entry(atPath: PushTransaction.treePath(folder)), entry.fileMode == nil,
              let tree = try? repository.tree(entry.id) else { return [] }
        return tree.fileNames
    }

    /// The commits of the first-parent history up to this one that changed `path`, newest first.
    public func history(of path: String) throws -> FileHistory {
        try FileHistory(repository: repository, path: PushTransaction.treePath(path), tip: id)
    }
}

extension GitRepository {
    /// Makes libgit2 read objects without recomputing their ids, for the rest of the process,
    /// as git does: for commands that only read (`history`, `status`), where hashing every
    /// blob of a long history would cost more than reading it.
    public static func readObjectsWithoutVerifyingTheirIDs() throws {
        try LibGit2.skipHashVerificationOnRead()
    }

    /// The tip of `branch` (nil: the branch HEAD points at): the local branch, else its
    /// remote-tracking reference `refs/remotes/origin/<branch>`.
    public func snapshot(ofBranch branch: String?) throws -> CommitSnapshot {
        guard let name = branch ?? currentBranch else { throw GitOpsError.missingBranch("HEAD (detached)") }
        guard let tip = try handle.target(ofReference: "refs/heads/\(name)")
                ?? handle.target(ofReference: "refs/remotes/origin/\(name)") else {
            throw GitOpsError.missingBranch(name)
        }
        return CommitSnapshot(repository: handle, id: tip)
    }
}
