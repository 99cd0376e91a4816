import ProjectConfig
import YAMLPatch

/// Runs one edit on a file: read, edit (verified by YAMLPatch), then print or write in place.
enum FileEdit {
    static func run(_ arguments: FileArguments, _ operation: () throws -> EditOperation, _ options: WriteOptions)
        throws {
        try reportingFailures(file: arguments.file) {
            let path = try arguments.parsedPath()
            let edit = try operation()
            let tree = try DocumentTree(parsing: try Files.contents(of: arguments.file))
            let result = try tree.applying(edit, at: path)
            if options.inPlace {
                if result.changed { try Files.replaceAtomically(arguments.file, with: result.text) }
            } else {
                try StandardStreams.writeOutput(result.text)
            }
        }
    }

    /// A JSON command-line argument as a value; `name` says which argument in errors.
    static func json(_ text: String, argument name: String) throws -> YAMLValue {
        try JSONText.parse(text, origin: name)
    }
}
