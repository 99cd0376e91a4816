import Foundation
import TestSupport

/// A `GitWorkspace` whose remote only takes commits that `git verify-commit` accepts (its
/// pre-receive hook checks every new commit against `keys`), served over loopback smart HTTP
/// too: the setting of the signing, trailer and `--push-to` tests.
struct SigningWorkspace {
    static let token = "tok-signing-8c31f2"

    let workspace: GitWorkspace
    let keys: SigningKeys
    let server: GitHTTPServer

    /// How `config-api` reaches the remote.
    enum Remote: String, CaseIterable, CustomStringConvertible {
        /// The clone's origin, a path: config-api runs the hooks itself.
        case localPath
        /// `--remote http://127.0.0.1:PORT/remote.git`: git http-backend runs them.
        case smartHTTP
        var description: String { rawValue }
    }

    init(files: [String: String]? = nil, verifying: Bool = true) throws {
        workspace = try GitWorkspace(files: files)
        keys = try SigningKeys(email: "writer@example.com")
        server = try GitHTTPServer(root: workspace.folder.path, token: Self.token)
        if verifying { try workspace.remote.installHook("pre-receive", script: keys.verifyingHook) }
    }

    var remote: BareRepository { workspace.remote }

    /// The arguments that send a command's push to `remote`.
    func remoteArguments(_ remote: Remote) -> [String] {
        remote == .smartHTTP ? ["--remote", server.url("remote.git"), "--branch", "main"] : []
    }

    /// `config-api bump PROJECT APP SHA` through `remote`, with `arguments` and `environment`
    /// (the token is added).
    func bump(_ sha: String, via remote: Remote = .smartHTTP, _ arguments: [String] = [],
              environment: [String: String] = [:]) throws -> ProcessResult {
        try workspace.run(["bump", "myproject", "api", sha] + remoteArguments(remote) + arguments,
                          environment: environment.merging(["CONFIG_API_TOKEN": Self.token]) { $1 })
    }

    /// Whether `git verify-commit` accepts `commit` in the remote.
    func verifies(_ commit: String) throws -> Bool {
        try keys.verify(commit, in: remote.path).verified
    }

    /// The full message of `commit` in the remote, without its final newlines.
    func message(of commit: String) throws -> String {
        try GitCLI.run(["log", "-1", "--format=%B", commit], in: remote.path).trimmingCharacters(in: .newlines)
    }

    /// `git interpret-trailers --parse` of `commit`'s message, one trailer per element.
    func trailers(of commit: String) throws -> [String] {
        let file = workspace.folder.child("message-\(commit)")
        try message(of: commit).write(toFile: file, atomically: true, encoding: .utf8)
        return try GitCLI.run(["interpret-trailers", "--parse", file]).split(separator: "\n").map(String.init)
    }
}
