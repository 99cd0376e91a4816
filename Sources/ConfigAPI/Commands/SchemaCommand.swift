import ArgumentParser
import ProjectConfig

/// `config-api schema [--chart-values]`: prints the JSON Schema of a project file, or of the
/// chart's values, generated from the definition `validate` walks.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of a project file, for editors and for Helm.",
        discussion: """
            The schema is generated from the one definition `config-api validate` walks: the same \
            keys, types, formats and ranges. It is JSON Schema draft-07, which both Helm 3 (as \
            ArgoCD runs it) and Helm 4 read, printed with two-space indentation, keys in a fixed \
            order and a trailing newline, so that a committed copy is reviewable and compares \
            byte for byte with this output.

            Without flags it describes a project file as written: `project` and `platform` are \
            refused there like any unknown key. Editors use it through the first line of a \
            project file (the YAML language server resolves the path from the file):
              # yaml-language-server: $schema=../chart/project-file.schema.json

            --chart-values describes what Helm validates against chart/values.schema.json before \
            it renders: the chart's values.yaml, the project file and --set-string project=P \
            merged, so `project` (a DNS-1123 label) and `platform` are required there. Helm cannot \
            tell where a merged value came from, and JSON Schema judges one value at a time, so \
            only validate refuses: `project` or `platform` in the file, names used twice across \
            applications and databases, a domain routed twice, names too long once the project's \
            name is added, duplicate keys and merge keys (<<), a second YAML document, and an \
            unquoted hash like 12e4567 that YAML readers disagree on. The schema states the \
            rules across values in $comment.

            Examples:
              config-api schema > chart/project-file.schema.json
              config-api schema --chart-values > chart/values.schema.json

            Exit codes: 0 printed, 74 standard output cannot be written.
            """
    )

    @Flag(help: "Describe the chart's merged values (chart/values.schema.json) instead of a project file.")
    var chartValues = false

    func run() throws {
        try reportingFailures {
            let schema = ProjectSchema.jsonSchema(chartValues ? .chartValues : .projectFile)
            try StandardStreams.printLine(JSONText.renderIndented(schema))
        }
    }
}
