import ProjectConfig
import Testing
import YAMLPatch

/// Reading `repository_dispatch` events and checking their `client_payload`.
struct DispatchPayloadTests {
    /// The build workflow's dispatch body, as GitHub writes it into `$GITHUB_EVENT_PATH`.
    @Test func seedEventFileBecomesAnApplyRequest() throws {
        let event = try PackageFiles.fixture("dispatch-event.json")
        let request = try DispatchPayload.request(fromEvent: event, origin: "event.json")
        #expect(request.path == (try ResourcePath(parsing: "projects/myproject/applications/api")))
        #expect(request.action == .apply)
        #expect(
            request.spec
                == .mapping([.init(key: "git", value: .mapping([.init(key: "hash", value: .string("3f2c1a9"))]))]))
    }

    @Test func actionDefaultsToApply() throws {
        let request = try payload(#"{"path": "projects/p/databases/mysql", "spec": {"version": "8.4"}}"#)
        #expect(request.action == .apply)
        #expect(request.path.kind == .databases)
    }

    @Test func deleteTakesNoSpec() throws {
        #expect(try payload(#"{"path": "projects/p/applications/api", "action": "delete"}"#).spec == .mapping([]))
        #expect(
            try payload(#"{"path": "projects/p/applications/api", "action": "delete", "spec": {}}"#).action == .delete)
        expectRefusal(
            #"{"path": "projects/p/applications/api", "action": "delete", "spec": {"port": 1}}"#, "delete takes no spec"
        )
    }

    /// Shell metacharacters in values are data: the payload keeps them byte for byte (the
    /// project validation decides whether the field may hold them).
    @Test func valuesAreKeptLiterally() throws {
        let request = try payload(
            #"{"path": "projects/p/applications/api", "spec": {"x-note": "$(rm -rf /); `id` && echo '\"'"}}"#)
        #expect(request.spec["x-note"] == .string("$(rm -rf /); `id` && echo '\"'"))
    }

    @Test(arguments: [
        (#"{"path": "projects/../x", "spec": {}}"#, "'.' and '..'"),
        (#"{"path": "projects/p/applications/../../x", "spec": {}}"#, "'.' and '..'"),
        (#"{"path": "projects/p/ingresses/api", "spec": {}}"#, "unknown sub-resource 'ingresses'"),
        (#"{"path": "projects/p/applications/api;reboot", "spec": {}}"#, "contains ';'"),
        (#"{"path": "projects/p/applications/api", "action": "upsert", "spec": {}}"#, "unknown action 'upsert'"),
        (#"{"path": "projects/p/applications/api", "action": 1, "spec": {}}"#, "action is a number"),
        (#"{"path": "projects/p/applications/api", "acton": "delete", "spec": {}}"#, "unknown key 'acton'"),
        (#"{"path": "projects/p/applications/api"}"#, "apply needs a spec"),
        (#"{"path": "projects/p/applications/api", "spec": "{\"git\":{}}"}"#, "not a string"),
        (#"{"path": "projects/p/applications/api", "spec": [{"git": {}}]}"#, "not an array"),
        (#"{"path": "projects/p/applications/api", "spec": 3}"#, "not a number"),
        (#"{"path": "projects/p/applications/api", "spec": null}"#, "not null"),
        (
            #"{"path": "projects/p/applications/api", "action": "create", "spec": {"name": "web"}}"#,
            "differs from the path's name"
        ),
        (#"{"spec": {}}"#, "no path"),
        (#"{"path": ["projects"], "spec": {}}"#, "path is an array"),
        (#"["projects/p/applications/api"]"#, "not a JSON object"),
    ])
    func refusals(json: String, reason: String) {
        expectRefusal(json, reason)
    }

    /// GitHub refuses payloads of 64 KB or more; so does config-api, before reading the spec.
    @Test func seventyKilobyteSpecIsRefused() {
        let big = String(repeating: "a", count: 70 * 1024)
        expectRefusal(
            #"{"path": "projects/p/applications/api", "spec": {"x-blob": "\#(big)"}}"#,
            "GitHub limits a dispatch payload")
        let justUnder = String(repeating: "a", count: 65_000)
        #expect(throws: Never.self) {
            try payload(#"{"path": "projects/p/applications/api", "spec": {"x-blob": "\#(justUnder)"}}"#)
        }
    }

    @Test func eventWithoutClientPayloadIsRefused() throws {
        let event = Array(#"{"ref": "refs/heads/main", "after": "3f2c1a9"}"#.utf8)
        #expect(
            throws: ProjectConfigError(
                .invalidRequest,
                "the event has no client_payload; is it a "
                    + "repository_dispatch event?", file: "push.json")
        ) {
            try DispatchPayload.request(fromEvent: event, origin: "push.json")
        }
    }

    @Test func refusalsOfAPayloadNameTheEventFile() throws {
        let event = Array(#"{"client_payload": {"path": "projects/p/applications/api", "acton": "delete"}}"#.utf8)
        do {
            _ = try DispatchPayload.request(fromEvent: event, origin: "event.json")
            Issue.record("accepted")
        } catch {
            #expect(error.file == "event.json")
            #expect(error.message.hasPrefix("client_payload: unknown key 'acton'"))
        }
    }

    @Test func invalidJSONIsLocated() throws {
        do {
            _ = try DispatchPayload.request(
                fromEvent: Array(#"{"client_payload": {"path": ]}}"#.utf8), origin: "e.json")
            Issue.record("accepted")
        } catch {
            #expect(error.kind == .invalidJSON)
            #expect(error.file == "e.json" && error.line == 1 && error.column == 29)
        }
    }

    /// The size limit is counted without writing the JSON: the count equals the written length.
    @Test(arguments: [
        #"{"path": "projects/p/applications/api", "spec": {"x": [1, 2.5, true, null, "é\n\u0001\"\\"]}}"#,
        #"{"a": {}, "b": [], "c": -12, "d": 1e3}"#,
    ])
    func compactLengthIsTheRenderedLength(json: String) throws {
        let value = try JSONText.parse(json, origin: "test")
        #expect(JSONText.compactLength(of: value) == JSONText.render(value).utf8.count)
    }

    private func payload(_ json: String) throws(ProjectConfigError) -> ResourceRequest {
        try DispatchPayload.request(fromPayload: JSONText.parse(json, origin: "test"))
    }

    private func expectRefusal(_ json: String, _ reason: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            let request = try payload(json)
            Issue.record("accepted \(request)", sourceLocation: sourceLocation)
        } catch {
            #expect(error.kind == .invalidRequest, sourceLocation: sourceLocation)
            #expect(error.message.contains(reason), "\(error.message)", sourceLocation: sourceLocation)
        }
    }
}
