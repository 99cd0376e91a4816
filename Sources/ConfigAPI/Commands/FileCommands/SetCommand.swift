import ArgumentParser
import YAMLPatch

/// `config-api set FILE PATH VALUE`: replaces one value.
struct SetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Set the value at a path, changing only its bytes.",
        discussion: """
            VALUE is a string; with --json it is JSON (number, true/false, null, object, array). \
            A string that YAML would read as something else (yes, off, 1e3, 0x1F, 012, ~, ...) is \
            quoted; a git hash like 1234567 stays a string. The old value's quoting style and its \
            trailing # comment are kept. Missing keys on the path are created; selectors never \
            create list items. Prints the whole new document, or writes the file with -i.

            Examples:
              config-api set my.yaml 'applications[name=api].git.hash' 3f2c1a9 -i
              config-api set --json my.yaml 'applications[name=api].port' 8081
              config-api set --json my.yaml 'applications[name=api].env' '{"LOG":"debug"}' -i
            """
    )

    @Argument(help: FileCommandArguments.file)
    var file: String

    @Argument(help: FileCommandArguments.path)
    var path: String

    @Argument(help: "The new value: a string, or JSON with --json.")
    var value: String

    @Flag(help: "Read VALUE as JSON.")
    var json = false

    @Flag(name: FileCommandArguments.inPlaceNames, help: FileCommandArguments.inPlace)
    var inPlace = false

    func run() throws {
        try FileEdit.run(file: file, path: path, inPlace: inPlace) {
            .set(json ? try FileEdit.json(value, argument: "VALUE") : .string(value))
        }
    }
}
