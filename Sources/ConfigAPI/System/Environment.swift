import SystemCalls

/// The environment variables config-api reads itself (libgit2 reads `HOME` and `SSH_AUTH_SOCK`
/// on its own), so that one place lists them: GitHub Actions' (docs/contract.md#github-actions)
/// and the tokens (docs/contract.md#the-transaction).
enum Environment {
    static let names = [
        "GITHUB_ACTIONS", "GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY", "GITHUB_EVENT_PATH",
        "CONFIG_API_TOKEN", "GITHUB_TOKEN",
    ]

    /// The values of ``names`` that are set.
    static func current() -> [String: String] {
        var values: [String: String] = [:]
        for name in names {
            values[name] = ProcessEnvironment.value(of: name)
        }
        return values
    }
}
