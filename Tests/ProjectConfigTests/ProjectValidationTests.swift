import Foundation
import ProjectConfig
import Testing
import YAMLPatch

/// The project-file schema the platform's Helm chart consumes, one refusal per rule, each located.
struct ProjectValidationTests {
    /// The example project's first items, valid as they stand; each test breaks one line of it.
    static let seed = """
        applications:
            - name: api
              git:
                  type: github
                  owner: myorg
                  repo: my-api
                  branch: main
                  hash: ~
              port: 8080
              domains:
                  - api.example.com

        databases:
            - name: mysql
              type: mysql
              version: "8.0"
              port: 3306
              size: 5Gi

        """

    @Test func bundledProjectsAreValid() throws {
        let projects = try PackageFiles.exampleProjects()
        #expect(projects.count >= 2)
        for (file, text) in projects {
            #expect(ProjectValidation.issues(inText: text, file: file) == [], "\(file)")
        }
    }

    @Test func seedIsValidAndAcceptsItsVariants() {
        #expect(issues(Self.seed) == [])
        #expect(issues(Self.seed.replacingOccurrences(of: "hash: ~", with: "hash: \"1234567\"")) == [])
        #expect(issues(Self.seed.replacingOccurrences(of: "hash: ~", with: "hash: 3F2C1A9d0e")) == [])
        #expect(issues(Self.seed.replacingOccurrences(of: "          hash: ~\n", with: "")) == [])
        #expect(issues(Self.seed.replacingOccurrences(of: "size: 5Gi", with: "size: 1024")) == [])
        #expect(issues(Self.seed.replacingOccurrences(of: "size: 5Gi", with: "size: 1.5G")) == [])
        #expect(issues(Self.seed.replacingOccurrences(of: "branch: main", with: "branch: release/v1.2_rc-3")) == [])
        #expect(
            issues(
                Self.seed.replacingOccurrences(
                    of: "      domains:\n          - api.example.com\n", with: "      domains: []\n")) == [])
        // Shell metacharacters are stored literally where a field may hold them: in x- notes.
        #expect(
            issues(
                Self.seed.replacingOccurrences(
                    of: "port: 8080", with: "port: 8080\n      x-note: \"$(rm -rf /); `id`\"")) == [])
    }

    @Test(arguments: [
        ("port: 8080", "port: 70000", 9, "port 70000 is out of range 1–65535"),
        ("port: 3306", "port: 0", 17, "port 0 is out of range"),
        ("port: 8080", "port: \"8080\"", 9, "remove the quotes"),
        ("type: mysql", "type: oracle", 15, "database 'mysql': type 'oracle' is not supported"),
        ("type: mysql", "type: postgresql", 15, "did you mean 'postgres'?"),
        ("size: 5Gi", "size: 5GB", 18, "write 5Gi or 5G"),
        ("size: 5Gi", "size: lots", 18, "not a Kubernetes quantity"),
        ("size: 5Gi", "size: 500m", 18, "millibytes"),
        ("size: 5Gi", "size: 0", 18, "size must be a Kubernetes quantity"),
        ("version: \"8.0\"", "version: 8.0", 16, "quote it: \"8.0\""),
        ("version: \"8.0\"", "version: \"8.0 ; rm\"", 16, "cannot be an image tag"),
        ("- api.example.com", "- \"$(rm -rf /)\"", 11, "domain '$(rm -rf /)' is not a hostname"),
        ("- api.example.com", "- api_example.com", 11, "contains '_'"),
        ("- api.example.com", "- API.example.com", 11, "use lowercase"),
        ("- api.example.com", "- \"*.example.com\"", 11, "wildcard"),
        ("- api.example.com", "- 10.0.0.1", 11, "IP address"),
        ("owner: myorg", "owner: my;org", 5, "git.owner 'my;org' contains ';'"),
        ("owner: myorg", "owner: \"-org\"", 5, "hyphen"),
        ("repo: my-api", "repo: \"my api\"", 6, "contains ' '"),
        ("repo: my-api", "repo: my-api.git", 6, "without it"),
        ("branch: main", "branch: \"main#x\"", 7, "contains '#'"),
        ("branch: main", "branch: \"a..b\"", 7, "'..'"),
        ("branch: main", "branch: x.lock", 7, ".lock"),
        ("type: github", "type: gitlab", 4, "git.type must be github"),
        ("hash: ~", "hash: 1234567", 8, "quote it: \"1234567\""),
        ("hash: ~", "hash: 12e4567", 8, "is read as a number"),
        ("hash: ~", "hash: abc", 8, "not a commit hash"),
        ("hash: ~", "hash: \"\"", 8, "write ~ (null)"),
        ("name: api", "name: Api", 2, "capital letter"),
        ("name: api", "name: 1api", 2, "must start with a letter"),
        ("name: api", "name: 42", 2, "name 42 is read as a number"),
        ("name: mysql", "name: api", 14, "applications and databases share the project's namespace"),
        ("domains:", "domain:", 10, "unknown key 'domain' (did you mean 'domains'?)"),
        ("port: 8080", "port: 8080\n      replicas: 2", 10, "unknown key 'replicas'"),
        ("port: 8080", "port: 8080\n      port: 80", 10, "duplicate key 'port'"),
        ("databases:", "project: other\ndatabases:", 13, "project is set by the ApplicationSet"),
    ])
    func refusals(original: String, replacement: String, line: Int, message: String) {
        let text = Self.seed.replacingOccurrences(of: original, with: replacement)
        #expect(text != Self.seed)
        let found = issues(text)
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.line == line, "\(found)")
        #expect(found.first?.message.contains(message) == true, "\(found)")
    }

    @Test func missingApplicationFieldsAreNamedAtTheItem() {
        let found = issues(Self.seed.replacingOccurrences(of: "      port: 8080\n", with: ""))
        #expect(
            found == [ValidationIssue(line: 2, column: 7, message: "application 'api': missing required key 'port'")])
    }

    @Test func duplicateApplicationNamesAreRefusedWithTheFirstLine() {
        let twice = Self.seed.replacingOccurrences(
            of: "\ndatabases:",
            with: """
                    - name: api
                      git: {type: github, owner: myorg, repo: other, branch: main}
                      port: 80

                databases:
                """)
        let found = issues(twice)
        #expect(found.count == 1)
        #expect(found.first?.line == 12)
        #expect(found.first?.message.contains("already used by the application 'api' at line 2") == true)
    }

    @Test func domainsAreUniqueAcrossApplications() {
        let second = Self.seed.replacingOccurrences(
            of: "\ndatabases:",
            with: """
                    - name: web
                      git: {type: github, owner: myorg, repo: web, branch: main}
                      port: 80
                      domains: [www.example.com, api.example.com]

                databases:
                """)
        let found = issues(second)
        #expect(found.count == 1)
        #expect(found.first?.message.contains("already routed by the application 'api' at line 11") == true)
    }

    @Test func everyIssueIsReportedInLineOrder() throws {
        let found = ProjectValidation.issues(
            inText: try PackageFiles.fixture("broken-project.yaml"),
            file: "projects/myproject.yaml")
        #expect(found.map(\.line) == [6, 10, 12, 13, 17, 18, 19, 21])
    }

    @Test(arguments: [
        ("", "the file is empty"),
        ("# only a comment\n", "the file is empty"),
        ("- api\n", "must be a mapping"),
        ("x-owner: team-a\n", "neither applications nor databases"),
        ("applications: api\n", "applications must be a list"),
        ("applications:\n    - api\n", "must be a mapping"),
        ("applications: []\n---\ndatabases: []\n", "a second YAML document"),
        ("base: &b {port: 80}\napplications: []\n", "the project file: unknown key 'base'"),
        ("applications:\n    - <<: {port: 80}\n", "merge keys"),
        ("applications: [\n", "did not find expected node content"),
    ])
    func documentShapes(text: String, message: String) {
        let found = issues(text)
        #expect(found.contains { $0.message.contains(message) }, "\(found)")
    }

    @Test func emptyListsAndNullListsAreValid() {
        #expect(issues("applications: []\ndatabases:\n") == [])
    }

    @Test func aliasesAreFollowed() {
        let text = """
            applications:
                - name: api
                  git: &git {type: github, owner: myorg, repo: api, branch: main, hash: ~}
                  port: 8080
                - name: worker
                  git: *git
                  port: 70000
            """
        #expect(
            issues(text) == [
                ValidationIssue(
                    line: 7, column: 13, message: "application 'worker': port 70000 is out of range 1–65535")
            ])
    }

    @Test(arguments: [
        ("projects/My_Project.yaml", "it becomes the Kubernetes namespace"),
        ("projects/shop.yml", "does not end in .yaml"),
    ])
    func fileNamesAreProjectNames(file: String, message: String) {
        let found = ProjectValidation.issues(inText: Array(Self.seed.utf8), file: file)
        #expect(found.contains { $0.message.contains(message) }, "\(found)")
    }

    @Test func longDatabaseNamesWouldBreakTheStatefulSet() {
        let name = String(repeating: "d", count: 40)
        let found = ProjectValidation.issues(
            inText: Array(Self.seed.replacingOccurrences(of: "name: mysql", with: "name: \(name)").utf8),
            file: "projects/a-long-project.yaml")
        #expect(found.count == 1)
        #expect(found.first?.message.contains("longer than 52 characters") == true)
    }

    @Test func requireValidThrowsEveryIssueInOneError() throws {
        let text = try PackageFiles.fixture("broken-project.yaml")
        do {
            try ProjectValidation.requireValid(DocumentTree(parsing: text), file: "projects/broken.yaml")
            Issue.record("accepted")
        } catch let error as ProjectConfigError {
            #expect(error.kind == .invalidProject)
            #expect(error.file == "projects/broken.yaml" && error.line == 6 && error.column == 18)
            #expect(error.message == error.issues.first?.message)
            #expect(error.issues.count == 8)
            #expect(error.issues.last?.description.hasPrefix("21:13: database 'api': size '5GB'") == true)
        }
        try ProjectValidation.requireValid(DocumentTree(parsing: Self.seed), file: "projects/myproject.yaml")
    }

    private func issues(_ text: String) -> [ValidationIssue] {
        ProjectValidation.issues(inText: Array(text.utf8), file: "projects/myproject.yaml")
    }
}
