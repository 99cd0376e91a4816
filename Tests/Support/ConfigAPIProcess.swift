import Foundation

/// The built `config-api` binary run as a process, as a user or a CI step runs it: to its end,
/// or started and then killed.
public final class ConfigAPIProcess: @unchecked Sendable {
    /// What a finished run printed and how it ended.
    public struct Result: Sendable {
        public var status: Int32
        public var standardOutput: String
        public var standardError: String
        /// Whether a signal ended it (`status` is then the signal's number).
        public var killedBySignal: Bool
    }

    /// The package's root folder, found from this file's path.
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The binary: next to the test bundle, else in `.build/debug/`.
    public static var executable: String {
        let besideTests = Bundle.main.executableURL?.deletingLastPathComponent().appendingPathComponent("config-api")
        if let besideTests, FileManager.default.isExecutableFile(atPath: besideTests.path) { return besideTests.path }
        return packageRoot.appendingPathComponent(".build/debug/config-api").path
    }

    /// The test process's environment without GitHub, Argo, token, signing key or ssh-agent variables, plus
    /// `extra`.
    public static func environment(_ extra: [String: String] = [:]) -> [String: String] {
        let dropped: Set = ["GITHUB_ACTIONS", "GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY", "GITHUB_EVENT_PATH",
                            "GITHUB_TOKEN", "CONFIG_API_TOKEN", "SSH_AUTH_SOCK", "CONFIG_API_SIGNING_KEY",
                            "ARGO_WORKFLOW_NAME", "ARGO_WORKFLOW_UID"]
        return ProcessInfo.processInfo.environment.filter { !dropped.contains($0.key) }.merging(extra) { $1 }
    }

    private let process = Process()
    private let output: URL
    private let errors: URL
    private let folder: TemporaryFolder

    /// Starts `config-api arguments…` with `environment` (see `environment(_:)`); its output
    /// goes to files, read when it ends.
    public init(_ arguments: [String], environment: [String: String] = ConfigAPIProcess.environment()) throws {
        folder = try TemporaryFolder("config-api-run")
        output = URL(fileURLWithPath: folder.child("stdout"))
        errors = URL(fileURLWithPath: folder.child("stderr"))
        guard FileManager.default.createFile(atPath: output.path, contents: nil),
              FileManager.default.createFile(atPath: errors.path, contents: nil) else {
            throw FixtureFailure(description: "cannot create the output files in \(folder.path)")
        }
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
    }

    /// Runs `config-api arguments…` to its end.
    public static func run(_ arguments: [String],
                           environment: [String: String] = ConfigAPIProcess.environment()) throws -> Result {
        try ConfigAPIProcess(arguments, environment: environment).waitForEnd()
    }

    /// Sends SIGKILL (if it is still running) and waits for it.
    public func kill() -> Result {
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
        return waitForEnd()
    }

    /// Waits for the process to end.
    public func waitForEnd() -> Result {
        process.waitUntilExit()
        let read = { (file: URL) in (try? String(contentsOf: file, encoding: .utf8)) ?? "" }
        return Result(status: process.terminationStatus, standardOutput: read(output), standardError: read(errors),
                      killedBySignal: process.terminationReason == .uncaughtSignal)
    }
}
