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
    /// The branch `--push-to` named, which the commit goes to instead of the base branch.
    var pushBranch: String? = nil

    /// The message's first line, as the outcome and the summary show it.
    private var subject: String { CommitMessage.subject(of: message) }

    /// `--dry-run`: the unified diff the update would make, or that it changes nothing.
    func printPreview(_ outcome: TransactionOutcome) throws {
        if outcome.changed {
            try StandardStreams.writeOutput(try diff(outcome).utf8)
        } else {
            try StandardStreams.printLine(unchanged)
        }
    }

    /// The commit line (`pushed 3f2c1a9d0e12 apply projects/… (1 attempt)`; with `--push-to`,
    /// `pushed 3f2c1a9d0e12 apply projects/… to BRANCH (1 attempt)`), and with Actions active the
    /// outputs `changed`, `commit`, `attempts`, `branch` and the step summary.
    func printOutcome(_ outcome: TransactionOutcome, _ actions: GitHubActions) throws {
        if let commit = outcome.commit, outcome.changed {
            let verb = committedLocallyOnly ? "committed locally" : "pushed"
            let tries = outcome.attempts == 1 ? "1 attempt" : "\(outcome.attempts) attempts"
            let place = pushBranch.map { " to \($0)" } ?? ""
            try StandardStreams.printLine(
                "\(verb) \(commit.prefix(12)) \(DisplayText.sanitized(subject, limit: 200))\(place) (\(tries))")
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
        try actions.setOutput("branch", outcome.branch ?? "")
        var facts = [
            ("Action", request.action.rawValue), ("Path", request.path.description),
            ("Commit", outcome.commit ?? "none (unchanged)"), ("Attempts", String(outcome.attempts)),
        ]
        if let branch = outcome.branch, pushBranch != nil { facts.append(("Branch", branch)) }
        try actions.appendSummary(
            GitHubActions.summary(
                title: "config-api: \(DisplayText.sanitized(subject, limit: 200))",
                facts: facts.map { (name: $0.0, value: $0.1) },
                diff: outcome.changed ? try diff(outcome) : ""))
    }

    private var unchanged: String { "unchanged: \(request.path) already matches" }

    /// The `git diff`-style patch of the file, with `a/` and `b/` headers.
    private func diff(_ outcome: TransactionOutcome) throws -> String {
        try UnifiedDiff.make(old: outcome.before, new: outcome.after, path: request.path.file)
    }
}
