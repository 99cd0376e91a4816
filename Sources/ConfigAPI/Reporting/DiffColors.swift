import ArgumentParser
import SystemCalls

/// `--color auto|always|never`: whether a diff is printed with ANSI colours, as git colours
/// its own (docs/contract.md#commands).
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    /// Colour when standard output is a terminal, `NO_COLOR` is unset or empty
    /// (no-color.org), and the run is not a GitHub Actions step, whose log is not a terminal.
    case auto
    /// Colour always, whatever `NO_COLOR` says (a flag overrides the environment).
    case always
    /// Never colour.
    case never

    /// Whether to colour, given the environment and whether stdout is a terminal.
    func colors(environment: [String: String], outputIsTerminal: Bool) -> Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto:
            return outputIsTerminal && (environment["NO_COLOR"] ?? "").isEmpty
                && environment["GITHUB_ACTIONS"] != "true"
        }
    }

    /// ``colors(environment:outputIsTerminal:)`` for this process's standard output.
    func colors(environment: [String: String]) -> Bool {
        colors(environment: environment, outputIsTerminal: self == .auto && FileDescriptor.standardOutput.isTerminal)
    }
}

/// A unified diff with git's default colours: the header lines (before the first hunk) bold,
/// hunk headers cyan, removed lines red, added lines green, context as it is.
enum DiffColors {
    static func colored(_ diff: String) -> String {
        var lines: [String] = []
        var inHeader = true
        for line in diff.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("@@") { inHeader = false }
            let code = colorCode(of: line, inHeader: inHeader)
            lines.append(code.map { "\u{1B}[\($0)m" + line + "\u{1B}[m" } ?? String(line))
        }
        return lines.joined(separator: "\n")
    }

    /// The SGR code of one line of the diff: nil for context and empty lines.
    private static func colorCode(of line: Substring, inHeader: Bool) -> String? {
        if line.isEmpty { return nil }
        if inHeader { return "1" }
        switch line.first {
        case "@": return "36"
        case "-": return "31"
        case "+": return "32"
        default: return nil
        }
    }
}
