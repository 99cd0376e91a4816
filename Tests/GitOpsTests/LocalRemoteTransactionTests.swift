import Foundation
@testable import GitOps
import TestSupport
import Testing

/// Transactions against a bare repository given as a local path (compare-and-swap on its branch).
@Suite struct LocalRemoteTransactionTests {
    @Test func pushesOneCommitAndUpdatesTheClone() throws {
        let workspace = try LocalWorkspace()
        let clone = try workspace.clone("clone")
        let outcome = try workspace.transaction(in: clone)
            .commit(file: DemoFile.path, message: "apply projects/demo/applications/app-01", push: true,
                    edit: DemoFile.setting(1, to: "3f2c1a9"))

        #expect(outcome.changed && outcome.attempts == 1 && outcome.localBranchUpdated)
        #expect(outcome.commit == (try workspace.remote.tip()))
        #expect(try workspace.remote.commitCount() == 2)
        #expect(DemoFile.has(try workspace.remote.content(of: DemoFile.path), 1, "3f2c1a9"))
        #expect(try workspace.remote.log("%an <%ae>|%s").first
                == "\(testAuthor)|apply projects/demo/applications/app-01")
        #expect(try GitCLI.run(["rev-parse", "HEAD", "origin/main"], in: clone)
                == "\(outcome.commit!)\n\(outcome.commit!)")
        #expect(DemoFile.has(try readText(clone, DemoFile.path), 1, "3f2c1a9"))
        #expect(try GitCLI.run(["status", "--porcelain"], in: clone).isEmpty)
        #expect(outcome.before.map { String(decoding: $0, as: UTF8.self) } == DemoFile.content(applications: 4))
    }

    @Test func sameEditTwiceMakesNoSecondCommit() throws {
        let workspace = try LocalWorkspace()
        let transaction = try workspace.transaction(in: try workspace.clone("clone"))
        let bump = DemoFile.setting(2, to: "abc1234")
        let first = try transaction.commit(file: DemoFile.path, message: "bump", push: true, edit: bump)
        let second = try transaction.commit(file: DemoFile.path, message: "bump", push: true, edit: bump)

        #expect(first.changed && !second.changed)
        #expect(second.commit == nil && second.base == first.commit)
        #expect(try workspace.remote.commitCount() == 2)
    }

    @Test func competitorBetweenFetchAndPushIsRetriedOnTheNewTip() throws {
        let workspace = try LocalWorkspace()
        let competitor = try workspace.clone("competitor")
        var editsSeen: [String] = []
        let outcome = try workspace.transaction(in: try workspace.clone("clone"))
            .commit(file: DemoFile.path, message: "mine", push: true) { current in
                editsSeen.append(String(decoding: current ?? [], as: UTF8.self))
                if editsSeen.count == 1 {
                    try GitCLI.commitAndPush(in: competitor, file: DemoFile.path, message: "theirs") {
                        $0.replacingOccurrences(of: "app-03: initial", with: "app-03: theirs")
                    }
                }
                return try DemoFile.setting(0, to: "mine")(current)
            }

        #expect(outcome.attempts == 2 && editsSeen.count == 2)
        #expect(DemoFile.has(editsSeen[1], 3, "theirs"))
        let content = try workspace.remote.content(of: DemoFile.path)
        #expect(DemoFile.has(content, 0, "mine") && DemoFile.has(content, 3, "theirs"))
        #expect(try workspace.remote.log("%s") == ["mine", "theirs", "seed"])
        #expect(try workspace.remote.mergeCount() == 0)
    }

    @Test func exhaustedAttemptsLeaveRemoteAndCloneConsistent() throws {
        let workspace = try LocalWorkspace()
        let competitor = try workspace.clone("competitor")
        let clone = try workspace.clone("clone")
        let cloneHead = try GitCLI.run(["rev-parse", "HEAD"], in: clone)
        let retry = RetryPolicy(maxAttempts: 3, baseDelay: 0.001, maxDelay: 0.01)
        var attempts = 0

        #expect(throws: GitOpsError.retriesExhausted(attempts: 3)) {
            try workspace.transaction(in: clone, retry: retry)
                .commit(file: DemoFile.path, message: "mine", push: true) { current in
                    attempts += 1
                    try GitCLI.commitAndPush(in: competitor, file: DemoFile.path, message: "theirs \(attempts)") {
                        $0 + "# competitor \(attempts)\n"
                    }
                    return try DemoFile.setting(0, to: "mine")(current)
                }
        }
        #expect(attempts == 3)
        #expect(try workspace.remote.log("%s") == ["theirs 3", "theirs 2", "theirs 1", "seed"])
        #expect(try GitCLI.run(["rev-parse", "HEAD"], in: clone) == cloneHead)
        #expect(try GitCLI.run(["status", "--porcelain"], in: clone).isEmpty)
        #expect(try GitCLI.run(["for-each-ref", "--format=%(refname)", "refs/config-api"], in: clone).isEmpty)
    }

    @Test func usersUncommittedChangeToTheFileSurvives() throws {
        let workspace = try LocalWorkspace()
        let clone = try workspace.clone("clone")
        let dirty = DemoFile.content(applications: 4) + "# my unsaved note\n"
        try dirty.write(toFile: "\(clone)/\(DemoFile.path)", atomically: true, encoding: .utf8)
        let outcome = try workspace.transaction(in: clone)
            .commit(file: DemoFile.path, message: "bump", push: true, edit: DemoFile.setting(1, to: "new"))

        #expect(outcome.changed && !outcome.localBranchUpdated)
        #expect(DemoFile.has(try workspace.remote.content(of: DemoFile.path), 1, "new"))
        #expect(try readText(clone, DemoFile.path) == dirty)
        #expect(try GitCLI.run(["rev-parse", "origin/main"], in: clone) == outcome.commit)
        #expect(try GitCLI.run(["rev-parse", "HEAD"], in: clone) == outcome.base)
    }

    @Test func uncommittedChangeElsewhereSurvivesWhileTheBranchMoves() throws {
        let workspace = try LocalWorkspace(extraFiles: ["README.md": "readme\n"])
        let clone = try workspace.clone("clone")
        try "readme, edited\n".write(toFile: "\(clone)/README.md", atomically: true, encoding: .utf8)
        let outcome = try workspace.transaction(in: clone)
            .commit(file: DemoFile.path, message: "bump", push: true, edit: DemoFile.setting(1, to: "new"))

        #expect(outcome.localBranchUpdated)
        #expect(try GitCLI.run(["rev-parse", "HEAD"], in: clone) == outcome.commit)
        #expect(DemoFile.has(try readText(clone, DemoFile.path), 1, "new"))
        #expect(try readText(clone, "README.md") == "readme, edited\n")
        #expect(try GitCLI.run(["status", "--porcelain"], in: clone) == " M README.md")
    }

    @Test func localCommitsAreNeverDropped() throws {
        let workspace = try LocalWorkspace(extraFiles: ["notes.txt": "a\n"])
        let clone = try workspace.clone("clone")
        try "b\n".write(toFile: "\(clone)/notes.txt", atomically: true, encoding: .utf8)
        try GitCLI.run(["commit", "--quiet", "-am", "local work"], in: clone)
        let localHead = try GitCLI.run(["rev-parse", "HEAD"], in: clone)
        let outcome = try workspace.transaction(in: clone)
            .commit(file: DemoFile.path, message: "bump", push: true, edit: DemoFile.setting(1, to: "new"))

        #expect(outcome.changed && !outcome.localBranchUpdated)
        #expect(try GitCLI.run(["rev-parse", "HEAD"], in: clone) == localHead)
        #expect(try workspace.remote.log("%s") == ["bump", "seed"])
    }

    @Test func noPushCommitsOnTheLocalBranchOnly() throws {
        let workspace = try LocalWorkspace()
        let clone = try workspace.clone("clone")
        let remoteTip = try workspace.remote.tip()
        let outcome = try workspace.transaction(in: clone)
            .commit(file: DemoFile.path, message: "local bump", push: false, edit: DemoFile.setting(2, to: "local"))

        #expect(outcome.changed && outcome.localBranchUpdated)
        #expect(try workspace.remote.tip() == remoteTip)
        #expect(try GitCLI.run(["log", "--format=%s %P", "-1"], in: clone) == "local bump \(remoteTip)")
        #expect(DemoFile.has(try readText(clone, DemoFile.path), 2, "local"))
        #expect(try GitCLI.run(["status", "--porcelain"], in: clone).isEmpty)
    }

    @Test func noPushRefusesToOverwriteUncommittedChanges() throws {
        let workspace = try LocalWorkspace()
        let clone = try workspace.clone("clone")
        let head = try GitCLI.run(["rev-parse", "HEAD"], in: clone)
        try "mine\n".write(toFile: "\(clone)/\(DemoFile.path)", atomically: true, encoding: .utf8)

        #expect(throws: GitOpsError.uncommittedChanges(path: DemoFile.path)) {
            try workspace.transaction(in: clone)
                .commit(file: DemoFile.path, message: "local", push: false, edit: DemoFile.setting(2, to: "local"))
        }
        #expect(try GitCLI.run(["rev-parse", "HEAD"], in: clone) == head)
        #expect(try readText(clone, DemoFile.path) == "mine\n")
    }

    @Test func branchCheckedOutInAnotherWorkTreeIsLeftAlone() throws {
        let workspace = try LocalWorkspace()
        let clone = try workspace.clone("clone")
        let linked = workspace.folder.child("linked")
        try GitCLI.run(["worktree", "add", "--quiet", "-b", "side", linked], in: clone)
        let head = try GitCLI.run(["rev-parse", "main"], in: clone)
        let outcome = try workspace.transaction(in: linked)
            .commit(file: DemoFile.path, message: "from linked", push: true, edit: DemoFile.setting(1, to: "linked"))

        #expect(outcome.changed && !outcome.localBranchUpdated)
        #expect(try GitCLI.run(["rev-parse", "main", "origin/main"], in: clone) == "\(head)\n\(outcome.commit!)")
        #expect(try GitCLI.run(["status", "--porcelain"], in: clone).isEmpty)
        #expect(FileManager.default.fileExists(atPath: "\(clone)/.git/config-api.lock"))
        #expect(throws: GitOpsError.branchCheckedOutElsewhere("main")) {
            try workspace.transaction(in: linked)
                .commit(file: DemoFile.path, message: "local", push: false, edit: DemoFile.setting(2, to: "local"))
        }
        #expect(try GitCLI.run(["rev-parse", "main"], in: clone) == head)
    }

    @Test func anotherHolderOfTheCloneLockMakesItWaitThenTimeOut() throws {
        let workspace = try LocalWorkspace()
        let clone = try workspace.clone("clone")
        let log = CollectingLogHandler()
        let transaction = PushTransaction(repository: try GitRepository.open(at: clone), branch: "main",
                                          credentials: Credentials(), author: testAuthor, logger: log.logger,
                                          lockTimeout: 0.3)
        var otherHolder: GitDirectoryLock? = try GitDirectoryLock(gitDirectory: "\(clone)/.git", timeout: 1)
        #expect(throws: GitOpsError.lockTimeout(path: "\(clone)/.git/config-api.lock", seconds: 0.3)) {
            try transaction.commit(file: DemoFile.path, message: "x", push: false, edit: DemoFile.setting(0, to: "y"))
        }
        #expect(log.count(of: "waiting up to 0.3 s for the lock") == 1, "it waited for the holder, then gave up")
        #expect(otherHolder != nil)
        otherHolder = nil
        let outcome = try transaction.commit(file: DemoFile.path, message: "x", push: false,
                                             edit: DemoFile.setting(0, to: "y"))
        #expect(outcome.changed && outcome.localBranchUpdated)
    }

    @Test func aWaitingWriterTakesTheLockWhenItsHolderLetsGo() throws {
        let workspace = try LocalWorkspace()
        let clone = try workspace.clone("clone")
        let log = CollectingLogHandler()
        let holder = HeldLock(try GitDirectoryLock(gitDirectory: "\(clone)/.git", timeout: 1))
        let results = onThreads(2) { index in
            guard index == 0 else {
                log.waitForMessage(containing: "waiting up to 600.0 s for the lock")
                holder.release()
                return false
            }
            return try PushTransaction(repository: try GitRepository.open(at: clone), branch: "main",
                                       credentials: Credentials(), author: testAuthor, logger: log.logger,
                                       lockTimeout: 600)
                .commit(file: DemoFile.path, message: "after the holder", push: true,
                        edit: DemoFile.setting(1, to: "after")).changed
        }
        #expect(try results.map { try $0.get() } == [true, false])
        #expect(log.count(of: "waiting up to") == 1)
        #expect(DemoFile.has(try workspace.remote.content(of: DemoFile.path), 1, "after"))
    }

    @Test func editErrorPropagatesAndNothingMoves() throws {
        struct Refusal: Error, Equatable {}
        let workspace = try LocalWorkspace()
        let clone = try workspace.clone("clone")
        let tip = try workspace.remote.tip()

        #expect(throws: Refusal()) {
            try workspace.transaction(in: clone)
                .commit(file: DemoFile.path, message: "x", push: true) { _ in throw Refusal() }
        }
        #expect(try workspace.remote.tip() == tip)
        #expect(try GitCLI.run(["rev-parse", "HEAD"], in: clone) == tip)
    }

    @Test func previewReadsTheLocalTipAndWritesNothing() throws {
        let workspace = try LocalWorkspace()
        let clone = try workspace.clone("clone")
        let objectsBefore = try GitCLI.run(["count-objects"], in: clone)
        let outcome = try workspace.transaction(in: clone)
            .preview(file: DemoFile.path, edit: DemoFile.setting(3, to: "preview"))

        #expect(outcome.changed && outcome.commit == nil)
        #expect(outcome.after.map { DemoFile.has(String(decoding: $0, as: UTF8.self), 3, "preview") } == true)
        #expect(outcome.base == (try workspace.remote.tip()))
        #expect(try GitCLI.run(["count-objects"], in: clone) == objectsBefore)
        #expect(try workspace.remote.commitCount() == 1)
        #expect(!FileManager.default.fileExists(atPath: "\(clone)/.git/config-api.lock"))
    }

    @Test func createsAMissingFileInNewFolders() throws {
        let workspace = try LocalWorkspace()
        let clone = try workspace.clone("clone")
        var seen: [UInt8]?? = .none
        _ = try workspace.transaction(in: clone)
            .commit(file: "projects/new/deep/app.yaml", message: "create", push: true) { current in
                seen = .some(current)
                return Array("name: app\n".utf8)
            }

        #expect(seen == .some(nil))
        #expect(try workspace.remote.content(of: "projects/new/deep/app.yaml") == "name: app\n")
        #expect(try workspace.remote.content(of: DemoFile.path) == DemoFile.content(applications: 4))
        #expect(try readText(clone, "projects/new/deep/app.yaml") == "name: app\n")
    }

    @Test func executableModeIsKeptAndFoldersAreRefused() throws {
        let workspace = try LocalWorkspace(extraFiles: ["deploy.sh": "echo 1\n"])
        let clone = try workspace.clone("clone")
        try GitCLI.run(["update-index", "--chmod=+x", "deploy.sh"], in: clone)
        try GitCLI.run(["commit", "--quiet", "-m", "executable"], in: clone)
        try GitCLI.run(["push", "--quiet", "origin", "main"], in: clone)
        let transaction = try workspace.transaction(in: clone)
        _ = try transaction.commit(file: "deploy.sh", message: "x", push: true) { _ in Array("echo 2\n".utf8) }

        #expect(try GitCLI.run(["ls-tree", "main", "deploy.sh"], in: workspace.remote.path).hasPrefix("100755 blob"))
        #expect(throws: GitOpsError.notAFile(path: "projects")) {
            try transaction.commit(file: "projects/", message: "x", push: true) { $0 ?? [] }
        }
    }

    @Test func authorComesFromGitConfigWhenNotGiven() throws {
        let workspace = try LocalWorkspace()
        let clone = try workspace.clone("clone")
        try GitCLI.run(["config", "user.name", "Configured Person"], in: clone)
        try GitCLI.run(["config", "user.email", "configured@example.com"], in: clone)
        _ = try workspace.transaction(in: clone, author: nil)
            .commit(file: DemoFile.path, message: "x", push: true, edit: DemoFile.setting(0, to: "y"))

        #expect(try workspace.remote.log("%an <%ae>|%cn <%ce>").first
                == "Configured Person <configured@example.com>|Configured Person <configured@example.com>")
    }

    @Test func authorFallsBackToConfigAPIWithoutGitConfig() throws {
        let workspace = try LocalWorkspace()
        _ = try workspace.transaction(in: try workspace.clone("clone"), author: nil)
            .commit(file: DemoFile.path, message: "x", push: true, edit: DemoFile.setting(0, to: "y"))

        #expect(try workspace.remote.log("%an <%ae>").first == CommitIdentity.fallback.description)
    }

    @Test func temporaryCloneCommitsAndIsRemoved() throws {
        let workspace = try LocalWorkspace()
        var repository: GitRepository? = try GitRepository.cloneIntoTemporaryFolder(
            url: workspace.remote.path, branch: "main", credentials: Credentials())
        let folder = try #require(repository?.gitDirectoryPath)
        #expect(repository?.workTreePath == nil && repository?.currentBranch == "main")
        let outcome = try PushTransaction(repository: repository!, branch: nil, credentials: Credentials(),
                                          author: testAuthor, logger: quietLogger)
            .commit(file: DemoFile.path, message: "from a container", push: true, edit: DemoFile.setting(1, to: "c"))
        repository = nil

        #expect(outcome.commit == (try workspace.remote.tip()))
        #expect(!FileManager.default.fileExists(atPath: folder))
    }

    @Test func missingBranchAndRemoteAreReported() throws {
        let workspace = try LocalWorkspace()
        let repository = try GitRepository.open(at: try workspace.clone("clone") + "/projects")
        let onBranch = { (branch: String, remote: String) in
            PushTransaction(repository: repository, branch: branch, remoteName: remote, credentials: Credentials(),
                            author: testAuthor, logger: quietLogger)
        }
        #expect(throws: GitOpsError.missingRemote("upstream")) {
            try onBranch("main", "upstream").commit(file: DemoFile.path, message: "x", push: true, edit: { $0 ?? [] })
        }
        #expect(throws: GitOpsError.missingBranch("nope at \(workspace.remote.path)")) {
            try onBranch("nope", "origin").commit(file: DemoFile.path, message: "x", push: true, edit: { $0 ?? [] })
        }
        #expect(throws: GitOpsError.notARepository(path: "/")) { try GitRepository.open(at: "/") }
    }

    /// libgit2 falls back to its own default name when the remote's HEAD names a missing branch:
    /// the error names the branch HEAD names (for a path; a network remote does not say) and
    /// the branches there are, never libgit2's invention.
    @Test func aRemoteHeadNamingAMissingBranchIsReportedAsSuch() throws {
        let workspace = try LocalWorkspace()
        try GitCLI.run(["symbolic-ref", "HEAD", "refs/heads/trunk"], in: workspace.remote.path)
        let remote = workspace.remote.path
        #expect(throws: GitOpsError.unresolvedRemoteHead(remote: remote, head: "trunk", branches: ["main"])) {
            try GitRepository.cloneIntoTemporaryFolder(url: remote, branch: nil, credentials: Credentials())
        }
        #expect(throws: GitOpsError.missingBranch("nope at \(remote)")) {
            try GitRepository.cloneIntoTemporaryFolder(url: remote, branch: "nope", credentials: Credentials())
        }
        let error = GitOpsError.unresolvedRemoteHead(remote: "https://h/r.git", head: nil, branches: ["main", "dev"])
        #expect(error.description == "the default branch of https://h/r.git (its HEAD) names no existing branch; "
                + "name one with --branch (branches: main, dev)")
    }
}

/// A lock a test holds until `release()`, which any thread may call.
private final class HeldLock: @unchecked Sendable {
    private let guardian = NSLock()
    private var lock: GitDirectoryLock?

    init(_ lock: GitDirectoryLock) {
        self.lock = lock
    }

    func release() {
        guardian.withLock { lock = nil }
    }
}
