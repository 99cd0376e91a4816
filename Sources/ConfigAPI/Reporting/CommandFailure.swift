import GitOps
import ProjectConfig
import YAMLPatch

/// An error a command reports to the user: printed as `config-api: FILE:LINE:COL: message` on
/// stderr (one line per problem when a file has several), then the process exits with `status`.
struct CommandFailure: Error {
    var status: SysexitCode
    var message: String
    var file: String?
    var line: Int?
    var column: Int?
    /// More problems of `file` after the first (a validation reports every one).
    var furtherIssues: [ValidationIssue] = []

    init(_ status: SysexitCode, _ message: String, file: String? = nil, line: Int? = nil, column: Int? = nil) {
        self.status = status
        self.message = message
        self.file = file
        self.line = line
        self.column = column
    }

    /// Any error as a failure to report, with its documented exit code; `file` locates the
    /// errors that do not name their file.
    init(describing error: any Error, file: String?) {
        switch error {
        case let failure as CommandFailure:
            self = failure
        case let error as ProjectConfigError:
            self.init(
                SysexitCode(error.kind), error.message, file: error.file ?? file, line: error.line,
                column: error.column)
            furtherIssues = Array(error.issues.dropFirst())
        case let error as YAMLPatchError:
            self.init(
                SysexitCode(error.kind), error.message, file: file, line: error.mark?.line,
                column: error.mark?.column)
        case let error as GitOpsError:
            self.init(SysexitCode(error), error.description)
        default:
            self.init(.software, "\(error)", file: file)
        }
    }

    /// Each problem as `FILE:LINE:COL: message`, with the parts that exist: the first, then
    /// ``furtherIssues``.
    var locatedLines: [String] {
        [Self.located(message, file: file, line: line, column: column)]
            + furtherIssues.map { Self.located($0.message, file: file, line: $0.line, column: $0.column) }
    }

    private static func located(_ message: String, file: String?, line: Int?, column: Int?) -> String {
        var prefix = ""
        if let file { prefix += "\(file):" }
        if let line { prefix += "\(line):" }
        if let column, line != nil { prefix += "\(column):" }
        return prefix.isEmpty ? message : "\(prefix) \(message)"
    }
}
