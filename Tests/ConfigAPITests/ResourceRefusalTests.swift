import Foundation
import TestSupport
import Testing

/// Every refusal of a resource request: the documented exit code, a message saying what was
/// wrong, no commit anywhere and a clean work tree.
@Suite struct ResourceRefusalTests {
    struct Refusal: Sendable, CustomStringConvertible {
        var arguments: [String]
        var status: Int32
        var says: String
        var description: String { arguments.joined(separator: " ") }
    }

    static let api = "projects/myproject/applications/api"

    static let refusals: [Refusal] = [
        .init(arguments: ["--path", "projects/../x", "--spec", "{}"], status: 65, says: "projects/"),
        .init(
            arguments: ["--path", "projects/myproject/applications/../../x", "--spec", "{}"], status: 65, says: ".."),
        .init(arguments: ["--path", "projects/myproject/secrets/api", "--spec", "{}"], status: 65, says: "secrets"),
        .init(arguments: ["--path", "\(api);id", "--spec", "{}"], status: 65, says: "api;id"),
        .init(arguments: ["--path", "projects/my$(id)/applications/api", "--spec", "{}"], status: 65, says: "my$(id)"),
        .init(arguments: ["--path", api, "--spec", #"{"port": 70000}"#], status: 65, says: "70000"),
        .init(
            arguments: ["--path", "projects/myproject/databases/mysql", "--spec", #"{"type": "oracle"}"#], status: 65,
            says: "oracle"),
        .init(
            arguments: ["--path", "projects/myproject/databases/mysql", "--spec", #"{"size": "5 gigs"}"#], status: 65,
            says: "5 gigs"),
        .init(arguments: ["--path", api, "--spec", #"{"domains": ["$(rm -rf /)"]}"#], status: 65, says: "$(rm -rf /)"),
        .init(
            arguments: ["--path", api, "--spec", #"{"git": {"owner": "org;reboot"}}"#], status: 65, says: "org;reboot"),
        .init(arguments: ["--path", api, "--spec", #""just a string""#], status: 65, says: "object"),
        .init(arguments: ["--path", api, "--spec", "[1, 2]"], status: 65, says: "object"),
        .init(arguments: ["--path", api, "--spec", "{not json"], status: 65, says: "JSON"),
        .init(arguments: ["--path", "projects/myproject/applications/nope", "--spec", "{}"], status: 65, says: "nope"),
        .init(arguments: ["--path", api, "--spec", #"{"name": "frontend"}"#], status: 65, says: "frontend"),
        .init(arguments: ["--path", api, "--action", "create", "--spec", "{}"], status: 65, says: "already exists"),
        .init(
            arguments: ["--path", "projects/myproject/applications/nope", "--action", "delete"], status: 65,
            says: "nope"),
        .init(arguments: ["--path", "projects/nope/applications/api", "--spec", "{}"], status: 66, says: "nope"),
        .init(arguments: ["--path", api, "--action", "rename", "--spec", "{}"], status: 64, says: "rename"),
    ]

    @Test(arguments: refusals)
    func refusedWithoutCommit(_ refusal: Refusal) throws {
        let workspace = try GitWorkspace()
        let tip = try workspace.remote.tip()
        let result = try workspace.run(["apply"] + refusal.arguments)
        #expect(result.status == refusal.status, "\(result.standardError)")
        #expect(result.standardError.contains(refusal.says), "\(result.standardError)")
        #expect(try workspace.remote.tip() == tip)
        #expect(try GitCLI.run(["rev-parse", "HEAD"], in: workspace.clone) == tip)
        #expect(try workspace.status().isEmpty)
    }

    @Test func oversizedDispatchPayloadIsRefused() throws {
        let workspace = try GitWorkspace()
        let event = workspace.folder.child("event.json")
        let filler = String(repeating: "x", count: 70 * 1024)
        try #"{"client_payload": {"path": "\#(Self.api)", "spec": {"x-filler": "\#(filler)"}}}"#
            .write(toFile: event, atomically: true, encoding: .utf8)
        let tip = try workspace.remote.tip()
        let result = try workspace.run(["dispatch", "--event", event])
        #expect(result.status == 65)
        #expect(
            result.standardError.contains("KB") || result.standardError.contains("bytes"), "\(result.standardError)")
        #expect(try workspace.remote.tip() == tip)
        #expect(try workspace.status().isEmpty)
    }

    @Test func shellMetacharactersInValuesAreStoredLiterallyNeverRun() throws {
        let workspace = try GitWorkspace()
        let marker = workspace.folder.child("pwned")
        let note = "$(touch \(marker)) `touch \(marker)`; touch \(marker) \"'"
        let spec = #"{"x-note": \#(jsonString(note))}"#
        let result = try workspace.run(["apply", "--path", Self.api, "--spec", spec])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: marker))
        let text = try workspace.remote.content(of: "projects/myproject.yaml")
        let value = try #require(text.split(separator: "\n").first { $0.contains("x-note:") })
        #expect(value.contains("touch \(marker)"))
        let stored = try ProcessResult.run(
            PackageFiles.configAPI,
            [
                "get", "\(workspace.clone)/projects/myproject.yaml",
                "applications[name=api].x-note",
            ])
        #expect(stored.standardOutput == note + "\n")
    }

    private func jsonString(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
