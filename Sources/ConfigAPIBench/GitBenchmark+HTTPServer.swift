import ArgumentParser
import Foundation

extension GitBenchmark {
    /// The tests' loopback smart-HTTP server (`Tests/Support/git-http-server.py`: `git
    /// http-backend` behind Basic auth), serving every repository under a folder.
    final class HTTPServer {
        let port: Int
        private let process: Process
        private let input: Pipe

        /// The script, found from this file's location in the package.
        static var scriptPath: String {
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Tests/Support/git-http-server.py").path
        }

        /// Starts the server on a free loopback port; every request needs the password `token`.
        init(root: String, token: String, environment: [String: String]) throws {
            process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", Self.scriptPath, "--root", root, "--token", token, "--lifetime", "600"]
            process.environment = environment
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
                throw ValidationError("git-http-server.py did not print its port")
            }
            self.port = port
        }

        deinit {
            stop()
        }

        /// Closes the server's stdin (it exits) and waits for it.
        func stop() {
            guard process.isRunning else { return }
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
        }
    }
}
