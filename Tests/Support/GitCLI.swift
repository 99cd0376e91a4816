import Foundation

/// The git CLI, run with a fixed author and committer, without system or global config, and
/// never prompting for credentials.
public enum GitCLI {
    public static let author = (name: "Fixture Author", email: "fixture@example.com")

    public static var environment: [String: String] {
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
    public static func run(_ arguments: [String], in folder: String? = nil) throws -> String {
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
            // Some commands (fsck) report what they found on standard output.
            let message = String(decoding: stderr + stdout, as: UTF8.self)
            let command = "git " + arguments.joined(separator: " ")
            throw FixtureFailure(description: "\(command) exited with \(process.terminationStatus): \(message)")
        }
        var text = String(decoding: stdout, as: UTF8.self)
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    /// Clones `url` into `folder` (a work tree) with the CLI; returns `folder`.
    @discardableResult
    public static func clone(_ url: String, into folder: String) throws -> String {
        try run(["clone", "--quiet", url, folder])
        return folder
    }

    /// In the work tree `clone`: pulls, sets `file` to `transform(old content)`, commits, pushes.
    public static func commitAndPush(in clone: String, file: String, message: String,
                                     transform: (String) -> String) throws {
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
