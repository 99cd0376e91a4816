import ArgumentParser
import ProjectConfig
import YAMLPatch

/// `config-api get FILE PATH`: prints what a path points at.
struct GetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "Print the value at a path.",
        discussion: """
            Scalars are printed raw, like `yq -r` (no quotes); mappings and sequences as their \
            YAML text from the file, comments included. A path that matches several nodes \
            (a selector, or several documents) prints each on its own line. Aliases are followed.

            Examples:
              config-api get my.yaml 'applications[name=api].git.hash'
              config-api get my.yaml 'applications[name=api].domains'
              config-api get --json my.yaml 'databases[0]'
            """
    )

    @Argument(help: FileCommandArguments.file)
    var file: String

    @Argument(help: FileCommandArguments.path)
    var path: String

    @Flag(help: "Print each match as compact JSON instead.")
    var json = false

    func run() throws {
        try reportingFailures(file: file) {
            let yamlPath = try FileCommandArguments.parsedPath(path)
            let tree = try DocumentTree(parsing: try Files.contents(of: file))
            var output = ""
            for match in try tree.matches(of: yamlPath) {
                output += try rendered(match, in: tree) + "\n"
            }
            try StandardStreams.writeOutput(output.utf8)
            ProcessEnd.succeed(keeping: tree)
        }
    }

    private func rendered(_ match: PathMatch, in tree: DocumentTree) throws -> String {
        if json { return JSONText.render(try tree.value(of: match.node, in: tree.documents[match.documentIndex])) }
        if case .scalar(let text, let style) = match.node.content {
            return text.isEmpty && style == .plain ? "null" : text
        }
        return tree.sourceText(of: match.node)
    }
}
