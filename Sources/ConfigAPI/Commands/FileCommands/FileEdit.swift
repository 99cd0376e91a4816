import ProjectConfig
import YAMLPatch

/// Runs one edit on a file: read, edit (verified by YAMLPatch), then print the new document or
/// replace the file, and end the process.
enum FileEdit {
    static func run(file: String, path: String, inPlace: Bool, _ operation: () throws -> EditOperation) throws {
        try reportingFailures(file: file) {
            let yamlPath = try FileCommandArguments.parsedPath(path)
            let edit = try operation()
            let tree = try DocumentTree(parsing: try Files.contents(of: file))
            let result = try tree.applying(edit, at: yamlPath)
            if !inPlace {
                try StandardStreams.writeOutput(result.text)
            } else if result.changed {
                try Files.replaceAtomically(file, with: result.text)
            }
            ProcessEnd.succeed(keeping: tree, result)
        }
    }

    /// A JSON command-line argument as a value; `name` says which argument in errors.
    static func json(_ text: String, argument name: String) throws -> YAMLValue {
        try JSONText.parse(text, origin: name)
    }
}
