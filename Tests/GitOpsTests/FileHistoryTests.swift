import Foundation
@testable import GitOps
import TestSupport
import Testing

/// The commits that changed a file, walking first parents, and the trailers of their messages.
@Suite struct FileHistoryTests {
    /// A history with commits that change the file, others that do not, a merge whose second
    /// parent changed it, a removal and a re-creation: the walk lists exactly what
    /// `git log --first-parent -- FILE` lists, with the blobs before and after.
    @Test func listsWhatGitLogFirstParentLists() throws {
        let workspace = try LocalWorkspace(extraFiles: ["README": "readme\n"])
        let clone = try workspace.clone("clone")
        @discardableResult func git(_ arguments: [String]) throws -> String { try GitCLI.run(arguments, in: clone) }
        for index in 0..<3 {
            try GitCLI.commitAndPush(in: clone, file: DemoFile.path, message: "bump \(index)") { $0 + "# \(index)\n" }
            try GitCLI.commitAndPush(in: clone, file: "README", message: "readme \(index)") { $0 + "\(index)\n" }
        }
        try git(["checkout", "--quiet", "-b", "side"])
        try GitCLI.run(["commit", "--quiet", "--allow-empty", "-m", "side empty"], in: clone)
        try "side\n".write(toFile: "\(clone)/\(DemoFile.path)", atomically: true, encoding: .utf8)
        try git(["commit", "--quiet", "-am", "side change"])
        try git(["checkout", "--quiet", "main"])
        try git(["merge", "--quiet", "--no-ff", "-m", "merge side", "side"])
        try git(["rm", "--quiet", DemoFile.path])
        try git(["commit", "--quiet", "-m", "remove"])
        try FileManager.default.createDirectory(atPath: "\(clone)/projects", withIntermediateDirectories: true)
        try "again\n".write(toFile: "\(clone)/\(DemoFile.path)", atomically: true, encoding: .utf8)
        try git(["add", DemoFile.path])
        let trailers = "Config-API-Order: projects/demo/applications/a 12\nX-Other: y"
        try git(["commit", "--quiet", "-m", "re-create\n\n\(trailers)"])

        let snapshot = try GitRepository.open(at: clone).snapshot(ofBranch: "main")
        let history = try snapshot.history(of: DemoFile.path)
        var walked: [FileRevision] = []
        while let revision = try history.next() { walked.append(revision) }

        let expected = try git(["log", "--first-parent", "--format=%H", "--", DemoFile.path]).split(separator: "\n")
        #expect(walked.map(\.commit) == expected.map(String.init))
        #expect(walked.map(\.subject) == ["re-create", "remove", "merge side", "bump 2", "bump 1", "bump 0", "seed"])
        for revision in walked {
            let blob = try? git(["rev-parse", "--verify", "--quiet", "\(revision.commit):\(DemoFile.path)"])
            let previous = try? git(["rev-parse", "--verify", "--quiet", "\(revision.commit)^:\(DemoFile.path)"])
            #expect(revision.blob == blob && revision.previousBlob == previous, "\(revision.subject)")
        }
        #expect(walked[0].previousBlob == nil && walked[1].blob == nil && walked.last?.previousBlob == nil)
        #expect(try history.bytes(ofBlob: walked[0].blob!) == Array("again\n".utf8))
        #expect(walked[0].trailers.map { "\($0.key)=\($0.value)" }
                == ["Config-API-Order=projects/demo/applications/a 12", "X-Other=y"])
        #expect(walked[1].trailers.isEmpty)
        #expect(walked[0].author.email == GitCLI.author.email)
    }

    @Test func aShallowCloneSaysItsHistoryIsIncomplete() throws {
        let workspace = try LocalWorkspace()
        let full = try workspace.clone("full")
        for index in 0..<3 {
            try GitCLI.commitAndPush(in: full, file: DemoFile.path, message: "bump \(index)") { $0 + "# \(index)\n" }
        }
        let shallow = workspace.folder.child("shallow")
        try GitCLI.run(["clone", "--quiet", "--depth", "2", "file://\(workspace.remote.path)", shallow])
        let history = try GitRepository.open(at: shallow).snapshot(ofBranch: "main").history(of: DemoFile.path)
        #expect(try history.next()?.subject == "bump 2")
        let oldest = try GitCLI.run(["rev-parse", "main~1"], in: shallow)
        #expect(throws: GitOpsError.incompleteHistory(commit: oldest)) {
            while try history.next() != nil {}
        }
    }

    @Test func filesOfAFolderAtACommit() throws {
        let workspace = try LocalWorkspace(extraFiles: ["projects/b.yaml": "b\n", "projects/sub/c.yaml": "c\n"])
        let snapshot = try GitRepository.open(at: try workspace.clone("clone")).snapshot(ofBranch: "main")
        #expect(try snapshot.fileNames(in: "projects") == ["b.yaml", "demo.yaml"])
        #expect(try snapshot.fileNames(in: "nothing").isEmpty)
        #expect(try snapshot.file("projects/b.yaml") == Array("b\n".utf8))
        #expect(try snapshot.file("projects/none.yaml") == nil)
    }
}
