internal import SystemCalls

/// A note config-api keeps in a git folder (`config-api.journal`, beside `config-api.lock`)
/// while, holding that folder's lock, it changes something a `kill -9` could leave half-done:
/// the lock files git takes meanwhile, a quarantine folder, and for a work tree update the
/// branch and the commits it moves between.
///
/// It is written before the change and removed after it. The `flock` on `config-api.lock` dies
/// with its process, so whoever takes the lock and finds a journal knows its writer is gone:
/// the lock files and folders it names are stale (removed at once, not reported as "held"), and
/// its work tree update is completed (`LocalBranch.completeInterruptedUpdate`).
struct UpdateJournal: Equatable {
    /// A work tree and branch moving from one commit to another.
    struct WorkTreeStep: Equatable {
        var branch: String
        var from: String
        var to: String
    }

    /// Lock files (absolute paths ending in `.lock`) the change may create.
    var lockFiles: [String] = []
    /// Folders (absolute paths of quarantines, `…/objects/tmp_objdir-…`) the change creates.
    var folders: [String] = []
    /// The work tree update, when the change is one.
    var workTree: WorkTreeStep?

    static let fileName = "config-api.journal"

    /// The journal's path in `gitDirectory`.
    static func path(in gitDirectory: String) -> String { "\(gitDirectory)/\(fileName)" }

    /// Writes the journal into `gitDirectory`: `config-api.journal.new` (one name, so a killed
    /// writer's is overwritten, not piled up: the folder's flock is held) renamed over the old
    /// journal, so a reader never sees half of it.
    func write(in gitDirectory: String) throws {
        let lines = ["config-api journal 1"] + lockFiles.map { "lock \($0)" } + folders.map { "folder \($0)" }
            + (workTree.map { ["work-tree \($0.branch) \($0.from) \($0.to)"] } ?? [])
        let temporary = Self.path(in: gitDirectory) + ".new"
        do {
            try FileDescriptor.openForReplacing(temporary, permissions: 0o644)
                .writeAll((lines.joined(separator: "\n") + "\n").utf8)
            try FileSystem.rename(temporary, to: Self.path(in: gitDirectory))
        } catch {
            try? FileSystem.removeFile(temporary)
            throw GitOpsError.writeFailed(error)
        }
    }

    /// The journal in `gitDirectory`, nil when there is none. Entries that are not what
    /// config-api writes (a path that is not absolute, a lock that is not a `.lock` file, a
    /// folder that is not a quarantine) are ignored.
    static func read(in gitDirectory: String) -> UpdateJournal? {
        guard let file = try? FileDescriptor.openForReading(path(in: gitDirectory)),
              let bytes = try? file.readToEnd() else { return nil }
        var journal = UpdateJournal()
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
            let words = line.split(separator: " ", maxSplits: 1).map(String.init)
            guard words.count == 2 else { continue }
            let value = words[1]
            let isSafePath = value.hasPrefix("/") && !value.split(separator: "/").contains("..")
            switch words[0] {
            case "lock" where isSafePath && value.hasSuffix(".lock"): journal.lockFiles.append(value)
            case "folder" where isSafePath && value.contains("/objects/tmp_objdir-"): journal.folders.append(value)
            case "work-tree":
                let parts = value.split(separator: " ").map(String.init)
                if parts.count == 3 { journal.workTree = WorkTreeStep(branch: parts[0], from: parts[1], to: parts[2]) }
            default: continue
            }
        }
        return journal
    }

    /// Removes the journal from `gitDirectory` (the change it describes is complete), and the
    /// half-written one a writer killed while writing it may have left.
    static func remove(in gitDirectory: String) {
        try? FileSystem.removeFile(path(in: gitDirectory))
        try? FileSystem.removeFile(path(in: gitDirectory) + ".new")
    }

    /// Removes the lock files and folders the journal names; returns those that were there.
    func removeLeftovers() -> [String] {
        var removed: [String] = []
        for path in lockFiles + folders where (try? FileSystem.status(of: path)) != nil {
            if (try? FileSystem.removeTree(path)) != nil { removed.append(path) }
        }
        return removed
    }
}
