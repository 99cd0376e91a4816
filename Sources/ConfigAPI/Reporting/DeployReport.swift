import GitOps
import ProjectConfig

/// What a resource command prints once its transaction ends: the diff of a preview, the commit
/// it made, or why it wrote nothing (unchanged, superseded, held); and in GitHub Actions the
/// step outputs, a notice for a declined update, and a summary with the diff.
struct DeployReport {
    /// What the run changes: `projects/p/applications/api`.
    let subject: String
    /// The summary's facts besides the commit and the attempts.
    let facts: [(name: String, value: String)]
    /// Whether the commit stays on the local branch (`--no-push`).
    let committedLocallyOnly: Bool
    /// The branch `--push-to` named, which the commit goes to instead of the base branch.
    var pushBranch: String? = nil

    /// `--dry-run`: the unified diff the update would make (in colour with `colors`), or why it
    /// would make none. In GitHub Actions the diff, which shows the payload's values and the
    /// files' lines, is printed with workflow commands stopped (docs/contract.md#hostile-input).
    func printPreview(
        _ outcome: TransactionOutcome, declined: DeclinedUpdate?, _ actions: GitHubActions, colors: Bool
    ) throws {
        if outcome.declined, let declined {
            try StandardStreams.printLine(Self.line(declined))
        } else if outcome.changed {
            let diff = try diff(outcome)
            let shown = colors ? DiffColors.colored(diff) : diff
            try StandardStreams.writeOutput(actions.commandsStopped(around: shown).utf8)
        } else {
            try StandardStreams.printLine(unchanged)
        }
    }

    /// The commit line (`pushed 3f2c1a9d0e12 apply projects/… (1 attempt)`; with `--push-to`,
    /// `pushed 3f2c1a9d0e12 apply projects/… to BRANCH (1 attempt)`), or the line saying why
    /// nothing was written (with a notice on stderr, and in Actions a `::notice`); with Actions
    /// active the outputs `changed`, `commit`, `attempts`, `branch`, `superseded`, `held` and
    /// the step summary.
    func printOutcome(_ outcome: TransactionOutcome, declined: DeclinedUpdate?, _ actions: GitHubActions) throws {
        let declined = outcome.declined ? declined : nil
        if let commit = outcome.commit, outcome.changed {
            let verb = committedLocallyOnly ? "committed locally" : "pushed"
            let tries = outcome.attempts == 1 ? "1 attempt" : "\(outcome.attempts) attempts"
            let place = pushBranch.map { " to \($0)" } ?? ""
            try StandardStreams.printLine("\(verb) \(commit.prefix(12)) \(subjectLine(outcome))\(place) (\(tries))")
        } else if let declined {
            try StandardStreams.printLine(Self.line(declined))
            StandardStreams.printMessage("notice: " + declined.reason)
            actions.notice("\(declined.kind.rawValue): \(declined.reason)")
        } else {
            try StandardStreams.printLine(unchanged)
        }
        for warning in outcome.warnings {
            StandardStreams.printMessage("warning: " + warning)
            actions.warning(warning)
        }
        guard actions.isActive else { return }
        try actions.setOutput("changed", outcome.changed ? "true" : "false")
        try actions.setOutput("commit", outcome.commit ?? "")
        try actions.setOutput("attempts", String(outcome.attempts))
        try actions.setOutput("branch", outcome.branch ?? "")
        try actions.setOutput("superseded", declined?.kind == .superseded ? "true" : "false")
        try actions.setOutput("held", declined?.kind == .held ? "true" : "false")
        let result = outcome.commit ?? declined.map { "none (\($0.kind.rawValue))" } ?? "none (unchanged)"
        var facts = facts + [(name: "Commit", value: result), (name: "Attempts", value: String(outcome.attempts))]
        if let branch = outcome.branch, pushBranch != nil { facts.append((name: "Branch", value: branch)) }
        try actions.appendSummary(
            GitHubActions.summary(
                title: "config-api: \(outcome.changed ? subjectLine(outcome) : subject)",
                facts: facts, diff: outcome.changed ? try diff(outcome) : ""))
    }

    /// Problems the files had before the edit and still have (docs/contract.md#validation): one
    /// `config-api: warning: FILE:LINE:COL: message` line each, and a warning annotation on the
    /// line in GitHub Actions.
    func printWarnings(_ warnings: [FileWarning], _ actions: GitHubActions) {
        for warning in warnings {
            let issue = warning.issue
            StandardStreams.printMessage("warning: \(warning.file):\(issue.line):\(issue.column): \(issue.message)")
            actions.warning(issue.message, file: warning.file, line: issue.line, column: issue.column)
        }
    }

    /// `superseded: <reason>; nothing written`.
    static func line(_ declined: DeclinedUpdate) -> String {
        "\(declined.kind.rawValue): \(DisplayText.sanitized(declined.reason, limit: .max)); nothing written"
    }

    private var unchanged: String { "unchanged: \(subject) already matches" }

    /// The commit message's first line, safe to print.
    private func subjectLine(_ outcome: TransactionOutcome) -> String {
        DisplayText.sanitized(CommitMessage.subject(of: outcome.message ?? subject), limit: 200)
    }

    /// The `git diff`-style patch of every changed file, with `a/` and `b/` headers.
    private func diff(_ outcome: TransactionOutcome) throws -> String {
        try outcome.files.filter(\.isChanged).map { try UnifiedDiff.make(old: $0.before, new: $0.after, path: $0.path) }
            .joined()
    }
}
