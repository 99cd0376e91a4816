import ArgumentParser
import YAMLPatch

/// `config-api append FILE PATH JSON`: adds an item to a list.
struct AppendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "append",
        abstract: "Append a JSON value to the list at a path.",
        discussion: """
            The new item is written like the list's last item: same indentation, block or flow, \
            after a blank line when the items are separated by blank lines. A null value becomes \
            a one-item list. Prints the whole new document, or writes the file with -i.

            Examples:
              config-api append my.yaml 'applications[name=api].domains' '"api2.example.com"' -i
              config-api append my.yaml databases '{"name":"cache","type":"redis","port":6379}'
            """
    )

    @Argument(help: FileCommandArguments.file)
    var file: String

    @Argument(help: FileCommandArguments.path)
    var path: String

    @Argument(help: ArgumentHelp("The item to append, as JSON (a string needs its quotes).", valueName: "json"))
    var item: String

    @Flag(name: FileCommandArguments.inPlaceNames, help: FileCommandArguments.inPlace)
    var inPlace = false

    func run() throws {
        try FileEdit.run(file: file, path: path, inPlace: inPlace) {
            .append(try FileEdit.json(item, argument: "JSON"))
        }
    }
}
