import YAMLPatch

/// The address of one application or database:
/// `projects/<project>/(applications|databases)/<name>`, as the platform's build workflow sends
/// it in `client_payload.path`.
///
/// Parsing is strict because the path reaches the file system and the commit message: exactly
/// four segments, the project and the name DNS-1123 labels, so no `..`, no `/`, no empty
/// segment, no whitespace and no shell metacharacters can get through.
public struct ResourcePath: Sendable, Hashable, CustomStringConvertible {
    /// The two lists of a project file that hold named resources.
    public enum Kind: String, Sendable, CaseIterable {
        case applications, databases

        /// `application` or `database`, for messages.
        public var singular: String { String(rawValue.dropLast()) }
    }

    /// The project: the file `projects/<project>.yaml` and the Kubernetes namespace.
    public let project: String
    /// Which list of the project file holds the item.
    public let kind: Kind
    /// The `name` of the item in the project's `applications` or `databases` list.
    public let name: String

    /// Parses `text`, refusing anything but the exact grammar with a message that says what
    /// was wrong (``ProjectConfigError/Kind/invalidRequest``).
    public init(parsing text: String) throws(ProjectConfigError) {
        let segments = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if let reason = Self.problem(segments) {
            throw ProjectConfigError(
                .invalidRequest,
                "invalid resource path '\(DisplayText.sanitized(text, limit: 120))': "
                    + "\(reason); expected projects/<project>/applications/<name> or "
                    + "projects/<project>/databases/<name>"
            )
        }
        project = segments[1]
        kind = Kind(rawValue: segments[2])!
        name = segments[3]
    }

    /// The application or database `name` of `project`.
    public init(project: String, kind: Kind, name: String) throws(ProjectConfigError) {
        try self.init(parsing: "projects/\(project)/\(kind.rawValue)/\(name)")
    }

    private static func problem(_ segments: [String]) -> String? {
        if segments.contains("..") || segments.contains(".") { return "'.' and '..' segments are not allowed" }
        if segments.contains("") { return "it has an empty segment (a leading, trailing or double '/')" }
        guard segments.count == 4 else { return "it has \(segments.count) segments, not 4" }
        guard segments[0] == "projects" else { return "it must start with 'projects/'" }
        guard let kind = Kind(rawValue: segments[2]) else {
            return "unknown sub-resource '\(DisplayText.sanitized(segments[2]))'"
        }
        if let problem = DNSNames.labelProblem(segments[1]) { return "the project name \(problem)" }
        if let problem = DNSNames.labelProblem(segments[3]) { return "the \(kind.singular) name \(problem)" }
        return nil
    }

    /// The project file, relative to the repository root: `projects/<project>.yaml`.
    public var file: String { "projects/\(project).yaml" }

    /// The YAMLPatch path that selects the item: `applications[name=<name>]`.
    public var selector: YAMLPath { YAMLPath(steps: [.key(kind.rawValue), .select(key: "name", value: name)]) }

    /// The path as it was given: `projects/<project>/<kind>/<name>`.
    public var description: String { "projects/\(project)/\(kind.rawValue)/\(name)" }
}
