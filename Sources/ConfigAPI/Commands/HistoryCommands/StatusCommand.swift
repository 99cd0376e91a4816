import ArgumentParser
import GitOps
import ProjectConfig
import YAMLPatch

/// `config-api status [PROJECT...]`: what each application and database runs, since when.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show what every application and database deploys, since when, by whom, and holds.",
        discussion: """
            One row per application and database of each project (default: every \
            projects/*.yaml of the branch): the project, the kind, the name, what is deployed (an \
            application's git.hash, shortened; a database's version), since when and by whom — the \
            commit of the branch's first-parent history that set it, read with libgit2 — and \
            the hold, if any (`config-api rollback --hold`).

            --json prints a list of {project, kind, name, hash, version, commit, since, author \
            {name, email}, held, hold}; hash is null for a database, version for an application.

            Examples:
              config-api status
              config-api status myproject --json
              config-api status --remote https://github.com/org/gitops.git
            """
    )

    @Argument(help: "Projects to show (default: all).")
    var projects: [String] = []

    @OptionGroup var source: ReadOptions

    func run() throws {
        try reportingFailures {
            let (repository, snapshot) = try source.snapshot()
            let names = projects.isEmpty
                ? try snapshot.fileNames(in: "projects").filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }
                : projects
            var rows: [StatusRow] = []
            for project in names {
                rows += try Self.rows(of: project, at: snapshot)
            }
            try withExtendedLifetime(repository) {
                if source.json {
                    try StandardStreams.printLine(JSONText.render(.sequence(rows.map(\.value))))
                } else {
                    try StandardStreams.writeOutput(StatusRow.table(rows).utf8)
                }
            }
        }
    }

    /// The rows of `project`: each item, and the commit that set what it deploys.
    static func rows(of project: String, at snapshot: CommitSnapshot) throws -> [StatusRow] {
        let file = "projects/\(project).yaml"
        guard let text = try snapshot.file(file) else {
            throw ProjectConfigError(.missingProject, "no such project '\(DisplayText.sanitized(project))': "
                + "the branch has no \(DisplayText.sanitized(file))")
        }
        let items = try DeployedItem.all(in: text, project: project)
        guard !items.isEmpty else { return [] }
        var walk = try ItemHistoryWalk(from: snapshot, items: items.map(\.path))
        var setBy: [ResourcePath: FileRevision] = [:]
        while let step = try walk.next() {
            for transition in step.transitions
            where deployed(transition.older, transition.path) != deployed(transition.newer, transition.path) {
                setBy[transition.path] = step.revision
                walk.stopFollowing(transition.path)
            }
        }
        return items.map { StatusRow(item: $0, setBy: setBy[$0.path]) }
    }

    /// What a state deploys: nil when absent, then the hash or version (itself nil when unset).
    private static func deployed(_ state: ItemState, _ path: ResourcePath) -> String?? {
        guard let value = state.value else { return nil }
        return .some(DeployedItem(path: path, value: value).deployed)
    }
}
