// Shared test fixtures: real git only. Bare repositories made with the git CLI in temporary
// folders, the git CLI with a fixed identity and no global config, and the loopback smart-HTTP
// server of git-http-server.py. Depends on Foundation alone, so any test target can include
// it (a symlink to this file in the target's folder).
import Foundation

/// Why a fixture failed: the command and its stderr.
struct FixtureFailure: Error, CustomStringConvertible {
    var description: String
}

/// A folder under the system's temporary folder, deleted when the object goes away.
final class TemporaryFolder: @unchecked Sendable {
    let path: String

    init(_ prefix: String = "config-api-test") throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        path = url.path
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// `path/name`.
    func child(_ name: String) -> String { "\(path)/\(name)" }
}

/// The git CLI, run with a fixed author and committer, without system or global config, and
/// never prompting for credentials.
enum GitCLI {
    static let author = (name: "Fixture Author", email: "fixture@example.com")

    static var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GIT_") }
        environment["GIT_AUTHOR_NAME"] = author.name
        environment["GIT_AUTHOR_EMAIL"] = author.email
        environment["GIT_COMMITTER_NAME"] = author.name
        environment["GIT_COMMITTER_EMAIL"] = author.email
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        environment["GIT_TERMINAL_PROMPT"] = "0"
        return environment
    }

    /// Runs `git arguments…` in `folder`; returns stdout without its trailing newline, throws
    /// with stderr when git fails.
    @discardableResult
    static func run(_ arguments: [String], in folder: String? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.environment = environment
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw FixtureFailure(description: "git \(arguments.joined(separator: " ")): \(String(decoding: stderr, as: UTF8.self))")
        }
        var text = String(decoding: stdout, as: UTF8.self)
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    /// Clones `url` into `folder` (a work tree) with the CLI; returns `folder`.
    @discardableResult
    static func clone(_ url: String, into folder: String) throws -> String {
        try run(["clone", "--quiet", url, folder])
        return folder
    }

    /// In the work tree `clone`: pulls, sets `file` to `transform(old content)`, commits, pushes.
    static func commitAndPush(in clone: String, file: String, message: String, transform: (String) -> String) throws {
        try run(["pull", "--quiet", "--ff-only"], in: clone)
        let url = URL(fileURLWithPath: clone).appendingPathComponent(file)
        let old = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try transform(old).write(to: url, atomically: true, encoding: .utf8)
        try run(["add", file], in: clone)
        try run(["commit", "--quiet", "-m", message], in: clone)
        try run(["push", "--quiet", "origin", "HEAD"], in: clone)
    }
}

/// A bare repository in a temporary folder, seeded with one commit of `files` on `branch`.
struct BareRepository {
    /// The repository folder (`…/<name>.git`): a local-path remote address.
    let path: String
    let branch: String

    /// Creates `<folder>/<name>.git` with one commit holding `files` (path → content).
    static func seeded(in folder: TemporaryFolder, name: String = "remote", branch: String = "main",
                       files: [String: String]) throws -> BareRepository {
        let path = folder.child("\(name).git")
        try GitCLI.run(["init", "--quiet", "--bare", "--initial-branch", branch, path])
        let seed = folder.child("\(name)-seed")
        try GitCLI.run(["init", "--quiet", "--initial-branch", branch, seed])
        for (file, content) in files {
            let url = URL(fileURLWithPath: seed).appendingPathComponent(file)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try content.write(to: url, atomically: true, encoding: .utf8)
        }
        try GitCLI.run(["add", "--all"], in: seed)
        try GitCLI.run(["commit", "--quiet", "-m", "seed"], in: seed)
        try GitCLI.run(["push", "--quiet", path, "\(branch):\(branch)"], in: seed)
        try FileManager.default.removeItem(atPath: seed)
        return BareRepository(path: path, branch: branch)
    }

    /// Commits reachable from the branch.
    func commitCount() throws -> Int {
        Int(try GitCLI.run(["rev-list", "--count", branch], in: path)) ?? -1
    }

    /// Merge commits reachable from the branch (0 for a linear history).
    func mergeCount() throws -> Int {
        Int(try GitCLI.run(["rev-list", "--merges", "--count", branch], in: path)) ?? -1
    }

    /// The branch's commit id.
    func tip() throws -> String {
        try GitCLI.run(["rev-parse", branch], in: path)
    }

    /// `file` as committed at the branch's tip.
    func content(of file: String) throws -> String {
        try GitCLI.run(["show", "\(branch):\(file)"], in: path) + "\n"
    }

    /// `git log --format=FORMAT` of the branch, one line per commit, newest first.
    func log(_ format: String) throws -> [String] {
        try GitCLI.run(["log", "--format=\(format)", branch], in: path).split(separator: "\n").map(String.init)
    }

    /// Installs an executable hook (e.g. `pre-receive`) with the shell `script`.
    func installHook(_ name: String, script: String) throws {
        let hook = "\(path)/hooks/\(name)"
        try "#!/bin/sh\n\(script)\n".write(toFile: hook, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook)
    }
}

/// `git-http-server.py` running on loopback: smart HTTP over the repositories of `root`, with
/// Basic auth whose password must be `token` (or `readToken`, which gets 403 on push). Stopped (stdin closed, process ended) on `stop()`
/// or when the object goes away; it also exits by itself after `lifetime` seconds.
final class GitHTTPServer: @unchecked Sendable {
    let port: Int
    let token: String
    private let process: Process
    private let input: Pipe

    /// The server script, found from this file's location (`Tests/Support/`).
    static var scriptPath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Support/git-http-server.py").path
    }

    init(root: String, token: String, readToken: String? = nil, lifetime: Int = 300) throws {
        self.token = token
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.scriptPath, "--root", root, "--token", token, "--lifetime", "\(lifetime)"]
            + (readToken.map { ["--read-token", $0] } ?? [])
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
    func url(_ name: String, password: String? = nil) -> String {
        let userInfo = password.map { "x-access-token:\($0)@" } ?? ""
        return "http://\(userInfo)127.0.0.1:\(port)/\(name)"
    }

    /// Closes the server's stdin (it exits) and waits for it.
    func stop() {
        guard process.isRunning else { return }
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
