import ProjectConfig
import Testing

/// The resource path grammar, `projects/<project>/(applications|databases)/<name>`
/// (docs/contract.md#commands).
struct ResourcePathTests {
    @Test func seedPathParses() throws {
        let path = try ResourcePath(parsing: "projects/myproject/applications/api")
        #expect(path.project == "myproject")
        #expect(path.kind == .applications)
        #expect(path.name == "api")
        #expect(path.file == "projects/myproject.yaml")
        #expect(path.selector.description == "applications[name=api]")
        #expect(path.description == "projects/myproject/applications/api")
        let database = try ResourcePath(parsing: "projects/shop-2/databases/redis")
        #expect(database.selector.description == "databases[name=redis]")
    }

    @Test(arguments: [
        ("projects/../x", "'.' and '..'"),
        ("projects/p/applications/../../x", "'.' and '..'"),
        ("projects/p/applications/..", "'.' and '..'"),
        ("/projects/p/applications/api", "empty segment"),
        ("projects/p/applications/api/", "empty segment"),
        ("projects//applications/api", "empty segment"),
        ("projects/p/applications", "3 segments"),
        ("projects/p/applications/api/extra", "5 segments"),
        ("repos/p/applications/api", "start with 'projects/'"),
        ("projects/p/secrets/api", "unknown sub-resource 'secrets'"),
        ("projects/p/Applications/api", "unknown sub-resource"),
        ("projects/p/applications/api;rm -rf ~", "contains ';'"),
        ("projects/p/applications/$(id)", "contains '$'"),
        ("projects/p/applications/a`b`", "contains '`'"),
        ("projects/p/applications/a b", "contains ' '"),
        ("projects/p/applications/api\n", "contains 'U+000A'"),
        ("projects/p&q/applications/api", "project name contains '&'"),
        ("projects/p/applications/API", "capital letter"),
        ("projects/p/applications/-api", "start and end"),
        ("projects/p/applications/" + String(repeating: "a", count: 64), "64 characters"),
    ])
    func refusals(path: String, reason: String) {
        do {
            _ = try ResourcePath(parsing: path)
            Issue.record("accepted \(path)")
        } catch {
            #expect(error.kind == .invalidRequest)
            #expect(error.message.contains(reason), "\(error.message)")
            #expect(error.message.contains("expected projects/<project>/applications/<name>"))
        }
    }
}
