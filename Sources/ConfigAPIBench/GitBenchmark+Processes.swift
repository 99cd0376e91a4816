import ArgumentParser
import Foundation

extension GitBenchmark {
    /// The environment of every child: no system or global git config for either git or libgit2
    /// (HOME is the scratch folder), a fixed identity, no token, no GitHub Actions.
    static func childEnvironment(home: String) -> [String: String] {
        let dropped: Set = [
            "GITHUB_ACTIONS", "GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY", "GITHUB_EVENT_PATH",
            "GITHUB_TOKEN", "CONFIG_API_TOKEN", "XDG_CONFIG_HOME",
        ]
        var environment = ProcessInfo.processInfo.environment.filter {
            !dropped.contains($0.key) && !$0.key.hasPrefix("GIT_")
        }
        environment["HOME"] = home
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_TERMINAL_PROMPT"] = "0"
        for role in ["AUTHOR", "COMMITTER"] {
            environment["GIT_\(role)_NAME"] = author.name
            environment["GIT_\(role)_EMAIL"] = author.email
        }
        return environment
    }

    /// Runs the git CLI and returns its stdout without the trailing newline (setup and checks,
    /// not timed).
    @discardableResult
    static func git(_ arguments: [String], environment: [String: String], scratch: String) throws -> String {
        let output = "\(scratch)/git-output-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: output) }
        try ChildProcess.start("git", arguments, environment: environment, standardOutput: output).succeed()
        var text = try String(contentsOfFile: output, encoding: .utf8)
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}
