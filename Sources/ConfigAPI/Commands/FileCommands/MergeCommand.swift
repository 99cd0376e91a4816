import ArgumentParser
import YAMLPatch

/// `config-api merge FILE PATH SPEC_JSON`: yq's `*=` at a path.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Deep-merge a JSON object into the mapping at a path (yq's *=).",
        discussion: """
            For each key of the spec: when both sides are mappings they merge recursively, \
            otherwise the spec's value replaces the file's (null sets null). Lists are replaced, \
            or concatenated with --append-lists (yq's *+). Keys new to the file are added after \
            its last key, indented like their siblings. Prints the whole new document, or writes \
            the file with -i.

            Examples:
              config-api merge my.yaml 'applications[name=api]' '{"git":{"hash":"3f2c1a9"}}' -i
              config-api merge my.yaml 'applications[name=frontend]' '{"replicas":2}'
              config-api merge --append-lists my.yaml 'applications[name=api]' '{"domains":["api2.example.com"]}'
            """
    )

    @Argument(help: FileCommandArguments.file)
    var file: String

    @Argument(help: FileCommandArguments.path)
    var path: String

    @Argument(help: ArgumentHelp("The JSON to merge (usually an object).", valueName: "spec-json"))
    var spec: String

    @Flag(help: "Concatenate lists instead of replacing them.")
    var appendLists = false

    @Flag(name: FileCommandArguments.inPlaceNames, help: FileCommandArguments.inPlace)
    var inPlace = false

    func run() throws {
        try FileEdit.run(file: file, path: path, inPlace: inPlace) {
            .merge(try FileEdit.json(spec, argument: "SPEC_JSON"), appendLists: appendLists)
        }
    }
}
