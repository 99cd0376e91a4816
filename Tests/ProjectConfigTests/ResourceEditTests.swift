import ProjectConfig
import Testing

@testable import YAMLPatch

/// Resource edits on the example project file, in process: what each action writes, what each
/// refuses (and with which kind of error), and how many times one run parses the file.
struct ResourceEditTests {
    static let file = "projects/myproject.yaml"

    static func seed() throws -> [UInt8] {
        try PackageFiles.exampleProjects().first { $0.file == file }!.text
    }

    static func edit(_ path: String, _ action: ResourceAction = .apply, _ spec: String? = nil)
        throws(ProjectConfigError) -> ResourceEdit
    {
        ResourceEdit(request: try ResourceRequest(path: path, action: action, specJSON: spec))
    }

    @Test func applyChangesOnlyTheHashLine() throws {
        let before = try Self.seed()
        let after = try Self.edit("projects/myproject/applications/api", .apply, #"{"git": {"hash": "3f2c1a9"}}"#)
            .editedText(of: before)
        let changed = zip(
            String(decoding: before, as: UTF8.self).split(separator: "\n"),
            String(decoding: after, as: UTF8.self).split(separator: "\n")
        ).filter { $0 != $1 }
        #expect(changed.map(\.1) == ["          hash: 3f2c1a9 # set by CI on every successful build"])
    }

    @Test func createThenDeleteGivesTheFileBack() throws {
        let before = try Self.seed()
        let spec = #"{"git": {"type": "github", "owner": "myorg", "repo": "worker", "branch": "main"}, "port": 9090}"#
        let created = try Self.edit("projects/myproject/applications/worker", .create, spec).editedText(of: before)
        #expect(
            String(decoding: created, as: UTF8.self).contains(
                """
                          - example.com

                    - name: worker
                      git:
                          type: github
                          owner: myorg
                          repo: worker
                          branch: main
                      port: 9090

                databases:
                """))
        let deleted = try Self.edit("projects/myproject/applications/worker", .delete).editedText(of: created)
        #expect(deleted == before)
    }

    @Test func anEditThatChangesNothingGivesTheSameBytes() throws {
        let before = try Self.seed()
        #expect(
            try Self.edit("projects/myproject/applications/api", .apply, #"{"port": 8080}"#).editedText(of: before)
                == before)
    }

    @Test(arguments: [
        (
            "projects/myproject/applications/nope", ResourceAction.apply, #"{"port": 1}"# as String?,
            "no application named 'nope'"
        ),
        ("projects/myproject/databases/nope", .delete, nil, "use action create"),
        ("projects/myproject/databases/redis", .create, #"{"type": "redis"}"#, "database 'redis' already exists"),
    ])
    func requestsThatDoNotFitTheFileAreConflicts(
        path: String, action: ResourceAction, spec: String?,
        message: String
    ) throws {
        let seed = try Self.seed()
        do {
            _ = try Self.edit(path, action, spec).editedText(of: seed)
            Issue.record("accepted")
        } catch {
            #expect(error.kind == .conflict && error.file == Self.file)
            #expect(error.message.contains(message), "\(error.message)")
        }
    }

    @Test func twoItemsOfOneNameAreAConflict() throws {
        let twice = Array("applications:\n    - name: api\n      port: 1\n    - name: api\n      port: 2\n".utf8)
        #expect(
            throws: ProjectConfigError(
                .conflict,
                "2 applications are named 'api' in projects/myproject.yaml; "
                    + "names must be unique", file: Self.file)
        ) {
            try Self.edit("projects/myproject/applications/api", .apply, #"{"port": 3}"#).editedText(of: twice)
        }
    }

    @Test func aMissingFileIsAMissingProject() throws {
        #expect(
            throws: ProjectConfigError(
                .missingProject,
                "no such project 'myproject': the branch has no "
                    + "projects/myproject.yaml")
        ) {
            try Self.edit("projects/myproject/applications/api", .apply, "{}").editedText(of: nil)
        }
    }

    @Test func anInvalidResultCarriesEveryIssue() throws {
        let seed = try Self.seed()
        do {
            _ = try Self.edit("projects/myproject/applications/api", .apply, #"{"port": 0, "domain": "x"}"#)
                .editedText(of: seed)
            Issue.record("accepted")
        } catch {
            #expect(error.kind == .invalidProject)
            #expect(error.issues.map(\.line) == [12, 15])
            #expect(error.line == 12 && error.message == "application 'api': port 0 is out of range 1–65535")
        }
    }

    @Test func aFileThatIsNotYAMLIsAnEditError() throws {
        do {
            _ = try Self.edit("projects/myproject/applications/api", .apply, "{}").editedText(of: Array("a: [\n".utf8))
            Issue.record("accepted")
        } catch {
            #expect(error.kind == .edit(.syntax) && error.file == Self.file && error.line == 2)
        }
    }

    #if DEBUG
        /// One attempt parses the file once, and YAMLPatch re-parses the edited text once to verify
        /// it; validation reads the tree of that re-parse (docs/architecture.md). Counted at libyaml.
        @available(macOS 15.0, *)
        @Test(arguments: [
            ("projects/myproject/applications/api", ResourceAction.apply, #"{"git": {"hash": "3f2c1a9"}}"# as String?),
            (
                "projects/myproject/databases/reports", .create,
                #"{"type": "redis", "version": "7", "port": 1, "size": "1"}"#
            ),
            ("projects/myproject/applications/frontend", .delete, nil),
            ("projects/myproject/applications/api", .apply, #"{"port": 70000}"#),
        ])
        func oneAttemptIsOneParseAndOneVerifyingReparse(path: String, action: ResourceAction, spec: String?) throws {
            let seed = try Self.seed()
            let edit = try Self.edit(path, action, spec)
            #expect(ParseCounting.parses { _ = try? edit.editedText(of: seed) } == 2)
            let nothingToDo = try Self.edit(path, .apply, "{}")
            #expect(ParseCounting.parses { _ = try? nothingToDo.editedText(of: seed) } == 1)
        }
    #endif
}
