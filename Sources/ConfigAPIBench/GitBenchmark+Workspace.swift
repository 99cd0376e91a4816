import ArgumentParser
import Foundation

extension GitBenchmark {
    /// The commit identity of every writer, git CLI and config-api alike.
    static let author = (name: "Bench", email: "bench@example.com")

    /// The project the benchmark edits: `projects/bench.yaml`, a seed-style file.
    static let project = "bench"
    static let file = "projects/\(project).yaml"

    /// A scratch folder (deleted with the object) holding a bare repository `remote.git` whose
    /// `main` has one commit: a generated seed-style project file with `applications` items.
    final class Workspace {
        let folder: String
        let environment: [String: String]

        /// The bare repository: a local-path remote address.
        var remote: String { "\(folder)/remote.git" }

        init(applications: Int) throws {
            folder =
                FileManager.default.temporaryDirectory.appendingPathComponent(
                    "config-api-bench-git-\(UUID().uuidString)"
                ).path
            let seed = "\(folder)/seed"
            try FileManager.default.createDirectory(atPath: "\(seed)/projects", withIntermediateDirectories: true)
            environment = GitBenchmark.childEnvironment(home: folder)
            try Data(SeedProjectGenerator.text(applications: applications)).write(
                to: URL(fileURLWithPath: "\(seed)/\(GitBenchmark.file)"))
            try git(["init", "--quiet", "--bare", "--initial-branch", "main", remote])
            try git(["init", "--quiet", "--initial-branch", "main", seed])
            try git(["-C", seed, "add", "--all"])
            try git(["-C", seed, "commit", "--quiet", "-m", "seed"])
            try git(["-C", seed, "push", "--quiet", remote, "main"])
        }

        deinit {
            try? FileManager.default.removeItem(atPath: folder)
        }

        /// Clones the remote with the git CLI into `<folder>/<name>`; returns its path.
        func clone(_ name: String) throws -> String {
            let path = "\(folder)/\(name)"
            try git(["clone", "--quiet", remote, path])
            return path
        }

        /// Runs the git CLI (not timed).
        @discardableResult
        func git(_ arguments: [String]) throws -> String {
            try GitBenchmark.git(arguments, environment: environment, scratch: folder)
        }

        /// Checks the remote after `writers` concurrent writers set `hashes`: every one landed once,
        /// on a linear history of `writers + 1` commits. Returns the commit count.
        func requireEveryWriterLanded(hashes: [String]) throws -> Int {
            let commits = Int(try git(["-C", remote, "rev-list", "--count", "main"])) ?? -1
            let merges = Int(try git(["-C", remote, "rev-list", "--merges", "--count", "main"])) ?? -1
            let content = try git(["-C", remote, "show", "main:\(GitBenchmark.file)"]) + "\n"
            let missing = hashes.filter { content.components(separatedBy: "hash: \($0)\n").count != 2 }
            guard commits == hashes.count + 1, merges == 0, missing.isEmpty else {
                throw ValidationError(
                    "storm check failed: \(commits) commits (expected \(hashes.count + 1)), \(merges) merges, "
                        + "\(missing.count) updates missing")
            }
            return commits
        }
    }
}
