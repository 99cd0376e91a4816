import YAMLPatch

/// The address of one application or database: `projects/<project>/(applications|databases)/<name>`,
/// as the seed's WorkflowTemplate sends it in `client_payload.path`.
///
/// Parsing is strict because the path reaches the file system and the commit message: exactly
/// four segments, the project and the name DNS-1123 labels, so no `..`, no `/`, no empty
/// segment, no whitespace and no shell metacharacters can get through.
struct ResourcePath: Sendable, Equatable, CustomStringConvertible {
    /// The two lists of a project file that hold named resources.
    enum Kind: String, Sendable, CaseIterable {
        case applications, databases

        /// `application` or `database`, for messages.
        var singular: String { String(rawValue.dropLast()) }
    }

    /// The project: the file `projects/<project>.yaml` and the Kubernetes namespace.
    let project: String
    let kind: Kind
    /// The `name` of the item in the project's `applications` or `databases` list.
    let name: String

    /// Parses `text`, refusing anything but the exact grammar with a `CommandFailure` (exit 65)
    /// that says what was wrong.
    init(parsing text: String) throws {
        func refuse(_ reason: String) -> CommandFailure {
            CommandFailure(.dataError, "invalid resource path '\(shown(text, limit: 120))': \(reason); "
                + "expected projects/<project>/applications/<name> or projects/<project>/databases/<name>")
        }
        let segments = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if segments.contains("..") || segments.contains(".") { throw refuse("'.' and '..' segments are not allowed") }
        if segments.contains("") { throw refuse("it has an empty segment (a leading, trailing or double '/')") }
        guard segments.count == 4 else { throw refuse("it has \(segments.count) segments, not 4") }
        guard segments[0] == "projects" else { throw refuse("it must start with 'projects/'") }
        guard let kind = Kind(rawValue: segments[2]) else {
            throw refuse("unknown sub-resource '\(shown(segments[2]))'")
        }
        if let problem = DNSNames.labelProblem(segments[1]) {
            throw refuse("the project name \(problem)")
        }
        if let problem = DNSNames.labelProblem(segments[3]) {
            throw refuse("the \(kind.singular) name \(problem)")
        }
        project = segments[1]
        self.kind = kind
        name = segments[3]
    }

    /// The project file, relative to the repository root: `projects/<project>.yaml`.
    var file: String { "projects/\(project).yaml" }

    /// The YAMLPatch path that selects the item: `applications[name=<name>]`.
    var selector: YAMLPath { YAMLPath(steps: [.key(kind.rawValue), .select(key: "name", value: name)]) }

    /// The path as it was given: `projects/<project>/<kind>/<name>`.
    var description: String { "projects/\(project)/\(kind.rawValue)/\(name)" }
}
