import Foundation
import TestSupport
import Testing

/// `config-api bump --remote ssh://…` against sshd on loopback, authenticating with the keys of
/// an ssh-agent: libgit2 reads `SSH_AUTH_SOCK` and `HOME` (for `~/.ssh/known_hosts`) from the
/// process environment, so each run gets its own.
@Suite struct SSHRemoteTests {
    static let token = "tok-ssh-3e9d0c71"

    /// A seeded remote, an SSH server in front of it, and a HOME whose `.ssh/known_hosts` holds
    /// `knownHosts(server)` (by default the line that trusts the server).
    struct Setting {
        let workspace: GitWorkspace
        let server: GitSSHServer
        let home: TemporaryFolder

        init(passwords: Bool = false, knownHosts: (GitSSHServer) -> String = { $0.knownHostsLine }) throws {
            workspace = try GitWorkspace()
            server = try GitSSHServer(passwords: passwords)
            home = try TemporaryFolder("config-api-home")
            try FileManager.default.createDirectory(atPath: home.child(".ssh"), withIntermediateDirectories: true)
            try knownHosts(server).write(toFile: home.child(".ssh/known_hosts"), atomically: true, encoding: .utf8)
        }

        /// The remote's SSH address.
        var url: String { server.url(workspace.remote.path) }

        /// The address as config-api prints it (without the user).
        var displayedURL: String { "ssh://127.0.0.1:\(server.port)\(workspace.remote.path)" }

        /// `config-api bump --remote URL myproject api SHA` with this HOME and `environment`.
        func bump(_ sha: String = "3f2c1a9", environment: [String: String] = [:]) throws -> ProcessResult {
            try workspace.run(
                ["bump", "--remote", url, "myproject", "api", sha],
                environment: environment.merging(["HOME": home.path]) { $1 })
        }

        /// Expects that the remote still holds its seed commit alone.
        func expectNothingPushed() throws {
            #expect(try workspace.remote.commitCount() == 1)
        }
    }

    @Test func cloneCommitAndPushWithTheAgentsKey() throws {
        let setting = try Setting()
        let agent = try SSHAgentProcess(keys: [setting.server.authorizedKey])
        let result = try setting.bump(environment: agent.environment)

        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.hasPrefix("pushed "))
        #expect(
            try setting.workspace.remote.log("%an|%s")
                == ["Test Writer|apply projects/myproject/applications/api", "Fixture Author|seed"])
        #expect(try setting.workspace.remote.content(of: "projects/myproject.yaml").contains("hash: 3f2c1a9"))
    }

    @Test func aTokenIsNeverOfferedAsAnSSHPassword() throws {
        let setting = try Setting(passwords: true)
        let agent = try SSHAgentProcess(keys: [setting.server.authorizedKey])
        let result = try setting.bump(environment: agent.environment.merging(["GITHUB_TOKEN": Self.token]) { $1 })

        #expect(result.status == 0, "\(result.standardError)")
        #expect(try setting.workspace.remote.commitCount() == 2)
        #expect(!(result.standardOutput + result.standardError).contains(Self.token))
    }

    /// libgit2 asks for credentials again after a refused key: config-api must give up then.
    /// Each run makes one connection, lists the agent's keys once and offers each of them once.
    @Test func aKeyTheServerDoesNotAcceptIsRefusedAtTheFirstRetry() throws {
        let setting = try Setting()
        for keys in [[setting.server.unauthorizedKey], []] {
            let agent = try SSHAgentProcess(keys: keys)
            let serverLogBefore = try setting.server.logText()
            let result = try setting.bump(environment: agent.environment)

            #expect(result.status == 77, "\(result.standardError)")
            #expect(result.standardError == "config-api: authentication refused by \(setting.displayedURL)\n")
            #expect(try agent.identityListRequests() == 1)
            let serverLog = try setting.server.logText().dropFirst(serverLogBefore.count)
            #expect(serverLog.components(separatedBy: "Connection from ").count - 1 == 1)
            #expect(serverLog.components(separatedBy: "Failed publickey for ").count - 1 == keys.count)
        }
        try setting.expectNothingPushed()
    }

    @Test func withoutAnAgentTheErrorSaysWhy() throws {
        let setting = try Setting()
        let unset = try setting.bump()
        #expect(unset.status == 77)
        #expect(unset.standardError.hasSuffix(": no SSH agent: SSH_AUTH_SOCK is not set\n"), "\(unset.standardError)")

        let missing = setting.home.child("no-agent.sock")
        let dead = try setting.bump(environment: ["SSH_AUTH_SOCK": missing])
        #expect(dead.status == 77)
        #expect(dead.standardError.contains(": no SSH agent at SSH_AUTH_SOCK (\(missing)): "), "\(dead.standardError)")
        try setting.expectNothingPushed()
    }

    /// libgit2 1.5.1 checks the host key against `~/.ssh/known_hosts` (GitOps sets no
    /// certificate_check callback that could override it): unknown or different → no connection,
    /// exit 77 (the server's identity is not verified: not config-api's bug, so not 70).
    @Test(arguments: ["unknown", "different"])
    func theHostKeyMustBeInKnownHosts(_ entry: String) throws {
        let setting = try Setting { server in
            guard entry == "different" else { return "" }
            let otherKey = (try? String(contentsOfFile: "\(server.unauthorizedKey).pub", encoding: .utf8)) ?? ""
            return "[127.0.0.1]:\(server.port) \(otherKey.split(separator: " ").prefix(2).joined(separator: " "))\n"
        }
        let agent = try SSHAgentProcess(keys: [setting.server.authorizedKey])
        let result = try setting.bump(environment: agent.environment)

        #expect(result.status == 77)
        #expect(result.standardError.hasPrefix("config-api: cannot verify the identity of \(setting.displayedURL): "))
        #expect(result.standardError.hasSuffix(": invalid or unknown remote ssh hostkey\n"), "\(result.standardError)")
        try setting.expectNothingPushed()
    }
}
