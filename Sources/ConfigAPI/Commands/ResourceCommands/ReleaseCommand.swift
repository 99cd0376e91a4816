import ArgumentParser
import ProjectConfig

/// `config-api release PROJECT APP`: ends a hold.
struct ReleaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "release",
        abstract: "Remove an application's hold, so that its hash updates land again.",
        discussion: """
            Deletes the application's `hold:` line (written by `config-api rollback --hold`), \
            commits and pushes like `apply`. An application without a hold is left as it is \
            (unchanged, exit 0).

            Examples:
              config-api release myproject api
              config-api release --remote https://github.com/org/gitops.git myproject api
            """
    )

    @Argument(help: "The project: projects/PROJECT.yaml.")
    var project: String

    @Argument(help: "The application's name.")
    var application: String

    @OptionGroup var repository: RepositoryOptions

    func run() throws {
        var path: ResourcePath?
        try reportingFailures { path = try ResourcePath(project: project, kind: .applications, name: application) }
        guard let path else { return }
        try DeployTransaction(options: repository).run(ReleasePlan(path: path, template: repository.message))
    }
}
