import Foundation
import TestSupport
import Testing

/// Nesting and size bombs and line breaks config-api does not read, given to the real binary:
/// each is refused with exit 65 and the place where it starts (docs/contract.md#limits-and-refused-input),
/// never ended by a signal (a stack overflow), and the file is left as it was.
@Suite struct HostileInputTests {
    /// A hostile YAML file and where the refusal must point.
    enum HostileFile: CaseIterable, Sendable, CustomTestStringConvertible {
        case fiftyThousandDashes, thirtyThousandBrackets, hundredThousandBrackets, hundredThousandFlowMappings
        case overSixteenMebibytes, carriageReturnsOnly

        var bytes: [UInt8] {
            switch self {
            case .fiftyThousandDashes: return Array((String(repeating: "- ", count: 50_000) + "x\n").utf8)
            case .thirtyThousandBrackets:
                return Array((String(repeating: "[", count: 30_000) + String(repeating: "]", count: 30_000)).utf8)
            case .hundredThousandBrackets: return Array(String(repeating: "[", count: 100_000).utf8)
            case .hundredThousandFlowMappings: return Array(String(repeating: "{a: ", count: 100_000).utf8)
            case .overSixteenMebibytes:
                return Array(repeating: Array(("k: " + String(repeating: "x", count: 60) + "\n").utf8), count: 262_145)
                    .flatMap { $0 }
            case .carriageReturnsOnly: return Array("a: 1\rb: 2\r".utf8)
            }
        }

        /// What stderr says right after `config-api: FILE`: the position, then the reason.
        var refusal: (position: String, reason: String) {
            let nesting = "collections are nested deeper than 512 levels here"
            switch self {
            case .fiftyThousandDashes: return (":1:1025: ", nesting)  // the 513th `- `
            case .thirtyThousandBrackets, .hundredThousandBrackets: return (":1:513: ", nesting)
            case .hundredThousandFlowMappings: return (":1:2049: ", nesting)
            case .overSixteenMebibytes: return (": ", "larger than 16777216 bytes, the most config-api reads")
            case .carriageReturnsOnly:
                return (":1:5: ", "unsupported line break: a carriage return without a line feed")
            }
        }

        var testDescription: String { "\(self)" }
    }

    static let commands: [[String]] = [["get", "FILE", "."], ["set", "FILE", "a", "1", "-i"], ["validate", "FILE"]]

    @Test(arguments: HostileFile.allCases, commands)
    func aHostileFileIsRefusedWithItsPosition(_ hostile: HostileFile, _ command: [String]) throws {
        let scratch = try Scratch()
        let file = try scratch.write(hostile.bytes, named: "bomb.yaml")
        let before = try FileState(file)
        let run = try ConfigAPIProcess.run(command.map { $0 == "FILE" ? file.path : $0 })
        #expect(!run.killedBySignal, "\(hostile) \(command[0]): signal \(run.status)")
        #expect(run.status == 65, "\(hostile) \(command[0]): \(run.standardError)")
        #expect(run.standardOutput.isEmpty)
        let (position, reason) = hostile.refusal
        let firstLine = run.standardError.prefix { $0 != "\n" }
        #expect(
            firstLine.hasPrefix("config-api: \(file.path)\(position)") && firstLine.contains(reason),
            "\(hostile) \(command[0]): \(run.standardError)")
        #expect(try FileState(file) == before)
    }

    /// The same bombs as JSON: a value for `set --json`, and a 40 KB `repository_dispatch` event
    /// (smaller than the 64 KB an event may be, so the parser itself must stop it).
    @Test func deeplyNestedJSONIsRefusedWithItsPosition() throws {
        let scratch = try Scratch()
        let file = try scratch.write(Array("a: 1\n".utf8), named: "project.yaml")
        let brackets = String(repeating: "[", count: 30_000) + String(repeating: "]", count: 30_000)
        let value = try ConfigAPIProcess.run(["set", "--json", file.path, "a", brackets, "-i"])
        #expect(!value.killedBySignal && value.status == 65, "\(value.standardError)")
        #expect(
            value.standardError.hasPrefix(
                "config-api: VALUE:1:513: invalid JSON: objects and arrays are nested deeper"))
        #expect(try String(contentsOf: file, encoding: .utf8) == "a: 1\n")

        let depth = 20_000
        let event =
            #"{"client_payload":{"path":"projects/p/applications/api","action":"apply","spec":{"x":"#
            + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}}}"
        #expect(event.utf8.count > 40_000 && event.utf8.count < 64 << 10)
        let eventFile = try scratch.write(Array(event.utf8), named: "event.json")
        let dispatch = try ConfigAPIProcess.run(["dispatch", "--event", eventFile.path, "-C", scratch.folder.path])
        #expect(!dispatch.killedBySignal && dispatch.status == 65, "\(dispatch.standardError)")
        #expect(
            dispatch.standardError.hasPrefix("config-api: \(eventFile.path):1:"),
            "\(dispatch.standardError)")
        #expect(dispatch.standardError.contains("nested deeper than 512 levels"))
    }
}
