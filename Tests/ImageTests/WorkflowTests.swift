import Foundation
import Testing

/// The workflows and action.yml, checked by actionlint (with shellcheck on their scripts) and
/// for event data reaching a shell.
@Suite struct WorkflowTests {
    static let workflowFolder = Command.repositoryRoot.appendingPathComponent(".github/workflows")

    static func workflowFiles() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(atPath: workflowFolder.path)
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
            .map { workflowFolder.appendingPathComponent($0) }
    }

    @Test func actionlintPassesOnEveryWorkflow() throws {
        let files = try Self.workflowFiles()
        #expect(files.map(\.lastPathComponent) == ["ci.yaml", "release.yaml", "update-config.yaml"])
        let lint = try Command.run(try HostTools.actionlint(), ["-oneline", "-no-color"] + files.map(\.path),
                                   in: Command.repositoryRoot)
        #expect(lint.status == 0, "\(lint.standardOutput)\(lint.standardError)")
    }

    /// actionlint checks action.yml where a workflow uses it as a local action: its metadata
    /// (runs.using, inputs, outputs), and every input and output the step names.
    @Test func actionlintChecksTheActionThroughALocalUse() throws {
        let metadata = try ActionMetadata.load()
        let project = try Command.temporaryFolder("local-action")
        defer { try? FileManager.default.removeItem(at: project) }
        try FixtureGit.run(["init", "--quiet", project.path])
        try FileManager.default.copyItem(at: ActionMetadata.file, to: project.appendingPathComponent("action.yml"))
        let workflows = project.appendingPathComponent(".github/workflows")
        try FileManager.default.createDirectory(at: workflows, withIntermediateDirectories: true)

        let inputs = metadata.inputs.keys.sorted()
        let outputs = metadata.outputs.keys.sorted()
        let good = Self.localUse(inputs: inputs, outputs: outputs)
        try good.write(to: workflows.appendingPathComponent("local.yaml"), atomically: true, encoding: .utf8)
        let accepted = try Command.run(try HostTools.actionlint(), ["-oneline", "-no-color"], in: project)
        #expect(accepted.status == 0, "\(accepted.standardOutput)\(accepted.standardError)")

        let misspelt = Self.localUse(inputs: inputs + ["tokn"], outputs: outputs + ["changd"])
        try misspelt.write(to: workflows.appendingPathComponent("local.yaml"), atomically: true, encoding: .utf8)
        let refused = try Command.run(try HostTools.actionlint(), ["-oneline", "-no-color"], in: project)
        #expect(refused.status == 1)
        #expect(refused.standardOutput.contains(#"input "tokn" is not defined"#))
        #expect(refused.standardOutput.contains(#"property "changd" is not defined"#))
    }

    /// A workflow whose step uses the action at the repository root with `inputs` and reads
    /// `outputs` (through env:, as a run: script must).
    static func localUse(inputs: [String], outputs: [String]) -> String {
        let with = inputs.map { "                  \($0): \"x\"" }.joined(separator: "\n")
        let env = outputs.map { "                  \($0.uppercased()): ${{ steps.apply.outputs.\($0) }}" }
            .joined(separator: "\n")
        return """
            name: Local action
            on:
                repository_dispatch:
                    types: [config-api]
            permissions:
                contents: write
            jobs:
                apply:
                    runs-on: ubuntu-24.04
                    steps:
                        - uses: actions/checkout@d23441a48e516b6c34aea4fa41551a30e30af803 # v6.1.0
                          with:
                              fetch-depth: 0
                              persist-credentials: false
                        - id: apply
                          uses: ./
                          with:
            \(with)
                        - env:
            \(env)
                          run: echo "$CHANGED"

            """
    }

    /// No `run:` script holds an expression (values reach scripts through env:), and no
    /// workflow reads event data or workflow inputs in an expression at all: the event reaches
    /// config-api only as the file $GITHUB_EVENT_PATH.
    @Test func noExpressionReachesAShell() throws {
        for file in try Self.workflowFiles() {
            let json = try HostTools.configAPI(["get", file.path, "jobs", "--json"])
            let jobs = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            for (job, value) in jobs {
                let steps = (value as? [String: Any])?["steps"] as? [[String: Any]] ?? []
                #expect(!steps.isEmpty, "\(file.lastPathComponent): job \(job) has no steps")
                for step in steps {
                    let scripts = [step["run"] as? String, (step["with"] as? [String: Any])?["script"] as? String]
                    for script in scripts.compactMap({ $0 }) {
                        #expect(ActionMetadata.expressions(in: script).isEmpty,
                                "\(file.lastPathComponent), job \(job): a script holds ${{ }}: \(script)")
                    }
                }
            }
            let text = try String(contentsOf: file, encoding: .utf8)
            let untrusted = ActionMetadata.expressions(in: text).filter {
                $0.contains("github.event") || $0.contains("github.head_ref") || $0.hasPrefix("inputs.")
            }
            #expect(untrusted.isEmpty, "\(file.lastPathComponent) reads \(untrusted)")
        }
    }
}
