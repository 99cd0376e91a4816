internal import SystemCalls

/// git receive-pack's quarantine, for a push to a local-path remote: the attempt's new objects
/// go into `objects/tmp_objdir-config-api-incoming` inside the remote (one name: attempts on a
/// remote hold its `config-api.lock`, one at a time), where the remote's hooks can
/// read them (`GIT_QUARANTINE_PATH`, `GIT_OBJECT_DIRECTORY`, with the remote's own objects as
/// `GIT_ALTERNATE_OBJECT_DIRECTORIES`) while the repository itself never sees them. Accepted,
/// they move into the object database (`migrate`) before the branch moves; refused, or
/// abandoned, the folder is removed (`discard`, also when the object goes away unmigrated).
final class ObjectQuarantine {
    /// The quarantine folder (absolute).
    let folder: String
    /// The remote's object folder (absolute).
    let objectsFolder: String
    /// The remote repository, opened so that new objects land in the quarantine.
    let objects: RepositoryHandle
    private var settled = false

    /// The quarantine folder of the repository whose common git folder is `gitDirectory`.
    static func folder(in gitDirectory: String) -> String { "\(gitDirectory)/objects/tmp_objdir-config-api-incoming" }

    /// Creates the quarantine (empty: anything a killed attempt left there is removed first) in
    /// the remote repository at `repositoryPath`.
    init(repositoryPath: String) throws {
        let repository = try RepositoryHandle.open(exactly: repositoryPath)
        objectsFolder = repository.commonDirectoryPath + "/objects"
        folder = Self.folder(in: repository.commonDirectoryPath)
        do {
            try FileSystem.removeTree(folder)
            try FileSystem.createDirectory(folder)
        } catch {
            throw GitOpsError.writeFailed(error)
        }
        objects = repository
        do {
            try repository.objectDatabase().writeNewObjects(into: folder)
        } catch {
            try? FileSystem.removeTree(folder)
            throw error
        }
    }

    deinit {
        if !settled { try? FileSystem.removeTree(folder) }
    }

    /// The variables receive-pack gives `pre-receive` and `update`.
    var hookEnvironment: [String: String] {
        ["GIT_QUARANTINE_PATH": folder, "GIT_OBJECT_DIRECTORY": folder,
         "GIT_ALTERNATE_OBJECT_DIRECTORIES": objectsFolder]
    }

    /// Moves every object of the quarantine into the remote's object folder (an object already
    /// there is kept, its copy dropped), pack files before their indexes, then removes the
    /// quarantine.
    func migrate() throws {
        do {
            try Self.move(contentsOf: folder, into: objectsFolder)
            try FileSystem.removeTree(folder)
            settled = true
        } catch {
            throw GitOpsError.writeFailed(error)
        }
    }

    /// Removes the quarantine and what it holds.
    func discard() {
        try? FileSystem.removeTree(folder)
        settled = true
    }

    private static func move(contentsOf source: String, into target: String) throws(SystemCallError) {
        let indexesLast = { (name: String) in (name.hasSuffix(".idx") ? 1 : 0, name) }
        let names = try FileSystem.entries(of: source).sorted { indexesLast($0) < indexesLast($1) }
        for name in names {
            let from = "\(source)/\(name)"
            let to = "\(target)/\(name)"
            if try FileSystem.status(of: from)?.kind == .directory {
                try FileSystem.createDirectory(to)
                try move(contentsOf: from, into: to)
            } else if try FileSystem.status(of: to) != nil {
                try FileSystem.removeFile(from)
            } else {
                try FileSystem.rename(from, to: to)
            }
        }
    }
}
