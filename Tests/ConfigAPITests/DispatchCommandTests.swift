import Foundation
import TestSupport
import Testing

/// `config-api dispatch` on the build workflow's event (Tests/Fixtures/dispatch-event.json), in a
/// checkout with a bare remote, as GitHub Actions runs it.
@Suite struct DispatchCommandTests {
    @Test func seedEventPushesOneCommitThenChangesNothing() throws {
        let workspace = try GitWorkspace()
        let outputs = workspace.folder.child("github-output")
        let summary = workspace.folder.child("step-summary")
        let environment = [
            "GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": outputs, "GITHUB_STEP_SUMMARY": summary,
            "GITHUB_EVENT_PATH": PackageFiles.fixture("dispatch-event.json").path,
        ]
        _ = FileManager.default.createFile(atPath: outputs, contents: nil)
        _ = FileManager.default.createFile(atPath: summary, contents: nil)
        let before = try workspace.remote.tip()

        let first = try workspace.run(["dispatch"], environment: environment)
        #expect(first.status == 0, "\(first.standardError)")
        let tip = try workspace.remote.tip()
        #expect(try workspace.remote.commitCount() == 2)
        #expect(try workspace.remote.log("%s").first == "apply projects/myproject/applications/api")
        #expect(
            try GitCLI.run(["diff", "--numstat", before, tip], in: workspace.remote.path)
                == "1\t1\tprojects/myproject.yaml")
        #expect(try workspace.remote.content(of: "projects/myproject.yaml").contains("hash: 3f2c1a9 # set by CI"))
        let firstOutputs = githubOutputs(try String(contentsOfFile: outputs, encoding: .utf8))
        #expect(firstOutputs["changed"] == "true")
        #expect(firstOutputs["commit"] == tip)
        #expect(firstOutputs["attempts"] == "1")
        let summaryText = try String(contentsOfFile: summary, encoding: .utf8)
        #expect(summaryText.contains("```diff"))
        #expect(summaryText.contains("+          hash: 3f2c1a9 # set by CI on every successful build"))
        #expect(try workspace.workTreeText("projects/myproject.yaml").contains("hash: 3f2c1a9"))
        #expect(try workspace.status().isEmpty)

        try Data().write(to: URL(fileURLWithPath: outputs))
        let second = try workspace.run(["dispatch"], environment: environment)
        #expect(second.status == 0, "\(second.standardError)")
        #expect(try workspace.remote.tip() == tip)
        let secondOutputs = githubOutputs(try String(contentsOfFile: outputs, encoding: .utf8))
        #expect(secondOutputs["changed"] == "false")
        #expect(secondOutputs["commit"] == "")
    }

    @Test func refusedEventIsAnnotatedAndCommitsNothing() throws {
        let workspace = try GitWorkspace()
        let event = workspace.folder.child("event.json")
        let payload = #"{"client_payload": {"path": "projects/myproject/applications/api", "spec": {"port": 70000}}}"#
        try payload.write(toFile: event, atomically: true, encoding: .utf8)
        let before = try workspace.remote.tip()
        let result = try workspace.run(["dispatch", "--event", event], environment: ["GITHUB_ACTIONS": "true"])
        #expect(result.status == 65)
        #expect(result.standardOutput.contains("::error file=projects/myproject.yaml,line=12,col="))
        #expect(result.standardError.contains("projects/myproject.yaml:12:"))
        #expect(try workspace.remote.tip() == before)
        #expect(try workspace.status().isEmpty)
    }
}
