#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import YAMLPatch

/// The `client_payload` of a GitHub `repository_dispatch` event, read from the event file the
/// runner writes (`$GITHUB_EVENT_PATH`) — the only way event data reaches config-api, never
/// through `${{ }}` in a shell.
///
/// The payload has exactly the seed's shape, `{"path": …, "action": …, "spec": {…}}`:
/// `action` defaults to `apply` when absent, other keys are refused (a typo such as `acton`
/// must not silently become an `apply`), and its serialized size must stay under GitHub's own
/// 64 KB limit, so a payload GitHub would never deliver is not run either.
enum DispatchPayload {
    /// GitHub: "The total size of the JSON payload must be less than 64KB", measured here on
    /// the compact serialization of `client_payload`.
    static let maximumBytes = 65_535
    /// The keys `client_payload` may have.
    static let keys = ["path", "action", "spec"]

    /// The event file to read: `--event FILE` when given, else `$GITHUB_EVENT_PATH`.
    /// Neither → a usage failure (exit 64).
    static func eventFile(option: String?, environment: [String: String]) throws -> String {
        if let option { return option }
        if let path = environment["GITHUB_EVENT_PATH"], !path.isEmpty { return path }
        throw CommandFailure(.usage, "no event file: pass --event FILE or run in GitHub Actions, where $GITHUB_EVENT_PATH names it")
    }

    /// Reads the event file at `path` and checks its `client_payload` (missing file → 66,
    /// anything wrong inside → 65).
    static func request(fromEventFileAt path: String) throws -> ResourceRequest {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure(.noInput, "cannot read the event file", file: path)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CommandFailure(.dataError, "the event file is not UTF-8", file: path)
        }
        return try request(fromEvent: JSONText.parse(text, origin: path), origin: path)
    }

    /// Checks a parsed event: it must be an object with a `client_payload` object.
    static func request(fromEvent event: YAMLValue, origin: String) throws -> ResourceRequest {
        guard case .mapping = event else {
            throw CommandFailure(.dataError, "the event is \(ResourceRequest.kind(of: event)), not a JSON object", file: origin)
        }
        guard let payload = event["client_payload"] else {
            throw CommandFailure(.dataError, "the event has no client_payload; is it a repository_dispatch event?", file: origin)
        }
        do {
            return try request(fromPayload: payload)
        } catch var failure as CommandFailure {
            failure.message = "client_payload: " + failure.message
            failure.file = origin
            throw failure
        }
    }

    /// Checks a `client_payload` value: size, keys, path, action and spec.
    static func request(fromPayload payload: YAMLValue) throws -> ResourceRequest {
        let size = JSONText.render(payload).utf8.count
        guard size <= maximumBytes else {
            throw CommandFailure(.dataError, "it is \(size) bytes; GitHub limits a dispatch payload to less than 64 KB (\(maximumBytes) bytes)")
        }
        guard case .mapping(let entries) = payload else {
            throw CommandFailure(.dataError, "it is \(ResourceRequest.kind(of: payload)), not a JSON object")
        }
        if let unknown = entries.first(where: { !keys.contains($0.key) }) {
            throw CommandFailure(.dataError, "unknown key '\(shown(unknown.key))'; "
                + "a payload has only \(keys.joined(separator: ", "))")
        }
        guard let pathValue = payload["path"] else {
            throw CommandFailure(.dataError, "no path; expected e.g. \"path\": \"projects/myproject/applications/api\"")
        }
        guard case .string(let pathText) = pathValue else {
            throw CommandFailure(.dataError, "path is \(ResourceRequest.kind(of: pathValue)), not a string")
        }
        let action: ResourceAction
        switch payload["action"] {
        case nil, .null?: action = .apply
        case .string(let name)?: action = try ResourceAction(parsing: name)
        case let other?: throw CommandFailure(.dataError, "action is \(ResourceRequest.kind(of: other)), not a string")
        }
        return try ResourceRequest(path: ResourcePath(parsing: pathText), action: action, spec: payload["spec"])
    }
}
