import ProjectConfig
import YAMLPatch

/// Runs one edit on a file: read, edit (verified by YAMLPatch), then print the new document or
/// replace the file, and end the process.
enum FileEdit {
    /// `operation` makes the edit once the file is read (`set` types its value after it).
    static func run(
        file: String, path: String, inPlace: Bool,
        _ operation: (DocumentTree, YAMLPath) throws -> EditOperation
    ) throws {
        try reportingFailures(file: Files.displayName(file)) {
            let yamlPath = try FileCommandArguments.parsedPath(path)
            let tree = try DocumentTree(parsing: try FileCommandArguments.yamlText(file))
            let edit = try operation(tree, yamlPath)
            let result = try tree.applying(edit, at: yamlPath)
            // The new text goes out piece by piece: a large file is never copied whole.
            if !inPlace {
                for piece in result.newText.pieces { try StandardStreams.writeOutput(piece) }
            } else if result.changed {
                try Files.replaceAtomically(file, with: result.newText.pieces)
            }
            ProcessEnd.succeed(keeping: tree, result)
        }
    }
}
