import ArgumentParser

/// Runs a command body, turning every failure into its lines on stderr and its exit code; with
/// `actions` active, also into one `::error` annotation per problem, on its file and line.
func reportingFailures(
    file: String? = nil, annotating actions: GitHubActions? = nil,
    _ body: () throws -> Void
) throws {
    do {
        try body()
    } catch let error as ExitCode {
        throw error
    } catch {
        let failure = CommandFailure(describing: error, file: file)
        StandardStreams.writeError(failure.locatedLines.map { "config-api: \($0)\n" }.joined())
        actions?.error(failure.message, file: failure.file, line: failure.line, column: failure.column)
        for issue in failure.furtherIssues {
            actions?.error(issue.message, file: failure.file, line: issue.line, column: issue.column)
        }
        throw ExitCode(failure.status.rawValue)
    }
}
