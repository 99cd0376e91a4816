import ArgumentParser

/// `ConfigAPIBench`: measurements the project ships. Run with a release build:
/// `swift build -c release && swift run -c release ConfigAPIBench yaml`.
@main
struct ConfigAPIBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ConfigAPIBench",
        abstract: "Benchmarks of config-api (release build).",
        subcommands: [YAMLBenchmark.self, GitBenchmark.self, StartupBenchmark.self, HistoryBenchmark.self]
    )
}
