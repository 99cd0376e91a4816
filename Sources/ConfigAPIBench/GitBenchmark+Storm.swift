import ArgumentParser
import Foundation
import TestSupport

extension GitBenchmark {
    /// One storm: many `config-api apply` processes started at once, each setting a different
    /// application's hash in the same file.
    struct Storm {
        var writers: Int
        /// From the first start to the last exit, in seconds.
        var seconds: Double
        /// Each writer's attempts, from its "(N attempts)" line.
        var attempts: [Int]
        /// Commits on the remote branch afterwards (the seed commit included).
        var commits: Int
    }

    /// `writers` processes on a local bare remote: the first half each in its own clone, the
    /// second half sharing one clone.
    func localStorm(tool: String) throws -> Storm {
        let workspace = try Workspace(applications: applications)
        let shared = try workspace.clone("shared")
        let own = try (0..<writers / 2).map { try workspace.clone("own-\($0)") }
        return try storm(writers, in: workspace, tool: tool, environment: workspace.environment) { index in
            ["-C", index < own.count ? own[index] : shared]
        }
    }

    /// `httpWriters` processes, each cloning the remote from the loopback smart-HTTP server into
    /// its own temporary folder (`apply --remote`); nil when the test server script is missing.
    func httpStorm(tool: String) throws -> Storm? {
        guard httpWriters > 0, FileManager.default.fileExists(atPath: GitHTTPServer.scriptPath) else { return nil }
        let workspace = try Workspace(applications: applications)
        let token = "bench-\(UUID().uuidString)"
        let server = try GitHTTPServer(
            root: workspace.folder, token: token, lifetime: 600,
            environment: workspace.environment)
        defer { server.stop() }
        let url = "http://127.0.0.1:\(server.port)/remote.git"
        var environment = workspace.environment
        environment["CONFIG_API_TOKEN"] = token
        return try storm(httpWriters, in: workspace, tool: tool, environment: environment) { _ in
            ["--remote", url, "--branch", "main"]
        }
    }

    /// Starts `count` writers (`placement` gives each its repository options), waits for all of
    /// them and checks that every update landed exactly once.
    private func storm(
        _ count: Int, in workspace: Workspace, tool: String, environment: [String: String],
        placement: (Int) -> [String]
    ) throws -> Storm {
        let hashes = (0..<count).map { Self.hash($0, writer: 0xc5) }
        let log = { (index: Int, stream: String) in "\(workspace.folder)/writer-\(index).\(stream)" }
        let start = Stopwatch.now()
        let children = try (0..<count).map { index in
            try ChildProcess.start(
                tool, Self.applyArguments(application: index, hash: hashes[index]) + placement(index),
                environment: environment, standardOutput: log(index, "out"), standardError: log(index, "err"))
        }
        let statuses = try children.map { try $0.wait() }
        let seconds = Stopwatch.now() - start
        if let failed = statuses.firstIndex(where: { $0 != 0 }) {
            let message = (try? String(contentsOfFile: log(failed, "err"), encoding: .utf8)) ?? ""
            throw ValidationError("writer \(failed) exited with \(statuses[failed]): \(message)")
        }
        let attempts = try (0..<count).map {
            try Self.attempts(reportedIn: String(contentsOfFile: log($0, "out"), encoding: .utf8))
        }
        let commits = try workspace.requireEveryWriterLanded(hashes: hashes)
        return Storm(writers: count, seconds: seconds, attempts: attempts, commits: commits)
    }

    /// N of `pushed <commit> <message> (N attempts)`.
    static func attempts(reportedIn output: String) throws -> Int {
        guard let open = output.range(of: "(", options: .backwards),
            let count = Int(output[open.upperBound...].prefix { $0.isNumber })
        else {
            throw ValidationError("no attempt count in \(output)")
        }
        return count
    }
}
