import Foundation

/// `git-http-server.py` running on loopback: smart HTTP over the repositories of `root`, with
/// Basic auth whose password must be `token` (or `readToken`, which gets 403 on push). Stopped
/// (stdin closed, process ended) on `stop()` or when the object goes away; it also exits by
/// itself after `lifetime` seconds.
public final class GitHTTPServer: @unchecked Sendable {
    /// What a request's Basic-auth password was, as the server judged it.
    public enum Credential: String, Sendable {
        case none, token, readToken = "read-token", wrong
    }

    /// One request the server received.
    public struct Request: Sendable, Equatable {
        public var credential: Credential
        public var method: String
        public var path: String
    }

    public let token: String
    private let script: LoopbackScript
    private let logFolder: TemporaryFolder

    /// The port it listens on (127.0.0.1).
    public var port: Int { script.port }

    /// The server script, beside this file in `Tests/Support/`.
    public static var scriptPath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("git-http-server.py").path
    }

    /// Starts the server on a free loopback port, with `environment` (nil: this process's).
    public init(root: String, token: String, readToken: String? = nil, lifetime: Int = 300,
                environment: [String: String]? = nil) throws {
        self.token = token
        logFolder = try TemporaryFolder("config-api-http-server")
        script = try LoopbackScript([Self.scriptPath, "--root", root, "--token", token, "--lifetime", "\(lifetime)",
                                     "--request-log", logFolder.child("requests.log"),
                                     "--busy-file", logFolder.child("busy")]
                                    + (readToken.map { ["--read-token", $0] } ?? []), environment: environment)
    }

    deinit {
        stop()
    }

    /// The address of repository `name` (e.g. `remote.git`), optionally with Basic-auth user info.
    public func url(_ name: String, password: String? = nil) -> String {
        let userInfo = password.map { "x-access-token:\($0)@" } ?? ""
        return "http://\(userInfo)127.0.0.1:\(port)/\(name)"
    }

    /// Every request received so far, in order.
    public func receivedRequests() throws -> [Request] {
        let path = logFolder.child("requests.log")
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        return try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { line in
            let fields = line.split(separator: " ", maxSplits: 2).map(String.init)
            guard fields.count == 3, let credential = Credential(rawValue: fields[0]) else {
                throw FixtureFailure(description: "unreadable request log line: \(line)")
            }
            return Request(credential: credential, method: fields[1], path: fields[2])
        }
    }

    /// Returns once no request is being served: a push whose client was killed after sending it
    /// goes on in `git http-backend` to the end. Looks up to `polls` times, 5 ms apart.
    public func waitUntilIdle(polls: Int = 4000) throws {
        let path = logFolder.child("busy")
        for _ in 0..<polls {
            let count = (try? String(contentsOfFile: path, encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines)
            if count == nil || count == "0" { return }
            Thread.sleep(forTimeInterval: 0.005)
        }
        throw FixtureFailure(description: "the git HTTP server was still serving a request after \(polls) looks")
    }

    /// Closes the server's stdin (it exits) and waits for it.
    public func stop() {
        script.stop()
    }
}
