import Foundation

/// `fault-server.py` on loopback: a server that hangs, never accepts, resets connections,
/// answers every request with one HTTP status, or redirects every request elsewhere. Stopped
/// (stdin closed) on `stop()` or when the object goes away; it also exits by itself after
/// `lifetime` seconds.
public final class FaultServer: @unchecked Sendable {
    /// What the server does with a connection.
    public enum Mode: Sendable {
        /// Accepts, reads, never answers.
        case hang
        /// Never accepts, with a full accept queue: connecting hangs.
        case backlog
        /// Accepts and resets the connection at once.
        case reset
        /// Answers every request with this HTTP status.
        case status(Int)
        /// Answers every request with a 301 to this address followed by the request's path.
        case redirect(to: String)
        /// Relays every request to the server at this address (`http://127.0.0.1:PORT`), except
        /// that a push's answer never comes back: the server took the push, the connection closes.
        case cutPush(to: String)
    }

    /// One request the server received: whether it carried an `Authorization` header.
    public struct Request: Sendable, Equatable {
        public var carriedAuthorization: Bool
        public var method: String
        public var path: String
    }

    private let script: LoopbackScript
    private let logFolder: TemporaryFolder

    /// The port it listens on (127.0.0.1).
    public var port: Int { script.port }

    /// The server script, beside this file in `Tests/Support/`.
    public static var scriptPath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("fault-server.py").path
    }

    public init(_ mode: Mode, lifetime: Int = 300) throws {
        logFolder = try TemporaryFolder("config-api-fault-server")
        var arguments = [Self.scriptPath]
        switch mode {
        case .hang: arguments.append("hang")
        case .backlog: arguments.append("backlog")
        case .reset: arguments.append("reset")
        case .status(let code): arguments += ["status", "--status", "\(code)"]
        case .redirect(let location): arguments += ["redirect", "--location", location]
        case .cutPush(let location): arguments += ["cut-push", "--location", location]
        }
        arguments += ["--request-log", logFolder.child("requests.log"), "--lifetime", "\(lifetime)"]
        script = try LoopbackScript(arguments)
    }

    deinit {
        stop()
    }

    /// `http://127.0.0.1:PORT/<path>`.
    public func url(_ path: String) -> String { "http://127.0.0.1:\(port)/\(path)" }

    /// Every HTTP request received so far, in order.
    public func receivedRequests() throws -> [Request] {
        let path = logFolder.child("requests.log")
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        return try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { line in
            let fields = line.split(separator: " ", maxSplits: 2).map(String.init)
            guard fields.count == 3 else { throw FixtureFailure(description: "unreadable request log line: \(line)") }
            return Request(carriedAuthorization: fields[0] == "auth", method: fields[1], path: fields[2])
        }
    }

    /// Closes the server's stdin (it exits) and waits for it.
    public func stop() {
        script.stop()
    }
}
