import ArgumentParser
import YAMLPatch

/// The FILE and PATH every file command takes.
struct FileArguments: ParsableArguments {
    @Argument(help: "The YAML file to read (for example projects/myproject.yaml).")
    var file: String

    @Argument(help: ArgumentHelp(
        "Where in the file: a.b.c (keys), a[0] or a[-1] (items), a[name=api] (the items whose name is api), a[\"key.with.dots\"], or . for the root.",
        valueName: "path"))
    var path: String

    /// The parsed path; a malformed one is a data error naming the column.
    func parsedPath() throws -> YAMLPath {
        do {
            return try YAMLPath(path)
        } catch let error as YAMLPatchError {
            let column = error.mark.map { " at column \($0.column)" } ?? ""
            throw CommandFailure(.dataError, "\(error.message)\(column) of '\(path)'")
        }
    }
}

/// `-i`: write in place instead of printing.
struct WriteOptions: ParsableArguments {
    @Flag(name: [.customShort("i"), .customLong("in-place")],
          help: "Write the file in place (atomically: temporary file in the same folder, then rename; mode kept) instead of printing the new document.")
    var inPlace = false
}

/// Runs one edit on a file: read, edit (verified by YAMLPatch), then print or write in place.
enum FileEdit {
    static func run(_ arguments: FileArguments, _ operation: () throws -> EditOperation, _ options: WriteOptions) throws {
        try reportingFailures(file: arguments.file) {
            let path = try arguments.parsedPath()
            let edit = try operation()
            let tree = try DocumentTree(parsing: try ProjectFile.contents(of: arguments.file))
            let result = try tree.applying(edit, at: path)
            if options.inPlace {
                if result.changed { try ProjectFile.writeAtomically(result.text, to: arguments.file) }
            } else {
                ProjectFile.printToStandardOutput(result.text)
            }
        }
    }

    /// A JSON command-line argument as a value; `name` says which argument in errors.
    static func json(_ text: String, argument name: String) throws -> YAMLValue {
        try JSONText.parse(text, origin: name)
    }
}
