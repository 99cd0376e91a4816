import ArgumentParser
import Foundation
import SystemCalls

/// A benchmark's child process: a `SpawnedProcess` whose failures are reported as the
/// benchmark's own errors.
struct ChildProcess {
    let process: SpawnedProcess

    /// Starts `executable` (a path, or a name looked up in PATH) with `arguments` and exactly
    /// `environment`; nil output paths go to /dev/null.
    static func start(
        _ executable: String, _ arguments: [String],
        environment: [String: String] = ProcessInfo.processInfo.environment,
        standardOutput: String? = nil, standardError: String? = nil
    ) throws -> ChildProcess {
        do {
            return ChildProcess(
                process: try SpawnedProcess.start(
                    executable, arguments, environment: environment,
                    standardOutput: standardOutput,
                    standardError: .file(standardError)))
        } catch {
            throw ValidationError("cannot start \(([executable] + arguments).joined(separator: " ")): \(error.reason)")
        }
    }

    /// Waits for the process; its exit status (128 + signal when killed).
    func wait() throws -> Int32 { try waitWithUsage().status }

    /// Waits for the process; its exit status and the CPU time it used (user + system, seconds).
    func waitWithUsage() throws -> (status: Int32, cpuSeconds: Double) {
        do {
            let termination = try process.waitForTermination()
            return (termination.status, termination.cpuSeconds)
        } catch {
            throw ValidationError("cannot wait for \(process.command): \(error)")
        }
    }

    /// Waits and throws when the exit status is not 0.
    func succeed() throws {
        let status = try wait()
        guard status == 0 else { throw ValidationError("\(process.command) exited with \(status)") }
    }
}
