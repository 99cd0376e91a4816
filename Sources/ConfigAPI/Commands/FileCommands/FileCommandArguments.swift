import ArgumentParser
import YAMLPatch

/// The arguments every file command takes: FILE, PATH, and `-i` for the commands that write.
///
/// Each command declares them itself, with the help given here, rather than through an
/// `@OptionGroup`: a group is one more type that the argument parser reflects on at every run,
/// about 0.9 M instructions of a `get` on a 1 KB file, more than the YAML work (callgrind; see
/// `ConfigAPIBench startup`).
enum FileCommandArguments {
    static let file = ArgumentHelp("The YAML file to read (for example projects/myproject.yaml).")

    static let path = ArgumentHelp(
        "Where in the file: a.b.c (keys), a[0] or a[-1] (items), a[name=api] (the items whose name is api), "
            + "a[\"key.with.dots\"], or . for the root.",
        valueName: "path")

    static let inPlaceNames: NameSpecification = [.customShort("i"), .customLong("in-place")]

    static let inPlace = ArgumentHelp(
        "Write the file in place (atomically: temporary file in the same folder, then rename; mode kept) "
            + "instead of printing the new document.")

    /// The parsed path; a malformed one is a data error naming the column in the path.
    static func parsedPath(_ text: String) throws(CommandFailure) -> YAMLPath {
        do {
            return try YAMLPath(text)
        } catch let error as YAMLPatchError {
            let column = error.mark.map { " at column \($0.column)" } ?? ""
            throw CommandFailure(.dataError, "\(error.message)\(column) of '\(text)'")
        } catch {
            throw CommandFailure(.dataError, "\(error) in '\(text)'")
        }
    }
}
