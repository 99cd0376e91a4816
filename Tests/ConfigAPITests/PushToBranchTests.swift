import Foundation
import TestSupport
import Testing

/// `--push-to BRANCH-TEMPLATE` end to end, for a base branch that takes pull requests only:
/// the target branch is created on the first update and moved to a commit built on main's tip
/// on the next, main never moves, and the output (and the Actions output `branch`) names it.
@Suite struct PushToBranchTests {
    static let template = "config-api/{project}/{name}"
    static let branch = "config-api/myproject/api"

    @Test(arguments: SigningWorkspace.Remote.allCases)
    func theTargetIsCreatedThenMovedForwardAndMainIsUntouched(remote: SigningWorkspace.Remote) throws {
        let setting = try SigningWorkspace()
        let main = try setting.remote.tip()
        let signing = ["--sign", "ssh", "--signing-key", setting.keys.sshPrivateKey, "--push-to", Self.template]
        let output = setting.workspace.folder.child("github-output")
        _ = FileManager.default.createFile(atPath: output, contents: nil)
        let actions = ["GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": output]

        let first = try setting.bump("3f2c1a9", via: remote, signing, environment: actions)
        #expect(first.status == 0, "\(first.standardError)")
        let created = try GitCLI.run(["rev-parse", Self.branch], in: setting.remote.path)
        #expect(first.standardOutput.contains(
            "pushed \(created.prefix(12)) apply projects/myproject/applications/api to \(Self.branch) (1 attempt)"))
        #expect(try GitCLI.run(["rev-parse", "\(created)^"], in: setting.remote.path) == main)
        #expect(try setting.remote.tip() == main, "main is untouched")
        #expect(githubOutputs(try String(contentsOfFile: output, encoding: .utf8))["branch"] == Self.branch)

        let second = try setting.bump("4e3d2b1", via: remote, signing)
        #expect(second.status == 0, "\(second.standardError)")
        let moved = try GitCLI.run(["rev-parse", Self.branch], in: setting.remote.path)
        #expect(moved != created)
        #expect(try GitCLI.run(["rev-parse", "\(moved)^"], in: setting.remote.path) == main)
        #expect(try setting.remote.tip() == main, "main is untouched")
        let file = try GitCLI.run(["show", "\(Self.branch):projects/myproject.yaml"], in: setting.remote.path)
        #expect(file.contains("hash: 4e3d2b1"))
        #expect(try setting.verifies(moved))
        #expect(try GitCLI.run(["branch", "--list"], in: setting.remote.path).split(separator: "\n").count == 2)
        if remote == .localPath {
            #expect(try GitCLI.run(["rev-parse", "HEAD"], in: setting.workspace.clone) == main,
                    "the clone's own branch stays on main")
            #expect(try GitCLI.run(["rev-parse", "origin/\(Self.branch)"], in: setting.workspace.clone) == moved)
        }
    }

    @Test(arguments: [
        (["--push-to", "config-api/{bogus}"], "--push-to: only {project}, {kind}, {name}, {action}, {path}"),
        (["--push-to", "deploy..{name}"], "is not a valid branch name"),
        (["--push-to", "config-api/{name}", "--no-push"], "--push-to with --no-push"),
    ])
    func badTemplatesAreUsageErrors(arguments: [String], message: String) throws {
        let setting = try SigningWorkspace(verifying: false)
        let result = try setting.bump("3f2c1a9", via: .localPath, arguments)
        #expect(result.status == 64, "\(result.standardError)")
        #expect(result.standardError.contains(message), "\(result.standardError)")
        #expect(try setting.remote.commitCount() == 1)
    }

    /// An empty template (the Action's default) pushes to the branch itself.
    @Test func anEmptyTemplatePushesToTheBranchItself() throws {
        let setting = try SigningWorkspace(verifying: false)
        let result = try setting.bump("3f2c1a9", ["--push-to", "", "--sign", ""])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(try setting.remote.commitCount() == 2)
        #expect(!result.standardOutput.contains(" to "))
    }
}
