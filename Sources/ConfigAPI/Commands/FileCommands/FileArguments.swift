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
