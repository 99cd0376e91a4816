import ArgumentParser
import ProjectConfig

/// `config-api dispatch`: the GitHub Actions entry point for `repository_dispatch` events.
struct DispatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dispatch",
        abstract: "Run the client_payload of a repository_dispatch event.",
        discussion: """
            Reads the event (default $GITHUB_EVENT_PATH) and runs its client_payload \
            {path, action, spec} exactly as `apply` does: the payload is checked before anything \
            is touched (path grammar, action, spec an object, at most 64 KB), the result is \
            validated, committed and pushed with retry.

            In GitHub Actions (GITHUB_ACTIONS=true) it writes `changed`, `commit` and `attempts` \
            to $GITHUB_OUTPUT, a summary with the diff to $GITHUB_STEP_SUMMARY, and errors as \
            ::error annotations. Event data never passes through a shell.

            Examples:
              config-api dispatch                          # in a workflow on: repository_dispatch
              config-api dispatch --event event.json --dry-run
            """
    )

    @Option(help: ArgumentHelp("The event JSON file (default: $GITHUB_EVENT_PATH).", valueName: "FILE"))
    var event: String?

    @OptionGroup var repository: RepositoryOptions

    func run() throws {
        let environment = Environment.current()
        var request: ResourceRequest?
        try reportingFailures(annotating: GitHubActions(environment: environment)) {
            let file = try Self.eventFile(option: event, environment: environment)
            request = try DispatchPayload.request(fromEvent: try Files.contents(of: file), origin: file)
        }
        guard let request else { return }
        try RequestTransaction(request: request, options: repository, environment: environment).run()
    }

    /// The event file to read: `--event FILE` when given, else `$GITHUB_EVENT_PATH`. Neither is
    /// a usage failure (exit 64).
    static func eventFile(option: String?, environment: [String: String]) throws(CommandFailure) -> String {
        if let option { return option }
        if let path = environment["GITHUB_EVENT_PATH"], !path.isEmpty { return path }
        throw CommandFailure(
            .usage,
            "no event file: pass --event FILE or run in GitHub Actions, "
                + "where $GITHUB_EVENT_PATH names it")
    }
}
