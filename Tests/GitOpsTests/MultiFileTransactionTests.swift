import Foundation
@testable import GitOps
import TestSupport
import Testing

/// `update(push:edit:)`: several files in one commit, decided on each attempt's base, or declined.
@Suite struct MultiFileTransactionTests {
    static let second = "projects/other.yaml"

    @Test func threeFilesLandAsOneCommit() throws {
        let workspace = try LocalWorkspace(extraFiles: [Self.second: DemoFile.content(applications: 2)])
        let clone = try workspace.clone("clone")
        let outcome = try workspace.transaction(in: clone).update(push: true) { base in
            .write([FileUpdate(path: DemoFile.path, bytes: try DemoFile.setting(0, to: "a")(base.file(DemoFile.path))),
                    FileUpdate(path: Self.second, bytes: try DemoFile.setting(1, to: "b")(base.file(Self.second))),
                    FileUpdate(path: "projects/new/third.yaml", bytes: Array("new: file\n".utf8))],
                   message: "three files")
        }
        #expect(outcome.changed && outcome.files.count == 3 && outcome.files.allSatisfy(\.isChanged))
        #expect(outcome.message == "three files")
        #expect(try workspace.remote.commitCount() == 2)
        let changed = try GitCLI.run(["show", "--name-only", "--format=", "main"], in: workspace.remote.path)
        #expect(changed.split(separator: "\n").map(String.init).sorted()
                == [DemoFile.path, Self.second, "projects/new/third.yaml"].sorted())
        #expect(DemoFile.has(try workspace.remote.content(of: Self.second), 1, "b"))
        #expect(try readText(clone, "projects/new/third.yaml") == "new: file\n")
        try GitCLI.run(["fsck", "--strict"], in: clone)
    }

    @Test func filesLeftAsTheyWereAreNotWrittenAndNoneChangedMeansNoCommit() throws {
        let workspace = try LocalWorkspace(extraFiles: [Self.second: "same\n"])
        let transaction = try workspace.transaction(in: try workspace.clone("clone"))
        let outcome = try transaction.update(push: true) { base in
            .write([FileUpdate(path: Self.second, bytes: try base.file(Self.second) ?? [])], message: "nothing")
        }
        #expect(!outcome.changed && !outcome.declined && outcome.commit == nil)
        #expect(try workspace.remote.commitCount() == 1)
    }

    @Test func aDeclinedAttemptWritesNothing() throws {
        let workspace = try LocalWorkspace()
        let clone = try workspace.clone("clone")
        let outcome = try workspace.transaction(in: clone).update(push: true) { _ in .decline }
        #expect(outcome.declined && !outcome.changed && outcome.files.isEmpty && outcome.message == nil)
        #expect(try workspace.remote.commitCount() == 1)
    }

    @Test func aPathGivenTwiceIsRefused() throws {
        let workspace = try LocalWorkspace()
        let transaction = try workspace.transaction(in: try workspace.clone("clone"))
        #expect(throws: GitOpsError.invalidPath("\(DemoFile.path) (given twice)")) {
            try transaction.update(push: true) { _ in
                .write([FileUpdate(path: DemoFile.path, bytes: []), FileUpdate(path: "./" + DemoFile.path, bytes: [])],
                       message: "x")
            }
        }
        #expect(try workspace.remote.commitCount() == 1)
    }

    /// The edit sees each attempt's base: after another writer moved the branch, the retry's
    /// decision is taken on the new tip (here: it declines once it sees the competitor's line).
    @Test func everyAttemptDecidesOnItsOwnBase() throws {
        let workspace = try LocalWorkspace()
        let mine = try workspace.clone("mine")
        let theirs = try workspace.clone("theirs")
        var bases: [String] = []
        var competitorPushed = false
        let outcome = try workspace.transaction(in: mine).update(push: true) { base in
            bases.append(base.commit)
            let text = String(decoding: try base.file(DemoFile.path) ?? [], as: UTF8.self)
            if DemoFile.has(text, 3, "theirs") { return .decline }
            if !competitorPushed {
                competitorPushed = true
                try GitCLI.commitAndPush(in: theirs, file: DemoFile.path, message: "theirs") { old in
                    old.replacingOccurrences(of: "app-03: initial", with: "app-03: theirs")
                }
            }
            let bytes = try DemoFile.setting(0, to: "mine")(base.file(DemoFile.path))
            return .write([FileUpdate(path: DemoFile.path, bytes: bytes)], message: "mine")
        }
        #expect(outcome.declined && outcome.attempts == 2 && bases.count == 2 && bases[0] != bases[1])
        #expect(bases[1] == (try workspace.remote.tip()))
        #expect(try workspace.remote.log("%s") == ["theirs", "seed"])
    }
}
