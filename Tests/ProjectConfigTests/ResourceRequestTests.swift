import ProjectConfig
import Testing
import YAMLPatch

/// Requests as values: the command-line form and a payload object give the same request, and a
/// list of payload objects gives a list of requests (what a batch will be made of).
struct ResourceRequestTests {
    static let hash = YAMLValue.mapping([
        .init(key: "git", value: .mapping([.init(key: "hash", value: .string("3f2c1a9"))]))
    ])

    @Test func theCommandLineFormAndThePayloadFormAreEqual() throws {
        let fromArguments = try ResourceRequest(
            path: "projects/shop/applications/api", action: .apply,
            specJSON: #"{"git": {"hash": "3f2c1a9"}}"#)
        let fromPayload = try ResourceRequest(
            payload: JSONText.parse(
                #"{"path": "projects/shop/applications/api", "spec": {"git": {"hash": "3f2c1a9"}}}"#, origin: "test"))
        let built = try ResourceRequest(
            path: ResourcePath(project: "shop", kind: .applications, name: "api"),
            action: .apply, spec: Self.hash)
        #expect(fromArguments == fromPayload)
        #expect(fromPayload == built)
    }

    @Test func aListOfPayloadObjectsIsAListOfRequests() throws {
        let list = try JSONText.parse(
            #"""
            [{"path": "projects/shop/applications/api", "spec": {"port": 8081}},
             {"path": "projects/shop/databases/cache", "action": "create",
              "spec": {"type": "redis", "version": "7.0", "port": 6379, "size": "1Gi"}},
             {"path": "projects/shop/applications/old", "action": "delete"}]
            """#, origin: "batch.json")
        guard case .sequence(let items) = list else {
            Issue.record("not a list")
            return
        }
        let requests = try items.map { item throws(ProjectConfigError) in try ResourceRequest(payload: item) }
        #expect(requests.map(\.action) == [.apply, .create, .delete])
        #expect(
            requests.map(\.path.description) == [
                "projects/shop/applications/api", "projects/shop/databases/cache",
                "projects/shop/applications/old",
            ])
        #expect(Set(requests.map(\.path.file)) == ["projects/shop.yaml"])
    }

    @Test func theSpecOfTheCommandLineFormIsJSON() {
        #expect(throws: ProjectConfigError.self) {
            try ResourceRequest(path: "projects/shop/applications/api", action: .apply, specJSON: "{port: 1}")
        }
        do {
            _ = try ResourceRequest(path: "projects/shop/applications/api", action: .apply, specJSON: #"{"a": [1, }"#)
        } catch {
            #expect(error.kind == .invalidJSON && error.file == "--spec" && error.line == 1 && error.column == 11)
        }
    }

    @Test func commitMessagesFillTheTemplate() throws {
        let request = try ResourceRequest(
            path: ResourcePath(parsing: "projects/shop/databases/cache"), action: .delete,
            spec: nil)
        #expect(request.commitMessage(template: "{action} {path}") == "delete projects/shop/databases/cache")
        #expect(request.commitMessage(template: "{project}: {kind}/{name}") == "shop: databases/cache")
    }

    @Test func anUnknownActionIsRefused() {
        #expect(
            throws: ProjectConfigError(
                .invalidRequest, "unknown action 'rename'; expected one of apply, create, delete")
        ) {
            try ResourceAction(parsing: "rename")
        }
    }
}
