import Foundation
import TestSupport
import Testing

/// Batches (docs/contract.md#batches): one commit across project files, all or nothing.
@Suite(.serialized) struct BatchTests {
    static let projects = ["alpha", "beta", "gamma"]

    /// Three project files of 40 applications each.
    static func files() -> [String: String] {
        Dictionary(uniqueKeysWithValues: projects.map { ("projects/\($0).yaml", ConcurrentApplyTests.fleet(40)) })
    }

    /// 100 operations over the three files: hash bumps, port changes, a created and a deleted
    /// application; `invalid` makes operation 57 set a port out of range.
    static func operations(invalid: Bool = false) -> String {
        let lines = (0..<100).map { index -> String in
            let project = projects[index % 3]
            let path = "projects/\(project)/applications"
            switch index {
            case 57 where invalid: return #"{"path": "\#(path)/app-5", "spec": {"port": 70000}}"#
            case 60: return #"{"path": "\#(path)/app-39", "action": "delete"}"#
            case 61:
                return #"{"path": "\#(path)/extra", "action": "create", "spec": {"git": {"type": "github", "#
                    + #""owner": "o", "repo": "extra", "branch": "main"}, "port": 9000}}"#
            case let index where index % 10 == 0:
                return #"{"path": "\#(path)/app-\#(index / 3)", "spec": {"port": 9\#(index)}}"#
            default: return #"{"path": "\#(path)/app-\#(index / 3)", "spec": {"git": {"hash": "\#(hash(index))"}}}"#
            }
        }
        return "[\n" + lines.joined(separator: ",\n") + "\n]\n"
    }

    static func hash(_ index: Int) -> String { String(format: "ba7c%03x", index) }

    @Test func hundredOperationsOverThreeFilesLandAsOneCommit() throws {
        let workspace = try GitWorkspace(files: Self.files())
        let batch = workspace.folder.child("batch.json")
        try Self.operations().write(toFile: batch, atomically: true, encoding: .utf8)
        let result = try workspace.run(["apply", "--batch", batch])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(try workspace.remote.commitCount() == 2)
        let subject = try workspace.remote.log("%s").first
        #expect(subject == "batch: 100 operations on projects/alpha.yaml, projects/beta.yaml, projects/gamma.yaml")
        #expect(try workspace.remote.log("%b").filter { $0.hasPrefix("apply ") || $0.hasPrefix("create ")
            || $0.hasPrefix("delete ") }.count == 100)
        let changed = try GitCLI.run(["show", "--name-only", "--format=", "main"], in: workspace.remote.path)
        #expect(changed == "projects/alpha.yaml\nprojects/beta.yaml\nprojects/gamma.yaml")
        for index in 0..<100 where index % 10 != 0 && index != 60 && index != 61 {
            let content = try workspace.remote.content(of: "projects/\(Self.projects[index % 3]).yaml")
            #expect(content.contains("hash: \(Self.hash(index))\n"), "operation \(index)")
        }
        #expect(try !workspace.remote.content(of: "projects/alpha.yaml").contains("name: app-39"))
        #expect(try workspace.remote.content(of: "projects/beta.yaml").contains("- name: extra"))
        let files = Self.projects.map { "\(workspace.clone)/projects/\($0).yaml" }
        #expect(try ConfigAPIProcess.run(["validate"] + files).status == 0)
        #expect(try workspace.status().isEmpty)
    }

    @Test func oneInvalidOperationRefusesTheWholeBatch() throws {
        let workspace = try GitWorkspace(files: Self.files())
        let before = try workspace.remote.tip()
        let outputs = workspace.folder.child("output")
        _ = FileManager.default.createFile(atPath: outputs, contents: nil)
        let event = workspace.folder.child("event.json")
        try #"{"client_payload": {"operations": \#(Self.operations(invalid: true))}}"#
            .write(toFile: event, atomically: true, encoding: .utf8)
        let result = try workspace.run(["dispatch", "--event", event],
                                       environment: ["GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": outputs])
        #expect(result.status == 65)
        #expect(result.standardError.contains("operations[57]: "), "\(result.standardError)")
        #expect(result.standardError.contains("projects/alpha.yaml:"))
        #expect(result.standardOutput.contains("::error file=projects/alpha.yaml"))
        #expect(try workspace.remote.tip() == before)
        #expect(try workspace.status().isEmpty)
        let fromStandardInput = try ProcessResult.run(
            PackageFiles.configAPI, ["apply", "--batch", "-", "--dry-run"], in: URL(fileURLWithPath: workspace.clone),
            environment: GitWorkspace.environment([:]), input: Data(Self.operations(invalid: true).utf8))
        #expect(fromStandardInput.status == 65 && fromStandardInput.standardError.contains("operations[57]"))
    }

    /// A batch of 30 operations among 15 single bumps, 16 writers at once over loopback smart
    /// HTTP: every writer lands, the batch whole, in one commit.
    @Test func aBatchUnderASixteenWriterStormLandsWhole() throws {
        let workspace = try GitWorkspace(files: Self.files())
        let server = try GitHTTPServer(root: workspace.folder.path, token: "batch-token")
        defer { server.stop() }
        let batch = workspace.folder.child("batch.yaml")
        let operations = (0..<30).map { index in
            "- path: projects/\(Self.projects[index % 3])/applications/app-\(20 + index / 3)\n"
                + "  spec: {git: {hash: \"\(Self.hash(index))\"}}\n"
        }
        try operations.joined().write(toFile: batch, atomically: true, encoding: .utf8)
        let remote = ["--remote", server.url("remote.git"), "--branch", "main", "--author", GitWorkspace.author]
        let jobs = [(["apply", "--batch", batch] + remote, workspace.folder.path)] + (0..<15).map { index in
            (["bump", Self.projects[index % 3], "app-\(index)", "5a1e\(String(format: "%03x", index))"] + remote,
             workspace.folder.path)
        }
        let environment = GitWorkspace.environment(["CONFIG_API_TOKEN": server.token])
        let results = try ProcessBatch.run(jobs, environment: environment, logs: workspace.folder)
        for (index, result) in results.enumerated() {
            #expect(result.status == 0, "writer \(index): \(result.standardError)")
        }
        #expect(try workspace.remote.commitCount() == 17 && workspace.remote.mergeCount() == 0)
        let batchCommit = try GitCLI.run(["log", "--format=%H", "--grep=^batch: 30 operations", "main"],
                                         in: workspace.remote.path)
        let diff = try GitCLI.run(["show", "--format=", batchCommit], in: workspace.remote.path)
        #expect(diff.split(separator: "\n").filter { $0.hasPrefix("+") && $0.contains("hash:") }.count == 30)
        for index in 0..<30 {
            #expect(try workspace.remote.content(of: "projects/\(Self.projects[index % 3]).yaml")
                .contains("hash: \(Self.hash(index))\n"), "operation \(index)")
        }
    }
}
