import Foundation

/// A Python server script of this folder running on loopback: it prints its port on its first
/// line of output, and exits when its standard input closes.
struct LoopbackScript {
    let process: Process
    let port: Int
    private let input: Pipe

    /// Starts `python3 arguments…` with `environment` (nil: this process's) and reads its port.
    init(_ arguments: [String], environment: [String: String]? = nil) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        if let environment { process.environment = environment }
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
        let printed = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let port = Int(printed) else {
            process.terminate()
            let script = arguments.first.map { URL(fileURLWithPath: $0).lastPathComponent } ?? "python3"
            throw FixtureFailure(description: "\(script) did not print its port")
        }
        self.port = port
    }

    /// Closes the script's stdin (it exits) and waits for it.
    func stop() {
        guard process.isRunning else { return }
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
