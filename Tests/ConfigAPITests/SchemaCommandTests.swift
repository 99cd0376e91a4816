import Foundation
import Testing

/// `config-api schema`, run as the real binary: what it prints, in which form, and its help.
struct SchemaCommandTests {
    /// Both forms are one JSON object, indented, ending in one newline, and the same bytes on every
    /// run (each process hashes with another seed, so an unordered dictionary would show).
    @Test(arguments: [[], ["--chart-values"]])
    func printsOneIndentedStableJSONObject(flags: [String]) throws {
        let first = try CLI.run(["schema"] + flags)
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardError.isEmpty)
        #expect(first.standardOutput.hasPrefix("{\n  \"$schema\": \"http://json-schema.org/draft-07/schema#\",\n"))
        #expect(first.standardOutput.hasSuffix("}\n") && !first.standardOutput.hasSuffix("\n\n"))
        let object = try JSONSerialization.jsonObject(with: Data(first.standardOutput.utf8)) as? [String: Any]
        let properties = try #require(object?["properties"] as? [String: Any])
        #expect(properties["applications"] != nil && properties["databases"] != nil)
        #expect((properties["project"] != nil) == (flags == ["--chart-values"]))
        #expect(try CLI.run(["schema"] + flags).standardOutput == first.standardOutput)
    }

    @Test func helpNamesBothFilesAndTheModeline() throws {
        let help = try CLI.run("schema", "--help")
        #expect(help.status == 0)
        #expect(help.standardOutput.contains("config-api schema --chart-values > chart/values.schema.json"))
        #expect(help.standardOutput.contains("config-api schema > chart/project-file.schema.json"))
        #expect(help.standardOutput.contains("# yaml-language-server: $schema=../chart/project-file.schema.json"))
    }

    @Test func aFullStandardOutputIsExit74() throws {
        let process = Process()
        process.executableURL = PackageFiles.configAPI
        process.arguments = ["schema"]
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full"))
        process.standardError = Pipe()
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 74)
    }

    @Test func anUnknownFlagIsExit64() throws {
        let result = try CLI.run("schema", "--chart")
        #expect(result.status == 64)
        #expect(result.standardOutput.isEmpty)
    }
}
