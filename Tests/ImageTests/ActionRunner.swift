import Foundation

/// A container action started the way GitHub's runner starts one (actions/runner,
/// ContainerActionHandler): `docker run --workdir /github/workspace` of the image action.yml
/// names, as the image's user, with the runner's folders mounted under /github — the checkout,
/// the event, the output files and a home, all owned by the runner's user — the GitHub
/// variables pointing into them, an INPUT_<NAME> variable per input, `runs.env`, and the image's
/// entrypoint with `runs.args` evaluated. The folders are made inside the unpacked root
/// filesystem, where a bind mount would put them.
struct ActionRunner {
    /// The `runner` user of GitHub's hosted runners, who owns the checkout and the files.
    static let runnerUser = "1001"
    static let outputPath = "/github/file_commands/set_output_7c1e"
    static let summaryPath = "/github/file_commands/step_summary_7c1e"
    static let eventPath = "/github/workflow/event.json"
    static let repository = "injunweb/projects-gitops"
    static let runID = "9876543210"

    let container: Container
    let metadata: ActionMetadata

    /// Clones `remote` (a local bare repository) into /github/workspace with all its history
    /// (fetch-depth 0), then points origin at `url` with no credentials stored (as actions/checkout
    /// with persist-credentials: false leaves it); writes `event` and empty output files.
    func prepare(cloning remote: URL, as url: String, event: String) throws {
        let workspace = container.file("/github/workspace")
        try FixtureGit.run(["clone", "--quiet", remote.path, workspace.path])
        try FixtureGit.run(["remote", "set-url", "origin", url], in: workspace)
        for folder in ["/github/home", "/github/workflow", "/github/file_commands"] {
            try FileManager.default.createDirectory(at: container.file(folder), withIntermediateDirectories: true)
        }
        try event.write(to: container.file(Self.eventPath), atomically: true, encoding: .utf8)
        for path in [Self.outputPath, Self.summaryPath] {
            try Data().write(to: container.file(path))
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: container.file(path).path)
        }
        try Command.check("chown", ["-R", "\(Self.runnerUser):\(Self.runnerUser)", container.file("/github").path])
    }

    /// Runs the action with the step's `with:` inputs and the job's token.
    func run(with given: [String: String], githubToken: String) throws -> CommandOutput {
        let inputs = try metadata.resolvedInputs(with: given, githubToken: githubToken)
        var environment = [
            "HOME": "/github/home", "CI": "true", "GITHUB_ACTIONS": "true",
            "GITHUB_EVENT_NAME": "repository_dispatch", "GITHUB_EVENT_PATH": Self.eventPath,
            "GITHUB_WORKSPACE": "/github/workspace", "GITHUB_OUTPUT": Self.outputPath,
            "GITHUB_STEP_SUMMARY": Self.summaryPath, "GITHUB_SERVER_URL": "https://github.com",
            "GITHUB_REPOSITORY": Self.repository, "GITHUB_RUN_ID": Self.runID, "GITHUB_RUN_ATTEMPT": "1",
            "GITHUB_ACTOR": "injunweb-ci", "GITHUB_REF_NAME": "main",
        ]
        for (name, value) in inputs {
            environment["INPUT_\(name.replacingOccurrences(of: " ", with: "_").uppercased())"] = value
        }
        for (name, value) in metadata.runs.env ?? [:] {
            environment[name] = try ActionMetadata.evaluate(value, inputs: inputs, githubToken: githubToken)
        }
        let arguments = try (metadata.runs.args ?? []).map {
            try ActionMetadata.evaluate($0, inputs: inputs, githubToken: githubToken)
        }
        return try container.run(arguments, entrypoint: metadata.runs.entrypoint.map { [$0] },
                                 environment: environment, workingDirectory: "/github/workspace")
    }

    /// The step outputs written to $GITHUB_OUTPUT: `name=value` lines and the `name<<DELIMITER`
    /// form.
    func outputs() throws -> [String: String] {
        let lines = try String(contentsOf: container.file(Self.outputPath), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var outputs: [String: String] = [:]
        var index = 0
        while index < lines.count {
            let line = lines[index]
            if let marker = line.range(of: "<<") {
                let delimiter = String(line[marker.upperBound...])
                guard let end = lines[(index + 1)...].firstIndex(of: delimiter) else {
                    throw ImageTestFailure("$GITHUB_OUTPUT: no closing \(delimiter)")
                }
                outputs[String(line[..<marker.lowerBound])] = lines[(index + 1)..<end].joined(separator: "\n")
                index = end + 1
            } else {
                if let equals = line.firstIndex(of: "=") {
                    outputs[String(line[..<equals])] = String(line[line.index(after: equals)...])
                }
                index += 1
            }
        }
        return outputs
    }

    /// The step summary config-api appended.
    func summary() throws -> String {
        try String(contentsOf: container.file(Self.summaryPath), encoding: .utf8)
    }
}
