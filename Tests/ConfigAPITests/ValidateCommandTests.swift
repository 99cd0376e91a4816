import Foundation
import Testing

/// `config-api validate`, run as the real binary: exit codes, stdout and stderr.
struct ValidateCommandTests {
    @Test func bundledProjectsPass() throws {
        let result = try ProcessResult.run(PackageFiles.configAPI, ["validate"], in: PackageFiles.root)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == "2 files valid\n")
        #expect(result.standardError.isEmpty)
    }

    /// A copy of `projects/` with a broken file: every error is named with its line.
    @Test func brokenCopyNamesEachErrorLine() throws {
        let folder = try Scratch().folder
        defer { try? FileManager.default.removeItem(at: folder) }
        let projects = folder.appendingPathComponent("projects")
        try FileManager.default.copyItem(at: PackageFiles.root.appendingPathComponent("projects"), to: projects)
        try FileManager.default.copyItem(
            at: PackageFiles.fixture("broken-project.yaml"), to: projects.appendingPathComponent("broken.yaml"))

        let result = try ProcessResult.run(PackageFiles.configAPI, ["validate"], in: folder, environment: [:])
        #expect(result.status == 65)
        let lines = result.standardError.split(separator: "\n").map(String.init)
        let located = lines.filter { $0.hasPrefix("config-api: projects/broken.yaml:") }
        #expect(located.map { $0.split(separator: ":")[2] } == ["6", "10", "12", "13", "17", "18", "19", "21"])
        #expect(
            located.contains(
                "config-api: projects/broken.yaml:10:13: application 'api': port 70000 is out of range 1–65535"))
        #expect(lines.last == "config-api: 1 of 3 files invalid")
        #expect(result.standardOutput.isEmpty)
    }

    @Test func annotationsInGitHubActions() throws {
        let result = try ProcessResult.run(
            PackageFiles.configAPI, ["validate", PackageFiles.fixture("broken-project.yaml").path],
            environment: ["GITHUB_ACTIONS": "true"])
        #expect(result.status == 65)
        let annotations = result.standardOutput.split(separator: "\n").filter { $0.hasPrefix("::error file=") }
        #expect(annotations.count == 8)
        #expect(
            annotations.contains {
                $0.hasSuffix(",line=10,col=13::application 'api': port 70000 is out of range 1–65535")
            })
    }

    @Test func missingNamedFileExits66() throws {
        let result = try ProcessResult.run(
            PackageFiles.configAPI, ["validate", "projects/myproject.yaml", "projects/absent.yaml"],
            in: PackageFiles.root)
        #expect(result.status == 66)
        #expect(result.standardError.contains("config-api: projects/absent.yaml: no such file"))
    }

    @Test func folderWithoutProjectsExits66() throws {
        let folder = try Scratch().folder
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try ProcessResult.run(PackageFiles.configAPI, ["validate"], in: folder)
        #expect(result.status == 66)
        #expect(result.standardError.contains("projects/*.yaml matches nothing"))
    }
}
