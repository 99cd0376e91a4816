import Foundation

/// `git-http-server.py` running on loopback: smart HTTP over the repositories of `root`, with
/// Basic auth whose password must be `token` (or `readToken`, which gets 403 on push). Stopped
/// (stdin closed, process ended) on `stop()` or when the object goes away; it also exits by
/// itself after `lifetime` seconds.
public final class GitHTTPServer: @unchecked Sendable {
    public let port: Int
    public let token: String
    private let process: Process
    private let input: Pipe

    /// The server script, beside this file in `Tests/Support/`.
    public static var scriptPath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("git-http-server.py").path
    }

    /// Starts the server on a free loopback port, with `environment` (nil: this process's).
    public init(root: String, token: String, readToken: String? = nil, lifetime: Int = 300,
                environment: [String: String]? = nil) throws {
        self.token = token
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.scriptPath, "--root", root, "--token", token, "--lifetime", "\(lifetime)"]
            + (readToken.map { ["--read-token", $0] } ?? [])
        if let environment { process.environment = environment }
        input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { break }
            line.append(chunk)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            process.terminate()
            throw FixtureFailure(description: "git-http-server.py did not print its port")
        }
        self.port = port
    }

    deinit {
        stop()
    }

    /// The address of repository `name` (e.g. `remote.git`), optionally with Basic-auth user info.
    public func url(_ name: String, password: String? = nil) -> String {
        let userInfo = password.map { "x-access-token:\($0)@" } ?? ""
        return "http://\(userInfo)127.0.0.1:\(port)/\(name)"
    }

    /// Closes the server's stdin (it exits) and waits for it.
    public func stop() {
        guard process.isRunning else { return }
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
