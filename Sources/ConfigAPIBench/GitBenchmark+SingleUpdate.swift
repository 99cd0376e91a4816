import ArgumentParser
import Foundation

extension GitBenchmark {
    /// Wall times (seconds) of one update of one application's `git.hash`, each way.
    struct SingleUpdate {
        var apply: [Double] = []
        var gitCLI: [Double] = []
        /// How the git CLI step edited the file.
        var edit: String = ""
    }

    /// Alternates `runs` timed updates (after one untimed warm-up each): a `config-api apply`
    /// process in one clone, and the seed's step (`git pull`, edit, `git add`, `git commit`,
    /// `git push`) in another. Each therefore also fetches the other's latest commit.
    func measureSingleUpdate(tool: String) throws -> SingleUpdate {
        let workspace = try Workspace(applications: applications)
        let applyClone = try workspace.clone("apply")
        let gitClone = try workspace.clone("git-cli")
        let environment = workspace.environment
        let hasSet = try ChildProcess.start(tool, ["set", "--help"], environment: environment).wait() == 0
        var result = SingleUpdate(
            edit: hasSet ? "config-api set -i" : "in-process text replacement (this config-api has no set)")
        for run in 0...runs {
            let applyTime = try Self.time {
                try ChildProcess.start(
                    tool, Self.applyArguments(application: 0, hash: Self.hash(run, writer: 0xa)) + ["-C", applyClone],
                    environment: environment
                ).succeed()
            }
            let gitTime = try Self.time {
                try seedStep(
                    in: gitClone, hash: Self.hash(run, writer: 0xb), tool: hasSet ? tool : nil, environment: environment
                )
            }
            guard run > 0 else { continue }
            result.apply.append(applyTime)
            result.gitCLI.append(gitTime)
        }
        return result
    }

    /// The seed's step: pull, set app-1's hash (with `config-api set -i` when `tool` is given),
    /// add, commit, push.
    private func seedStep(in clone: String, hash: String, tool: String?, environment: [String: String]) throws {
        try ChildProcess.start("git", ["-C", clone, "pull", "--quiet", "--ff-only"], environment: environment).succeed()
        let path = "\(clone)/\(Self.file)"
        if let tool {
            try ChildProcess.start(
                tool, ["set", path, "applications[name=app-1].git.hash", hash, "-i"], environment: environment
            ).succeed()
        } else {
            try Self.replaceHash(ofApplication: "app-1", in: path, with: hash)
        }
        try ChildProcess.start("git", ["-C", clone, "add", Self.file], environment: environment).succeed()
        try ChildProcess.start(
            "git", ["-C", clone, "commit", "--quiet", "-m", "bump app-1 to \(hash)"], environment: environment
        ).succeed()
        try ChildProcess.start("git", ["-C", clone, "push", "--quiet", "origin", "HEAD"], environment: environment)
            .succeed()
    }

    /// Replaces the value of the first `hash:` line after `- name: <application>` (the minimal
    /// in-place edit, written atomically like `set -i`).
    private static func replaceHash(ofApplication application: String, in path: String, with hash: String) throws {
        var text = try String(contentsOfFile: path, encoding: .utf8)
        guard let item = text.range(of: "- name: \(application)\n"),
            let key = text.range(of: "hash: ", range: item.upperBound..<text.endIndex),
            let end = text.range(of: "\n", range: key.upperBound..<text.endIndex)
        else {
            throw ValidationError("no hash line for \(application) in \(path)")
        }
        text.replaceSubrange(key.upperBound..<end.lowerBound, with: hash)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// `config-api apply` arguments setting `app-<application>`'s `git.hash`.
    static func applyArguments(application: Int, hash: String) -> [String] {
        [
            "apply", "--path", "projects/\(project)/applications/app-\(application)",
            "--spec", #"{"git": {"hash": "\#(hash)"}}"#, "--author", "\(author.name) <\(author.email)>",
        ]
    }

    /// A distinct 8-digit hex hash for each (`run`, `writer`) pair.
    static func hash(_ run: Int, writer: Int) -> String {
        String(format: "%02x%06x", writer & 0xff, run & 0xffffff)
    }

    /// The wall time of `body`, in seconds.
    static func time(_ body: () throws -> Void) rethrows -> Double {
        let start = Stopwatch.now()
        try body()
        return Stopwatch.now() - start
    }
}
