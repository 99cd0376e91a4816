/// Why a YAML text could not be read or edited, with where when there is a where.
public struct YAMLPatchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The family of the failure; the CLI maps each to an exit code.
    public enum Kind: Sendable, Equatable {
        /// The text is not valid YAML.
        case syntax
        /// The text is not UTF-8.
        case encoding
        /// The path expression is malformed.
        case path
        /// The path resolves to nothing.
        case noMatch
        /// The edit would go through an alias or anchor.
        case alias
        /// The value cannot be written where it is asked to go.
        case value
        /// The edited text did not re-parse to the expected tree (a bug, never written).
        case verification
    }

    public var kind: Kind
    public var message: String
    public var mark: SourceMark?

    public init(_ kind: Kind, _ message: String, at mark: SourceMark? = nil) {
        self.kind = kind
        self.message = message
        self.mark = mark
    }

    public var description: String {
        guard let mark else { return message }
        return "\(mark.line):\(mark.column): \(message)"
    }
}
