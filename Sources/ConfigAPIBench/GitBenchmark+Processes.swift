import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension GitBenchmark {
    /// A child process started with `posix_spawnp` (no Foundation run loop, so timing a short
    /// process measures the process), its stdout and stderr in files or discarded.
    struct Child {
        let pid: pid_t
        let command: String

        /// Starts `executable` (a path, or a name looked up in PATH) with `arguments` and exactly
        /// `environment`; nil output paths go to /dev/null.
        static func start(_ executable: String, _ arguments: [String], environment: [String: String],
                          standardOutput: String? = nil, standardError: String? = nil) throws -> Child {
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, standardOutput ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            posix_spawn_file_actions_addopen(&actions, 2, standardError ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            let argv = ([executable] + arguments).map { strdup($0) } + [nil]
            let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
            defer { (argv + envp).forEach { free($0) } }
            var pid = pid_t()
            let code = posix_spawnp(&pid, executable, &actions, nil, argv, envp)
            let command = ([executable] + arguments).joined(separator: " ")
            guard code == 0 else { throw ValidationError("cannot start \(command): \(String(cString: strerror(code)))") }
            return Child(pid: pid, command: command)
        }

        /// Waits for the process; its exit status (128 + signal when killed).
        func wait() -> Int32 {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            let signal = status & 0x7f
            return signal == 0 ? (status >> 8) & 0xff : 128 + signal
        }

        /// Waits and throws when the exit status is not 0.
        func succeed() throws {
            let status = wait()
            guard status == 0 else { throw ValidationError("\(command) exited with \(status)") }
        }
    }

    /// The environment of every child: no system or global git config for either git or libgit2
    /// (HOME is the scratch folder), a fixed identity, no token, no GitHub Actions.
    static func childEnvironment(home: String) -> [String: String] {
        let dropped: Set = ["GITHUB_ACTIONS", "GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY", "GITHUB_EVENT_PATH",
                            "GITHUB_TOKEN", "CONFIG_API_TOKEN", "XDG_CONFIG_HOME"]
        var environment = ProcessInfo.processInfo.environment.filter { !dropped.contains($0.key) && !$0.key.hasPrefix("GIT_") }
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
        try Child.start("git", arguments, environment: environment, standardOutput: output).succeed()
        var text = try String(contentsOfFile: output, encoding: .utf8)
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}
