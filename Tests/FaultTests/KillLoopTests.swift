import Foundation
import TestSupport
import Testing

/// `kill -9` at random points of `config-api bump -C clone`, until 30 runs were killed while
/// they were still running, against a local-path remote (with an accepting pre-receive hook and
/// a post-receive hook, so kills also land while objects wait in quarantine and after the branch
/// moved) and against smart HTTP. After every kill:
/// the remote passes `git fsck --strict`, its file and the clone's work tree file are the old or
/// the new version and nothing else; the next run exits 0 with the new version everywhere, the
/// clone clean and at the remote's tip, and no lock file, journal or temporary file left.
@Suite(.serialized) struct KillLoopTests {
    static let kills = 30
    /// Runs allowed to reach the 30 kills (some finish before their kill comes).
    static let maximumRuns = 300

    @Test func killsDuringPushesToALocalPathRemote() throws {
        let workspace = try FaultWorkspace()
        try workspace.remote.installHook("pre-receive", script: "read old new ref; git cat-file -e \"$new\"")
        try workspace.remote.installHook("post-receive", script: "read old new ref; git rev-parse -q --verify \"$new\"")
        try killLoop(workspace, environment: ConfigAPIProcess.environment())
    }

    @Test func killsDuringPushesOverSmartHTTP() throws {
        let workspace = try FaultWorkspace()
        let token = "tok-kill-loop-5c2e"
        let server = try GitHTTPServer(root: workspace.folder.path, token: token, lifetime: 1200)
        try GitCLI.run(["remote", "set-url", "origin", server.url("remote.git")], in: workspace.clone)
        try killLoop(workspace, environment: ConfigAPIProcess.environment(["GITHUB_TOKEN": token])) {
            try server.waitUntilIdle()
        }
    }

    /// Bumps `api` to a new hash per run, killing each run after a random delay within a window
    /// that starts at one run's length and adapts to the machine's load (shorter after a run that
    /// ended first, longer after a kill: a choice of kill points, not an assertion), and checks
    /// the invariants after each kill and each recovery.
    /// `settle` waits for what a kill leaves running on the remote's side (a server still
    /// receiving the killed run's push) before the remote is checked.
    private func killLoop(
        _ workspace: FaultWorkspace, environment: [String: String], settle: () throws -> Void = {}
    ) throws {
        let start = Date()
        let warmUp = try ConfigAPIProcess.run(workspace.bump("1000002"), environment: environment)
        try #require(warmUp.status == 0, "\(warmUp.standardError)")
        var window = Date().timeIntervalSince(start)
        var previous = "1000002"
        var kills = 0
        var runs = 0
        var landed = 0
        var leftovers = 0
        while kills < Self.kills, runs < Self.maximumRuns {
            runs += 1
            let sha = String(format: "%07x", 0x2000000 + runs)
            let before = try workspace.workTreeText()
            let run = try ConfigAPIProcess(workspace.bump(sha), environment: environment)
            Thread.sleep(forTimeInterval: Double.random(in: (window * 0.1)...window))
            let killed = run.kill()
            window *= killed.killedBySignal ? 1.1 : 0.8
            if killed.killedBySignal {
                kills += 1
                try settle()
                try workspace.checkRemoteIntegrity()
                let remoteHash = FaultWorkspace.apiHash(in: try workspace.remoteText()) ?? "none"
                #expect([previous, sha].contains(remoteHash), "run \(runs): the remote has the old or the new version")
                landed += remoteHash == sha ? 1 : 0
                let left = FaultWorkspace.leftovers(in: workspace.clone)
                    + FaultWorkspace.leftovers(in: workspace.remote.path)
                leftovers += left.isEmpty ? 0 : 1
                let afterKill = try workspace.workTreeText()
                try recover(workspace, to: sha, environment: environment, run: runs)
                let after = try workspace.workTreeText()
                #expect(afterKill == before || afterKill == after,
                        "run \(runs): the work tree file was the old or the new version, nothing else")
            } else {
                #expect(killed.status == 0, "run \(runs) ended by itself: \(killed.standardError)")
                try recover(workspace, to: sha, environment: environment, run: runs)
            }
            previous = sha
        }
        #expect(kills == Self.kills, "\(kills) kills in \(runs) runs")
        print("kill loop: \(kills) kills in \(runs) runs; \(landed) killed after the push landed, "
              + "\(leftovers) left lock files, a journal or a quarantine that the next run cleared")
    }

    /// Runs the same bump again and checks that it leaves everything at `sha`.
    private func recover(_ workspace: FaultWorkspace, to sha: String, environment: [String: String],
                         run: Int) throws {
        let next = try ConfigAPIProcess.run(workspace.bump(sha), environment: environment)
        #expect(next.status == 0, "run \(run), recovery: \(next.standardError)")
        #expect(!next.standardError.contains("kept moving"), "run \(run): \(next.standardError)")
        try workspace.checkRemoteIntegrity()
        #expect(FaultWorkspace.apiHash(in: try workspace.remoteText()) == sha, "run \(run)")
        #expect(FaultWorkspace.apiHash(in: try workspace.workTreeText()) == sha, "run \(run)")
        let tip = try workspace.remote.tip()
        #expect(try GitCLI.run(["rev-parse", "HEAD"], in: workspace.clone) == tip, "run \(run)")
        #expect(try GitCLI.run(["status", "--porcelain"], in: workspace.clone).isEmpty, "run \(run)")
        #expect(FaultWorkspace.leftovers(in: workspace.clone).isEmpty, "run \(run)")
        #expect(FaultWorkspace.leftovers(in: workspace.remote.path).isEmpty, "run \(run)")
    }
}
