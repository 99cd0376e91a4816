import Foundation
import Testing
import YAMLPatch
@testable import ConfigAPI

/// Reading `repository_dispatch` events and checking their `client_payload`.
struct DispatchPayloadTests {
    /// The seed's curl body, as GitHub writes it into `$GITHUB_EVENT_PATH`.
    @Test func seedEventFileBecomesAnApplyRequest() throws {
        let request = try DispatchPayload.request(fromEventFileAt: TestSupport.fixture("dispatch-event.json").path)
        #expect(request.path == (try ResourcePath(parsing: "projects/myproject/applications/api")))
        #expect(request.action == .apply)
        #expect(request.spec == .mapping([.init(key: "git", value: .mapping([.init(key: "hash", value: .string("3f2c1a9"))]))]))
    }

    @Test func actionDefaultsToApply() throws {
        let request = try payload(#"{"path": "projects/p/databases/mysql", "spec": {"version": "8.4"}}"#)
        #expect(request.action == .apply)
        #expect(request.path.kind == .databases)
    }

    @Test func deleteTakesNoSpec() throws {
        #expect(try payload(#"{"path": "projects/p/applications/api", "action": "delete"}"#).spec == .mapping([]))
        #expect(try payload(#"{"path": "projects/p/applications/api", "action": "delete", "spec": {}}"#).action == .delete)
        expectRefusal(#"{"path": "projects/p/applications/api", "action": "delete", "spec": {"port": 1}}"#, "delete takes no spec")
    }

    /// Shell metacharacters in values are data: the payload keeps them byte for byte (the
    /// project validation decides whether the field may hold them).
    @Test func valuesAreKeptLiterally() throws {
        let request = try payload(#"{"path": "projects/p/applications/api", "spec": {"x-note": "$(rm -rf /); `id` && echo '\"'"}}"#)
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
        (#"{"path": "projects/p/applications/api", "action": "create", "spec": {"name": "web"}}"#, "differs from the path's name"),
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
        expectRefusal(#"{"path": "projects/p/applications/api", "spec": {"x-blob": "\#(big)"}}"#, "GitHub limits a dispatch payload")
        let justUnder = String(repeating: "a", count: 65_000)
        #expect(throws: Never.self) { try payload(#"{"path": "projects/p/applications/api", "spec": {"x-blob": "\#(justUnder)"}}"#) }
    }

    @Test func eventWithoutClientPayloadIsRefused() throws {
        let event = try JSONText.parse(#"{"ref": "refs/heads/main", "after": "3f2c1a9"}"#, origin: "push.json")
        #expect(throws: CommandFailure.self) { try DispatchPayload.request(fromEvent: event, origin: "push.json") }
    }

    @Test func eventFileComesFromTheOptionOrTheEnvironment() throws {
        #expect(try DispatchPayload.eventFile(option: "e.json", environment: ["GITHUB_EVENT_PATH": "/x"]) == "e.json")
        #expect(try DispatchPayload.eventFile(option: nil, environment: ["GITHUB_EVENT_PATH": "/x"]) == "/x")
        do {
            _ = try DispatchPayload.eventFile(option: nil, environment: [:])
            Issue.record("no event file accepted")
        } catch let failure as CommandFailure {
            #expect(failure.status == .usage)
        }
    }

    @Test func missingOrInvalidEventFiles() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let status = { (path: String) -> Int32? in
            do {
                _ = try DispatchPayload.request(fromEventFileAt: path)
                return nil
            } catch let failure as CommandFailure {
                return failure.status.rawValue
            } catch {
                return nil
            }
        }
        #expect(status(folder.appendingPathComponent("absent.json").path) == 66)
        let invalid = folder.appendingPathComponent("invalid.json")
        try Data(#"{"client_payload": {"path": }"#.utf8).write(to: invalid)
        #expect(status(invalid.path) == 65)
    }

    private func payload(_ json: String) throws -> ResourceRequest {
        try DispatchPayload.request(fromPayload: JSONText.parse(json, origin: "test"))
    }

    private func expectRefusal(_ json: String, _ reason: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            let request = try payload(json)
            Issue.record("accepted \(request)", sourceLocation: sourceLocation)
        } catch let failure as CommandFailure {
            #expect(failure.status == .dataError, sourceLocation: sourceLocation)
            #expect(failure.message.contains(reason), "\(failure.message)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
        }
    }
}
