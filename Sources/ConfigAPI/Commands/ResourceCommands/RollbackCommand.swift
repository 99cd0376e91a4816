import ArgumentParser
import ProjectConfig

/// `config-api rollback PROJECT APP`: an earlier build back, from the history.
struct RollbackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract: "Deploy an earlier hash of an application again, and optionally hold later updates.",
        discussion: """
            Reads the hashes the application was deployed with from the history of its project \
            file (the branch's first parents, as `config-api history` lists them) and sets \
            git.hash to an earlier one: by default the previous one, --steps N back, or the one \
            --to names (a prefix of it is enough). A rollback is explicit, so order guards and \
            holds let it through. The commit says so: \
            `rollback projects/P/applications/N to <hash> (was <hash>)` (--message may use \
            {hash} and {previous}).

            --hold REASON also writes `hold: REASON` into the application (the chart ignores it): \
            from then on every hash update of it (bump, apply, dispatch) ends as `held` — exit 0, \
            nothing written, held=true in GitHub Actions, a notice — until \
            `config-api release PROJECT APP` removes it. Hold and release are commits like any \
            other; a rollback of a held application keeps the hold.

            Every attempt reads the history again at the tip it commits on.

            Examples:
              config-api rollback myproject api
              config-api rollback myproject api --steps 2 --hold "incident 2026-01-12: 500s on checkout"
              config-api rollback --remote https://github.com/org/gitops.git myproject api --to 3f2c1a9
            """
    )

    @Argument(help: "The project: projects/PROJECT.yaml.")
    var project: String

    @Argument(help: "The application's name.")
    var application: String

    @Option(help: ArgumentHelp("The earlier hash to deploy (a prefix of one in the history).", valueName: "SHA"))
    var to: String?

    @Option(help: "How many deployments back (1: the previous hash).")
    var steps: Int?

    @Option(help: ArgumentHelp("Hold later hash updates of the application, for this reason.", valueName: "REASON"))
    var hold: String?

    @OptionGroup var repository: RepositoryOptions

    func validate() throws {
        if to != nil, steps != nil { throw ValidationError("--to and --steps exclude each other") }
        if let steps, steps < 1 { throw ValidationError("--steps must be at least 1") }
        if let to, let problem = TextFormat.commitHash.problem(to) {
            throw ValidationError("--to '\(DisplayText.sanitized(to))' \(problem)")
        }
        if let hold, let problem = TextFormat.holdReason.problem(hold) {
            throw ValidationError("--hold \(problem)")
        }
    }

    func run() throws {
        var path: ResourcePath?
        try reportingFailures { path = try ResourcePath(project: project, kind: .applications, name: application) }
        guard let path else { return }
        let target: RollbackPlan.Target = to.map { .hash($0) } ?? .stepsBack(steps ?? 1)
        try DeployTransaction(options: repository)
            .run(RollbackPlan(path: path, target: target, hold: hold, template: repository.message))
    }
}
