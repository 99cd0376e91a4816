import ArgumentParser
import Foundation
import YAMLPatch

/// `ConfigAPIBench yaml`: one `set` on a 5,000-application seed-style file and on the largest
/// Argo CRD, against a raw libyaml event scan of the same bytes; then whole processes:
/// `config-api set` against a C program's libyaml scan.
struct YAMLBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "yaml",
        abstract: "Time a verified set against a raw libyaml scan (goals: ≤ 3× in process, ≤ 8× as processes).",
        discussion: "Needs a release build of config-api next to this binary: swift build -c release && swift run -c release ConfigAPIBench yaml"
    )

    @Option(help: "Runs per in-process measurement (the best is kept).")
    var runs = 15

    @Option(help: "Runs per whole-process measurement (the best is kept).")
    var processRuns = 20

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func run() throws {
        let seed = SeedProjectGenerator.text(applications: 5_000)
        let crd = Array(try Data(contentsOf: Self.packageRoot.appendingPathComponent("Benchmarks/fixtures/argoproj.io_cronworkflows.yaml")))
        print("in process, best of \(runs): parse + edit + verifying re-parse, vs YAMLEventScan.count of the same bytes")
        try measureEdit("seed-style project, 5,000 applications", seed, path: "applications[name=app-2500].git.hash", value: "3f2c1a9")
        try measureEdit("Argo CronWorkflow CRD", crd, path: #"metadata.annotations["helm.sh/resource-policy"]"#, value: "delete")
        try measureProcesses(seed)
    }

    private func measureEdit(_ name: String, _ bytes: [UInt8], path expression: String, value: String) throws {
        let path = try YAMLPath(expression)
        var result: EditResult?
        let edit = try Stopwatch.best(of: runs) {
            result = try DocumentTree(parsing: bytes).applying(.set(.string(value)), at: path)
        }
        guard let result, result.changed, result.splices.count == 1 else { throw ValidationError("the edit of \(name) did not change one value") }
        var events: Int?
        let scan = Stopwatch.best(of: runs) { events = YAMLEventScan.count(bytes) }
        let megabytes = Double(bytes.count) / 1_000_000
        print(String(format: "  %@: %.2f MB, %d events\n    set: %.1f ms (%.1f MB/s)  raw scan: %.1f ms (%.1f MB/s)  ratio %.2f×  peak memory so far %.0f MB",
                     name, megabytes, events ?? 0, edit * 1000, megabytes / edit, scan * 1000, megabytes / scan, edit / scan,
                     Stopwatch.peakMemoryMB()))
    }

    private func measureProcesses(_ seed: [UInt8]) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("config-api-bench-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("benchmark.yaml")
        try Data(seed).write(to: file)
        let scanner = folder.appendingPathComponent("libyaml-scan")
        try Self.execute(URL(fileURLWithPath: "/usr/bin/cc"), [Self.packageRoot.appendingPathComponent("Benchmarks/libyaml-scan.c").path,
                                                             "-O2", "-o", scanner.path, "-lyaml"])
        let configAPI = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("config-api")
        guard FileManager.default.isExecutableFile(atPath: configAPI.path) else {
            throw ValidationError("no config-api at \(configAPI.path): run swift build -c release first")
        }
        let arguments = ["set", file.path, "applications[name=app-2500].git.hash", "3f2c1a9"]
        let setTime = try Stopwatch.best(of: processRuns) { try Self.execute(configAPI, arguments) }
        let scanTime = try Stopwatch.best(of: processRuns) { try Self.execute(scanner, [file.path]) }
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        print(String(format: "whole process, best of %d, seed-style file:\n    config-api set: %.1f ms  C libyaml scan: %.1f ms  ratio %.2f×  (largest child peak memory %.0f MB)",
                     processRuns, setTime * 1000, scanTime * 1000, setTime / scanTime, Double(usage.ru_maxrss) / 1024))
    }

    private static func execute(_ executable: URL, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ValidationError("\(executable.lastPathComponent) exited with \(process.terminationStatus)") }
    }
}
