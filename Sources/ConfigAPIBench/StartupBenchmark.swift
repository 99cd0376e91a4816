import ArgumentParser
import Foundation

/// `ConfigAPIBench startup`: what file commands cost as whole processes, against what any
/// process costs. On the example's 1 KB project file, `config-api get`, `set` and `--version`
/// against a static-stdlib Swift "hello" (goal: `get` and `set` within 2 ms of it); on a
/// 1.1 MB seed-style file, `config-api set` against a C program's libyaml scan of the same
/// bytes (goal: within 2.5× of it; a verified edit scans twice, so 2× is the floor). Every
/// program runs once per round, interleaved; medians are printed, and each goal is the median
/// of its per-round comparisons, so that a loaded machine moves both sides alike. Each runs
/// from a copy written as an installer writes it (`--as-built`: from the file the linker wrote).
struct StartupBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "startup",
        abstract: "Time config-api's file commands as whole processes against a Swift hello and a C libyaml scan.",
        discussion: """
            Needs a release build of config-api next to this binary, swiftc and cc:
              swift build -c release --static-swift-stdlib && .build/release/ConfigAPIBench startup
            File commands never load libgit2; what they cost over the hello is the argument \
            parser, the YAML work and the libraries config-api links (see LD_DEBUG=libs). \
            Instruction counts, which a loaded machine does not move, come from \
            valgrind --tool=callgrind on a copy of the binary stripped of its debug information.
            """
    )

    @Option(help: "Rounds (each program once per round, after two warm-up rounds); medians are printed.")
    var runs = 21

    @Option(help: ArgumentHelp("The config-api executable (default: the one next to this binary).", valueName: "PATH"))
    var configAPI: String?

    /// One program the benchmark runs, and what it measured.
    private struct Contender {
        var name: String
        var executable: String
        var arguments: [String]
        var wall: [Double] = []
        var cpu: [Double] = []

        var medianWall: Double { StartupBenchmark.median(wall) }
        var medianCPU: Double { StartupBenchmark.median(cpu) }
    }

    @Flag(help: "Time the files as the linker wrote them, instead of installed copies (slower to start).")
    var asBuilt = false

    func validate() throws {
        guard runs >= 1 else { throw ValidationError("need --runs ≥ 1") }
    }

    func run() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("config-api-startup-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let small = folder.appendingPathComponent("myproject.yaml").path
        try FileManager.default.copyItem(
            atPath: BenchmarkPrograms.packageRoot.appendingPathComponent("projects/myproject.yaml").path, toPath: small)
        let large = folder.appendingPathComponent("large.yaml").path
        try Data(SeedProjectGenerator.text(applications: 5_000)).write(to: URL(fileURLWithPath: large))
        // Every program is timed as installed (see BenchmarkPrograms.installedCopy).
        let install = { (path: String, name: String) throws -> String in
            asBuilt ? path : try BenchmarkPrograms.installedCopy(of: path, in: folder, as: name)
        }
        let configAPI = try install(try BenchmarkPrograms.configAPI(configAPI), "config-api")
        let hello = try install(try BenchmarkPrograms.compileStaticHello(into: folder), "hello-installed")
        let scan = try install(try BenchmarkPrograms.compileLibYAMLScan(into: folder), "libyaml-scan-installed")
        var contenders = [
            Contender(name: "static Swift hello", executable: hello, arguments: []),
            Contender(name: "C libyaml scan, 1 KB", executable: scan, arguments: [small]),
            Contender(name: "config-api --version", executable: configAPI, arguments: ["--version"]),
            Contender(
                name: "config-api get, 1 KB", executable: configAPI,
                arguments: ["get", small, "applications[name=api].port"]),
            Contender(
                name: "config-api set, 1 KB", executable: configAPI,
                arguments: ["set", small, "applications[name=api].git.hash", "3f2c1a9"]),
            Contender(name: "C libyaml scan, 1.1 MB", executable: scan, arguments: [large]),
            Contender(
                name: "config-api set, 1.1 MB", executable: configAPI,
                arguments: ["set", large, "applications[name=app-2500].git.hash", "3f2c1a9"]),
        ]
        for round in 0..<(runs + 2) {
            for index in contenders.indices {
                let (wall, cpu) = try ChildProcess.timed(contenders[index].executable, contenders[index].arguments)
                guard round >= 2 else { continue }
                contenders[index].wall.append(wall)
                contenders[index].cpu.append(cpu)
            }
        }
        Self.report(contenders, runs: runs)
    }

    /// Every program's medians, then each goal's comparison, in wall-clock and CPU time. A goal
    /// compares its two programs round by round, the median of the rounds' differences or
    /// ratios: a slow spell of the machine then moves both sides of a comparison alike, where
    /// a ratio of two medians taken from different rounds swings with it (here, in a noisy
    /// hour, 1.4–2.4× against 2.3–2.4× for the same runs).
    private static func report(_ contenders: [Contender], runs: Int) {
        print("whole processes, medians of \(runs) interleaved rounds")
        for contender in contenders {
            let name = contender.name.padding(toLength: 24, withPad: " ", startingAt: 0)
            print(
                String(
                    format: "  %@ wall %7.2f ms  cpu %7.2f ms", name, contender.medianWall * 1000,
                    contender.medianCPU * 1000))
        }
        let byName = Dictionary(uniqueKeysWithValues: contenders.map { ($0.name, $0) })
        let hello = byName["static Swift hello"]!
        print("goals, round by round (medians)")
        for name in ["config-api get, 1 KB", "config-api set, 1 KB"] {
            let command = byName[name]!
            print(
                String(
                    format: "  %@ over the hello: wall +%.2f ms, cpu +%.2f ms (goal: ≤ 2 ms)", name,
                    median(zip(command.wall, hello.wall).map(-)) * 1000,
                    median(zip(command.cpu, hello.cpu).map(-)) * 1000))
        }
        let set = byName["config-api set, 1.1 MB"]!
        let scan = byName["C libyaml scan, 1.1 MB"]!
        print(
            String(
                format: "  config-api set, 1.1 MB against the C scan: wall %.2f×, cpu %.2f× (goal: ≤ 2.5×)",
                median(zip(set.wall, scan.wall).map(/)), median(zip(set.cpu, scan.cpu).map(/))))
    }

    fileprivate static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? .nan : sorted[sorted.count / 2]
    }
}
