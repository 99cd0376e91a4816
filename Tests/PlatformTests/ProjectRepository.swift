import Foundation

/// A temporary git repository holding a copy of `projects/`, where the real `config-api`
/// commits (`--no-push`) as the build pipeline's update-config step would.
final class ProjectRepository: @unchecked Sendable {
    private let scratch: ScratchFolder
    var root: URL { scratch.url }

    init() throws {
        scratch = try ScratchFolder()
        try FileManager.default.copyItem(at: PlatformTools.projects, to: root.appendingPathComponent("projects"))
        try git(["init", "--quiet", "--initial-branch=main"])
        try git(["add", "projects"])
        try git(["commit", "--quiet", "--message=The example projects"])
    }

    func file(of project: String) -> URL { root.appendingPathComponent("projects/\(project).yaml") }

    /// `config-api bump -C REPO --no-push PROJECT APP SHA`: the commit lands on the local branch.
    /// `environment` is added to the step's (e.g. the variables the chart's step sets).
    func bump(_ project: String, _ application: String, to hash: String,
              environment: [String: String] = [:]) throws {
        try configAPI(["bump", "-C", root.path, "--no-push", project, application, hash], environment: environment)
    }

    /// Runs `config-api` with `arguments`; throws with its message when it fails.
    @discardableResult
    func configAPI(_ arguments: [String], environment: [String: String] = [:]) throws -> ProcessResult {
        try PlatformTools.run(try PlatformTools.configAPI, arguments, in: root,
                              environment: Self.gitEnvironment.merging(environment) { $1 })
            .check("config-api \(arguments.joined(separator: " "))")
    }

    /// The trailers of the branch's last commit, `Key: value` each.
    func lastCommitTrailers() throws -> [String] {
        try git(["log", "-1", "--format=%(trailers:only,unfold)"]).standardOutput
            .split(separator: "\n").map(String.init)
    }

    /// The subject of the branch's last commit.
    func lastCommitSubject() throws -> String {
        try git(["log", "-1", "--format=%s"]).standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @discardableResult
    private func git(_ arguments: [String]) throws -> ProcessResult {
        let env = URL(fileURLWithPath: "/usr/bin/env")
        return try PlatformTools.run(env, ["git"] + arguments, in: root, environment: Self.gitEnvironment)
            .check("git \(arguments.joined(separator: " "))")
    }

    /// A fixed identity and no system or global git configuration.
    static let gitEnvironment = [
        "GIT_AUTHOR_NAME": "Platform Tests", "GIT_AUTHOR_EMAIL": "platform-tests@example.com",
        "GIT_COMMITTER_NAME": "Platform Tests", "GIT_COMMITTER_EMAIL": "platform-tests@example.com",
        "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null",
    ]
}
