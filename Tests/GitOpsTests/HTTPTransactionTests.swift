import Foundation
import GitOps
import Logging
import TestSupport
import Testing

/// A seeded bare remote served over smart HTTP by `git-http-server.py` on loopback.
struct HTTPWorkspace {
    static let token = "tok-5b1f0c9e-secret"
    static let readOnlyToken = "tok-read-only-4d2a"
    let folder: TemporaryFolder
    let remote: BareRepository
    let server: GitHTTPServer

    init(applications: Int = 4) throws {
        isolatedFromMachineGitConfig
        folder = try TemporaryFolder()
        remote = try BareRepository.seeded(in: folder,
                                           files: [DemoFile.path: DemoFile.content(applications: applications)])
        server = try GitHTTPServer(root: folder.path, token: Self.token, readToken: Self.readOnlyToken)
    }

    /// The remote's address without credentials (libgit2 gets the token from `Credentials`).
    var url: String { server.url("remote.git") }

    /// A bare temporary clone made by GitOps with `token`.
    func temporaryClone(token: String? = HTTPWorkspace.token) throws -> GitRepository {
        try GitRepository.cloneIntoTemporaryFolder(url: url, branch: "main", credentials: Credentials(token: token))
    }

    /// A transaction on `main` of `repository`.
    func transaction(_ repository: GitRepository, token: String? = HTTPWorkspace.token, retry: RetryPolicy = .standard,
                     logger: Logger = quietLogger) -> PushTransaction {
        PushTransaction(repository: repository, branch: "main", credentials: Credentials(token: token), retry: retry,
                        author: testAuthor, logger: logger)
    }

    /// A work-tree clone made with the git CLI (token in the address), for competing commits.
    func cliClone(_ name: String) throws -> String {
        try GitCLI.clone(server.url("remote.git", password: Self.token), into: folder.child(name))
    }
}

/// Transactions against a remote reached over smart HTTP with a token.
@Suite struct HTTPTransactionTests {
    @Test func cloneCommitAndPushWithAToken() throws {
        let workspace = try HTTPWorkspace()
        let log = CollectingLogHandler()
        let repository = try workspace.temporaryClone()
        let outcome = try workspace.transaction(repository, logger: log.logger)
            .commit(file: DemoFile.path, message: "bump app-02", push: true, edit: DemoFile.setting(2, to: "12e4567"))

        #expect(outcome.changed && outcome.attempts == 1)
        #expect(outcome.commit == (try workspace.remote.tip()))
        #expect(DemoFile.has(try workspace.remote.content(of: DemoFile.path), 2, "12e4567"))
        #expect(try workspace.remote.log("%s") == ["bump app-02", "seed"])
        #expect(try GitCLI.run(["rev-parse", "main", "refs/remotes/origin/main"], in: repository.gitDirectoryPath)
                == "\(outcome.commit!)\n\(outcome.commit!)")
        #expect(try GitCLI.run(["for-each-ref", "refs/config-api"], in: repository.gitDirectoryPath).isEmpty)
        #expect(!log.text.contains(HTTPWorkspace.token))
    }

    /// libgit2 asks for credentials again after each 401 (up to 15 times): the wrong token must
    /// reach the server once per operation, so the refusal comes at the first retry.
    @Test func wrongTokenIsRefusedAtTheFirstRetryWithoutLeakingIt() throws {
        let workspace = try HTTPWorkspace()
        let wrong = "wrong-token-77c1"
        let cloneError = #expect(throws: GitOpsError.self) { try workspace.temporaryClone(token: wrong) }
        #expect(cloneError == .authenticationRefused(remote: workspace.url))
        #expect(try workspace.server.receivedRequests().filter { $0.credential == .wrong }.count == 1)

        let repository = try workspace.temporaryClone()
        let log = CollectingLogHandler()
        let pushError = #expect(throws: GitOpsError.self) {
            try workspace.transaction(repository, token: wrong, logger: log.logger)
                .commit(file: DemoFile.path, message: "x", push: true, edit: DemoFile.setting(0, to: "x"))
        }
        #expect(pushError == .authenticationRefused(remote: workspace.url))
        #expect(try workspace.server.receivedRequests().filter { $0.credential == .wrong }.count == 2)
        let texts = [cloneError, pushError].map { "\($0!) \(String(reflecting: $0!))" } + [log.text]
        #expect(texts.allSatisfy { !$0.contains(wrong) && !$0.contains(HTTPWorkspace.token) })
        #expect(try workspace.remote.commitCount() == 1)
    }

    @Test func wrongPasswordInTheRemoteAddressIsRefusedWithoutLeakingIt() throws {
        let workspace = try HTTPWorkspace()
        let clone = try workspace.cliClone("clone")
        let staleAddress = workspace.server.url("remote.git", password: "stale-pass-31")
        try GitCLI.run(["remote", "set-url", "origin", staleAddress], in: clone)
        let error = #expect(throws: GitOpsError.self) {
            try workspace.transaction(try GitRepository.open(at: clone), token: nil)
                .commit(file: DemoFile.path, message: "x", push: true, edit: DemoFile.setting(0, to: "x"))
        }
        #expect(error == .authenticationRefused(remote: workspace.url))
        #expect(!String(reflecting: error!).contains("stale-pass-31"))
    }

    @Test func tokenWithoutWriteAccessIsRefused() throws {
        let workspace = try HTTPWorkspace()
        let repository = try workspace.temporaryClone(token: HTTPWorkspace.readOnlyToken)
        let error = #expect(throws: GitOpsError.self) {
            try workspace.transaction(repository, token: HTTPWorkspace.readOnlyToken)
                .commit(file: DemoFile.path, message: "x", push: true, edit: DemoFile.setting(0, to: "x"))
        }
        #expect(error == .authenticationRefused(remote: workspace.url))
        #expect(try workspace.remote.commitCount() == 1)
    }

    @Test func missingTokenIsRefused() throws {
        let workspace = try HTTPWorkspace()
        #expect(throws: GitOpsError.authenticationRefused(remote: workspace.url)) {
            try workspace.temporaryClone(token: nil)
        }
    }

    @Test func preReceiveHookRefusalCarriesTheServersReason() throws {
        let workspace = try HTTPWorkspace()
        try workspace.remote.installHook("pre-receive",
                                         script: "echo 'main is protected: open a pull request' >&2\nexit 1")
        let repository = try workspace.temporaryClone()
        let tip = try workspace.remote.tip()
        let error = #expect(throws: GitOpsError.self) {
            try workspace.transaction(repository)
                .commit(file: DemoFile.path, message: "x", push: true, edit: DemoFile.setting(0, to: "x"))
        }
        guard case .rejectedByServer(let reason) = error else {
            Issue.record("expected rejectedByServer, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("pre-receive hook declined"))
        #expect(reason.contains("main is protected: open a pull request"))
        #expect(try workspace.remote.tip() == tip)
        #expect(try GitCLI.run(["rev-parse", "main"], in: repository.gitDirectoryPath) == tip)
    }

    @Test func competitorBetweenFetchAndPushIsRetriedOnTheNewTip() throws {
        let workspace = try HTTPWorkspace()
        let competitor = try workspace.cliClone("competitor")
        var attempts = 0
        let outcome = try workspace.transaction(try workspace.temporaryClone())
            .commit(file: DemoFile.path, message: "mine", push: true) { current in
                attempts += 1
                if attempts == 1 {
                    try GitCLI.commitAndPush(in: competitor, file: DemoFile.path, message: "theirs") {
                        $0.replacingOccurrences(of: "app-03: initial", with: "app-03: theirs")
                    }
                }
                return try DemoFile.setting(0, to: "mine")(current)
            }

        #expect(outcome.attempts == 2)
        let content = try workspace.remote.content(of: DemoFile.path)
        #expect(DemoFile.has(content, 0, "mine") && DemoFile.has(content, 3, "theirs"))
        #expect(try workspace.remote.log("%s") == ["mine", "theirs", "seed"])
        #expect(try workspace.remote.mergeCount() == 0)
    }

    @Test func exhaustedAttemptsLeaveRemoteAndCloneConsistent() throws {
        let workspace = try HTTPWorkspace()
        let competitor = try workspace.cliClone("competitor")
        let repository = try workspace.temporaryClone()
        let localTip = try GitCLI.run(["rev-parse", "main"], in: repository.gitDirectoryPath)
        var attempts = 0

        #expect(throws: GitOpsError.retriesExhausted(attempts: 2)) {
            try workspace.transaction(repository, retry: RetryPolicy(maxAttempts: 2, baseDelay: 0.001, maxDelay: 0.01))
                .commit(file: DemoFile.path, message: "mine", push: true) { current in
                    attempts += 1
                    try GitCLI.commitAndPush(in: competitor, file: DemoFile.path, message: "theirs \(attempts)") {
                        $0 + "# competitor \(attempts)\n"
                    }
                    return try DemoFile.setting(0, to: "mine")(current)
                }
        }
        #expect(try workspace.remote.log("%s") == ["theirs 2", "theirs 1", "seed"])
        let git = repository.gitDirectoryPath
        #expect(try GitCLI.run(["rev-parse", "main"], in: git) == localTip)
        #expect(try GitCLI.run(["for-each-ref", "refs/config-api"], in: git).isEmpty)
        let tracking = try GitCLI.run(["rev-parse", "refs/remotes/origin/main"], in: git)
        #expect(try GitCLI.run(["log", "--format=%s", "-1", tracking], in: workspace.remote.path) == "theirs 1")
    }
}
