import ArgumentParser
import YAMLPatch

/// `config-api delete FILE PATH`: removes a key or item.
struct DeleteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete the key or list item at a path.",
        discussion: """
            Removes exactly the entry's lines, with the comment lines directly above it at the \
            same indentation; in a flow collection ([a, b] or {a: 1}) the entry and its comma. \
            A selector deletes every item it matches. Prints the whole new document, or writes \
            the file with -i.

            Examples:
              config-api delete my.yaml 'applications[name=frontend]' -i
              config-api delete my.yaml 'databases[-1]'
            """
    )

    @Argument(help: FileCommandArguments.file)
    var file: String

    @Argument(help: FileCommandArguments.path)
    var path: String

    @Flag(name: FileCommandArguments.inPlaceNames, help: FileCommandArguments.inPlace)
    var inPlace = false

    func run() throws {
        try FileEdit.run(file: file, path: path, inPlace: inPlace) { .delete }
    }
}
