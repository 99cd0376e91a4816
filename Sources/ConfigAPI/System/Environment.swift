import SystemCalls

/// The environment variables config-api reads itself (libgit2 reads `HOME` and `SSH_AUTH_SOCK`
/// on its own), so that one place lists them: GitHub Actions' (docs/contract.md#github-actions),
/// the tokens (docs/contract.md#the-transaction), the signing key and the provenance variables
/// (docs/contract.md#signed-and-traceable-commits).
enum Environment {
    static let names = [
        "GITHUB_ACTIONS", "GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY", "GITHUB_EVENT_PATH",
        "CONFIG_API_TOKEN", "GITHUB_TOKEN", "CONFIG_API_SIGNING_KEY",
    ] + Provenance.variables

    /// The values of ``names`` that are set.
    static func current() -> [String: String] {
        var values: [String: String] = [:]
        for name in names {
            values[name] = ProcessEnvironment.value(of: name)
        }
        return values
    }
}
