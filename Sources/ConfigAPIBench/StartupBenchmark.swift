import ArgumentParser
import Foundation

/// `ConfigAPIBench startup`: what a file command costs as a whole process on the seed's 1 KB
/// project file, against what any process costs: a static-stdlib Swift "hello" and a C
/// program's libyaml scan of the same file. The commands run interleaved, one of each per
/// round; medians are printed, so a loaded machine moves every line alike.
struct StartupBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "startup",
        abstract: "Time config-api get, set and --version as whole processes against a Swift hello and a C scan.",
        discussion: """
            Needs a release build of config-api next to this binary, swiftc and cc:
              swift build -c release --static-swift-stdlib && .build/release/ConfigAPIBench startup
            File commands never load libgit2; what they cost over the hello is the argument \
            parser, the YAML work and the libraries config-api links (see LD_DEBUG=libs).
            """
    )

    @Option(help: "Rounds (each command once per round, after two warm-up rounds); medians are printed.")
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
    }

    func validate() throws {
        guard runs >= 1 else { throw ValidationError("need --runs ≥ 1") }
    }

    func run() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("config-api-startup-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("myproject.yaml").path
        try FileManager.default.copyItem(atPath: BenchmarkPrograms.packageRoot.appendingPathComponent(
            "projects/myproject.yaml").path, toPath: file)
        let configAPI = try BenchmarkPrograms.configAPI(configAPI)
        var contenders = [
            Contender(name: "static Swift hello", executable: try BenchmarkPrograms.compileStaticHello(into: folder),
                      arguments: []),
            Contender(name: "C libyaml scan", executable: try BenchmarkPrograms.compileLibYAMLScan(into: folder),
                      arguments: [file]),
            Contender(name: "config-api --version", executable: configAPI, arguments: ["--version"]),
            Contender(name: "config-api get", executable: configAPI,
                      arguments: ["get", file, "applications[name=api].port"]),
            Contender(name: "config-api set", executable: configAPI,
                      arguments: ["set", file, "applications[name=api].git.hash", "3f2c1a9"]),
        ]
        for round in 0..<(runs + 2) {
            for index in contenders.indices {
                let (wall, cpu) = try Self.time(contenders[index].executable, contenders[index].arguments)
                guard round >= 2 else { continue }
                contenders[index].wall.append(wall)
                contenders[index].cpu.append(cpu)
            }
        }
        print("whole processes on the seed's projects/myproject.yaml, medians of \(runs) interleaved rounds")
        let hello = Self.median(contenders[0].wall)
        for contender in contenders {
            let wall = Self.median(contender.wall)
            let overHello = contender.executable == configAPI
                ? String(format: "  (+%.2f ms over the hello)", (wall - hello) * 1000) : ""
            let name = contender.name.padding(toLength: 22, withPad: " ", startingAt: 0)
            print(String(format: "  %@ wall %6.2f ms  cpu %6.2f ms%@", name, wall * 1000,
                         Self.median(contender.cpu) * 1000, overHello))
        }
    }

    /// Runs a program to completion: its wall-clock and CPU seconds.
    private static func time(_ executable: String, _ arguments: [String]) throws -> (wall: Double, cpu: Double) {
        let start = Stopwatch.now()
        let child = try ChildProcess.start(executable, arguments)
        let (status, cpu) = try child.waitWithUsage()
        let wall = Stopwatch.now() - start
        guard status == 0 else { throw ValidationError("\(child.process.command) exited with \(status)") }
        return (wall, cpu)
    }

    private static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted[sorted.count / 2]
    }
}
