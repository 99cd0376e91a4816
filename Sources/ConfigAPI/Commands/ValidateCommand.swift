import ArgumentParser
import ProjectConfig

/// `config-api validate [FILE...]`: checks project files against what the Helm chart consumes.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check project files against the schema the Helm chart consumes.",
        discussion: """
            Reports every problem, each as `config-api: FILE:LINE:COL: message` on stderr (and as \
            an ::error annotation when GITHUB_ACTIONS=true). Without FILE arguments it checks \
            projects/*.yaml in the current folder, as the ApplicationSet reads them.

            A project file, projects/<project>.yaml (the file name is the namespace, \
            a DNS-1123 label), has `applications` and/or `databases`, lists of:
              application: name, git {type: github, owner, repo, branch, hash},
                           port (1-65535), domains (lowercase hostnames)
              database:    name, type (mysql, postgres, redis, mongodb),
                           version, port, size (5Gi, 500Mi, 1G, 1024)
            git.hash is ~ or 7-40 hex digits; version is a string ("8.0").
            Names are DNS labels starting with a letter, unique across applications and databases \
            (each becomes a Service and a secret in the project's namespace).

            Unknown keys are errors at every level, because Helm silently ignores a typo such as \
            `domain:`. Keys starting with `x-` are allowed for a team's own notes; the chart never \
            reads them. `project:` is refused (the ApplicationSet sets it from the file name), as are \
            merge keys (<<) and a second YAML document. Values the chart prints must have the YAML \
            type it expects: an unquoted 8.0 or 1234567 is a number.

            Examples:
              config-api validate
              config-api validate projects/shop.yaml projects/blog.yaml

            Exit codes: 0 all valid, 65 problems found, 66 a named file (or projects/) is missing.
            """
    )

    @Argument(help: "Project files to check (default: projects/*.yaml).")
    var files: [String] = []

    func run() throws {
        try reportingFailures {
            let paths = try files.isEmpty ? Self.defaultFiles() : files
            let actions = GitHubActions()
            var missing = 0
            var invalid = 0
            for path in paths {
                guard let text = try? Files.contents(of: path) else {
                    missing += 1
                    Self.printError("\(path): no such file")
                    continue
                }
                let issues = ProjectValidation.issues(inText: text, file: path)
                if !issues.isEmpty { invalid += 1 }
                for issue in issues {
                    Self.printError("\(path):\(issue)")
                    actions.error(issue.message, file: path, line: issue.line, column: issue.column)
                }
            }
            if missing > 0 { throw ExitCode(SysexitCode.noInput.rawValue) }
            let count = paths.count == 1 ? "1 file" : "\(paths.count) files"
            if invalid > 0 { throw CommandFailure(.dataError, "\(invalid) of \(count) invalid") }
            try StandardStreams.printLine("\(count) valid")
        }
    }

    /// `projects/*.yaml` in the current folder, sorted; none → exit 66.
    private static func defaultFiles() throws(CommandFailure) -> [String] {
        let files = (Files.names(in: "projects", endingWith: ".yaml") ?? []).map { "projects/\($0)" }
        guard !files.isEmpty else {
            throw CommandFailure(
                .noInput, "no project files: projects/*.yaml matches nothing in \(Files.currentFolder)")
        }
        return files
    }

    private static func printError(_ text: String) {
        StandardStreams.writeError("config-api: \(text)\n")
    }
}
