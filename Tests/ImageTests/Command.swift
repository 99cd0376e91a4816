import Foundation

/// Why an image test could not go on: what was run and what it said.
struct ImageTestFailure: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) { self.description = description }
}

/// What a finished process printed and how it ended.
struct CommandOutput {
    var status: Int32
    var standardOutput: String
    var standardError: String

    /// stdout without its trailing newline.
    var line: String { standardOutput.hasSuffix("\n") ? String(standardOutput.dropLast()) : standardOutput }
}

/// Runs programs for the image tests, with their output in files (no pipe can fill up while
/// another is read).
enum Command {
    /// The repository, found from this file's path (`Tests/ImageTests/`).
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs `program` (a path, or a name looked up on PATH) with `arguments` and waits.
    static func run(_ program: String, _ arguments: [String], in directory: URL? = nil,
                    environment: [String: String]? = nil) throws -> CommandOutput {
        let scratch = try temporaryFolder("image-tests-output")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outputFile = scratch.appendingPathComponent("stdout"), errorFile = scratch.appendingPathComponent("stderr")
        try Data().write(to: outputFile)
        try Data().write(to: errorFile)

        let process = Process()
        if program.hasPrefix("/") {
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [program] + arguments
        }
        if let directory { process.currentDirectoryURL = directory }
        if let environment { process.environment = environment }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: outputFile)
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()
        process.waitUntilExit()
        return CommandOutput(status: process.terminationStatus,
                             standardOutput: try String(contentsOf: outputFile, encoding: .utf8),
                             standardError: try String(contentsOf: errorFile, encoding: .utf8))
    }

    /// Runs `program` and returns its stdout line; throws with stderr unless it exits 0.
    @discardableResult
    static func check(_ program: String, _ arguments: [String], in directory: URL? = nil,
                      environment: [String: String]? = nil) throws -> String {
        let output = try run(program, arguments, in: directory, environment: environment)
        guard output.status == 0 else {
            let command = ([program] + arguments).joined(separator: " ")
            throw ImageTestFailure("\(command) exited \(output.status): \(output.standardError)")
        }
        return output.line
    }

    /// A new empty folder under the temporary directory; the caller removes it.
    static func temporaryFolder(_ prefix: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
