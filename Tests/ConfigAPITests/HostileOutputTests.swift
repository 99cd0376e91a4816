import Foundation
import TestSupport
import Testing

/// Untrusted text on every path to stdout and stderr (docs/contract.md#hostile-input): payload
/// paths, keys and values with line breaks, workflow commands of both syntaxes, `%0A`, CR and
/// ANSI escapes. Read as a GitHub Actions runner reads a step's output (``WorkflowCommands``),
/// nothing runs but config-api's own annotations and the stop/resume pair around a diff.
@Suite struct HostileOutputTests {
    /// Lines a literal block scalar can hold, so an edit writes them as lines of the file.
    static let blockLines =
        "first\n::add-mask::secret\n::set-output name=x::y\n  ::error::indented\n##[add-mask]legacy\n"
        + "::stop-commands::t\n"
    /// A one-line string with everything else: CR, `%0A`, ANSI colour, a workflow command.
    static let controls = "a\r::debug::cr %0A::warning::pct \u{1B}[31mred\u{1B}[0m \u{9B}31m \u{202E}rlo\n::error::x"
    static let injected = "\n::add-mask::secret\n::set-output name=x::y\n##[add-mask]legacy\n\u{1B}[2J"

    static let project = """
        applications:
            - name: api
              git: {type: github, owner: myorg, repo: my-api, branch: main, hash: ~}
              port: 8080
              x-note: |
                  plain
            - name: web
              git: {type: github, owner: myorg, repo: web, branch: main, hash: ~}
              port: 80
              "bad\\n::add-mask::key": 1

        """

    @Test func aDispatchedHostileNoteLandsAndPrintsNoCommand() throws {
        let workspace = try GitWorkspace(files: ["projects/hostile.yaml": Self.project])
        let actions = try ActionsFiles(in: workspace)
        let spec = #"{"x-note": \#(json(Self.blockLines)), "x-other": \#(json(Self.controls))}"#
        let landed = try workspace.run(
            [
                "dispatch", "--event",
                try event(#"{"path": "projects/hostile/applications/api", "spec": \#(spec)}"#, in: workspace),
            ],
            environment: actions.environment)
        #expect(landed.status == 0, "\(landed.standardError)")
        expectOnlyOwnCommands(landed)
        let file = try workspace.remote.content(of: "projects/hostile.yaml")
        #expect(file.contains("\n          ::add-mask::secret\n"), "the edit wrote the note as lines: \(file)")
        let summary = try String(contentsOfFile: actions.summary, encoding: .utf8)
        let fences = summary.split(separator: "\n").filter { $0.hasPrefix("```") }
        #expect(fences.count == 2 && summary.hasPrefix("### config-api: apply projects/hostile/applications/api\n"))

        // The note's lines are now context lines of the next diff: printed inside stop-commands.
        let preview = try workspace.run(
            [
                "apply", "--dry-run", "--path", "projects/hostile/applications/api", "--spec", #"{"port": 8081}"#,
                "--color", "always",
            ], environment: actions.environment)
        #expect(preview.status == 0, "\(preview.standardError)")
        #expect(preview.standardOutput.contains("          ::add-mask::secret\n"))
        expectOnlyOwnCommands(preview, escapes: true)
        let commands = WorkflowCommands.run(preview.standardOutput)
        #expect(commands.map(\.name) == ["stop-commands", commands.first?.data ?? "", "warning"], "\(commands)")
    }

    static let refusedPayloads: [String] = {
        let api = "projects/hostile/applications/api"
        let text = escaped(injected)
        return [
            #"{"path": "\#(api)\#(text)", "spec": {}}"#,
            #"{"path": "\#(api)", "spec": {}, "act\#(text)": 1}"#,
            #"{"path": "\#(api)", "action": "\#(text)"}"#,
            #"{"path": "\#(api)", "spec": {"bad\#(text)": 1}}"#,
            #"{"path": "\#(api)", "spec": {"port": "\#(text)"}}"#,
            #"{"path": "\#(api)", "spec": {"k\#(text)": 1, "k\#(text)": 2}}"#,
            #"{"path": "\#(api)", "spec": {"name": "\#(text)"}}"#,
            "{\"path\": \"\(api)\(injected)\"}",
        ]
    }()

    @Test(arguments: refusedPayloads)
    func aRefusedHostilePayloadPrintsNoCommand(_ payload: String) throws {
        let workspace = try GitWorkspace(files: ["projects/hostile.yaml": Self.project])
        let tip = try workspace.remote.tip()
        let actions = try ActionsFiles(in: workspace)
        let result = try workspace.run(
            ["dispatch", "--event", try event(payload, in: workspace)], environment: actions.environment)
        #expect(result.status == 65, "\(result.standardError)")
        #expect(result.standardError.hasPrefix("config-api: "), "\(result.standardError)")
        #expect(result.standardError.split(separator: "\n").allSatisfy { $0.hasPrefix("config-api: ") })
        #expect(WorkflowCommands.run(result.standardOutput).map(\.name) == ["error"])
        expectOnlyOwnCommands(result)
        #expect(try workspace.remote.tip() == tip)
    }

    @Test func warningsAboutHostileKeysAndArgumentErrorsPrintNoCommand() throws {
        let workspace = try GitWorkspace(files: ["projects/hostile.yaml": Self.project])
        let actions = try ActionsFiles(in: workspace)
        // web's hostile key is an unknown key already in the file: a warning when api changes.
        let warned = try workspace.run(["bump", "hostile", "api", "3f2c1a9"], environment: actions.environment)
        #expect(warned.status == 0, "\(warned.standardError)")
        #expect(
            warned.standardError.contains(
                "config-api: warning: projects/hostile.yaml:10:7: application 'web': "
                    + "unknown key 'badU+000A::add-mask::key'"), "\(warned.standardError)")
        #expect(WorkflowCommands.run(warned.standardOutput).map(\.name) == ["warning"])
        expectOnlyOwnCommands(warned)

        let validated = try ProcessResult.run(
            PackageFiles.configAPI, ["validate", "projects/hostile.yaml"], in: URL(fileURLWithPath: workspace.clone),
            environment: GitWorkspace.environment(actions.environment))
        #expect(validated.status == 65)
        expectOnlyOwnCommands(validated)

        let usage = try workspace.run(
            ["apply", "--path", "projects/hostile/applications/api", "--action", "x\(Self.injected)"],
            environment: actions.environment)
        #expect(usage.status == 64)
        #expect(usage.standardError.contains("U+003A:add-mask::secret"), "\(usage.standardError)")
        expectOnlyOwnCommands(usage)
    }

    @Test func fileCommandErrorsQuoteHostileTextOnOneLine() throws {
        let scratch = try Scratch()
        let file = try scratch.write(Array(#"{"k\nx": 1, "k\nx": 2}"#.utf8), named: "dup.yaml")
        let duplicate = try CLI.run(["merge", file.path, ".", #"{"a\n::add-mask::x": 1, "a\n::add-mask::x": 2}"#])
        #expect(duplicate.status == 65)
        #expect(duplicate.standardError.split(separator: "\n").count == 1, "\(duplicate.standardError)")
        expectOnlyOwnCommands(duplicate)
        let path = try CLI.run(["get", file.path, "a[\n::add-mask::x"])
        #expect(path.status == 65)
        #expect(path.standardError.split(separator: "\n").count == 1, "\(path.standardError)")
        expectOnlyOwnCommands(path)
    }

    /// `get` prints the file's values as asked: they are the user's data, not config-api's
    /// messages, and a workflow captures them (`$(config-api get …)`) rather than logging them.
    @Test func getPrintsTheValueAsItIs() throws {
        let file = try Scratch().write(Array("note: \"a\\n::add-mask::x\"\n".utf8), named: "note.yaml")
        let result = try CLI.run(["get", file.path, "note"])
        #expect(result.status == 0 && result.standardOutput == "a\n::add-mask::x\n")
    }

    /// Everything the runner would run is config-api's own: an annotation (escaped, so no line
    /// break of untrusted text survives it), or the stop/resume pair around a diff; no escape
    /// character reaches a stream unless `escapes` (an asked-for colour diff).
    private func expectOnlyOwnCommands(
        _ result: ProcessResult, escapes: Bool = false, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        for stream in [result.standardOutput, result.standardError] {
            var token: String?
            for command in WorkflowCommands.run(stream) {
                switch command.name {
                case "error", "warning":
                    #expect(command.line.hasPrefix("::\(command.name)"), sourceLocation: sourceLocation)
                    #expect(!command.data.contains { $0.isNewline }, "\(command)", sourceLocation: sourceLocation)
                    #expect(
                        command.properties.wholeMatch(of: /(file=[^,:]+(,line=[0-9]+(,col=[0-9]+)?)?)?/) != nil,
                        "\(command)", sourceLocation: sourceLocation)
                case "stop-commands":
                    token = command.data
                    #expect(command.data.hasPrefix("config-api-"), sourceLocation: sourceLocation)
                default:
                    #expect(command.name == token, "\(command)", sourceLocation: sourceLocation)
                }
            }
            #expect(escapes || !stream.contains("\u{1B}"), "\(stream)", sourceLocation: sourceLocation)
        }
    }

    private func event(_ payload: String, in workspace: GitWorkspace) throws -> String {
        let path = workspace.folder.child("event.json")
        try #"{"client_payload": \#(payload)}"#.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private func json(_ text: String) -> String { "\"" + Self.escaped(text) + "\"" }

    /// `text` as the inside of a JSON string.
    static func escaped(_ text: String) -> String {
        text.unicodeScalars.map { scalar in
            switch scalar {
            case "\"": return "\\\""
            case "\\": return "\\\\"
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value):
                return String(format: "\\u%04x", scalar.value)
            default: return String(scalar)
            }
        }.joined()
    }
}
