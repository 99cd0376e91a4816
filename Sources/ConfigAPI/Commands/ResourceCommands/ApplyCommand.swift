import ArgumentParser
import ProjectConfig

/// `config-api apply`: one resource request, committed and pushed exactly once.
struct ApplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Merge, create or delete an application or database, then commit and push.",
        discussion: """
            --path names the item: projects/<project>/applications/<name> or \
            projects/<project>/databases/<name>, in projects/<project>.yaml.
              apply   deep-merges --spec into the item (refused if it is absent)
              create  appends {name: <name>, ...spec} to the list (refused if it exists)
              delete  removes the item and its own comment lines (refused if absent)
            Every other byte of the file stays as it was. The whole file is validated before \
            every commit (see `config-api validate --help`); an invalid result is never committed.

            The update is a transaction on the git object database: fetch the branch, edit the \
            file as it is at the tip, commit with the tip as parent, push. When another writer \
            got there first, it fetches and re-applies the edit on the new tip, with jittered \
            exponential backoff. No change means no commit. Credentials: CONFIG_API_TOKEN or \
            GITHUB_TOKEN for HTTPS, the SSH agent for SSH (the host's key must be in \
            ~/.ssh/known_hosts); a token is never printed.

            Examples:
              config-api apply --path projects/myproject/applications/api --spec '{"git":{"hash":"3f2c1a9"}}'
              config-api apply --path projects/myproject/databases/cache --action create \\
                  --spec '{"type":"redis","version":"7.0","port":6379,"size":"1Gi"}'
              config-api apply --path projects/myproject/applications/api --action delete --dry-run
              config-api apply --remote https://github.com/org/gitops.git --branch main \\
                  --path projects/myproject/applications/api --spec '{"port":8081}'
            """
    )

    @Option(help: ArgumentHelp("The item: projects/<project>/(applications|databases)/<name>.", valueName: "PATH"))
    var path: String

    @Option(help: ArgumentHelp("A JSON object (needed by apply and create).", valueName: "JSON"))
    var spec: String?

    @Option(help: "apply (merge), create or delete.")
    var action: ResourceAction = .apply

    @OptionGroup var repository: RepositoryOptions

    func run() throws {
        var request: ResourceRequest?
        try reportingFailures { request = try ResourceRequest(path: path, action: action, specJSON: spec) }
        guard let request else { return }
        try RequestTransaction(request: request, options: repository).run()
    }
}

extension ResourceAction: ExpressibleByArgument {}
