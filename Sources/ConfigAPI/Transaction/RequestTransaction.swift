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
        let logger = StandardErrorLogHandler.logger(verbose: options.verbose, quiet: options.quiet)
        let description = CommitDescription(options: options.commit, environment: environment)
        try reportingFailures(file: request.path.file, annotating: actions) {
            let repository = try openRepository(credentials, logger: logger)
            let committer = options.commitIdentity ?? repository.configuredIdentity ?? .fallback
            let pushBranch = try description.pushBranch(for: request)
            let report = TransactionReport(
                request: request,
                message: try description.message(options.commitMessage(for: request), committer: committer),
                committedLocallyOnly: options.noPush, pushBranch: pushBranch)
            var transaction = PushTransaction(
                repository: repository,
                branch: options.branch,
                credentials: credentials,
                retry: options.retryPolicy,
                author: committer,
                logger: logger,
                network: options.networkPolicy)
            transaction.targetBranch = pushBranch
            let edit = ResourceEdit(request: request)
            if options.dryRun {
                try report.printPreview(try transaction.preview(file: request.path.file, edit: edit.editedText(of:)))
                return
            }
            let signer = try description.signer(for: repository, logger: logger)
            defer { signer?.close() }
            transaction.signer = signer
            let outcome = try transaction.commit(
                file: request.path.file, message: report.message,
                push: !options.noPush, edit: edit.editedText(of:))
            try report.printOutcome(outcome, actions)
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
