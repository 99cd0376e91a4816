import GitOps
import Logging
import ProjectConfig

/// Runs one resource request end to end (docs/contract.md#the-transaction): open or clone the
/// repository, run the request's edit inside a push transaction (or a preview for `--dry-run`),
/// and report the outcome.
struct RequestTransaction {
    let request: ResourceRequest
    let options: RepositoryOptions
    var environment: [String: String] = Environment.current()

    func run() throws {
        let actions = GitHubActions(environment: environment)
        let credentials = Credentials.fromEnvironment(environment)
        if let token = credentials.token { actions.mask(token) }
        let report = TransactionReport(
            request: request, message: options.commitMessage(for: request),
            committedLocallyOnly: options.noPush)
        let logger = StandardErrorLogHandler.logger(verbose: options.verbose, quiet: options.quiet)
        try reportingFailures(file: request.path.file, annotating: actions) {
            let transaction = PushTransaction(
                repository: try openRepository(credentials, logger: logger),
                branch: options.branch,
                credentials: credentials,
                retry: options.retryPolicy,
                author: options.commitIdentity,
                logger: logger,
                network: options.networkPolicy)
            let edit = ResourceEdit(request: request)
            if options.dryRun {
                try report.printPreview(try transaction.preview(file: request.path.file, edit: edit.editedText(of:)))
            } else {
                let outcome = try transaction.commit(
                    file: request.path.file, message: report.message,
                    push: !options.noPush, edit: edit.editedText(of:))
                try report.printOutcome(outcome, actions)
            }
        }
    }

    private func openRepository(_ credentials: Credentials, logger: Logger) throws -> GitRepository {
        if let remote = options.remote {
            return try GitRepository.cloneIntoTemporaryFolder(
                url: remote, branch: options.branch, credentials: credentials,
                network: options.networkPolicy, retry: options.retryPolicy, logger: logger)
        }
        return try GitRepository.open(at: options.directory)
    }
}
