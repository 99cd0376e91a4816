/// What config-api tells a GitHub Actions runner (docs/contract.md#github-actions): step outputs,
/// the step summary, error annotations and secrets to mask. Everything is a no-op unless
/// `GITHUB_ACTIONS=true`.
///
/// The environment is passed in, so tests need no global state; workflow commands
/// (`::error …`, `::add-mask::`) go to `commands`, standard output by default.
struct GitHubActions {
    let environment: [String: String]
    /// Receives workflow commands, one per line.
    let commands: (String) -> Void

    init(
        environment: [String: String] = Environment.current(),
        commands: @escaping (String) -> Void = { try? StandardStreams.printLine($0) }
    ) {
        self.environment = environment
        self.commands = commands
    }

    /// Whether the process runs as a GitHub Actions step.
    var isActive: Bool { environment["GITHUB_ACTIONS"] == "true" }

    /// Appends `name` = `value` to `$GITHUB_OUTPUT` in the delimiter form, which is safe for
    /// values with newlines: `name<<DELIMITER`, the value, `DELIMITER`.
    func setOutput(_ name: String, _ value: String) throws {
        guard isActive, let file = environment["GITHUB_OUTPUT"], !file.isEmpty else { return }
        guard !name.isEmpty, !name.contains(where: { $0.isNewline || $0 == "<" || $0 == "=" }) else {
            throw CommandFailure(.software, "invalid GitHub Actions output name '\(name)'")
        }
        var delimiter = Self.randomDelimiter()
        while value.contains(delimiter) { delimiter = Self.randomDelimiter() }
        try append("\(name)<<\(delimiter)\n\(value)\n\(delimiter)\n", to: file)
    }

    /// Appends `markdown` (and a newline) to `$GITHUB_STEP_SUMMARY`.
    func appendSummary(_ markdown: String) throws {
        guard isActive, let file = environment["GITHUB_STEP_SUMMARY"], !file.isEmpty else { return }
        try append(markdown.hasSuffix("\n") ? markdown : markdown + "\n", to: file)
    }

    /// Prints an error annotation, `::error file=F,line=L,col=C::message`, that the runner
    /// shows on the file's line in the pull request and the run.
    func error(_ message: String, file: String? = nil, line: Int? = nil, column: Int? = nil) {
        guard isActive else { return }
        commands(Self.errorCommand(message, file: file, line: line, column: column))
    }

    /// Prints a warning annotation, `::warning::message`, that the runner shows on the run.
    func warning(_ message: String) {
        guard isActive else { return }
        commands("::warning::\(Self.escapeData(message))")
    }

    /// Prints `::add-mask::secret`: from now on the runner replaces it with `***` in the log.
    func mask(_ secret: String) {
        guard isActive, !secret.isEmpty else { return }
        commands("::add-mask::\(Self.escapeData(secret))")
    }

    /// The annotation command for ``error(_:file:line:column:)``.
    static func errorCommand(_ message: String, file: String?, line: Int?, column: Int?) -> String {
        let properties = [("file", file), ("line", line.map(String.init)), ("col", column.map(String.init))]
            .compactMap { name, value in value.map { "\(name)=\(escapeProperty($0))" } }
        let head = properties.isEmpty ? "::error" : "::error " + properties.joined(separator: ",")
        return "\(head)::\(escapeData(message))"
    }

    /// A step summary: a heading, `facts` as a list, and `diff` in a ```diff block (a longer
    /// fence when the diff itself contains backticks); "No change." when the diff is empty.
    static func summary(title: String, facts: [(name: String, value: String)], diff: String) -> String {
        var lines = ["### \(title)", ""]
        lines += facts.map { "- **\($0.name)**: \($0.value)" }
        if !facts.isEmpty { lines.append("") }
        if diff.isEmpty {
            lines.append("No change.")
        } else {
            let longestRun = diff.split(whereSeparator: { $0 != "`" }).map(\.count).max() ?? 0
            let fence = String(repeating: "`", count: max(3, longestRun + 1))
            lines += [fence + "diff", diff.hasSuffix("\n") ? String(diff.dropLast()) : diff, fence]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The runner's escaping of a command's message: `%`, CR and LF.
    static func escapeData(_ text: String) -> String {
        escape(text, ["%": "%25", "\r": "%0D", "\n": "%0A"])
    }

    /// The runner's escaping of a command's property value: the data escapes plus `:` and `,`.
    static func escapeProperty(_ text: String) -> String {
        escape(text, ["%": "%25", "\r": "%0D", "\n": "%0A", ":": "%3A", ",": "%2C"])
    }

    /// `ghadelimiter_` and 128 random bits, as the runner's own toolkit makes its delimiters.
    private static func randomDelimiter() -> String {
        "ghadelimiter_" + String(UInt64.random(in: .min ... .max), radix: 16)
            + String(UInt64.random(in: .min ... .max), radix: 16)
    }

    /// Replaces scalar by scalar, so a CR LF pair (one Character in Swift) becomes `%0D%0A`.
    private static func escape(_ text: String, _ replacements: [Unicode.Scalar: String]) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            if let replacement = replacements[scalar] {
                escaped += replacement
            } else {
                escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    private func append(_ text: String, to path: String) throws {
        guard StandardStreams.append(text, toFileAt: path) else {
            throw CommandFailure(.cannotCreate, "cannot append to the GitHub Actions file", file: path)
        }
    }
}
