/// Why a YAML text could not be read or edited, with where when there is a where.
public struct YAMLPatchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The family of the failure; the CLI maps each to an exit code.
    public enum Kind: Sendable, Equatable {
        /// The text is not valid YAML, or has line breaks other than LF and CRLF.
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
        /// The text, a value or a path is larger or nests deeper than config-api reads
        /// (``DocumentTree/maximumNestingDepth``, ``DocumentTree/defaultMaximumTextSize``).
        case limit
        /// A mapping has a key twice (``DocumentTree/duplicateKeys()``): edits refuse such a text.
        case duplicateKey
        /// The edited text did not re-parse to the expected tree (a bug, never written).
        case verification
    }

    /// The family of the failure.
    public var kind: Kind
    /// What went wrong, for people; where it went wrong is in `mark`, not repeated here.
    public var message: String
    /// Where in the text (for `.path` errors, in the path expression), when there is a where.
    public var mark: SourceMark?

    /// An error of `kind` saying `message`, at `mark`.
    public init(_ kind: Kind, _ message: String, at mark: SourceMark? = nil) {
        self.kind = kind
        self.message = message
        self.mark = mark
    }

    /// `LINE:COLUMN: message`, or the message alone.
    public var description: String {
        guard let mark else { return message }
        return "\(mark.line):\(mark.column): \(message)"
    }
}
