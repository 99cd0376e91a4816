import ArgumentParser
import Foundation
import TestSupport

/// `ConfigAPIBench git`: the git side's measurements, in one run against real git. One update by a
/// `config-api apply` process against the seed's git CLI step (goal: ratio ≤ 0.5), then storms
/// of concurrent `config-api apply` processes on a local bare remote (goal: 64 writers ≤ 10 s
/// on 2 cores, every update landed once) and over loopback smart HTTP.
struct GitBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "git",
        abstract: "Time config-api apply against the git CLI step, and storms of concurrent writers.",
        discussion: """
            Needs a release build of config-api next to this binary:
              swift build -c release && swift run -c release ConfigAPIBench git
            Everything happens in a temporary folder: a bare remote seeded with a seed-style \
            project file, clones made with the git CLI, no system or global git config.
            """
    )

    @Option(help: "Timed single updates each way (after one warm-up).")
    var runs = 15

    @Option(help: "Concurrent writers in a local storm (half in their own clones, half sharing one).")
    var writers = 64

    @Option(help: "Local storms to run.")
    var storms = 3

    @Option(help: "Concurrent writers over loopback smart HTTP (0: skip).")
    var httpWriters = 32

    @Option(help: ArgumentHelp("The config-api executable (default: the one next to this binary).", valueName: "PATH"))
    var configAPI: String?

    /// Applications in the generated project file: one per writer.
    var applications: Int { max(64, writers, httpWriters) }

    func validate() throws {
        guard runs >= 1, storms >= 0, writers >= 2, writers <= 200, httpWriters >= 0, httpWriters <= 200 else {
            throw ValidationError(
                "need --runs ≥ 1, --storms ≥ 0, 2 ≤ --writers ≤ 200, 0 ≤ --http-writers ≤ 200")
        }
    }

    func run() throws {
        let tool = try BenchmarkPrograms.configAPI(configAPI)
        print("config-api: \(tool)")
        let scratch = NSTemporaryDirectory()
        let environment = Self.childEnvironment(home: scratch)
        let gitVersion = try Self.git(["--version"], environment: environment, scratch: scratch)
        let cores = ProcessInfo.processInfo.activeProcessorCount
        print("\(cores) cores, seed-style \(Self.file) with \(applications) applications, \(gitVersion)")
        let single = try measureSingleUpdate(tool: tool)
        printSingleUpdate(single)
        let local = try (0..<storms).map { _ in try localStorm(tool: tool) }
        if !local.isEmpty {
            printStorms(
                local,
                title: "(c) \(writers) concurrent apply, local bare remote, \(writers / 2) in own clones + "
                    + "\(writers - writers / 2) sharing one clone", goal: 10)
        }
        if let http = try httpStorm(tool: tool) {
            printStorms(
                [http],
                title: "(d) \(httpWriters) concurrent apply --remote http://127.0.0.1 (loopback smart HTTP, "
                    + "each its own temporary clone)", goal: nil)
        } else if httpWriters > 0 {
            print("(d) skipped: no \(GitHTTPServer.scriptPath)")
        }
    }

    private func printSingleUpdate(_ result: SingleUpdate) {
        let (apply, git) = (Self.summary(result.apply), Self.summary(result.gitCLI))
        let ratio = (best: apply.best / git.best, median: apply.median / git.median)
        print("(a)/(b) one update of one hash, local bare remote, \(runs) runs each   best      median")
        print(
            String(
                format: "    config-api apply (fetch, edit, commit, push)     %7.1f ms  %7.1f ms", apply.best * 1000,
                apply.median * 1000))
        print(
            String(
                format: "    git CLI: pull, edit, add, commit, push           %7.1f ms  %7.1f ms", git.best * 1000,
                git.median * 1000))
        print(
            String(
                format: "    ratio apply / git CLI                            %7.2f     %7.2f     goal ≤ 0.5: %@",
                ratio.best, ratio.median, ratio.median <= 0.5 ? "met" : "MISSED"))
        print("    edit in the git CLI step: \(result.edit)")
    }

    private func printStorms(_ storms: [Storm], title: String, goal: Double?) {
        let times = Self.summary(storms.map(\.seconds))
        let verdict =
            goal.map {
                times.median <= $0
                    ? String(format: "goal ≤ %.0f s: met", $0) : String(format: "goal ≤ %.0f s: MISSED", $0)
            } ?? ""
        print(title + (storms.count > 1 ? ", \(storms.count) storms" : ""))
        if storms.count == 1 {
            print(String(format: "    wall time      %.2f s   %@", times.median, verdict))
        } else {
            print(
                String(
                    format: "    wall time      best %.2f s   median %.2f s   worst %.2f s   %@", times.best,
                    times.median,
                    storms.map(\.seconds).max() ?? 0, verdict))
        }
        let commits = Set(storms.map(\.commits)).sorted().map(String.init).joined(separator: "/")
        print(
            "    landed         \(storms[0].writers)/\(storms[0].writers) in every storm, \(commits) commits, no merge")
        let attempts = storms.flatMap(\.attempts)
        let histogram = Dictionary(grouping: attempts, by: { $0 }).sorted { $0.key < $1.key }
            .map { "\($0.value.count)×\($0.key)" }.joined(separator: " ")
        print(
            String(
                format: "    attempts       mean %.2f  max %d  (writers×attempts: %@)",
                Double(attempts.reduce(0, +)) / Double(max(1, attempts.count)), attempts.max() ?? 0, histogram))
    }

    /// The best and the median of `values`.
    static func summary(_ values: [Double]) -> (best: Double, median: Double) {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return (0, 0) }
        let middle = sorted.count / 2
        let median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        return (sorted[0], median)
    }
}
