import ArgumentParser
import Foundation
import YAMLPatch

/// `ConfigAPIBench yaml`: one `set` on a 5,000-application seed-style file and on the largest
/// Argo CRD, and a `set` that a selector applies to all 5,000 items of a list (each edit must
/// not copy the items beside it), against a raw libyaml event scan of the same bytes; then
/// whole processes:
/// `config-api set` against a C program's libyaml scan, on the seed-size and the large file.
struct YAMLBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "yaml",
        abstract: "Time a verified set against a raw libyaml scan (goals: ≤ 3× in process, ≤ 8× as processes).",
        discussion: """
            Needs a release build of config-api next to this binary:
              swift build -c release && .build/release/ConfigAPIBench yaml
            The two sides of each ratio run interleaved, best of N. Wall-clock times move with the \
            machine's load; CPU times (this thread's, or the child's user + system) much less, so \
            both are printed and the ratio is given for each.
            """
    )

    @Option(help: "Rounds per in-process comparison (the best of each side is kept).")
    var runs = 15

    @Option(help: "Rounds per whole-process comparison (the best of each side is kept).")
    var processRuns = 20

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    func run() throws {
        let large = SeedProjectGenerator.text(applications: 5_000)
        let crd = Array(
            try Data(
                contentsOf: Self.packageRoot.appendingPathComponent(
                    "Benchmarks/fixtures/argoproj.io_cronworkflows.yaml")))
        print(
            "in process, best of \(runs): parse + edit + verifying re-parse, vs YAMLEventScan.count of the same bytes")
        try measureEdit("seed-style project, 5,000 applications", large, path: "applications[name=app-2500].git.hash")
        try measureEdit("Argo CronWorkflow CRD", crd, path: #"metadata.annotations["helm.sh/resource-policy"]"#)
        let list = Array(("list:\n" + (0..<5_000).map { "  - {kind: a, v: \($0)}\n" }.joined()).utf8)
        try measureEdit("5,000 items a selector all matches", list, path: "list[kind=a].v", matches: 5_000)
        print("whole process, best of \(processRuns): config-api set, vs a C program's libyaml scan of the same file")
        let seedSize = Array(try Data(contentsOf: Self.packageRoot.appendingPathComponent("projects/myproject.yaml")))
        try measureProcesses("projects/myproject.yaml", seedSize, path: "applications[name=api].git.hash")
        try measureProcesses(
            "seed-style project, 5,000 applications", large, path: "applications[name=app-2500].git.hash")
    }

    private func measureEdit(_ name: String, _ bytes: [UInt8], path expression: String, matches: Int = 1) throws {
        let path = try YAMLPath(expression)
        var result: EditResult?
        var events: Int?
        let (edit, scan) = try Stopwatch.interleaved(
            runs: runs,
            {
                result = try DocumentTree(parsing: bytes).applying(.set(.string("3f2c1a9")), at: path)
                return nil
            },
            {
                events = YAMLEventScan.count(bytes)
                return nil
            })
        guard let result, result.changed, result.splices.count == matches else {
            throw ValidationError("the edit of \(name) did not change \(matches) values")
        }
        let megabytes = Double(bytes.count) / 1_000_000
        print(
            String(
                format: "  %@: %.2f MB, %d events, peak memory so far %.0f MB", name, megabytes, events ?? 0,
                Stopwatch.peakMemoryMB()))
        Self.printComparison("set", edit, "raw scan", scan, megabytes: megabytes)
    }

    private func measureProcesses(_ name: String, _ bytes: [UInt8], path: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "config-api-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("benchmark.yaml").path
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        let scanner = try BenchmarkPrograms.compileLibYAMLScan(into: folder)
        let configAPI = try BenchmarkPrograms.configAPI()
        let (set, scan) = try Stopwatch.interleaved(
            runs: processRuns,
            {
                try Self.run(configAPI, ["set", file, path, "3f2c1a9"])
            },
            {
                try Self.run(scanner, [file])
            })
        print(String(format: "  %@: %.3f MB", name, Double(bytes.count) / 1_000_000))
        Self.printComparison("config-api set", set, "C libyaml scan", scan, megabytes: nil)
    }

    /// Runs a child to completion; the CPU seconds it used.
    private static func run(_ executable: String, _ arguments: [String]) throws -> Double {
        let child = try ChildProcess.start(executable, arguments)
        let (status, cpu) = try child.waitWithUsage()
        guard status == 0 else { throw ValidationError("\(child.process.command) exited with \(status)") }
        return cpu
    }

    private static func printComparison(
        _ name: String, _ measured: Stopwatch.Best, _ baselineName: String,
        _ baseline: Stopwatch.Best, megabytes: Double?
    ) {
        for (clock, value, base) in [("wall", measured.wall, baseline.wall), ("cpu ", measured.cpu, baseline.cpu)] {
            let rates = megabytes.map { String(format: " (%.1f MB/s vs %.1f MB/s)", $0 / value, $0 / base) } ?? ""
            print(
                String(
                    format: "    %@  %@: %.2f ms  %@: %.2f ms  ratio %.2f×%@",
                    clock, name, value * 1000, baselineName, base * 1000, value / base, rates))
        }
    }
}
