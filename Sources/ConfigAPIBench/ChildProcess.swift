import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A child process started with `posix_spawnp` (no Foundation run loop, so timing a short
/// process measures the process), its stdout and stderr in files or discarded.
struct ChildProcess {
    let pid: pid_t
    let command: String

    /// Starts `executable` (a path, or a name looked up in PATH) with `arguments` and exactly
    /// `environment`; nil output paths go to /dev/null.
    static func start(_ executable: String, _ arguments: [String],
                      environment: [String: String] = ProcessInfo.processInfo.environment,
                      standardOutput: String? = nil, standardError: String? = nil) throws -> ChildProcess {
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
        return ChildProcess(pid: pid, command: command)
    }

    /// Waits for the process; its exit status (128 + signal when killed).
    func wait() -> Int32 { waitWithUsage().status }

    /// Waits for the process; its exit status and the CPU time it used (user + system, seconds).
    func waitWithUsage() -> (status: Int32, cpuSeconds: Double) {
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let signal = status & 0x7f
        let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        return (signal == 0 ? (status >> 8) & 0xff : 128 + signal, cpu)
    }

    /// Waits and throws when the exit status is not 0.
    func succeed() throws {
        let status = wait()
        guard status == 0 else { throw ValidationError("\(command) exited with \(status)") }
    }
}
