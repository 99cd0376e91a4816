import Foundation
import TestSupport
import Testing

/// Hostile input to the resource commands (docs/contract.md#hostile-input): bombs and oversized
/// events end with 65, a position and no signal, and nothing is committed.
@Suite struct BoundedEventAndSpecTests {
    static let api = "projects/myproject/applications/api"

    @Test(arguments: ["[", #"{"a":"#])
    func aNestingBombIn40KBOfEventIsRefusedWithItsPosition(open: String) throws {
        let workspace = try GitWorkspace()
        let tip = try workspace.remote.tip()
        let event = workspace.folder.child("event.json")
        // 40 KB of nesting inside the payload, under GitHub's 64 KB: the event and the payload
        // are two levels, so the bomb's 511th collection is the 513th level, refused where it opens.
        let bomb = String(repeating: open, count: 40 * 1024 / open.count)
        let prefix = #"{"client_payload": {"path": "\#(Self.api)", "spec": "#
        try (prefix + bomb).write(toFile: event, atomically: true, encoding: .utf8)
        let position = "1:\(prefix.count + 510 * open.count + 1)"
        let result = try workspace.run(["dispatch", "--event", event])
        #expect(result.status == 65 && !result.killedBySignal, "\(result.standardError)")
        #expect(
            result.standardError.hasPrefix(
                "config-api: \(event):\(position): invalid JSON: objects and arrays "
                    + "are nested deeper than 512 levels"), "\(result.standardError)")
        #expect(try workspace.remote.tip() == tip)
        #expect(try workspace.status().isEmpty)
    }

    @Test func anEventFileLargerThan128KiBIsRefusedBeforeItIsParsed() throws {
        let workspace = try GitWorkspace()
        let event = workspace.folder.child("event.json")
        // Not even JSON: the size is checked before a byte of it is parsed.
        try Data(repeating: UInt8(ascii: "["), count: (128 << 10) + 1).write(to: URL(fileURLWithPath: event))
        let result = try workspace.run(["dispatch", "--event", event])
        #expect(result.status == 65 && !result.killedBySignal)
        #expect(
            result.standardError == "config-api: \(event): it is larger than 131072 bytes, the most config-api "
                + "reads here\n")

        // The largest payload GitHub delivers, with 16 KB of the fields GitHub adds, is read.
        let note = String(repeating: "n", count: 65_535 - 200)
        let payload = #"{"path": "\#(Self.api)", "spec": {"x-note": "\#(note)"}}"#
        let repository = #"{"description": "\#(String(repeating: "r", count: 16_000))"}"#
        try #"{"action": "config-api", "client_payload": \#(payload), "repository": \#(repository)}"#
            .write(toFile: event, atomically: true, encoding: .utf8)
        let largest = try workspace.run(["dispatch", "--event", event])
        #expect(largest.status == 0, "\(largest.standardError)")
        #expect(try workspace.remote.content(of: "projects/myproject.yaml").contains(note))
    }

    @Test func aSpecFromStandardInputIsBoundedAndNestingLimited() throws {
        let workspace = try GitWorkspace()
        let tip = try workspace.remote.tip()
        let applied = try workspace.run(
            ["apply", "--path", Self.api, "--spec", "-"], input: Data(#"{"port": 8081}"#.utf8))
        #expect(applied.status == 0, "\(applied.standardError)")
        #expect(try workspace.remote.content(of: "projects/myproject.yaml").contains("port: 8081"))
        let after = try workspace.remote.tip()
        #expect(after != tip)
        let bomb = try workspace.run(
            ["apply", "--path", Self.api, "--spec", "-"], input: Data(String(repeating: "[", count: 100_000).utf8))
        #expect(bomb.status == 65 && !bomb.killedBySignal)
        #expect(bomb.standardError.hasPrefix("config-api: <stdin>:1:513: invalid JSON: objects and arrays"))
        let large = try workspace.run(
            ["apply", "--path", Self.api, "--spec", "-"], input: Data(repeating: 0x20, count: (1 << 20) + 1))
        #expect(large.status == 65 && large.standardError.contains("<stdin>: it is larger than 1048576 bytes"))
        #expect(try workspace.remote.tip() == after)
    }
}
