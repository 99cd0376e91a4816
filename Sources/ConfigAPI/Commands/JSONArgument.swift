import ProjectConfig
import YAMLPatch

/// A command-line argument that holds JSON (`--spec`, the JSON of `set --json`, `merge`,
/// `append`): the text itself, or `-` for standard input (docs/contract.md#commands).
enum JSONArgument {
    /// The argument's value, read strictly and within ``JSONText/maximumBytes``; `name` says
    /// which argument in errors (`<stdin>` for standard input).
    static func value(_ argument: String, name: String) throws -> YAMLValue {
        guard argument == Files.standardInput else { return try JSONText.parse(argument, origin: name) }
        let bytes = try Files.contents(of: Files.standardInput, limit: JSONText.maximumBytes)
        return try JSONText.parse(bytes, origin: Files.displayName(Files.standardInput))
    }
}
