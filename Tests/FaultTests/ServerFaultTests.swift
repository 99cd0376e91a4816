import Foundation
import TestSupport
import Testing

/// `config-api bump --remote URL` against loopback servers that misbehave: each fault ends in its
/// documented exit code and a message naming the remote (without its user info) and the fault,
/// after one `retrying` line per retry, and no credential reaches another origin.
@Suite struct ServerFaultTests {
    static let token = "tok-server-fault-91f3"

    /// Runs `config-api bump --remote url …` with the token in the environment and short limits.
    func bump(_ url: String, _ extra: [String] = []) throws -> ConfigAPIProcess.Result {
        try ConfigAPIProcess.run(["bump", "--remote", url, "--connect-timeout", "0.5", "--idle-timeout", "0.5",
                                  "--network-attempts", "2"] + extra + ["myproject", "api", "3f2c1a9"],
                                 environment: ConfigAPIProcess.environment(["GITHUB_TOKEN": Self.token]))
    }

    /// The lines a run printed on stderr.
    func lines(_ result: ConfigAPIProcess.Result) -> [String] {
        result.standardError.split(separator: "\n").map(String.init)
    }

    @Test func aServerThatAcceptsAndNeverAnswersEndsWith69AndNamesTheIdleTimeout() throws {
        let server = try FaultServer(.hang)
        let result = try bump("http://x-access-token:url-secret@127.0.0.1:\(server.port)/r.git")
        let failure = "config-api: no answer from \(server.url("r.git")) within 0.5 s (idle timeout, --idle-timeout)"
        #expect(result.status == 69)
        let printed = lines(result)
        #expect(printed.count == 2, "one retry line, then the failure: \(result.standardError)")
        #expect(printed.first?.hasPrefix("\(failure), retrying (attempt 2/2) in ") == true)
        #expect(printed.first?.hasSuffix(" ms") == true)
        #expect(printed.last == "\(failure) (gave up after 2 attempts)")
        #expect(!result.standardError.contains("url-secret") && !result.standardError.contains(Self.token))
    }

    @Test func aServerThatNeverAcceptsEndsWith69AndNamesTheConnectTimeout() throws {
        let server = try FaultServer(.backlog)
        let result = try bump(server.url("r.git"), ["-q"])
        #expect(result.status == 69)
        #expect(result.standardError == "config-api: no answer from \(server.url("r.git")) within 0.5 s "
                + "(connect timeout, --connect-timeout) (gave up after 2 attempts)\n", "-q: no retry line")
    }

    @Test(arguments: [
        (FaultServer.Mode.status(503), 69,
         "cannot reach {url}: the server answered HTTP 503 (gave up after 2 attempts)"),
        (.reset, 69, "cannot reach {url}: Connection reset by peer (gave up after 2 attempts)"),
        (.status(404), 66, "no git repository at {url}"),
    ])
    func failuresHaveTheirOwnExitCodes(_ mode: FaultServer.Mode, _ status: Int32, _ message: String) throws {
        let server = try FaultServer(mode)
        let result = try bump(server.url("r.git"))
        #expect(result.status == status)
        let expected = "config-api: " + message.replacingOccurrences(of: "{url}", with: server.url("r.git"))
        #expect(lines(result).last == expected)
        #expect(lines(result).count == (status == 69 ? 2 : 1), "one retry line for a retried failure")
    }

    @Test func anUnreachablePortIsUnavailable() throws {
        let server = try FaultServer(.hang)
        let url = server.url("r.git")
        server.stop()
        let result = try bump(url)
        #expect(result.status == 69)
        #expect(lines(result).last == "config-api: cannot reach \(url): Connection refused (gave up after 2 attempts)")
    }

    /// The first server redirects everything to a second one on another port (another origin)
    /// that serves the repository and asks for the token: libgit2 alone would follow and answer.
    @Test func aRedirectToAnotherOriginIsRefusedAndNoCredentialCrosses() throws {
        let folder = try TemporaryFolder()
        _ = try BareRepository.seeded(in: folder, files: try FaultWorkspace.bundledProjects())
        let target = try GitHTTPServer(root: folder.path, token: Self.token)
        let redirecting = try FaultServer(.redirect(to: "http://127.0.0.1:\(target.port)"))
        let result = try bump(redirecting.url("remote.git"))

        #expect(result.status == 69)
        #expect(result.standardError.hasPrefix("config-api: \(redirecting.url("remote.git")) redirected to another "
                                               + "origin, http://127.0.0.1:\(target.port); "),
                "\(result.standardError)")
        #expect(try target.receivedRequests().isEmpty, "the second server never hears from config-api")
        #expect(try redirecting.receivedRequests().allSatisfy { !$0.carriedAuthorization })

        let direct = try bump(target.url("remote.git"))
        #expect(direct.status == 0, "the same token works at the configured origin: \(direct.standardError)")
        #expect(try target.receivedRequests().contains { $0.credential == .token })
    }

    @Test func aRemoteHeadNamingAMissingBranchIsReportedWithTheBranchesThere() throws {
        let folder = try TemporaryFolder()
        let remote = try BareRepository.seeded(in: folder, files: try FaultWorkspace.bundledProjects())
        try GitCLI.run(["symbolic-ref", "HEAD", "refs/heads/trunk"], in: remote.path)
        let server = try GitHTTPServer(root: folder.path, token: Self.token)
        let overHTTP = try bump(server.url("remote.git"))
        #expect(overHTTP.status == 66)
        #expect(overHTTP.standardError == "config-api: the default branch of \(server.url("remote.git")) (its HEAD) "
                + "names no existing branch; name one with --branch (branches: main)\n")
        let byPath = try bump(remote.path)
        #expect(byPath.standardError == "config-api: the default branch of \(remote.path) (HEAD names trunk) "
                + "does not exist; name one with --branch (branches: main)\n")
    }
}
