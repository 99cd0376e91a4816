import Foundation
import Testing

/// File commands through the real `config-api` binary: the example project file edited
/// in place touching one line, and bad input refused with the documented exit code, a
/// positioned message, and the file untouched.
@Suite struct FileCommandTests {
    static let seed = PackageFiles.root.appendingPathComponent("projects/myproject.yaml")

    @Test func setChangesExactlyTheHashLineAndKeepsItsComment() throws {
        let file = try Scratch().copy(Self.seed)
        let before = try String(contentsOf: file, encoding: .utf8)
        let run = try CLI.run("set", file.path, "applications[name=api].git.hash", "3f2c1a9", "-i")
        #expect(run.status == 0 && run.standardOutput.isEmpty && run.standardError.isEmpty)
        let after = try String(contentsOf: file, encoding: .utf8)
        #expect(
            changedLines(before, after) == [
                .init(
                    old: "          hash: ~ # set by CI on every successful build",
                    new: "          hash: 3f2c1a9 # set by CI on every successful build")
            ])
    }

    @Test func mergeChangesOneLineAndInsertsReplicasAfterTheLastKey() throws {
        let file = try Scratch().copy(Self.seed)
        let before = try String(contentsOf: file, encoding: .utf8)
        let run = try CLI.run(
            "merge", file.path, "applications[name=frontend]", #"{"git":{"hash":"abc1234"},"replicas":2}"#, "-i")
        #expect(run.status == 0)
        let after = try String(contentsOf: file, encoding: .utf8)
        let oldLines = before.split(separator: "\n", omittingEmptySubsequences: false)
        var expected = oldLines
        let hash = try #require(oldLines.lastIndex(of: "          hash: ~"))
        expected[hash] = "          hash: abc1234"
        let lastDomain = try #require(oldLines.firstIndex(of: "          - example.com"))
        expected.insert("      replicas: 2", at: lastDomain + 1)
        #expect(after.split(separator: "\n", omittingEmptySubsequences: false) == expected)
    }

    @Test func withoutInPlaceTheNewDocumentGoesToStdoutAndTheFileStays() throws {
        let file = try Scratch().copy(Self.seed)
        let before = try FileState(file)
        let run = try CLI.run("set", "--json", file.path, "databases[name=redis].port", "6380")
        #expect(run.status == 0)
        #expect(
            run.standardOutput.contains("      port: 6380\n")
                && run.standardOutput.hasPrefix("# yaml-language-server: $schema=../chart/project-file.schema.json\n")
        )
        #expect(try FileState(file) == before)
        let get = try CLI.run("get", file.path, "databases[name=redis].version")
        #expect(get.standardOutput == "7.0\n")
        let block = try CLI.run("get", file.path, "applications[name=frontend].domains")
        #expect(block.standardOutput == "- www.example.com\n- example.com\n")
    }

    @Test func deleteAndAppendWorkInPlace() throws {
        let file = try Scratch().copy(Self.seed)
        #expect(
            try CLI.run("append", file.path, "applications[name=api].domains", #""api2.example.com""#, "-i").status == 0
        )
        #expect(try CLI.run("delete", file.path, "databases[name=mysql]", "-i").status == 0)
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(
            text.contains("          - api.example.com\n          - api2.example.com\n\n    # The public web site."))
        #expect(text.contains("databases:\n    - name: redis\n"))
    }

    @Test func anAliasReadsTheMostRecentAnchorBeforeItInEveryCommand() throws {
        let scratch = try Scratch()
        let file = try scratch.write(Array("a: &x 1\nb: *x\nc: &x 2\n".utf8), named: "aliases.yaml")
        #expect(try CLI.run("get", file.path, "b").standardOutput == "1\n")
        #expect(try CLI.run("get", "--json", file.path, "b").standardOutput == "1\n")
        #expect(try CLI.run("get", "--json", file.path, ".").standardOutput == #"{"a":1,"b":1,"c":2}"# + "\n")
        let seed = try String(contentsOf: Self.seed, encoding: .utf8)
        let project =
            "x-port: &port 8080\n" + seed.replacingOccurrences(of: "port: 8080", with: "port: *port")
            + "x-later: &port not a port\n"
        let projectFile = try scratch.write(Array(project.utf8), named: "myproject.yaml")
        let validation = try CLI.run("validate", projectFile.path)
        #expect(validation.status == 0, "\(validation.standardError)")
    }

    @Test(arguments: BadInput.allCases)
    func badInputIsRefusedAndTheFileIsUntouched(_ input: BadInput) throws {
        let scratch = try Scratch()
        let file = try scratch.write(input.fileBytes, named: "project.yaml")
        let before = try FileState(file)
        let run = try CLI.run(input.arguments(file.path))
        #expect(run.status == input.status, "\(input): \(run.standardError)")
        #expect(
            run.standardError.hasPrefix("config-api: ") && run.standardError.contains(input.position),
            "\(input): \(run.standardError)")
        #expect(run.standardOutput.isEmpty)
        #expect(try FileState(file) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.folder.path) == ["project.yaml"])
    }

    @Test func aFileThatCannotBeReplacedIsExit73() throws {
        // /proc refuses new files even to root; its `comm` file reads as the YAML scalar "config-api".
        let run = try CLI.run("set", "/proc/self/comm", ".", "other")
        #expect(run.status == 0 && run.standardOutput == "other\n")
        let write = try CLI.run("set", "/proc/self/comm", ".", "other", "-i")
        #expect(write.status == 73, "\(write.standardError)")
        #expect(write.standardError.hasPrefix("config-api: /proc/self/comm: cannot write"))
    }

    @Test func billionLaughsIsEditedWithoutExpansion() throws {
        var text = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for (previous, name) in zip("abcdefgh", "bcdefghi") {
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
        }
        let file = try Scratch().write(Array((text + "image: v1\n").utf8), named: "laughs.yaml")
        let run = try CLI.run("set", file.path, "image", "v2", "-i")
        #expect(run.status == 0)
        #expect(try String(contentsOf: file, encoding: .utf8) == text + "image: v2\n")
    }
}

/// Bad inputs, with the exit code and the position each must report (docs/contract.md#exit-codes).
enum BadInput: CaseIterable, Sendable {
    case invalidYAML, nonUTF8, missingFile, noMatch, malformedPath, malformedJSON, throughAlias

    var fileBytes: [UInt8] {
        switch self {
        case .invalidYAML: return Array("apps:\n  - name: api\n    port: [80\n".utf8)
        case .nonUTF8: return [0x61, 0x3A, 0x20, 0x62, 0x0A, 0x63, 0x3A, 0x20, 0xC3, 0x28, 0x0A]
        case .throughAlias: return Array("base: &base\n  port: 80\napi: *base\n".utf8)
        case .missingFile, .noMatch, .malformedPath, .malformedJSON:
            return Array("apps:\n  - name: api\n    port: 80\n".utf8)
        }
    }

    func arguments(_ file: String) -> [String] {
        switch self {
        case .invalidYAML, .nonUTF8: return ["set", file, "apps", "x", "-i"]
        case .missingFile: return ["set", file + ".missing", "apps", "x", "-i"]
        case .noMatch: return ["set", file, "apps[name=web].port", "81", "-i"]
        case .malformedPath: return ["set", file, "apps[name=api", "81", "-i"]
        case .malformedJSON: return ["merge", file, "apps[0]", #"{"port": [80}"#, "-i"]
        case .throughAlias: return ["set", "--json", file, "api.port", "81", "-i"]
        }
    }

    var status: Int32 { self == .missingFile ? 66 : 65 }

    /// What the message must contain to say where the problem is.
    var position: String {
        switch self {
        case .invalidYAML: return "project.yaml:4:1: "
        case .nonUTF8: return "project.yaml:2:4: invalid UTF-8"
        case .missingFile: return "project.yaml.missing: cannot read"
        case .noMatch:
            return "project.yaml:2:3: path 'apps[name=web].port' matches nothing: "
                + "the sequence here has no item with name=web"
        case .malformedPath: return "column 14"
        case .malformedJSON: return "SPEC_JSON:1:13: invalid JSON: did not find expected ',' or ']'"
        case .throughAlias: return "project.yaml:3:6: "
        }
    }
}
