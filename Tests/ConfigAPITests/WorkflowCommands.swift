import Foundation

/// What a GitHub Actions runner would run of a step's output, read as actions/runner reads it
/// (`ActionCommand.TryParseV2`, then `TryParse`, under `ActionCommandManager`'s stop rule):
/// lines end at LF, CR or CR LF; a line whose text after leading white space starts with
/// `::NAME …::` is a command, and so is one holding `##[NAME …]` anywhere, for the registered
/// names; after `::stop-commands::TOKEN` nothing runs until `::TOKEN::`.
struct WorkflowCommands {
    /// One command the runner would run.
    struct Command: Equatable, CustomStringConvertible {
        var name: String
        /// The text between the name and the data separator (`file=…,line=…`).
        var properties: String
        /// The data, unescaped as the runner unescapes it.
        var data: String
        var line: String
        var description: String { line }
    }

    static let registered: Set<String> = [
        "add-mask", "add-matcher", "add-path", "debug", "echo", "endgroup", "error", "group", "notice",
        "remove-matcher", "save-state", "set-env", "set-output", "stop-commands", "warning",
    ]

    /// The commands `output` would run, in order, `stop-commands` and its resume token included.
    static func run(_ output: String) -> [Command] {
        var commands: [Command] = []
        var stopToken: String?
        let lines = output.replacingOccurrences(of: "\r\n", with: "\n").split(
            omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" })
        for line in lines.map(String.init) {
            var names = registered
            if let stopToken { names.insert(stopToken.lowercased()) }
            guard let command = parseV2(line, names) ?? parseV1(line, names) else { continue }
            if let token = stopToken {
                guard command.name.lowercased() == token.lowercased() else { continue }
                stopToken = nil
            } else if command.name == "stop-commands" {
                stopToken = command.data
            }
            commands.append(command)
        }
        return commands
    }

    private static func parseV2(_ line: String, _ names: Set<String>) -> Command? {
        let text = line.drop { $0.isWhitespace }
        guard text.hasPrefix("::"), let end = text.dropFirst(2).range(of: "::") else { return nil }
        let info = text[text.index(text.startIndex, offsetBy: 2)..<end.lowerBound]
        let name = String(info.prefix { $0 != " " })
        guard names.contains(name.lowercased()) else { return nil }
        let properties = String(info.dropFirst(name.count).drop { $0 == " " })
        return Command(name: name, properties: properties, data: unescape(String(text[end.upperBound...])), line: line)
    }

    private static func parseV1(_ line: String, _ names: Set<String>) -> Command? {
        guard let prefix = line.range(of: "##["), let close = line[prefix.upperBound...].firstIndex(of: "]") else {
            return nil
        }
        let info = line[prefix.upperBound..<close]
        let name = String(info.prefix { $0 != " " })
        guard names.contains(name.lowercased()) else { return nil }
        return Command(
            name: name, properties: String(info.dropFirst(name.count)), data: String(line[line.index(after: close)...]),
            line: line)
    }

    private static func unescape(_ data: String) -> String {
        data.replacingOccurrences(of: "%0D", with: "\r").replacingOccurrences(of: "%0A", with: "\n")
            .replacingOccurrences(of: "%25", with: "%")
    }
}
