import ArgumentParser
import YAMLPatch

/// `config-api set FILE PATH VALUE`: replaces one value.
struct SetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Set the value at a path, changing only its bytes.",
        discussion: """
            VALUE keeps the type of the scalar it replaces when it reads as that type (YAML 1.2 \
            core schema): on an int, 8081 is the int 8081; on a float, 2 or 1.5 is a float; on a \
            boolean, true or false is a boolean. Otherwise VALUE is a string: on a string, on \
            null (hash: ~ set to 1234567 is the string "1234567"), on a mapping or a list, for a \
            new key, or when it does not read as the old type. --string always writes a string; \
            --json reads VALUE as JSON (number, true/false, null, object, array), - for \
            standard input.

            A string that YAML would read as something else (yes, off, 1e3, 0x1F, 012, ~, ...) is \
            quoted; a git hash like 1234567 stays a string. The old value's quoting style and its \
            trailing # comment are kept. Missing keys on the path are created; selectors never \
            create list items. Prints the whole new document, or writes the file with -i. FILE - \
            reads the document from standard input.

            Examples:
              config-api set my.yaml 'applications[name=api].git.hash' 3f2c1a9 -i
              config-api set my.yaml 'applications[name=api].port' 8081 -i
              config-api set --string my.yaml 'databases[name=mysql].version' 8 -i
              config-api set --json my.yaml 'applications[name=api].env' '{"LOG":"debug"}' -i
              render-env | config-api set --json my.yaml 'applications[name=api].env' - -i
            """
    )

    @Argument(help: FileCommandArguments.file)
    var file: String

    @Argument(help: FileCommandArguments.path)
    var path: String

    @Argument(help: "The new value: typed after the old one, a string with --string, JSON with --json (- for stdin).")
    var value: String

    @Flag(help: "Read VALUE as JSON.")
    var json = false

    @Flag(help: "Write VALUE as a string, whatever the old value's type.")
    var string = false

    @Flag(name: FileCommandArguments.inPlaceNames, help: FileCommandArguments.inPlace)
    var inPlace = false

    func validate() throws {
        try FileCommandArguments.checkInPlace(inPlace, file: file)
        if json, string { throw ValidationError("--json and --string exclude each other") }
        if json { try FileCommandArguments.checkOneStandardInput(file: file, json: value) }
    }

    func run() throws {
        try FileEdit.run(file: file, path: path, inPlace: inPlace) { tree, yamlPath in
            if json { return .set(try JSONArgument.value(value, name: "VALUE")) }
            if string { return .set(.string(value)) }
            return .set(ScalarTyping.value(value, replacing: ScalarTyping.currentValues(at: yamlPath, in: tree)))
        }
    }
}
