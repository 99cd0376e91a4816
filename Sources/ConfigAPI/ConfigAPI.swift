import ArgumentParser
import ProjectConfig
import SystemCalls

/// The `config-api` command: edits YAML project files byte-exactly and commits them with libgit2.
@main
struct ConfigAPI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config-api",
        abstract: "Edit GitOps project files without noise, and commit and push every update exactly once.",
        discussion: """
            File commands (get, set, merge, delete, append) read one YAML file and print the whole \
            new document, or write it in place with -i. Only the bytes of the changed value move: \
            comments, blank lines and indentation stay as they were.

            Resource commands (apply, bump, dispatch, rollback, release) commit and push with \
            libgit2, exactly once; history and status read the branch's history. See \
            `config-api apply --help` for batches, the order of hash updates and signing, and \
            `config-api rollback --help` for holds.

            Exit codes: 0 done (changed or unchanged, superseded or held; also pushed with a \
            warning that the clone could not follow), 64 usage, 65 bad data (YAML, JSON, path, no \
            match, validation, a diverged commit), 66 missing file, project, repository or branch \
            (or a shallow history), 69 remote unavailable (unreachable, timeout, HTTP 5xx, \
            redirect to another origin, after retries), libgit2 not installed, or ssh-keygen/gpg \
            not installed for --sign, 70 internal (edit verification failed: a bug), 73 cannot \
            write (hook or server refusal, lock file held, uncommitted changes), 74 cannot write \
            the output, 75 push retries exhausted (the branch kept moving), 77 authentication \
            refused (also: a token refused over plain HTTP, a server identity not verified, a \
            signing key that is missing or cannot sign).
            """,
        version: "0.1.0",
        subcommands: [
            GetCommand.self, SetCommand.self, MergeCommand.self, DeleteCommand.self, AppendCommand.self,
            ApplyCommand.self, BumpCommand.self, DispatchCommand.self, RollbackCommand.self, ReleaseCommand.self,
            HistoryCommand.self, StatusCommand.self, ValidateCommand.self, SchemaCommand.self,
        ]
    )

    /// Runs the command the arguments name, as `ParsableCommand.main()` does, except that the
    /// argument parser's error text, which quotes arguments as given, reaches stderr with every
    /// line made inert (docs/contract.md#hostile-input). Help and `--version` go to stdout as
    /// they are.
    static func main() {
        ProcessMemory.growHeapInLargeSteps()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let status = exitCode(for: error)
            guard status != .success else { exit(withError: error) }
            let text = fullMessage(for: error)
            if !text.isEmpty {
                let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
                StandardStreams.writeError(lines.map { DisplayText.inertLine(String($0)) + "\n" }.joined())
            }
            exit(withError: status)
        }
    }
}
