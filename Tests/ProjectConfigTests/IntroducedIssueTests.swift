import ProjectConfig
import TestSupport
import Testing
import YAMLPatch

/// Validation refuses what an edit introduces; what the file already had is a warning
/// (docs/contract.md#validation).
struct IntroducedIssueTests {
    static let file = "projects/shop.yaml"

    static let brokenApp0 = ProjectFixtures.shopWithBrokenApp0

    static func edited(_ text: String, _ path: String, _ action: ResourceAction = .apply, _ spec: String? = nil)
        throws(ProjectConfigError) -> ResourceEdit.EditedFile
    {
        try ResourceEdit(request: ResourceRequest(path: path, action: action, specJSON: spec))
            .editedFile(of: Array(text.utf8))
    }

    @Test func anEditOfAnotherItemLandsWithTheOldProblemAsAWarning() throws {
        let edited = try Self.edited(Self.brokenApp0, "projects/shop/applications/app1", .apply, #"{"port": 82}"#)
        #expect(String(decoding: edited.text, as: UTF8.self).contains("port: 82"))
        #expect(edited.warnings.map(\.description) == ["4:13: application 'app0': port 0 is out of range 1–65535"])
        #expect(edited.warnings.map(\.path.description) == ["applications[name=app0].port"])
    }

    @Test func anEditOfTheBrokenItemThatLeavesTheProblemAsItWasLands() throws {
        let edited = try Self.edited(
            Self.brokenApp0, "projects/shop/applications/app0", .apply, #"{"git": {"hash": "abc1234"}}"#)
        #expect(edited.warnings.count == 1)
    }

    @Test(arguments: [
        // The same problem, worse: a new message at the same place.
        ("projects/shop/applications/app0", ResourceAction.apply, #"{"port": 70000}"# as String?, "port 70000"),
        // The same message at a new place.
        ("projects/shop/applications/app1", .apply, #"{"port": 0}"#, "application 'app1': port 0"),
        // A new item with a problem.
        ("projects/shop/applications/app3", .create, #"{"port": 0}"#, "application 'app3': missing required key 'git'"),
    ])
    func anEditThatIntroducesAProblemIsRefusedForThatProblemOnly(
        path: String, action: ResourceAction, spec: String?, message: String
    ) throws {
        do {
            _ = try Self.edited(Self.brokenApp0, path, action, spec)
            Issue.record("accepted")
        } catch {
            #expect(error.kind == .invalidProject)
            #expect(error.message.contains(message), "\(error)")
            #expect(!error.issues.contains { $0.message == "application 'app0': port 0 is out of range 1–65535" })
        }
    }

    @Test func aValidFileStaysStrictlyChecked() throws {
        let valid = Self.brokenApp0.replacingOccurrences(of: "port: 0", with: "port: 80")
        #expect(throws: ProjectConfigError.self) {
            try Self.edited(valid, "projects/shop/applications/app1", .apply, #"{"port": 0}"#)
        }
        #expect(try Self.edited(valid, "projects/shop/applications/app1", .apply, #"{"port": 82}"#).warnings.isEmpty)
    }

    /// An edit that moves lines keeps an old problem old, even when its message cites a line:
    /// the second `web` is one problem before and after new lines land above both.
    @Test func problemsAreComparedByPathAndMessageNotByLine() throws {
        let twice = """
            applications:
                - name: other
                  git: {type: github, owner: o, repo: r1, branch: main, hash: ~}
                  port: 81
                - name: web
                  git: {type: github, owner: o, repo: r0, branch: main, hash: ~}
                  port: 80
            databases:
                - {name: web, type: redis, version: "7", port: 6379, size: 1Gi}

            """
        let edited = try Self.edited(
            twice, "projects/shop/applications/other", .apply, #"{"domains": ["a.example.com"]}"#)
        #expect(edited.warnings.count == 1)
        #expect(edited.warnings.first?.line == 10, "\(edited.warnings)")
        #expect(edited.warnings.first?.message.contains("by the application 'web' at line 6") == true)
        let before = ProjectValidation.issues(inText: Array(twice.utf8), file: Self.file)
        #expect(before.first?.line == 9 && before.first?.message.contains("at line 5") == true, "\(before)")
    }

    @Test func eachOldProblemExcusesOneNewOne() {
        let issue = ValidationIssue(
            line: 3, column: 1, message: "m (first at line 2)", path: YAMLPath(steps: [.key("a")]))
        var moved = issue
        moved.line = 9
        moved.message = "m (first at line 8)"
        let split = ProjectValidation.split([moved, moved], comparedWith: [issue])
        #expect(split.existing == [moved] && split.introduced == [moved])
        var elsewhere = moved
        elsewhere.path = YAMLPath(steps: [.key("b")])
        #expect(ProjectValidation.split([elsewhere], comparedWith: [issue]).introduced == [elsewhere])
    }
}
