import GitOps
import Logging
import ProjectConfig

/// Runs a resource command end to end (docs/contract.md#the-transaction): open or clone the
/// repository, run its plan in every attempt of a push transaction (or once for `--dry-run`),
/// and report the outcome: pushed, unchanged, superseded or held.
struct DeployTransaction {
    let options: RepositoryOptions
    var environment: [String: String] = Environment.current()

    /// The actions of this run's environment.
    var actions: GitHubActions { GitHubActions(environment: environment) }

    /// The credentials of this run's environment (`CONFIG_API_TOKEN`, `GITHUB_TOKEN`).
    var credentials: Credentials { Credentials.fromEnvironment(environment) }

    func run(_ plan: some AttemptPlan) throws {
        let actions = actions
        let credentials = credentials
        if let token = credentials.token { actions.mask(token) }
        let logger = StandardErrorLogHandler.logger(verbose: options.verbose, quiet: options.quiet)
        let description = CommitDescription(options: options.commit, environment: environment)
        try reportingFailures(file: plan.file, annotating: actions) {
            let repository = try openRepository(credentials, logger: logger)
            let committer = options.commitIdentity ?? repository.configuredIdentity ?? .fallback
            let pushBranch = try description.pushBranch(for: plan.branchNaming.path, action: plan.branchNaming.action)
            let report = DeployReport(subject: plan.subject, facts: plan.facts, committedLocallyOnly: options.noPush,
                                      pushBranch: pushBranch)
            var transaction = PushTransaction(
                repository: repository,
                branch: options.branch,
                credentials: credentials,
                retry: options.retryPolicy,
                author: committer,
                logger: logger,
                network: options.networkPolicy)
            transaction.targetBranch = pushBranch
            // What the attempt that ran last, the one whose result counts, declined or warned of.
            var declined: DeclinedUpdate?
            var warnings: [FileWarning] = []
            let decide = { (base: CommitSnapshot) throws -> AttemptDecision in
                switch try plan.decide(at: base) {
                case .write(let files, let message, let trailers, let found):
                    declined = nil
                    warnings = found
                    return .write(files, message: try description.message(message, committer: committer,
                                                                           adding: trailers))
                case .declined(let reason):
                    declined = reason
                    warnings = []
                    return .decline
                }
            }
            if options.dryRun {
                let preview = try transaction.preview(edit: decide)
                try report.printPreview(
                    preview, declined: declined, actions, colors: options.color.colors(environment: environment))
                report.printWarnings(warnings, actions)
                return
            }
            let signer = try description.signer(for: repository, logger: logger)
            defer { signer?.close() }
            transaction.signer = signer
            let outcome = try transaction.update(push: !options.noPush, edit: decide)
            try report.printOutcome(outcome, declined: declined, actions)
            report.printWarnings(outcome.changed ? warnings : [], actions)
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
