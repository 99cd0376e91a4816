import GitOps
import ProjectConfig

/// What a resource command prints once its transaction ends: the diff of a preview, the
/// commit it made, and in GitHub Actions the step outputs and a summary with the diff.
struct TransactionReport {
    let request: ResourceRequest
    /// The commit message.
    let message: String
    /// Whether the commit stays on the local branch (`--no-push`).
    let committedLocallyOnly: Bool

    /// `--dry-run`: the unified diff the update would make, or that it changes nothing.
    func printPreview(_ outcome: TransactionOutcome) throws {
        if outcome.changed {
            try StandardStreams.writeOutput(try diff(outcome).utf8)
        } else {
            try StandardStreams.printLine(unchanged)
        }
    }

    /// The commit line (`pushed 3f2c1a9d0e12 apply projects/… (1 attempt)`), and with Actions
    /// active the outputs `changed`, `commit`, `attempts` and the step summary.
    func printOutcome(_ outcome: TransactionOutcome, _ actions: GitHubActions) throws {
        if let commit = outcome.commit, outcome.changed {
            let verb = committedLocallyOnly ? "committed locally" : "pushed"
            let tries = outcome.attempts == 1 ? "1 attempt" : "\(outcome.attempts) attempts"
            try StandardStreams.printLine("\(verb) \(commit.prefix(12)) \(message) (\(tries))")
        } else {
            try StandardStreams.printLine(unchanged)
        }
        for warning in outcome.warnings {
            StandardStreams.writeError("config-api: warning: \(DisplayText.sanitized(warning, limit: .max))\n")
            actions.warning(warning)
        }
        guard actions.isActive else { return }
        try actions.setOutput("changed", outcome.changed ? "true" : "false")
        try actions.setOutput("commit", outcome.commit ?? "")
        try actions.setOutput("attempts", String(outcome.attempts))
        let facts = [
            ("Action", request.action.rawValue), ("Path", request.path.description),
            ("Commit", outcome.commit ?? "none (unchanged)"), ("Attempts", String(outcome.attempts)),
        ]
        try actions.appendSummary(
            GitHubActions.summary(
                title: "config-api: \(message)",
                facts: facts.map { (name: $0.0, value: $0.1) },
                diff: outcome.changed ? try diff(outcome) : ""))
    }

    private var unchanged: String { "unchanged: \(request.path) already matches" }

    /// The `git diff`-style patch of the file, with `a/` and `b/` headers.
    private func diff(_ outcome: TransactionOutcome) throws -> String {
        try UnifiedDiff.make(old: outcome.before, new: outcome.after, path: request.path.file)
    }
}
