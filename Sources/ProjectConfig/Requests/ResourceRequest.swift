import YAMLPatch

/// One checked request to change a project file: which item, what to do, with what spec.
///
/// A request is a plain value, independent of where it came from: `apply --path … --spec …`,
/// `bump`, a `repository_dispatch` payload (``init(payload:)``), or one entry of a list of
/// them. The same checks hold for each (docs/contract.md#commands): the path grammar, the
/// action, and a spec that is a JSON object (none for `delete`).
public struct ResourceRequest: Sendable, Equatable {
    /// The keys a request object (a dispatch `client_payload`) may have.
    public static let payloadKeys = ["path", "action", "spec"]

    /// The application or database.
    public let path: ResourcePath
    /// What to do to it.
    public let action: ResourceAction
    /// The JSON object to merge (`apply`) or to append as the new item (`create`); an empty
    /// mapping for `delete`.
    public let spec: YAMLValue

    /// Checks `spec` against `action` (``ProjectConfigError/Kind/invalidRequest`` when it does
    /// not fit).
    ///
    /// - `apply`, `create`: the spec must be an object. For `create` a `name` in the spec must
    ///   equal the path's name (the item is named after the path).
    /// - `delete`: the spec must be absent, `null` or `{}`; anything else would be ignored,
    ///   which hides a mistake.
    public init(path: ResourcePath, action: ResourceAction, spec: YAMLValue?) throws(ProjectConfigError) {
        self.path = path
        self.action = action
        self.spec = try Self.checkedSpec(spec, for: action, at: path)
    }

    /// The command-line form: `--path TEXT`, `--action NAME`, `--spec JSON` (nil when not given).
    public init(path: String, action: ResourceAction, specJSON: String?) throws(ProjectConfigError) {
        let spec = try specJSON.map { text throws(ProjectConfigError) in try JSONText.parse(text, origin: "--spec") }
        try self.init(path: ResourcePath(parsing: path), action: action, spec: spec)
    }

    /// A request object, `{"path": …, "action": …, "spec": {…}}`: `action` defaults to `apply`
    /// when absent or null, other keys are refused (a typo such as `acton` must not silently
    /// become an `apply`).
    public init(payload: YAMLValue) throws(ProjectConfigError) {
        guard case .mapping(let entries) = payload else {
            throw Self.refusal("it is \(payload.kindName), not a JSON object")
        }
        if let unknown = entries.first(where: { !Self.payloadKeys.contains($0.key) }) {
            throw Self.refusal(
                "unknown key '\(DisplayText.sanitized(unknown.key))'; "
                    + "a payload has only \(Self.payloadKeys.joined(separator: ", "))")
        }
        guard let pathValue = payload["path"] else {
            throw Self.refusal("no path; expected e.g. \"path\": \"projects/myproject/applications/api\"")
        }
        guard case .string(let pathText) = pathValue else {
            throw Self.refusal("path is \(pathValue.kindName), not a string")
        }
        let action: ResourceAction
        switch payload["action"] {
        case nil, .null?: action = .apply
        case .string(let name)?: action = try ResourceAction(parsing: name)
        case let other?: throw Self.refusal("action is \(other.kindName), not a string")
        }
        try self.init(path: ResourcePath(parsing: pathText), action: action, spec: payload["spec"])
    }

    /// `template` with `{action}`, `{path}`, `{project}`, `{kind}` and `{name}` replaced: a
    /// commit message (the default template, `{action} {path}`, is the seed workflow's).
    public func commitMessage(template: String) -> String {
        [
            ("{action}", action.rawValue), ("{path}", path.description), ("{project}", path.project),
            ("{kind}", path.kind.rawValue), ("{name}", path.name),
        ]
        .reduce(template) { $0.replacing($1.0, with: $1.1) }
    }

    private static func checkedSpec(
        _ spec: YAMLValue?, for action: ResourceAction,
        at path: ResourcePath
    ) throws(ProjectConfigError) -> YAMLValue {
        switch (action, spec) {
        case (.delete, nil), (.delete, .null?):
            return .mapping([])
        case (.delete, .mapping(let entries)?) where entries.isEmpty:
            return .mapping([])
        case (.delete, _?):
            throw refusal("delete takes no spec: it removes the whole \(path.kind.singular) \(path)")
        case (_, nil):
            throw refusal("\(action.rawValue) needs a spec: a JSON object such as {\"git\":{\"hash\":\"3f2c1a9\"}}")
        case (_, .mapping(let entries)?):
            if action == .create, let name = entries.first(where: { $0.key == "name" })?.value,
                name != .string(path.name)
            {
                throw refusal(
                    "the spec's name \(JSONText.render(name)) differs from the path's name "
                        + "'\(path.name)'; create names the new \(path.kind.singular) after the path")
            }
            return .mapping(entries)
        case (_, let other?):
            throw refusal("the spec must be a JSON object, not \(other.kindName) \(other.excerpt)")
        }
    }

    private static func refusal(_ message: String) -> ProjectConfigError {
        ProjectConfigError(.invalidRequest, message)
    }
}
