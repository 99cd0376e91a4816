import Foundation
@testable import GitOps
import TestSupport
import Testing

/// Servers that hang, never accept, reset, fail or redirect, on loopback: every fault ends in its
/// own error after the policy's network attempts, and no credential leaves the configured origin.
@Suite struct NetworkFaultTests {
    static let token = "tok-fault-8d41e2"
    /// Short limits, so each fault costs a fraction of a second; three network attempts.
    static let network = NetworkPolicy(connectTimeout: 0.5, idleTimeout: 0.5, allowsInsecureHTTP: false)
    static let retry = RetryPolicy(maxAttempts: 60, baseDelay: 0.001, maxDelay: 0.01, maxNetworkAttempts: 3)

    /// Clones `url` with the test token, the short limits, and a log collecting the retry lines.
    func clone(_ url: String, log: CollectingLogHandler = CollectingLogHandler(), network: NetworkPolicy = network,
               token: String = token) throws -> GitRepository {
        isolatedFromMachineGitConfig
        return try GitRepository.cloneIntoTemporaryFolder(url: url, branch: "main",
                                                          credentials: Credentials(token: token),
                                                          network: network, retry: Self.retry, logger: log.logger)
    }

    @Test func aServerThatAcceptsAndNeverAnswersEndsInTheIdleTimeout() throws {
        let server = try FaultServer(.hang)
        let log = CollectingLogHandler()
        #expect(throws: GitOpsError.remoteTimedOut(remote: server.url("r.git"), timeout: .idle, seconds: 0.5,
                                                   attempts: 3)) {
            try clone(server.url("r.git"), log: log)
        }
        #expect(log.count(of: "retrying (attempt ") == 2, "\(log.text)")
        #expect(log.count(of: "no answer from \(server.url("r.git")) within 0.5 s (idle timeout") == 2)
    }

    /// libssh2 reads the socket itself, so no read of the stream can time out: the watchdog sees
    /// the socket silent (the kernel's TCP_INFO) and shuts it down, and the attempt fails.
    @Test func anSSHServerThatNeverSendsItsBannerEndsInTheIdleTimeout() throws {
        let server = try FaultServer(.hang)
        let log = CollectingLogHandler()
        #expect(throws: GitOpsError.remoteTimedOut(remote: "ssh://127.0.0.1:\(server.port)/r.git", timeout: .idle,
                                                   seconds: 0.5, attempts: 3)) {
            try clone("ssh://git@127.0.0.1:\(server.port)/r.git", log: log)
        }
        #expect(log.count(of: "retrying (attempt ") == 2, "\(log.text)")
    }

    @Test func aMissingLocalRepositoryIsNotFoundAndNotRetried() throws {
        let folder = try TemporaryFolder()
        for url in [folder.child("missing.git"), "file://\(folder.child("missing.git"))", folder.path] {
            let log = CollectingLogHandler()
            #expect(throws: GitOpsError.repositoryNotFound(remote: url)) { try clone(url, log: log) }
            #expect(log.count(of: "retrying") == 0)
        }
    }

    @Test func aServerThatNeverAcceptsEndsInTheConnectTimeout() throws {
        let server = try FaultServer(.backlog)
        let error = #expect(throws: GitOpsError.self) { try clone(server.url("r.git")) }
        #expect(error == .remoteTimedOut(remote: server.url("r.git"), timeout: .connect, seconds: 0.5, attempts: 3))
        #expect(error?.description.contains("(connect timeout, --connect-timeout)") == true)
    }

    @Test func refusedResetAndServerErrorsAreRetriedThenReportedAsUnavailable() throws {
        let refused = try FaultServer(.hang)
        let refusedURL = refused.url("r.git")
        refused.stop()
        let reset = try FaultServer(.reset)
        let failing = try FaultServer(.status(502))
        for (url, reason) in [(refusedURL, "Connection refused"), (reset.url("r.git"), "Connection reset by peer"),
                              (failing.url("r.git"), "the server answered HTTP 502")] {
            let log = CollectingLogHandler()
            let error = #expect(throws: GitOpsError.self) { try clone(url, log: log) }
            #expect(error == .remoteUnavailable(remote: url, reason: reason, attempts: 3),
                    "\(String(describing: error))")
            #expect(log.count(of: "retrying (attempt ") == 2)
        }
        #expect(try failing.receivedRequests().count == 3)
    }

    /// A DNS label longer than 63 characters: the resolver refuses the name without sending a query.
    @Test func anUnresolvableHostIsUnavailable() throws {
        let host = String(repeating: "a", count: 64) + ".invalid"
        let error = #expect(throws: GitOpsError.self) { try clone("https://\(host)/r.git") }
        guard case .remoteUnavailable(let remote, let reason, let attempts) = error else {
            Issue.record("expected remoteUnavailable, got \(String(describing: error))")
            return
        }
        #expect(remote == "https://\(host)/r.git" && attempts == 3)
        #expect(reason.hasPrefix("cannot resolve \(host): "))
    }

    @Test func aMissingRepositoryIsNotFoundAtOnce() throws {
        let server = try FaultServer(.status(404))
        #expect(throws: GitOpsError.repositoryNotFound(remote: server.url("r.git"))) { try clone(server.url("r.git")) }
        #expect(try server.receivedRequests().count == 1)
    }

    /// libgit2 follows a redirect to the same host on another port (it compares host names only),
    /// and would then answer the new server's 401 with the token: the socket stream refuses the
    /// connection, so the second server sees nothing.
    @Test func aRedirectToAnotherOriginIsRefusedAndTheTokenStaysHome() throws {
        let folder = try TemporaryFolder()
        _ = try BareRepository.seeded(in: folder, files: [DemoFile.path: DemoFile.content(applications: 1)])
        let elsewhere = try GitHTTPServer(root: folder.path, token: Self.token)
        let redirecting = try FaultServer(.redirect(to: "http://127.0.0.1:\(elsewhere.port)"))
        let error = #expect(throws: GitOpsError.self) { try clone(redirecting.url("remote.git")) }
        #expect(error == .redirectedToAnotherOrigin(remote: redirecting.url("remote.git"),
                                                    target: "http://127.0.0.1:\(elsewhere.port)"))
        #expect(try elsewhere.receivedRequests().isEmpty)
        #expect(try redirecting.receivedRequests().allSatisfy { !$0.carriedAuthorization })
    }

    /// The server takes the push but the answer never arrives (the connection closes): the next
    /// attempt's fetch finds the commit on the branch and reports it published, once. Pushing the
    /// edit again would have made a second commit, or refused a `create` as "already exists".
    @Test func aPushWhoseAnswerIsLostIsRecognisedAsLandedByTheNextAttempt() throws {
        let workspace = try HTTPWorkspace()
        let cutting = try FaultServer(.cutPush(to: "http://127.0.0.1:\(workspace.server.port)"))
        let repository = try clone(cutting.url("remote.git"), token: HTTPWorkspace.token)
        let log = CollectingLogHandler()
        var edits = 0
        let outcome = try PushTransaction(repository: repository, branch: "main",
                                          credentials: Credentials(token: HTTPWorkspace.token), retry: Self.retry,
                                          author: testAuthor, logger: log.logger)
            .commit(file: DemoFile.path, message: "once", push: true) { current in
                edits += 1
                return try DemoFile.setting(0, to: "once")(current)
            }
        #expect(outcome.changed && outcome.attempts == 2 && edits == 1, "\(log.text)")
        #expect(outcome.commit == (try workspace.remote.tip()))
        #expect(try workspace.remote.log("%s") == ["once", "seed"])
        #expect(log.count(of: "cannot reach \(cutting.url("remote.git")): ") == 1, "\(log.text)")
    }

    @Test func aTokenNeverTravelsOverPlainHTTPToAHostThatIsNotLoopback() throws {
        // 192.0.2.1 is TEST-NET-1: refused before any connection, so no network is needed.
        #expect(throws: GitOpsError.insecureTransport(remote: "http://192.0.2.1/r.git")) {
            try clone("http://192.0.2.1/r.git")
        }
        #expect(throws: GitOpsError.insecureTransport(remote: "http://example.com:8080/r.git")) {
            try clone("http://x-access-token:secret@example.com:8080/r.git")
        }
    }

    @Test func loopbackAddressesAndOriginsAreToldApart() {
        for loopback in ["http://127.0.0.1/r", "http://127.8.9.10:81/r", "http://localhost/r", "http://[::1]:9/r"] {
            #expect(RemoteOrigin(loopback)?.isLoopback == true, "\(loopback)")
        }
        for remote in ["http://192.0.2.1/r", "http://127.0.0.1.example.com/r", "https://10.0.0.1/r", "http://[::2]/r"] {
            #expect(RemoteOrigin(remote)?.isLoopback == false, "\(remote)")
        }
        #expect(RemoteOrigin("https://github.com/o/r.git")
                == RemoteOrigin(scheme: "https", host: "GitHub.com", port: "443"))
        #expect(RemoteOrigin("git@github.com:o/r.git") == RemoteOrigin(scheme: "ssh", host: "github.com", port: "22"))
        #expect(RemoteOrigin("/srv/r.git") == nil && RemoteOrigin("./r.git") == nil)
        #expect(RemoteOrigin("http://h:81/r")?.admits(host: "H", port: "81") == true)
        #expect(RemoteOrigin("http://h:81/r")?.admits(host: "h", port: "80") == false)
    }
}
