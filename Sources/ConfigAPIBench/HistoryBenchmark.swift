import ArgumentParser
import Foundation
import TestSupport

/// `ConfigAPIBench history`: reading a long history. On a repository of 10,000 commits to one
/// project file of 20 applications (built with `git fast-import`, as the test that checks the
/// output against `git log -p` builds it), `config-api history` of one application as a whole
/// process (goal: the whole history under 1 s), and `config-api status` of the project (every
/// application's last change).
struct HistoryBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Time config-api history and status on a 10,000-commit history of a 20-application file.",
        discussion: """
            Needs a release build of config-api next to this binary, and git:
              swift build -c release --static-swift-stdlib && .build/release/ConfigAPIBench history
            The repository is made in a temporary folder with git fast-import. The commands run \
            interleaved, once per round after a warm-up round; best and median are printed, in \
            wall-clock and CPU time.
            """
    )

    @Option(help: "Timed rounds.")
    var runs = 9

    @Option(help: "Commits in the history (the seed included).")
    var commits = 10_000

    @Option(help: "Applications in the project file.")
    var applications = 20

    @Option(help: ArgumentHelp("The config-api executable (default: the one next to this binary).", valueName: "PATH"))
    var configAPI: String?

    func validate() throws {
        guard runs >= 1, commits >= 2, applications >= 2 else {
            throw ValidationError("need --runs ≥ 1, --commits ≥ 2, --applications ≥ 2")
        }
    }

    func run() throws {
        let tool = try BenchmarkPrograms.configAPI(configAPI)
        let folder = try TemporaryFolder("config-api-history-bench")
        let start = Stopwatch.now()
        let fixture = try HistoryFixture(in: folder, applications: applications, changes: commits - 1)
        let repository = fixture.repository.path
        print(String(format: "%d commits to %@ (%d applications), built with git fast-import in %.1f s",
                     fixture.commits, HistoryFixture.file, applications, Stopwatch.now() - start))
        let application = "app-\(applications / 3)"
        let changes = try countChanges(tool, repository: repository, application: application)
        let commands: [(name: String, arguments: [String])] = [
            ("history fleet \(application) --json (\(changes) changes)",
             ["history", "-C", repository, "fleet", application, "--json"]),
            ("history fleet \(application) (text)", ["history", "-C", repository, "fleet", application]),
            ("status fleet (\(applications) applications)", ["status", "-C", repository, "fleet"]),
        ]
        var wall = Array(repeating: [Double](), count: commands.count)
        var cpu = wall
        for round in 0...runs {
            for (index, command) in commands.enumerated() {
                let (seconds, cpuSeconds) = try ChildProcess.timed(tool, command.arguments)
                guard round > 0 else { continue }
                wall[index].append(seconds)
                cpu[index].append(cpuSeconds)
            }
        }
        print("whole processes, \(runs) interleaved rounds after a warm-up     best       median     cpu median")
        for (index, command) in commands.enumerated() {
            let (best, median) = GitBenchmark.summary(wall[index])
            print(String(format: "  %@ %7.3f s  %7.3f s  %7.3f s",
                         command.name.padding(toLength: 58, withPad: " ", startingAt: 0), best, median,
                         GitBenchmark.summary(cpu[index]).median))
        }
        let median = GitBenchmark.summary(wall[0]).median
        print(String(format: "goal: the whole history of one application under 1 s: %.3f s, %@", median,
                     median < 1 ? "met" : "MISSED"))
    }

    /// How many changes `history --json` lists for `application` (a line of JSON, counted by its commits).
    private func countChanges(_ tool: String, repository: String, application: String) throws -> Int {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("config-api-history-\(UUID())")
        defer { try? FileManager.default.removeItem(at: output) }
        let child = try ChildProcess.start(tool, ["history", "-C", repository, "fleet", application, "--json"],
                                           standardOutput: output.path)
        guard try child.wait() == 0 else { throw ValidationError("config-api history failed") }
        return try String(contentsOf: output, encoding: .utf8).components(separatedBy: #""commit":"#).count - 1
    }
}
