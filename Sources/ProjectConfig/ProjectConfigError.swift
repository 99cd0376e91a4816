import YAMLPatch

/// Why a request, a payload or a project file was refused, with where when there is a where.
///
/// The executable maps ``kind`` to its exit code (docs/contract.md#exit-codes); the message
/// never repeats the position, which is in ``file``, ``line`` and ``column``.
public struct ProjectConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The family of the refusal.
    public enum Kind: Sendable, Equatable {
        /// A request that cannot run: the resource path, the action, the spec, the payload's
        /// shape or size.
        case invalidRequest
        /// Text given as JSON that is not JSON.
        case invalidJSON
        /// The request does not fit the file: the item is absent (apply, delete), exists
        /// (create), or its name is used twice.
        case conflict
        /// The project file is not valid after the edit; ``ProjectConfigError/issues`` has
        /// every problem.
        case invalidProject
        /// The branch has no file for the project.
        case missingProject
        /// YAMLPatch refused the edit (`.verification` is a bug: the edit was not what it
        /// claimed, and nothing was written).
        case edit(YAMLPatchError.Kind)
    }

    /// The family of the refusal.
    public var kind: Kind
    /// What was wrong, for people.
    public var message: String
    /// The file or the argument the problem is in (`projects/shop.yaml`, `--spec`), when known.
    public var file: String?
    /// The 1-based line of the problem, when known.
    public var line: Int?
    /// The 1-based column of the problem, when known.
    public var column: Int?
    /// For ``Kind/invalidProject``: every problem of the file, in line order (the first is
    /// the one ``message``, ``line`` and ``column`` describe).
    public var issues: [ValidationIssue]

    /// A refusal of `kind` saying `message`, in `file` at `line`:`column` when they are known.
    public init(_ kind: Kind, _ message: String, file: String? = nil, line: Int? = nil, column: Int? = nil) {
        self.kind = kind
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.issues = []
    }

    /// A YAMLPatch error about `file`, positioned at its mark.
    public init(_ error: YAMLPatchError, file: String?) {
        self.init(.edit(error.kind), error.message, file: file, line: error.mark?.line, column: error.mark?.column)
    }

    /// The validation failure of `file`: located at its first issue, carrying all of them.
    init(invalidFile file: String, issues: [ValidationIssue]) {
        let first = issues.first
        self.init(.invalidProject, first?.message ?? "invalid", file: file, line: first?.line, column: first?.column)
        self.issues = issues
    }

    /// `FILE:LINE:COL: message`, with the parts that exist.
    public var description: String {
        let position = [file, line.map(String.init), line == nil ? nil : column.map(String.init)]
            .compactMap { $0 }.joined(separator: ":")
        return position.isEmpty ? message : "\(position): \(message)"
    }
}
