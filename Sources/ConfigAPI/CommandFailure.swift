import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GitOps
import YAMLPatch

/// The documented exit codes (sysexits.h).
enum ExitStatus: Int32 {
    case usage = 64
    case dataError = 65
    case noInput = 66
    case unavailable = 69
    case software = 70
    case cannotCreate = 73
    case temporaryFailure = 75
    case noPermission = 77
}

/// An error a command reports to the user: printed as `config-api: FILE:LINE:COL: message`
/// on stderr, then the process exits with `status`.
struct CommandFailure: Error {
    var status: ExitStatus
    var message: String
    var file: String?
    var line: Int?
    var column: Int?

    init(_ status: ExitStatus, _ message: String, file: String? = nil, line: Int? = nil, column: Int? = nil) {
        self.status = status
        self.message = message
        self.file = file
        self.line = line
        self.column = column
    }

    /// A YAMLPatch error about `file`, with its exit code (70 for a failed verification, else 65).
    init(_ error: YAMLPatchError, file: String?) {
        let status: ExitStatus = error.kind == .verification ? .software : .dataError
        self.init(status, error.message, file: file, line: error.mark?.line, column: error.mark?.column)
    }

    /// `FILE:LINE:COL: message`, with the parts that exist.
    var located: String {
        var prefix = ""
        if let file { prefix += "\(file):" }
        if let line { prefix += "\(line):" }
        if let column, line != nil { prefix += "\(column):" }
        return prefix.isEmpty ? message : "\(prefix) \(message)"
    }
}

/// Runs a command body, turning every failure into its message on stderr and its exit code;
/// with `actions` active, also into an `::error` annotation on the file and line.
func reportingFailures(file: String? = nil, annotating actions: GitHubActions? = nil, _ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as ExitCode {
        throw error
    } catch {
        let failure = CommandFailure(describing: error, file: file)
        StandardStreams.writeError("config-api: \(failure.located)\n")
        actions?.error(failure.message, file: failure.file, line: failure.line, column: failure.column)
        throw ExitCode(failure.status.rawValue)
    }
}

extension CommandFailure {
    /// Any error as a failure to report: YAMLPatch and GitOps errors with their documented codes.
    init(describing error: Error, file: String?) {
        switch error {
        case let failure as CommandFailure: self = failure
        case let error as YAMLPatchError: self.init(error, file: file)
        case let error as GitOpsError: self.init(error)
        default: self.init(.software, "\(error)", file: file)
        }
    }
}
