import Foundation
@testable import GitOps
import TestSupport
import Testing

/// What a push to a local remote leaves in the clone: the new objects copied when the clone had
/// the base (no fetch, so no pack per update), a fetch when it was behind; a connected history
/// either way. And the lock that queues writers, released even by a waiter that gave up.
@Suite struct CloneRecordTests {
    @Test func upToDateCloneGetsTheObjectsWithoutANewPack() throws {
        let workspace = try LocalWorkspace()
        let clone = try workspace.clone("clone")
        let packs = try packCount(clone)
        let transaction = try workspace.transaction(in: clone)
        for index in 0..<3 {
            let outcome = try transaction.commit(file: DemoFile.path, message: "bump \(index)", push: true,
                                                 edit: DemoFile.setting(index, to: "abc000\(index)"))
            #expect(outcome.localBranchUpdated)
            #expect(try GitCLI.run(["rev-parse", "origin/main"], in: clone) == outcome.commit)
        }
        #expect(try packCount(clone) == packs)
        try GitCLI.run(["fsck", "--strict", "--no-dangling"], in: clone)
    }

    @Test func cloneBehindTheRemoteFetchesAndStaysConnected() throws {
        let workspace = try LocalWorkspace()
        let clone = try workspace.clone("clone")
        try GitCLI.commitAndPush(in: try workspace.clone("other"), file: DemoFile.path, message: "theirs") {
            $0.replacingOccurrences(of: "app-03: initial", with: "app-03: theirs")
        }
        let outcome = try workspace.transaction(in: clone)
            .commit(file: DemoFile.path, message: "mine", push: true, edit: DemoFile.setting(0, to: "mine"))

        #expect(try GitCLI.run(["rev-parse", "HEAD", "origin/main"], in: clone)
                == "\(outcome.commit!)\n\(outcome.commit!)")
        #expect(try GitCLI.run(["log", "--format=%s", "origin/main"], in: clone) == "mine\ntheirs\nseed")
        try GitCLI.run(["fsck", "--strict", "--no-dangling"], in: clone)
    }

    @Test func remoteTrackingReferenceNeverMovesBack() throws {
        let workspace = try LocalWorkspace()
        let clone = try workspace.clone("clone")
        let handle = try GitRepository.open(at: clone).handle
        let tracking = "refs/remotes/origin/main"
        let seed = try #require(try handle.target(ofReference: tracking))
        _ = try workspace.transaction(in: clone)
            .commit(file: DemoFile.path, message: "first", push: true, edit: DemoFile.setting(0, to: "first"))
        let first = try #require(try handle.target(ofReference: tracking))
        let second = try workspace.transaction(in: clone)
            .commit(file: DemoFile.path, message: "second", push: true, edit: DemoFile.setting(1, to: "second"))
        let publisher = try LocalRemoteUpdate(local: handle, remote: handle.remote(named: "origin"),
                                              remotePath: workspace.remote.path, branch: "main", file: DemoFile.path,
                                              trackingReference: tracking, credentials: Credentials(),
                                              network: .standard, logger: quietLogger)
        try publisher.recordInLocalClone(first, over: seed)
        #expect(try GitCLI.run(["rev-parse", "origin/main"], in: clone) == second.commit)
    }

    /// The waiter that timed out leaves a helper thread blocked in `flock`; when the holder lets
    /// go, that helper gets the lock and must release it at once. A writer that waits for it
    /// afterwards then gets it (it would time out after a minute if the helper kept it).
    @Test func waiterThatGaveUpReleasesTheLockItGetsLater() throws {
        let folder = try TemporaryFolder()
        var holder: GitDirectoryLock? = try GitDirectoryLock(gitDirectory: folder.path, timeout: 1)
        var waits = 0
        #expect(throws: GitOpsError.lockTimeout(path: folder.child("config-api.lock"), seconds: 0.1)) {
            _ = try GitDirectoryLock(gitDirectory: folder.path, timeout: 0.1) { waits += 1 }
        }
        #expect(waits == 1 && holder != nil)
        holder = nil
        _ = try GitDirectoryLock(gitDirectory: folder.path, timeout: 60)
    }

    @Test func aLockFileThatCannotBeCreatedIsItsOwnError() throws {
        let folder = try TemporaryFolder()
        let missing = folder.child("no-such-folder")
        let error = #expect(throws: GitOpsError.self) { _ = try GitDirectoryLock(gitDirectory: missing, timeout: 1) }
        guard case .lockFailed(let failure) = error else {
            Issue.record("expected lockFailed, got \(String(describing: error))")
            return
        }
        #expect(failure.operation == "open" && failure.path == "\(missing)/config-api.lock")
        #expect(failure.reason == "No such file or directory")
        #expect(error?.description
                == "cannot lock the repository: open \(missing)/config-api.lock: No such file or directory")
    }

    private func packCount(_ clone: String) throws -> Int {
        try FileManager.default.contentsOfDirectory(atPath: "\(clone)/.git/objects/pack")
            .filter { $0.hasSuffix(".pack") }.count
    }
}
