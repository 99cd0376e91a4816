import Foundation
import TestSupport
import Testing

/// A bare remote seeded with the repository's `projects/`, a work-tree clone of it, and what the
/// fault tests check after every fault: the remote's integrity, the application's hash at the
/// remote tip and in the clone, and the lock files, journals and temporary files left behind.
struct FaultWorkspace {
    static let author = "Fault Test <fault@example.com>"
    static let file = "projects/myproject.yaml"

    let folder: TemporaryFolder
    let remote: BareRepository
    let clone: String

    init() throws {
        folder = try TemporaryFolder("config-api-faults")
        remote = try BareRepository.seeded(in: folder, files: try Self.bundledProjects())
        clone = try GitCLI.clone(remote.path, into: folder.child("clone"))
    }

    /// `projects/*.yaml` of this repository, path → content.
    static func bundledProjects() throws -> [String: String] {
        let projects = ConfigAPIProcess.packageRoot.appendingPathComponent("projects")
        var files: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: projects.path) where name.hasSuffix(".yaml") {
            files["projects/\(name)"] = try String(contentsOf: projects.appendingPathComponent(name), encoding: .utf8)
        }
        return files
    }

    /// The arguments of `config-api bump -C clone myproject api SHA` (plus `extra`).
    func bump(_ sha: String, _ extra: [String] = []) -> [String] {
        ["bump", "-C", clone, "--author", Self.author] + extra + ["myproject", "api", sha]
    }

    /// The `hash:` of application `api` in a text of `projects/myproject.yaml`.
    static func apiHash(in text: String) -> String? {
        guard let api = text.range(of: "- name: api") else { return nil }
        let rest = text[api.upperBound...]
        guard let hash = rest.range(of: "hash: ") else { return nil }
        let line = rest[hash.upperBound...].prefix { !$0.isNewline }
        let value = line.components(separatedBy: " #")[0]
        return value.trimmingCharacters(in: CharacterSet(charactersIn: "\"' "))
    }

    /// The file at the remote's tip.
    func remoteText() throws -> String { try remote.content(of: Self.file) }

    /// The file in the clone's work tree.
    func workTreeText() throws -> String {
        try String(contentsOfFile: "\(clone)/\(Self.file)", encoding: .utf8)
    }

    /// `git fsck --strict` of the remote (throws with git's output when it finds a problem).
    func checkRemoteIntegrity() throws {
        try GitCLI.run(["fsck", "--strict", "--no-progress"], in: remote.path)
    }

    /// Files under `folder` whose names say a run left them: git lock files (but the
    /// `config-api.lock` config-api keeps), config-api's journal, its quarantine and the
    /// temporary files it writes work tree files through.
    static func leftovers(in folder: String) -> [String] {
        let names = FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? []
        return names.filter { name in
            let last = (name as NSString).lastPathComponent
            return (last.hasSuffix(".lock") && last != "config-api.lock") || last.hasPrefix("config-api.journal")
                || last.hasPrefix("tmp_objdir-config-api") || last.hasSuffix(".config-api-new")
        }
    }
}
