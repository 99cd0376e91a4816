import Foundation

/// The git CLI for the image tests' fixtures: a fixed identity, no system or global config,
/// never a prompt.
enum FixtureGit {
    static var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GIT_") }
        for role in ["AUTHOR", "COMMITTER"] {
            environment["GIT_\(role)_NAME"] = "Image Test"
            environment["GIT_\(role)_EMAIL"] = "image-test@example.com"
        }
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        environment["GIT_TERMINAL_PROMPT"] = "0"
        return environment
    }

    /// `git arguments…` in `directory`; its stdout line, or an error with stderr.
    @discardableResult
    static func run(_ arguments: [String], in directory: URL? = nil) throws -> String {
        try Command.check("git", arguments, in: directory, environment: environment)
    }

    /// A bare repository `folder/name.git` whose branch main holds one commit of `files`.
    static func bareRepository(in folder: URL, name: String, files: [String: String]) throws -> URL {
        let bare = folder.appendingPathComponent("\(name).git")
        let seed = folder.appendingPathComponent("\(name)-seed")
        try run(["init", "--quiet", "--bare", "--initial-branch=main", bare.path])
        try run(["init", "--quiet", "--initial-branch=main", seed.path])
        for (path, content) in files {
            let file = seed.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            try content.write(to: file, atomically: true, encoding: .utf8)
        }
        try run(["add", "--all"], in: seed)
        try run(["commit", "--quiet", "--message=seed"], in: seed)
        try run(["push", "--quiet", bare.path, "main"], in: seed)
        try FileManager.default.removeItem(at: seed)
        return bare
    }

    /// The seed's example project file, which the commands under test edit.
    static func exampleProject() throws -> String {
        let file = Command.repositoryRoot.appendingPathComponent("projects/myproject.yaml")
        return try String(contentsOf: file, encoding: .utf8)
    }
}

/// Tests/Support/git-http-server.py serving the bare repositories of a folder over smart HTTP
/// on 127.0.0.1, behind Basic auth with `token`. It exits when its stdin closes (`stop()`, or
/// when this object goes away) or after ten minutes.
final class LoopbackGitServer {
    let port: Int
    private let process = Process()
    private let input = Pipe()

    init(serving folder: URL, token: String) throws {
        let script = Command.repositoryRoot.appendingPathComponent("Tests/Support/git-http-server.py")
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, "--root", folder.path, "--token", token, "--lifetime", "600"]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var printed = Data()
        while !printed.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            printed.append(chunk)
        }
        let line = String(decoding: printed, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let port = Int(line) else {
            process.terminate()
            throw ImageTestFailure("\(script.lastPathComponent) printed no port")
        }
        self.port = port
    }

    deinit { stop() }

    /// The address of the repository `name` (e.g. `remote.git`), without credentials.
    func url(_ name: String) -> String { "http://127.0.0.1:\(port)/\(name)" }

    func stop() {
        guard process.isRunning else { return }
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
