/// What a resource request does to its application or database.
public enum ResourceAction: String, Sendable, CaseIterable {
    /// Deep-merge the spec into the existing item (refused when it is absent).
    case apply
    /// Append the spec as a new item named after the path (refused when the name exists).
    case create
    /// Remove the item (refused when it is absent); takes no spec.
    case delete

    /// Reads an action name, refusing anything else (``ProjectConfigError/Kind/invalidRequest``).
    public init(parsing text: String) throws(ProjectConfigError) {
        guard let action = ResourceAction(rawValue: text) else {
            throw ProjectConfigError(
                .invalidRequest,
                "unknown action '\(DisplayText.sanitized(text))'; "
                    + "expected one of \(Self.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self = action
    }
}
