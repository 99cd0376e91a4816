import Foundation
import TestSupport

/// A bare remote seeded with the bundled `projects/` and a work-tree clone of it: the setting
/// of every git-side CLI test. `run` starts the real `config-api` in the clone.
struct GitWorkspace {
    static let author = "Test Writer <writer@example.com>"

    let folder: TemporaryFolder
    let remote: BareRepository
    let clone: String

    /// `files` defaults to the bundled example projects.
    init(files: [String: String]? = nil) throws {
        folder = try TemporaryFolder()
        remote = try BareRepository.seeded(in: folder, files: try files ?? Self.bundledProjects())
        clone = try GitCLI.clone(remote.path, into: folder.child("clone"))
    }

    /// `projects/*.yaml` of this repository, path → content.
    static func bundledProjects() throws -> [String: String] {
        let folder = PackageFiles.root.appendingPathComponent("projects")
        var files: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".yaml") {
            files["projects/\(name)"] = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        }
        return files
    }

    /// Runs `config-api arguments…` in the clone with a fixed author and a clean environment.
    func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> ProcessResult {
        try ProcessResult.run(
            PackageFiles.configAPI, arguments + ["--author", Self.author],
            in: URL(fileURLWithPath: clone), environment: Self.environment(extra))
    }

    /// The process environment without GitHub, Argo, token, signing key or ssh-agent variables, plus `extra`.
    static func environment(_ extra: [String: String]) -> [String: String] {
        let dropped: Set = [
            "GITHUB_ACTIONS", "GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY", "GITHUB_EVENT_PATH",
            "GITHUB_TOKEN", "CONFIG_API_TOKEN", "SSH_AUTH_SOCK", "CONFIG_API_SIGNING_KEY", "ARGO_WORKFLOW_NAME",
            "ARGO_WORKFLOW_UID",
        ]
        return ProcessInfo.processInfo.environment.filter { !dropped.contains($0.key) }.merging(extra) { $1 }
    }

    /// `file` in the clone's work tree.
    func workTreeText(_ file: String) throws -> String {
        try String(contentsOfFile: "\(clone)/\(file)", encoding: .utf8)
    }

    /// `git status --porcelain` of the clone (empty when clean).
    func status() throws -> String {
        try GitCLI.run(["status", "--porcelain"], in: clone)
    }
}

/// Reads the `name<<DELIMITER … DELIMITER` records that GitHub's `$GITHUB_OUTPUT` holds.
func githubOutputs(_ text: String) -> [String: String] {
    var outputs: [String: String] = [:]
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
    while let line = lines.popFirst() {
        guard let marker = line.range(of: "<<") else { continue }
        let name = String(line[..<marker.lowerBound])
        let delimiter = line[marker.upperBound...]
        var value: [Substring] = []
        while let next = lines.popFirst(), next != delimiter { value.append(next) }
        outputs[name] = value.joined(separator: "\n")
    }
    return outputs
}
