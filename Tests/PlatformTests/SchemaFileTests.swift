import Foundation
import Testing

/// The schemas in the repository are what `config-api schema` prints, and the example projects
/// name theirs for editors on a first line that no config-api edit touches.
struct SchemaFileTests {
    static let modeline = "# yaml-language-server: $schema=../chart/project-file.schema.json"

    /// chart/values.schema.json (Helm) and chart/project-file.schema.json (editors), byte for byte.
    @Test(arguments: [("values.schema.json", ["--chart-values"]), ("project-file.schema.json", [])])
    func committedSchemaIsTheCommandsOutput(file: String, flags: [String]) throws {
        let printed = try PlatformTools.run(try PlatformTools.configAPI, ["schema"] + flags).check("config-api schema")
        let committed = try String(contentsOf: PlatformTools.chart.appendingPathComponent(file), encoding: .utf8)
        let command = (["config-api", "schema"] + flags).joined(separator: " ")
        let regenerate = "swift build && .build/debug/\(command) > chart/\(file)"
        #expect(committed == printed.standardOutput,
                "chart/\(file) is not what `\(command)` prints; regenerate it: \(regenerate)")
    }

    /// The first line names the project-file schema by a path the YAML language server resolves
    /// from the file's folder.
    @Test(arguments: PlatformTools.exampleProjects)
    func exampleNamesTheProjectFileSchema(project: String) throws {
        let file = ChartRenderer.exampleFile(project)
        let firstLine = try String(contentsOf: file, encoding: .utf8).prefix { $0 != "\n" }
        #expect(firstLine == Self.modeline)
        let schema = file.deletingLastPathComponent()
            .appendingPathComponent(String(Self.modeline.split(separator: "=", maxSplits: 1)[1]))
        #expect(schema.standardizedFileURL == PlatformTools.chart.appendingPathComponent("project-file.schema.json")
            .standardizedFileURL)
        #expect(FileManager.default.fileExists(atPath: schema.path))
    }

    /// Every kind of config-api edit, file and resource commands, keeps the first line; the
    /// file stays valid for config-api throughout.
    @Test(arguments: PlatformTools.exampleProjects)
    func editsKeepTheModeline(project: String) throws {
        let repository = try ProjectRepository()
        let file = repository.file(of: project)
        let application = try #require(try applicationNames(in: file).first)
        let path = "projects/\(project)/applications"
        let edits: [[String]] = [
            ["bump", "-C", repository.root.path, "--no-push", project, application, "abcdef0"],
            ["apply", "-C", repository.root.path, "--no-push", "--path", "\(path)/worker", "--action", "create",
             "--spec", #"{"git":{"type":"github","owner":"o","repo":"w","branch":"main"},"port":9000}"#],
            ["apply", "-C", repository.root.path, "--no-push", "--path", "\(path)/\(application)",
             "--action", "delete"],
            ["set", file.path, "applications[0].git.branch", "release", "-i"],
            ["set", "--json", file.path, "applications[0].port", "8081", "-i"],
            ["merge", file.path, "applications[0]", #"{"domains":["edit.example.com"]}"#, "-i"],
            ["append", file.path, "applications[0].domains", #""more.example.com""#, "-i"],
            ["delete", file.path, "applications[0].domains[0]", "-i"],
        ]
        for edit in edits {
            try repository.configAPI(edit)
            let firstLine = try String(contentsOf: file, encoding: .utf8).prefix { $0 != "\n" }
            #expect(firstLine == Self.modeline, "after config-api \(edit[0])")
            try repository.configAPI(["validate", file.path])
        }
    }
}
