import Foundation
import TestSupport
import Testing

/// What users of yq, git and other CLIs expect (docs/contract.md#commands): a failed write to
/// stdout is an error, `set` keeps a scalar's type, `-` reads standard input, diffs in colour
/// on a terminal.
@Suite struct CommandLineHabitsTests {
    static let seed = PackageFiles.root.appendingPathComponent("projects/myproject.yaml")

    @Test(arguments: [
        ["get", seed.path, "."], ["get", "--json", seed.path, "databases"],
        ["set", seed.path, "applications[name=api].port", "8081"], ["delete", seed.path, "databases[0]"],
        ["schema"], ["validate", seed.path],
    ])
    func aFullStandardOutputIsExit74(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = PackageFiles.configAPI
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full"))
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 74, "\(message)")
        #expect(message.hasPrefix("config-api: cannot write to standard output: "), "\(message)")
    }

    @Test(arguments: [
        ("port: 8080\n", "8081", "port: 8081\n"),
        ("port: 8080\n", "0x1F", "port: 31\n"),
        ("port: 8080\n", "80a", "port: 80a\n"),
        ("port: 8080 # http\n", "8081", "port: 8081 # http\n"),
        ("ratio: 1.5\n", "2", "ratio: 2.0\n"),
        ("ratio: 1.5\n", "2.25", "ratio: 2.25\n"),
        ("ratio: 1.5\n", "fast", "ratio: fast\n"),
        ("ratio: 1.5\n", "12e4567", "ratio: \"12e4567\"\n"),
        ("ratio: 1.5\n", ".Inf", "ratio: .inf\n"),
        ("port: 8080\n", "12e4567", "port: \"12e4567\"\n"),
        ("port: 8080\n", "1234567", "port: 1234567\n"),
        ("hash: abc1234\n", "12e4567", "hash: \"12e4567\"\n"),
        ("on: true\n", "false", "on: false\n"),
        ("on: true\n", "no", "on: \"no\"\n"),
        ("hash: ~\n", "1234567", "hash: \"1234567\"\n"),
        ("hash: ~\n", "true", "hash: \"true\"\n"),
        ("hash: abc1234\n", "1234567", "hash: \"1234567\"\n"),
        ("version: \"8.0\"\n", "8.4", "version: \"8.4\"\n"),
        ("env: {a: 1}\n", "1", "env: \"1\"\n"),
        ("{}\n", "1", "{port: \"1\"}\n"),
        // Two documents, an int and a float: the matches differ in type, so VALUE is a string.
        ("port: 1\n---\nport: 2.5\n", "3", "port: \"3\"\n---\nport: \"3\"\n"),
    ])
    func setKeepsTheTypeOfTheScalarItReplaces(file: String, value: String, expected: String) throws {
        let path = file.hasPrefix("{}") ? "port" : String(file.prefix { $0 != ":" })
        let yaml = try Scratch().write(Array(file.utf8), named: "f.yaml")
        let result = try CLI.run(["set", yaml.path, path, value])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == expected)
    }

    @Test func stringAndJSONSayTheTypeThemselves() throws {
        let yaml = try Scratch().write(Array("port: 8080\n".utf8), named: "f.yaml")
        #expect(try CLI.run(["set", "--string", yaml.path, "port", "8081"]).standardOutput == "port: \"8081\"\n")
        #expect(try CLI.run(["set", "--json", yaml.path, "port", "[1]"]).standardOutput == "port:\n  - 1\n")
        let both = try CLI.run(["set", "--json", "--string", yaml.path, "port", "1"])
        #expect(both.status == 64 && both.standardError.contains("--json and --string exclude each other"))
    }

    @Test func aDashReadsStandardInput() throws {
        let text = Data("apps:\n  - name: api\n    port: 80\n".utf8)
        let yaml = try Scratch().write(Array(text), named: "f.yaml")
        #expect(try CLI.run(["get", "-", "apps[0].port"], input: text).standardOutput == "80\n")
        #expect(try CLI.run(["set", "-", "apps[0].port", "81"], input: text).standardOutput.contains("port: 81\n"))
        #expect(try CLI.run(["delete", "-", "apps[0].port"], input: text).standardOutput == "apps:\n  - name: api\n")
        let merged = try CLI.run(["merge", yaml.path, "apps[0]", "-"], input: Data(#"{"port": 82}"#.utf8))
        #expect(merged.standardOutput.contains("port: 82\n"), "\(merged.standardError)")
        let appended = try CLI.run(["append", yaml.path, "apps", "-"], input: Data(#"{"name": "web"}"#.utf8))
        #expect(appended.standardOutput.hasSuffix("  - name: web\n"), "\(appended.standardError)")
        let set = try CLI.run(["set", "--json", yaml.path, "apps[0].port", "-"], input: Data("83".utf8))
        #expect(set.standardOutput.contains("port: 83\n"))
        #expect(try CLI.run(["set", yaml.path, "apps[0].name", "-"]).standardOutput.contains("name: \"-\"\n"))

        let inPlace = try CLI.run(["set", "-", "apps[0].port", "81", "-i"], input: text)
        #expect(inPlace.status == 64 && inPlace.standardError.contains("-i writes FILE in place"))
        let twice = try CLI.run(["merge", "-", "apps[0]", "-"], input: text)
        #expect(twice.status == 64 && twice.standardError.contains("standard input is read once"))
        let broken = try CLI.run(["get", "-", "apps"], input: Data("apps: [1\n".utf8))
        #expect(broken.status == 65 && broken.standardError.hasPrefix("config-api: <stdin>:2:1: "))
        let json = try CLI.run(["merge", yaml.path, ".", "-"], input: Data("{\"a\": 1,}".utf8))
        #expect(json.status == 65 && json.standardError.hasPrefix("config-api: <stdin>:1:8: invalid JSON: a trailing"))
        let large = try CLI.run(["get", "-", "."], input: Data(repeating: 0x0A, count: (16 << 20) + 1))
        #expect(
            large.status == 65
                && large.standardError == "config-api: <stdin>: it is larger than 16777216 bytes, "
                    + "the most config-api reads here\n"
        )
    }

    @Test func theDryRunDiffIsColouredOnATerminalOnly() throws {
        let workspace = try GitWorkspace()
        let bump = ["bump", "--dry-run", "myproject", "api", "3f2c1a9"]
        let red = "\u{1B}[31m-          hash: ~ # set by CI on every successful build\u{1B}[m"
        let plain = try workspace.run(bump)
        #expect(plain.status == 0 && !plain.standardOutput.contains("\u{1B}"))
        let always = try workspace.run(bump + ["--color", "always"], environment: ["NO_COLOR": "1"])
        #expect(always.standardOutput.contains(red), "\(always.standardOutput)")
        #expect(always.standardOutput.hasPrefix("\u{1B}[1mdiff --git"))
        #expect(always.standardOutput.contains("\u{1B}[32m+          hash: 3f2c1a9"))
        #expect(always.standardOutput.contains("\u{1B}[36m@@ "))
        #expect(!(try workspace.run(bump + ["--color", "never"]).standardOutput.contains("\u{1B}")))
        // A terminal: `script` gives the run a pseudo-terminal for its stdout.
        let onTerminal = { (environment: [String: String], color: String) throws -> String in
            let command = ([PackageFiles.configAPI.path] + bump + ["--color", color, "--author", GitWorkspace.author])
                .map { "'\($0)'" }.joined(separator: " ")
            return try ProcessResult.run(
                URL(fileURLWithPath: "/usr/bin/script"), ["-qec", command, "/dev/null"],
                in: URL(fileURLWithPath: workspace.clone), environment: GitWorkspace.environment(environment)
            ).standardOutput
        }
        #expect(try onTerminal([:], "auto").contains(red + "\r\n"))
        #expect(!(try onTerminal(["NO_COLOR": "1"], "auto").contains("\u{1B}")))
        #expect(try onTerminal(["NO_COLOR": ""], "auto").contains(red))
        #expect(!(try onTerminal(["GITHUB_ACTIONS": "true"], "auto").contains("\u{1B}")))
        #expect(!(try onTerminal([:], "never").contains("\u{1B}")))
        #expect(try workspace.status().isEmpty)
    }
}
