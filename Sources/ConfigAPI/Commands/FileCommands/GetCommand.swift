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

    @OptionGroup var arguments: FileArguments

    @Flag(help: "Print each match as compact JSON instead.")
    var json = false

    func run() throws {
        try reportingFailures(file: arguments.file) {
            let path = try arguments.parsedPath()
            let tree = try DocumentTree(parsing: try Files.contents(of: arguments.file))
            var output = ""
            for match in try tree.matches(of: path) {
                output += try rendered(match, in: tree) + "\n"
            }
            try StandardStreams.writeOutput(output.utf8)
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
