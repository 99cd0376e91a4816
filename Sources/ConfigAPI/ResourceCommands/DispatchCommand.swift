import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

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
        let environment = ProcessInfo.processInfo.environment
        var request: ResourceRequest?
        try reportingFailures(annotating: GitHubActions(environment: environment)) {
            let file = try DispatchPayload.eventFile(option: event, environment: environment)
            request = try DispatchPayload.request(fromEventFileAt: file)
        }
        guard let request else { return }
        try ResourceRun(request: request, options: repository, environment: environment).run()
    }
}
