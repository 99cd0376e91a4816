import ArgumentParser
import Foundation
import YAMLPatch

/// The documented exit codes (sysexits.h).
enum ExitStatus: Int32 {
    case usage = 64
    case dataError = 65
    case noInput = 66
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

/// Runs a command body, turning every failure into its message on stderr and its exit code.
func reportingFailures(file: String? = nil, _ body: () throws -> Void) throws {
    do {
        try body()
    } catch let failure as CommandFailure {
        throw exit(with: failure)
    } catch let error as YAMLPatchError {
        throw exit(with: CommandFailure(error, file: file))
    } catch let error as ExitCode {
        throw error
    } catch {
        throw exit(with: CommandFailure(.software, "\(error)", file: file))
    }
}

private func exit(with failure: CommandFailure) -> ExitCode {
    FileHandle.standardError.write(Data("config-api: \(failure.located)\n".utf8))
    return ExitCode(failure.status.rawValue)
}
