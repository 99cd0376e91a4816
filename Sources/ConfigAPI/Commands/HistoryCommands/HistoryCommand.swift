import ArgumentParser
import ProjectConfig
import YAMLPatch

/// `config-api history PROJECT APP`: every change of one application or database.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List every change of an application or database, newest first.",
        discussion: """
            Reads the first-parent history of the branch (as `git log --first-parent` walks it) \
            with libgit2, only the commits that changed projects/PROJECT.yaml, and prints those \
            that changed the item: the commit, the author's time (UTC), the author, the subject, \
            and each field that changed as a path inside the item with its old and new value in \
            JSON (`git.hash: null → "3f2c1a9"`; `(none)` for an absent field). The creation and \
            the deletion of the item are changes too.

            --json prints a list of {commit, time, author {name, email}, subject, message, change \
            (created, modified, deleted, unreadable), fields [{path, old, new}]}; old or new is \
            left out where the field was absent.

            A shallow clone's history is incomplete: exit 66 (fetch the whole branch).

            Examples:
              config-api history myproject api
              config-api history myproject --database mysql --json
              config-api history --remote https://github.com/org/gitops.git myproject api -n 5
            """
    )

    @Argument(help: "The project: projects/PROJECT.yaml.")
    var project: String

    @Argument(help: "The application's name.")
    var application: String?

    @Option(help: ArgumentHelp("A database instead of an application.", valueName: "NAME"))
    var database: String?

    @Option(name: [.customShort("n"), .long], help: "Show at most this many changes.")
    var maxCount: Int?

    @OptionGroup var source: ReadOptions

    func validate() throws {
        if (application == nil) == (database == nil) {
            throw ValidationError("name an application, or --database NAME")
        }
        if let maxCount, maxCount < 1 { throw ValidationError("--max-count must be at least 1") }
    }

    func run() throws {
        try reportingFailures(file: "projects/\(project).yaml") {
            let kind: ResourcePath.Kind = database == nil ? .applications : .databases
            let path = try ResourcePath(project: project, kind: kind, name: application ?? database ?? "")
            let (repository, snapshot) = try source.snapshot()
            var walk = try ItemHistoryWalk(from: snapshot, items: [path])
            var entries: [(ItemHistoryWalk.Step, ItemTransition)] = []
            while entries.count < maxCount ?? .max, let step = try walk.next() {
                entries += step.transitions.map { (step, $0) }
            }
            try withExtendedLifetime(repository) {
                if source.json {
                    let list = YAMLValue.sequence(entries.map { HistoryOutput.value(of: $0.1, in: $0.0.revision) })
                    try StandardStreams.printLine(JSONText.render(list))
                } else {
                    try StandardStreams.writeOutput(text(entries).utf8)
                }
            }
        }
    }

    private func text(_ entries: [(ItemHistoryWalk.Step, ItemTransition)]) -> String {
        entries.map { step, transition in
            let revision = step.revision
            let head = "\(revision.commit.prefix(12))  \(HistoryOutput.time(of: revision))  "
                + HistoryOutput.author(of: revision)
            let body = [DisplayText.sanitized(revision.subject, limit: 200)] + HistoryOutput.lines(of: transition)
            return ([head] + body.map { "    " + $0 }).joined(separator: "\n") + "\n"
        }.joined(separator: "\n")
    }
}
