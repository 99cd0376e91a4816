import YAMLPatch

/// One checked request to change a project file: which item, what to do, with what spec.
///
/// Both `apply --path … --spec …` and `dispatch` build one, so the same checks hold for a
/// person at a terminal, an Argo workflow and a `repository_dispatch` event: the path grammar,
/// the action, and a spec that is a JSON object (none for `delete`).
struct ResourceRequest: Sendable, Equatable {
    let path: ResourcePath
    let action: ResourceAction
    /// The JSON object to merge (`apply`) or to append as the new item (`create`); an empty
    /// mapping for `delete`.
    let spec: YAMLValue

    /// Checks `spec` against `action`; refusals are `CommandFailure`s with exit 65.
    ///
    /// - `apply`, `create`: the spec must be an object. For `create` a `name` in the spec must
    ///   equal the path's name (the item is named after the path).
    /// - `delete`: the spec must be absent, `null` or `{}` — anything else would be ignored,
    ///   which hides a mistake.
    init(path: ResourcePath, action: ResourceAction, spec: YAMLValue?) throws {
        switch (action, spec) {
        case (.delete, nil), (.delete, .null?):
            self.spec = .mapping([])
        case (.delete, .mapping(let entries)?) where entries.isEmpty:
            self.spec = .mapping([])
        case (.delete, _?):
            throw CommandFailure(.dataError, "delete takes no spec: it removes the whole \(path.kind.singular) \(path)")
        case (_, nil):
            throw CommandFailure(.dataError, "\(action.rawValue) needs a spec: a JSON object such as {\"git\":{\"hash\":\"3f2c1a9\"}}")
        case (_, .mapping(let entries)?):
            if action == .create, let name = entries.first(where: { $0.key == "name" })?.value, name != .string(path.name) {
                throw CommandFailure(.dataError, "the spec's name \(JSONText.render(name)) differs from the path's name '\(path.name)'; "
                    + "create names the new \(path.kind.singular) after the path")
            }
            self.spec = .mapping(entries)
        case (_, let other?):
            throw CommandFailure(.dataError, "the spec must be a JSON object, not \(Self.kind(of: other)) \(Self.excerpt(of: other))")
        }
        self.path = path
        self.action = action
    }

    /// Parses the command-line form: `--path TEXT`, `--action NAME`, `--spec JSON` (nil when not given).
    init(path: String, action: ResourceAction, specJSON: String?) throws {
        let spec = try specJSON.map { try JSONText.parse($0, origin: "--spec") }
        try self.init(path: ResourcePath(parsing: path), action: action, spec: spec)
    }

    /// `an array`, `a string`, … for messages.
    static func kind(of value: YAMLValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .int, .double: "a number"
        case .string: "a string"
        case .sequence: "an array"
        case .mapping: "an object"
        }
    }

    private static func excerpt(of value: YAMLValue) -> String {
        let json = JSONText.render(value)
        return json.count > 60 ? String(json.prefix(60)) + "…" : json
    }
}
