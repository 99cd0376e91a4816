import ArgumentParser
import ProjectConfig
import YAMLPatch

/// `config-api bump PROJECT APP SHA`: the build pipeline's update, by hand.
struct BumpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bump",
        abstract: "Set an application's git.hash, then commit and push.",
        discussion: """
            The same as `apply --path projects/PROJECT/applications/APP --spec '{"git":{"hash":"SHA"}}'`: \
            the one line holding the hash changes, the rest of the file stays byte for byte. Signing, \
            trailers and --push-to work as for apply (see `config-api apply --help`).

            Examples:
              config-api bump myproject api 3f2c1a9
              config-api bump myproject api 3f2c1a9 --dry-run
              config-api bump -C ~/gitops --no-push myproject frontend 9b8c7d6e5f4a
              config-api bump myproject api 3f2c1a9 --sign gpg \\
                  --push-to 'config-api/{project}/{name}'
            """
    )

    @Argument(help: "The project: projects/PROJECT.yaml.")
    var project: String

    @Argument(help: "The application's name.")
    var application: String

    @Argument(help: "The git commit hash to deploy (7 to 40 hex digits).")
    var sha: String

    @OptionGroup var repository: RepositoryOptions

    func run() throws {
        var request: ResourceRequest?
        try reportingFailures {
            let path = try ResourcePath(project: project, kind: .applications, name: application)
            let hash = YAMLValue.mapping([.init(key: "hash", value: .string(sha))])
            request = try ResourceRequest(path: path, action: .apply, spec: .mapping([.init(key: "git", value: hash)]))
        }
        guard let request else { return }
        try RequestTransaction(request: request, options: repository).run()
    }
}
