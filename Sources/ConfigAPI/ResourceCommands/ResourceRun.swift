#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GitOps
import Logging

/// Runs one resource request end to end: open or clone the repository, run the edit inside a
/// push transaction (or a preview for `--dry-run`), and report the outcome on stdout and, in
/// GitHub Actions, as step outputs and a summary.
struct ResourceRun {
    let request: ResourceRequest
    let options: RepositoryOptions
    var environment: [String: String] = ProcessInfo.processInfo.environment

    func run() throws {
        let actions = GitHubActions(environment: environment)
        let credentials = Credentials.fromEnvironment(environment)
        if let token = credentials.token { actions.mask(token) }
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
                let outcome = try transaction.preview(file: request.path.file, edit: edit.apply)
                if outcome.changed {
                    print(try diff(outcome), terminator: "")
                } else {
                    print("unchanged: \(request.path) already matches")
                }
                return
            }
            let outcome = try transaction.commit(file: request.path.file, message: options.commitMessage(for: request),
                                                 push: !options.noPush, edit: edit.apply)
            try report(outcome, actions)
        }
    }

    private func openRepository(_ credentials: Credentials, logger: Logger) throws -> GitRepository {
        if let remote = options.remote {
            return try GitRepository.cloneIntoTemporaryFolder(url: remote, branch: options.branch,
                                                              credentials: credentials, network: options.networkPolicy,
                                                              retry: options.retryPolicy, logger: logger)
        }
        return try GitRepository.open(at: options.directory)
    }

    private func diff(_ outcome: TransactionOutcome) throws -> String {
        try UnifiedDiff.make(old: outcome.before, new: outcome.after, path: request.path.file)
    }

    private func report(_ outcome: TransactionOutcome, _ actions: GitHubActions) throws {
        let verb = options.noPush ? "committed locally" : "pushed"
        if let commit = outcome.commit, outcome.changed {
            let tries = outcome.attempts == 1 ? "1 attempt" : "\(outcome.attempts) attempts"
            print("\(verb) \(commit.prefix(12)) \(options.commitMessage(for: request)) (\(tries))")
        } else {
            print("unchanged: \(request.path) already matches")
        }
        for warning in outcome.warnings {
            StandardStreams.writeError("config-api: warning: \(warning.unicodeScalars.map(printable).joined())\n")
            actions.warning(warning)
        }
        guard actions.isActive else { return }
        try actions.setOutput("changed", outcome.changed ? "true" : "false")
        try actions.setOutput("commit", outcome.commit ?? "")
        try actions.setOutput("attempts", String(outcome.attempts))
        let facts = [("Action", request.action.rawValue), ("Path", request.path.description),
                     ("Commit", outcome.commit ?? "none (unchanged)"), ("Attempts", String(outcome.attempts))]
        try actions.appendSummary(GitHubActions.summary(title: "config-api: \(options.commitMessage(for: request))",
                                                        facts: facts.map { (name: $0.0, value: $0.1) },
                                                        diff: outcome.changed ? try diff(outcome) : ""))
    }
}
