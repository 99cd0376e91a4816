import Foundation

/// Files of this package the end-to-end tests read, and the `config-api` they run.
enum PackageFiles {
    /// The package root, found from this file's path.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A file in `Tests/Fixtures/`.
    static func fixture(_ name: String) -> URL {
        root.appendingPathComponent("Tests/Fixtures/\(name)")
    }

    /// The built `config-api` executable: next to the test bundle, else in `.build/debug/`.
    static var configAPI: URL {
        let besideTests = Bundle.main.executableURL?.deletingLastPathComponent().appendingPathComponent("config-api")
        if let besideTests, FileManager.default.isExecutableFile(atPath: besideTests.path) { return besideTests }
        return root.appendingPathComponent(".build/debug/config-api")
    }
}

/// What a finished process printed and how it ended.
struct ProcessResult {
    var status: Int32
    var standardOutput: String
    var standardError: String
    /// Whether a signal ended it (`status` is then the signal's number).
    var killedBySignal = false

    /// Runs `executable` with `arguments` in `directory` and waits for it; its standard input
    /// is `input`, from a file so that a child reading only part of it never blocks the test
    /// (empty when nil).
    static func run(
        _ executable: URL, _ arguments: [String], in directory: URL? = nil,
        environment: [String: String]? = nil, input: Data? = nil
    ) throws -> ProcessResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if let environment { process.environment = environment }
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        if let input {
            let file = try Scratch().write(Array(input), named: "stdin")
            process.standardInput = try FileHandle(forReadingFrom: file)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ProcessResult(
            status: process.terminationStatus,
            standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData, as: UTF8.self),
            killedBySignal: process.terminationReason == .uncaughtSignal)
    }
}
