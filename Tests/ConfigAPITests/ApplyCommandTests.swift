import Foundation
import TestSupport
import Testing

/// `config-api apply`/`bump` against real remotes: what a user's clone looks like afterwards,
/// and the exit codes of the git failures (75 retries exhausted, 77 authentication refused,
/// 73 refused by the server), each leaving remote and clone consistent.
@Suite struct ApplyCommandTests {
    static let file = "projects/myproject.yaml"

    @Test func uncommittedWorkInTheCloneSurvivesAPush() throws {
        let workspace = try GitWorkspace()
        let path = "\(workspace.clone)/\(Self.file)"
        let mine = try workspace.workTreeText(Self.file).replacingOccurrences(of: "port: 8080", with: "port: 8081")
        try mine.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try workspace.run(["bump", "myproject", "api", "3f2c1a9"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(try workspace.remote.content(of: Self.file).contains("hash: 3f2c1a9"))
        #expect(!(try workspace.remote.content(of: Self.file).contains("port: 8081")))
        #expect(try workspace.workTreeText(Self.file) == mine)
    }

    @Test func dryRunAndNoPushLeaveTheRemoteAlone() throws {
        let workspace = try GitWorkspace()
        let tip = try workspace.remote.tip()
        let preview = try workspace.run(["bump", "--dry-run", "myproject", "api", "3f2c1a9"])
        #expect(preview.status == 0)
        #expect(
            preview.standardOutput.contains(
                "-          hash: ~ # set by CI on every successful build\n+          hash: 3f2c1a9 # set by CI"))
        #expect(try workspace.status().isEmpty)
        #expect(try GitCLI.run(["rev-parse", "HEAD"], in: workspace.clone) == tip)

        let local = try workspace.run(["bump", "--no-push", "myproject", "api", "3f2c1a9"])
        #expect(local.status == 0, "\(local.standardError)")
        #expect(try workspace.remote.tip() == tip)
        #expect(
            try GitCLI.run(["log", "-1", "--format=%s", "HEAD"], in: workspace.clone)
                == "apply projects/myproject/applications/api")
        #expect(try workspace.workTreeText(Self.file).contains("hash: 3f2c1a9 # set by CI"))
        #expect(try workspace.status().isEmpty)
    }

    @Test func wrongTokenExits77WithoutPrintingIt() throws {
        let workspace = try GitWorkspace()
        let server = try GitHTTPServer(root: workspace.folder.path, token: "right-token-123")
        defer { server.stop() }
        let wrong = "wrong-token-SECRET-456"
        let result = try workspace.run(
            ["bump", "--remote", server.url("remote.git"), "myproject", "api", "3f2c1a9"],
            environment: ["GITHUB_TOKEN": wrong, "GITHUB_ACTIONS": "true"])
        #expect(result.status == 77, "\(result.standardError)")
        #expect(result.standardError.contains("authentication refused"))
        #expect(
            !(result.standardError + result.standardOutput).replacingOccurrences(of: "::add-mask::\(wrong)", with: "")
                .contains(wrong))
        #expect(try workspace.remote.commitCount() == 1)
    }

    @Test func declinedByAServerHookExits73WithTheReason() throws {
        let workspace = try GitWorkspace()
        try workspace.remote.installHook(
            "pre-receive", script: "echo 'main is protected: open a pull request' >&2\nexit 1")
        let server = try GitHTTPServer(root: workspace.folder.path, token: "t0ken")
        defer { server.stop() }
        let result = try workspace.run(
            ["bump", "--remote", server.url("remote.git"), "myproject", "api", "3f2c1a9"],
            environment: ["CONFIG_API_TOKEN": "t0ken"])
        #expect(result.status == 73, "\(result.standardError)")
        #expect(result.standardError.contains("main is protected: open a pull request"))
        #expect(try workspace.remote.commitCount() == 1)
    }

    /// The server's hook moves the branch itself on every push, so every attempt loses the
    /// race: after --max-attempts the command gives up with 75; the remote has only the
    /// hook's commits, the clone's branch and work tree are as they were, no scratch reference
    /// is left behind.
    @Test func aBranchThatKeepsMovingExhaustsTheAttemptsWith75() throws {
        let workspace = try GitWorkspace()
        try workspace.remote.installHook(
            "pre-receive",
            script: """
                unset GIT_QUARANTINE_PATH GIT_OBJECT_DIRECTORY GIT_ALTERNATE_OBJECT_DIRECTORIES
                export GIT_AUTHOR_NAME=rival GIT_AUTHOR_EMAIL=rival@example.com
                export GIT_COMMITTER_NAME=rival GIT_COMMITTER_EMAIL=rival@example.com
                tip=$(git rev-parse refs/heads/main)
                next=$(git commit-tree "$tip^{tree}" -p "$tip" -m competitor)
                git update-ref refs/heads/main "$next" "$tip"
                """)
        let server = try GitHTTPServer(root: workspace.folder.path, token: "t0ken")
        defer { server.stop() }
        try GitCLI.run(["remote", "set-url", "origin", server.url("remote.git")], in: workspace.clone)
        let head = try GitCLI.run(["rev-parse", "HEAD"], in: workspace.clone)
        let viaHTTP = try workspace.run(
            ["bump", "--max-attempts", "3", "myproject", "api", "3f2c1a9"],
            environment: ["CONFIG_API_TOKEN": "t0ken"])
        #expect(viaHTTP.status == 75, "\(viaHTTP.standardError)")
        #expect(viaHTTP.standardError.contains("3 attempts"))
        let subjects = try workspace.remote.log("%s")
        #expect(!subjects.contains("apply projects/myproject/applications/api"))
        #expect(try GitCLI.run(["for-each-ref", "refs/config-api"], in: workspace.remote.path).isEmpty)
        #expect(!(try workspace.remote.content(of: Self.file).contains("3f2c1a9")))
        #expect(try GitCLI.run(["rev-parse", "HEAD"], in: workspace.clone) == head)
        #expect(try workspace.status().isEmpty)
        #expect(try GitCLI.run(["for-each-ref", "refs/config-api"], in: workspace.clone).isEmpty)
    }
}
