import Foundation

/// A bare repository in a temporary folder, seeded with one commit of `files` on `branch`.
public struct BareRepository: Sendable {
    /// The repository folder (`…/<name>.git`): a local-path remote address.
    public let path: String
    public let branch: String

    /// Creates `<folder>/<name>.git` with one commit holding `files` (path → content).
    public static func seeded(in folder: TemporaryFolder, name: String = "remote", branch: String = "main",
                       files: [String: String]) throws -> BareRepository {
        let path = folder.child("\(name).git")
        try GitCLI.run(["init", "--quiet", "--bare", "--initial-branch", branch, path])
        let seed = folder.child("\(name)-seed")
        try GitCLI.run(["init", "--quiet", "--initial-branch", branch, seed])
        for (file, content) in files {
            let url = URL(fileURLWithPath: seed).appendingPathComponent(file)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            try content.write(to: url, atomically: true, encoding: .utf8)
        }
        try GitCLI.run(["add", "--all"], in: seed)
        try GitCLI.run(["commit", "--quiet", "-m", "seed"], in: seed)
        try GitCLI.run(["push", "--quiet", path, "\(branch):\(branch)"], in: seed)
        try FileManager.default.removeItem(atPath: seed)
        return BareRepository(path: path, branch: branch)
    }

    /// Commits reachable from the branch.
    public func commitCount() throws -> Int {
        Int(try GitCLI.run(["rev-list", "--count", branch], in: path)) ?? -1
    }

    /// Merge commits reachable from the branch (0 for a linear history).
    public func mergeCount() throws -> Int {
        Int(try GitCLI.run(["rev-list", "--merges", "--count", branch], in: path)) ?? -1
    }

    /// The branch's commit id.
    public func tip() throws -> String {
        try GitCLI.run(["rev-parse", branch], in: path)
    }

    /// `file` as committed at the branch's tip.
    public func content(of file: String) throws -> String {
        try GitCLI.run(["show", "\(branch):\(file)"], in: path) + "\n"
    }

    /// `git log --format=FORMAT` of the branch, one line per commit, newest first.
    public func log(_ format: String) throws -> [String] {
        try GitCLI.run(["log", "--format=\(format)", branch], in: path).split(separator: "\n").map(String.init)
    }

    /// Installs an executable hook (e.g. `pre-receive`) with the shell `script`.
    public func installHook(_ name: String, script: String) throws {
        let hook = "\(path)/hooks/\(name)"
        try "#!/bin/sh\n\(script)\n".write(toFile: hook, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook)
    }
}
