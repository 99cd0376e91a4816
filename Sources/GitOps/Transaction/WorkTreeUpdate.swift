internal import SystemCalls

/// Moves a work tree and its index from one commit to another without losing uncommitted work
/// and without ever leaving a half-written file.
///
/// Every file the two commits disagree on must be, in the index and in the work tree, at the
/// old commit's version or already at the new one (what a half-done earlier update leaves);
/// otherwise nothing is written and the update is `blocked` by that file. Each file is then
/// written beside its place (`.<name>.config-api-new`) and renamed over it, so a full disk or a
/// `kill -9` leaves it old or new; the index is written last, in one piece. Commits that change
/// links, submodules or folders into files are left to libgit2's safe checkout.
struct WorkTreeUpdate {
    let repository: RepositoryHandle

    enum Outcome: Equatable {
        case updated
        /// `path` has changes of its own that the update would overwrite.
        case blocked(path: String)
    }

    /// Moves the work tree and the index from `base`'s tree to `target`'s.
    func move(from base: ObjectID, to target: ObjectID) throws -> Outcome {
        let changes = try repository.changes(from: repository.commit(base).tree(), to: repository.commit(target).tree())
        guard changes.allSatisfy(\.isRegular) else {
            return try repository.checkoutSafely(target, from: base) ? .updated : .blocked(path: changes[0].path)
        }
        let index = try IndexHandle(of: repository)
        var present: [ObjectID?] = []
        for change in changes {
            let inWorkTree = try repository.workTreeBlobID(atPath: change.path)
            guard !index.hasConflict(atPath: change.path), Self.isOldOrNew(index.entryID(atPath: change.path), change),
                  Self.isOldOrNew(inWorkTree, change) else { return .blocked(path: change.path) }
            present.append(inWorkTree)
        }
        for (change, current) in zip(changes, present) where current != change.new?.id {
            try write(change)
        }
        for change in changes {
            if change.new == nil {
                try index.unstage(change.path)
            } else {
                try index.stageWorkTreeFile(atPath: change.path)
            }
        }
        try index.write()
        return .updated
    }

    /// Removes the temporary files a `kill -9` may have left beside the files `base` to `target` changes.
    func removeTemporaryFiles(from base: ObjectID, to target: ObjectID) throws {
        let changes = try repository.changes(from: repository.commit(base).tree(), to: repository.commit(target).tree())
        for change in changes { try? FileSystem.removeFile(temporaryPath(of: change.path)) }
    }

    private static func isOldOrNew(_ id: ObjectID?, _ change: TreeChange) -> Bool {
        id == change.old?.id || id == change.new?.id
    }

    private func absolutePath(_ path: String) -> String { (repository.workDirectory ?? "/") + path }

    private func temporaryPath(of path: String) -> String {
        let components = absolutePath(path).split(separator: "/", omittingEmptySubsequences: false)
        return (components.dropLast() + [".\(components.last ?? "").config-api-new"]).joined(separator: "/")
    }

    /// Writes (or removes) one file of the target commit.
    private func write(_ change: TreeChange) throws {
        let target = absolutePath(change.path)
        do {
            guard let new = change.new else {
                try? FileSystem.removeFile(target)
                try removeEmptyFolders(above: change.path)
                return
            }
            let bytes = try repository.workTreeBytes(ofBlob: new.id, asPath: change.path)
            try createFolders(above: change.path)
            let temporary = temporaryPath(of: change.path)
            do {
                let existing = try FileSystem.status(of: target).map { $0.kind == .regular ? $0.permissions : 0o644 }
                let permissions = Self.permissions(new.mode, keeping: existing ?? 0o644)
                let file = try FileDescriptor.openForReplacing(temporary, permissions: permissions)
                try file.writeAll(bytes)
                try file.setPermissions(permissions)
                try FileSystem.rename(temporary, to: target)
            } catch {
                try? FileSystem.removeFile(temporary)
                throw error
            }
        } catch let error as SystemCallError {
            throw GitOpsError.writeFailed(error)
        }
    }

    /// `existing`'s bits with the executable bits set where read is (or cleared) as `mode` says.
    private static func permissions(_ mode: FileMode, keeping existing: UInt32) -> UInt32 {
        let readable = existing & 0o444
        return mode == .executable ? (existing & 0o7666) | (readable >> 2) : existing & 0o7666
    }

    private func createFolders(above path: String) throws(SystemCallError) {
        let folders = path.split(separator: "/").dropLast()
        for depth in folders.indices {
            try FileSystem.createDirectory(absolutePath(folders[...depth].joined(separator: "/")))
        }
    }

    private func removeEmptyFolders(above path: String) throws(SystemCallError) {
        var folders = path.split(separator: "/").dropLast()
        while !folders.isEmpty {
            let folder = absolutePath(folders.joined(separator: "/"))
            guard (try? FileSystem.entries(of: folder))?.isEmpty == true else { return }
            try FileSystem.removeDirectory(folder)
            folders = folders.dropLast()
        }
    }
}
