#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// A child process started with `posix_spawnp`: no run loop and no pipes, so timing a short
/// process measures the process. Its standard input is /dev/null; its output goes to files or
/// is discarded.
public struct SpawnedProcess: Sendable {
    /// The process id.
    public let pid: Int32
    /// The command line, for messages.
    public let command: String

    /// How a process ended, and the CPU time it used.
    public struct Termination: Sendable {
        /// The exit status, or 128 + the signal number when a signal ended it.
        public var status: Int32
        /// User plus system CPU time, in seconds.
        public var cpuSeconds: Double
    }

    /// Where a child's standard error goes.
    public enum ErrorDestination: Sendable {
        /// A file (created or truncated); nil: /dev/null.
        case file(String?)
        /// Wherever its standard output goes (one file holds both, in the order written).
        case standardOutput
    }

    /// Starts `executable` (a path, or a name looked up in PATH) with `arguments` and exactly
    /// `environment`, in `workingDirectory` (nil: this process's). Standard input reads the file
    /// `standardInput`; nil paths are /dev/null.
    public static func start(_ executable: String, _ arguments: [String], environment: [String: String],
                             standardInput: String? = nil, standardOutput: String? = nil,
                             standardError: ErrorDestination = .file(nil), workingDirectory: String? = nil)
        throws(SystemCallError) -> SpawnedProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let writing = O_WRONLY | O_CREAT | O_TRUNC
        posix_spawn_file_actions_addopen(&actions, 0, standardInput ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, standardOutput ?? "/dev/null", writing, 0o644)
        switch standardError {
        case .file(let path): posix_spawn_file_actions_addopen(&actions, 2, path ?? "/dev/null", writing, 0o644)
        case .standardOutput: posix_spawn_file_actions_adddup2(&actions, 1, 2)
        }
        if let workingDirectory {
            try systemCallReturningError("posix_spawn_file_actions_addchdir_np", path: workingDirectory) {
                addChangeDirectory(&actions, workingDirectory)
            }
        }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid = pid_t()
        try systemCallReturningError("posix_spawnp", path: executable) {
            posix_spawnp(&pid, executable, &actions, nil, argv, envp)
        }
        return SpawnedProcess(pid: pid, command: ([executable] + arguments).joined(separator: " "))
    }

    /// Waits for the process to end (`wait4`).
    public func waitForTermination() throws(SystemCallError) -> Termination {
        try reap(options: 0)!
    }

    /// Waits at most `seconds` for the process to end (`wait4` with `WNOHANG`, looked at every
    /// few milliseconds); when it is still running then, it is killed (`SIGKILL`), reaped, and
    /// nil is returned.
    public func waitForTermination(timeout seconds: Double) throws(SystemCallError) -> Termination? {
        let deadline = Clock.monotonicSeconds() + seconds
        var pause = 0.001
        while true {
            if let termination = try reap(options: WNOHANG) { return termination }
            guard Clock.monotonicSeconds() < deadline else {
                kill(pid, SIGKILL)
                _ = try reap(options: 0)
                return nil
            }
            Clock.sleep(seconds: pause)
            pause = min(pause * 2, 0.05)
        }
    }

    /// `wait4` with `options`: how the process ended, or nil when `WNOHANG` found it running.
    private func reap(options: Int32) throws(SystemCallError) -> Termination? {
        var status: Int32 = 0
        var usage = rusage()
        let reaped = try systemCall("wait4") { wait4(pid, &status, options, &usage) }
        guard reaped == pid else { return nil }
        let signal = status & 0x7f
        let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        return Termination(status: signal == 0 ? (status >> 8) & 0xff : 128 + signal, cpuSeconds: cpu)
    }
}

/// `posix_spawn_file_actions_addchdir_np` (glibc 2.29, macOS 10.15), looked up at run time: the
/// C library's headers declare it only for feature-test macros Swift's module does not set.
private func addChangeDirectory(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>,
                                _ path: String) -> Int32 {
    typealias AddChangeDirectory = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>,
                                                   UnsafePointer<CChar>) -> Int32
    #if canImport(Glibc)
    let everyLoadedLibrary: UnsafeMutableRawPointer? = nil
    #else
    let everyLoadedLibrary = UnsafeMutableRawPointer(bitPattern: -2)
    #endif
    guard let symbol = dlsym(everyLoadedLibrary, "posix_spawn_file_actions_addchdir_np") else { return ENOSYS }
    return path.withCString { unsafeBitCast(symbol, to: AddChangeDirectory.self)(actions, $0) }
}
