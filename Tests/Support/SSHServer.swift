// Test fixtures for git over SSH: Debian's sshd (openssh-server) on loopback, and an ssh-agent
// holding test keys. Both run under coreutils' `timeout -s KILL`, so neither outlives its
// lifetime even when a test crashes.
//
// They are stopped with SIGKILL to their process group (the one `timeout` makes): a child
// inherits the signal mask of the thread that spawned it, and the test runner's worker threads
// block SIGTERM and SIGCHLD, so sshd, ssh-agent and `timeout` itself would never see a SIGTERM.
import Foundation

/// `sshd -D -e` on 127.0.0.1 and a free port, with its own host key, config and pid file in a
/// temporary folder: it lets the current user log in with `authorizedKey` only (no password,
/// no PAM), and runs `git-upload-pack`/`git-receive-pack` on any repository path of the
/// machine. Stopped on `stop()` or when the object goes away.
public final class GitSSHServer: @unchecked Sendable {
    public let folder: TemporaryFolder
    public let port: Int
    /// The private key file the server accepts.
    public let authorizedKey: String
    /// A private key file the server does not accept.
    public let unauthorizedKey: String
    /// The `known_hosts` line that trusts this server's host key at its address.
    public let knownHostsLine: String
    private let process: Process

    /// Starts the server (needs root for privilege separation, as in CI); `passwords` also
    /// offers password authentication (which no password passes, the user has none usable).
    public init(passwords: Bool = false, lifetime: Int = 300) throws {
        folder = try TemporaryFolder("config-api-sshd")
        for name in ["host", "authorized", "unauthorized"] {
            try Tool.run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", name, "-f", folder.child(name)])
        }
        authorizedKey = folder.child("authorized")
        unauthorizedKey = folder.child("unauthorized")
        try FileManager.default.copyItem(atPath: "\(authorizedKey).pub", toPath: folder.child("authorized_keys"))
        try FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true)
        (port, process) = try Self.launch(passwords: passwords, lifetime: lifetime, folder: folder)
        let hostKey = try String(contentsOfFile: folder.child("host.pub"), encoding: .utf8)
            .split(separator: " ").prefix(2)
        knownHostsLine = "[127.0.0.1]:\(port) \(hostKey.joined(separator: " "))\n"
    }

    deinit {
        stop()
    }

    /// `ssh://USER@127.0.0.1:PORT/path` for the repository at the absolute `path`, as the user
    /// running the tests (the only one the server lets in).
    public func url(_ path: String) -> String {
        "ssh://\(ProcessInfo.processInfo.userName)@127.0.0.1:\(port)\(path)"
    }

    /// Ends the server and waits for it.
    public func stop() {
        Tool.stop(process)
    }

    /// What sshd has logged so far (LogLevel VERBOSE: connections and authentication attempts).
    public func logText() throws -> String {
        try String(contentsOfFile: folder.child("sshd.log"), encoding: .utf8)
    }

    /// Starts sshd on a free port; tries another port when one was taken between the pick and
    /// sshd's bind.
    private static func launch(passwords: Bool, lifetime: Int, folder: TemporaryFolder) throws -> (Int, Process) {
        let log = folder.child("sshd.log")
        for _ in 1...3 {
            let port = try freeLoopbackPort()
            try configuration(port: port, passwords: passwords, folder: folder)
                .write(toFile: folder.child("sshd_config"), atomically: true, encoding: .utf8)
            let process = try Tool.start(["/usr/sbin/sshd", "-D", "-e", "-f", folder.child("sshd_config")],
                                         lifetime: lifetime, log: log)
            if try waitUntilListening(process, log: log) { return (port, process) }
        }
        let logged = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        throw FixtureFailure(description: "sshd did not start: \(logged)")
    }

    private static func configuration(port: Int, passwords: Bool, folder: TemporaryFolder) -> String {
        """
        ListenAddress 127.0.0.1
        Port \(port)
        HostKey \(folder.child("host"))
        AuthorizedKeysFile \(folder.child("authorized_keys"))
        PidFile \(folder.child("sshd.pid"))
        StrictModes no
        UsePAM no
        PasswordAuthentication \(passwords ? "yes" : "no")
        KbdInteractiveAuthentication no
        PermitRootLogin prohibit-password
        MaxStartups 100
        LogLevel VERBOSE

        """
    }

    /// Polls sshd's log for "Server listening" (true) until it exits (false, e.g. the port was
    /// taken meanwhile) or 10 s pass (throws).
    private static func waitUntilListening(_ process: Process, log: String) throws -> Bool {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: log, encoding: .utf8), text.contains("Server listening") {
                return true
            }
            guard process.isRunning else { return false }
            usleep(20_000)
        }
        Tool.stop(process)
        throw FixtureFailure(description: "sshd did not listen within 10 s")
    }
}

/// `ssh-agent -d -a SOCKET` (foreground, with a debug log) holding the private key files `keys`;
/// stopped on `stop()` or when the object goes away. `environment` is what a client needs to use it.
public final class SSHAgentProcess: @unchecked Sendable {
    public let folder: TemporaryFolder
    public let socket: String
    private let process: Process

    public init(keys: [String], lifetime: Int = 300) throws {
        folder = try TemporaryFolder("config-api-agent")
        socket = folder.child("agent.sock")
        process = try Tool.start(["/usr/bin/ssh-agent", "-d", "-a", socket], lifetime: lifetime,
                                 log: folder.child("agent.log"))
        let deadline = Date().addingTimeInterval(10)
        while !FileManager.default.fileExists(atPath: socket) {
            guard process.isRunning, Date() < deadline else {
                Tool.stop(process)
                throw FixtureFailure(description: "ssh-agent did not create \(socket)")
            }
            usleep(10_000)
        }
        // The socket file appears when ssh-agent binds it, a moment before it listens: until
        // then ssh-add is refused, so a refused connection is retried (a bounded number of times).
        for key in keys {
            var refusals = 0
            while true {
                do {
                    try Tool.run("/usr/bin/ssh-add", ["-q", key], environment: environment)
                    break
                } catch let failure as FixtureFailure where failure.description.contains("Connection refused") {
                    refusals += 1
                    guard refusals < 100, process.isRunning else { throw failure }
                    usleep(10_000)
                }
            }
        }
    }

    deinit {
        stop()
    }

    /// How many times a client asked the agent for its list of keys (from its debug log).
    public func identityListRequests() throws -> Int {
        let log = try String(contentsOfFile: folder.child("agent.log"), encoding: .utf8)
        return log.components(separatedBy: "process_request_identities: entering").count - 1
    }

    /// `SSH_AUTH_SOCK` naming this agent.
    public var environment: [String: String] { ["SSH_AUTH_SOCK": socket] }

    /// Ends the agent and waits for it.
    public func stop() {
        Tool.stop(process)
    }
}

/// Runs the command-line tools the SSH fixtures need, without a shell.
private enum Tool {
    /// Runs `executable arguments…` to its end; throws with its output when it fails.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let (status, output) = try process.runCollectingOutput()
        guard status == 0 else {
            throw FixtureFailure(description: "\(executable) \(arguments.joined(separator: " ")): \(output)")
        }
    }

    /// Starts `command` in the background under `timeout -s KILL lifetime` (in a process group
    /// of its own), its stdout and stderr going to `log`.
    static func start(_ command: [String], lifetime: Int, log: String) throws -> Process {
        guard FileManager.default.createFile(atPath: log, contents: nil) else {
            throw FixtureFailure(description: "cannot create \(log)")
        }
        let file = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments = ["-s", "KILL", "\(lifetime)"] + command
        process.standardOutput = file
        process.standardError = file
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try file.close()
        return process
    }

    /// Kills the process group of a process from `start` (`timeout` and its command) with
    /// SIGKILL and waits for `timeout` to end.
    static func stop(_ process: Process) {
        guard process.isRunning else { return }
        if kill(-process.processIdentifier, SIGKILL) != 0 { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}

/// A TCP port on 127.0.0.1 that nothing listens on right now (the kernel's pick for port 0).
private func freeLoopbackPort() throws -> Int {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw FixtureFailure(description: "socket: errno \(errno)") }
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
        }
    }
    guard bound else { throw FixtureFailure(description: "bind 127.0.0.1:0: errno \(errno)") }
    return Int(UInt16(bigEndian: address.sin_port))
}
