import Foundation

/// Why the platform tests cannot run or a tool failed: said in words a developer can act on.
struct PlatformTestFailure: Error, CustomStringConvertible {
    var description: String
}

/// The programs the platform tests run: the tools `scripts/install-tools` puts into `.tools/`
/// and the `config-api` binary the package builds. A missing tool fails the test that needs it,
/// with the command that installs it; nothing is skipped.
enum PlatformTools {
    /// The package root, found from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let chart = packageRoot.appendingPathComponent("chart")
    static let projects = packageRoot.appendingPathComponent("projects")

    static var helm: URL { get throws { try installed("bin/helm") } }
    /// Helm 3 (v3.17, the line ArgoCD runs), whose JSON Schema validator is another library.
    static var helm3: URL { get throws { try installed("bin/helm3") } }
    static var kubernetesValidate: URL { get throws { try installed("bin/kubernetes-validate") } }
    /// The Python of `.tools/venv`, which has PyYAML (a dependency of kubernetes-validate).
    static var python: URL { get throws { try installed("venv/bin/python3") } }

    /// The built `config-api`: next to the test bundle, else in `.build/debug/`.
    static var configAPI: URL {
        get throws {
            let bundleFolder = Bundle.main.executableURL?.deletingLastPathComponent()
            let besideTests = bundleFolder?.appendingPathComponent("config-api")
            let inBuild = packageRoot.appendingPathComponent(".build/debug/config-api")
            let candidates = [besideTests, inBuild].compactMap { $0 }
            guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
                throw PlatformTestFailure(description: "the config-api binary is not built "
                    + "(looked at \(candidates.map(\.path))): run swift build")
            }
            return found
        }
    }

    private static func installed(_ path: String) throws -> URL {
        let tool = packageRoot.appendingPathComponent(".tools/\(path)")
        guard FileManager.default.isExecutableFile(atPath: tool.path) else {
            throw PlatformTestFailure(description: "\(tool.path) is missing: run scripts/install-tools "
                + "(installs helm, helm3, kubernetes-validate and actionlint into .tools/)")
        }
        return tool
    }

    /// The example projects: the names of `projects/*.yaml`.
    static let exampleProjects: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: projects.path)) ?? []
        return files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }()
}

/// What a finished process printed and how it ended.
struct ProcessResult {
    var status: Int32
    var standardOutput: String
    var standardError: String

    /// Throws with the command's stderr unless it exited 0.
    @discardableResult
    func check(_ what: String) throws -> ProcessResult {
        guard status == 0 else {
            throw PlatformTestFailure(description: "\(what) exited \(status):\n\(standardError)\(standardOutput)")
        }
        return self
    }
}

extension PlatformTools {
    /// Runs `executable` with `arguments` (in `directory`) and waits for it. Output goes through
    /// files, so a chatty stderr cannot block a process whose stdout is still being read.
    static func run(_ executable: URL, _ arguments: [String], in directory: URL? = nil,
                    environment: [String: String] = [:]) throws -> ProcessResult {
        let scratch = try ScratchFolder()
        let output = scratch.url.appendingPathComponent("stdout"), errors = scratch.url.appendingPathComponent("stderr")
        try Data().write(to: output)
        try Data().write(to: errors)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        process.waitUntilExit()
        return ProcessResult(status: process.terminationStatus,
                             standardOutput: try String(contentsOf: output, encoding: .utf8),
                             standardError: try String(contentsOf: errors, encoding: .utf8))
    }

    /// The YAML documents of `file` as JSON values, read by PyYAML.
    static func yamlDocuments(of file: URL) throws -> [JSONValue] {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("manifests-to-json.py")
        let result = try run(python, [script.path, file.path]).check("reading \(file.path) as YAML")
        return try JSONDecoder().decode([JSONValue].self, from: Data(result.standardOutput.utf8))
    }
}

/// A new folder under the temporary folder, removed with the object.
final class ScratchFolder: @unchecked Sendable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("platform-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    func file(_ name: String) -> URL { url.appendingPathComponent(name) }
}
