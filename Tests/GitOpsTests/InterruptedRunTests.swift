import Foundation
@testable import GitOps
import TestSupport
import Testing

/// What a killed run leaves (its journal, git's lock files, a quarantine, a half-updated work
/// tree) is cleared or completed by the next run; a lock file of another process is reported at
/// once, with its path, and never as a branch that "kept moving".
@Suite struct InterruptedRunTests {
    /// Writes the journal a killed config-api would have left in `gitDirectory`.
    func leaveJournal(in gitDirectory: String, locks: [String] = [], folders: [String] = [],
                      workTree: UpdateJournal.WorkTreeStep? = nil) throws {
        try UpdateJournal(lockFiles: locks, folders: folders, workTree: workTree).write(in: gitDirectory)
    }

    func files(in folder: String, endingWith suffix: String) -> [String] {
        let names = FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? []
        return names.filter { $0.hasSuffix(suffix) }
    }

    @Test func aReferenceLockAndQuarantineOfAKilledPushAreRemovedAndThePushLands() throws {
        let workspace = try LocalWorkspace()
        let clone = try workspace.clone("clone")
        let remote = workspace.remote.path
        let lock = "\(remote)/refs/heads/main.lock"
        let quarantine = "\(remote)/objects/tmp_objdir-config-api-incoming"
        try "0123456789012345678901234567890123456789\n".write(toFile: lock, atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: quarantine + "/ab", withIntermediateDirectories: true)
        try "garbage".write(toFile: quarantine + "/ab/cdef", atomically: true, encoding: .utf8)
        try leaveJournal(in: remote, locks: [lock], folders: [quarantine])
        let log = CollectingLogHandler()
        var edits = 0
        let outcome = try workspace.transaction(in: clone, logger: log.logger)
            .commit(file: DemoFile.path, message: "after the kill", push: true) { current in
                edits += 1
                return try DemoFile.setting(1, to: "x")(current)
            }

        #expect(outcome.attempts == 1 && edits == 1 && outcome.localBranchUpdated)
        #expect(try workspace.remote.tip() == outcome.commit)
        #expect(log.count(of: "removed what an interrupted config-api run left: \(lock), \(quarantine)") == 1,
                "\(log.text)")
        #expect(!FileManager.default.fileExists(atPath: lock) && !FileManager.default.fileExists(atPath: quarantine))
        #expect(!FileManager.default.fileExists(atPath: "\(remote)/config-api.journal"))
        #expect(try GitCLI.run(["fsck", "--strict"], in: remote).isEmpty)
    }

    /// Without a journal nothing shows that the lock's owner is gone: config-api looks at it
    /// briefly (a live git holds it for milliseconds), then reports it with its path and age,
    /// after one attempt, instead of retrying 60 times and blaming other writers.
    @Test func aLockFileOfAnotherProcessIsReportedAtOnceWithItsPathAndAge() throws {
        let workspace = try LocalWorkspace()
        let clone = try workspace.clone("clone")
        let lock = "\(workspace.remote.path)/refs/heads/main.lock"
        #expect(FileManager.default.createFile(atPath: lock, contents: Data()))
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -600)], ofItemAtPath: lock)
        let tip = try workspace.remote.tip()
        var edits = 0
        let error = #expect(throws: GitOpsError.self) {
            try workspace.transaction(in: clone)
                .commit(file: DemoFile.path, message: "x", push: true) { current in
                    edits += 1
                    return try DemoFile.setting(1, to: "x")(current)
                }
        }
        guard case .lockFileHeld(let path, let age) = error else {
            Issue.record("expected lockFileHeld, got \(String(describing: error))")
            return
        }
        #expect(path == lock && age >= 600 && edits == 1)
        #expect(error?.description.contains("rm '\(lock)'") == true)
        #expect(try workspace.remote.tip() == tip && FileManager.default.fileExists(atPath: lock))
    }

    @Test func aHalfDoneLocalUpdateIsCompletedByTheNextRunThatChangesNothing() throws {
        let workspace = try LocalWorkspace()
        let clone = try workspace.clone("clone")
        let base = try GitCLI.run(["rev-parse", "HEAD"], in: clone)
        let pushed = try workspace.transaction(in: try workspace.clone("other"))
            .commit(file: DemoFile.path, message: "pushed", push: true, edit: DemoFile.setting(2, to: "pushed"))
        let commit = try #require(pushed.commit)
        // The killed run had fetched, written the file and staged it, then died before moving main.
        try GitCLI.run(["fetch", "--quiet"], in: clone)
        try GitCLI.run(["checkout", "--quiet", commit, "--", DemoFile.path], in: clone)
        #expect(FileManager.default.createFile(atPath: "\(clone)/.git/index.lock", contents: Data()))
        try leaveJournal(in: "\(clone)/.git", locks: ["\(clone)/.git/index.lock", "\(clone)/.git/refs/heads/main.lock"],
                         workTree: .init(branch: "main", from: base, to: commit))
        #expect(try GitCLI.run(["status", "--porcelain"], in: clone) == "M  \(DemoFile.path)")

        let log = CollectingLogHandler()
        let outcome = try workspace.transaction(in: clone, logger: log.logger)
            .commit(file: DemoFile.path, message: "again", push: true, edit: DemoFile.setting(2, to: "pushed"))
        #expect(!outcome.changed)
        #expect(log.count(of: "completed the update of main to \(commit.prefix(12))") == 1, "\(log.text)")
        #expect(try GitCLI.run(["rev-parse", "HEAD"], in: clone) == commit)
        #expect(try GitCLI.run(["status", "--porcelain"], in: clone).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: "\(clone)/.git/config-api.journal"))
    }

    /// A work tree file that cannot be written (here a folder stands where the new version is
    /// written before it is renamed into place): the push has landed, so the run succeeds with a
    /// warning, the file keeps its old content whole, and the next run completes the update.
    @Test func aCloneThatCannotFollowIsAWarningAndIsRepairedLater() throws {
        let workspace = try LocalWorkspace()
        let clone = try workspace.clone("clone")
        let base = try GitCLI.run(["rev-parse", "HEAD"], in: clone)
        let blocker = "\(clone)/projects/.demo.yaml.config-api-new"
        try FileManager.default.createDirectory(atPath: blocker + "/x", withIntermediateDirectories: true)
        let outcome = try workspace.transaction(in: clone)
            .commit(file: DemoFile.path, message: "bump", push: true, edit: DemoFile.setting(0, to: "new"))

        #expect(outcome.changed && !outcome.localBranchUpdated && outcome.warnings.count == 1)
        let pushed = outcome.commit!.prefix(12)
        #expect(outcome.warnings.first?.hasPrefix("pushed \(pushed), but the local clone could not follow \(pushed): "
                                                  + "cannot write: ") == true,
                "\(outcome.warnings)")
        #expect(try workspace.remote.tip() == outcome.commit)
        #expect(try GitCLI.run(["rev-parse", "HEAD"], in: clone) == base)
        #expect(try readText(clone, DemoFile.path) == DemoFile.content(applications: 4))
        #expect(FileManager.default.fileExists(atPath: "\(clone)/.git/config-api.journal"))

        try FileManager.default.removeItem(atPath: blocker)
        let next = try workspace.transaction(in: clone)
            .commit(file: DemoFile.path, message: "bump", push: true, edit: DemoFile.setting(0, to: "new"))
        #expect(!next.changed && next.warnings.isEmpty)
        #expect(try GitCLI.run(["rev-parse", "HEAD"], in: clone) == outcome.commit)
        #expect(try GitCLI.run(["status", "--porcelain"], in: clone).isEmpty)
        #expect(files(in: clone, endingWith: ".config-api-new").isEmpty)
    }

    @Test func aDirtyCloneLeftBehindThePushIsAWarning() throws {
        let workspace = try LocalWorkspace()
        let clone = try workspace.clone("clone")
        try (DemoFile.content(applications: 4) + "# mine\n")
            .write(toFile: "\(clone)/\(DemoFile.path)", atomically: true, encoding: .utf8)
        let outcome = try workspace.transaction(in: clone)
            .commit(file: DemoFile.path, message: "bump", push: true, edit: DemoFile.setting(0, to: "new"))
        let pushed = outcome.commit!.prefix(12)
        #expect(outcome.warnings == ["pushed \(pushed), but the clone's branch main was left behind \(pushed): "
                                     + "\(DemoFile.path) has uncommitted changes the update would overwrite "
                                     + "(it follows once the way is clear: git pull --ff-only)"])
    }

    @Test func aStaleTrackingLockOfAKilledHTTPAttemptIsRemoved() throws {
        let workspace = try HTTPWorkspace()
        let clone = try workspace.cliClone("clone")
        try GitCLI.run(["remote", "set-url", "origin", workspace.url], in: clone)
        let lock = "\(clone)/.git/refs/remotes/origin/main.lock"
        #expect(FileManager.default.createFile(atPath: lock, contents: Data()))
        try leaveJournal(in: "\(clone)/.git", locks: [lock, "\(clone)/.git/refs/config-api/outgoing.lock"])
        let outcome = try workspace.transaction(try GitRepository.open(at: clone))
            .commit(file: DemoFile.path, message: "bump", push: true, edit: DemoFile.setting(0, to: "new"))
        #expect(outcome.attempts == 1 && outcome.localBranchUpdated)
        #expect(try GitCLI.run(["rev-parse", "HEAD", "origin/main"], in: clone)
                == "\(outcome.commit!)\n\(outcome.commit!)")
        #expect(files(in: "\(clone)/.git", endingWith: ".lock") == ["config-api.lock"], "git's lock files are gone")
    }
}
