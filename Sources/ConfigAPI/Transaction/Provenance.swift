import GitOps

/// The trailers that tell an auditor which run made a commit, read from the variables the CI
/// system sets (docs/contract.md#signed-and-traceable-commits):
///
/// - GitHub Actions (`GITHUB_ACTIONS=true`): `GitHub-Run` (the run's page,
///   `$GITHUB_SERVER_URL/$GITHUB_REPOSITORY/actions/runs/$GITHUB_RUN_ID/attempts/$GITHUB_RUN_ATTEMPT`),
///   `GitHub-Event` (`$GITHUB_EVENT_NAME`) and `GitHub-Actor` (`$GITHUB_ACTOR`);
/// - Argo Workflows: `Argo-Workflow` (`$ARGO_WORKFLOW_NAME`) and `Argo-Workflow-UID`
///   (`$ARGO_WORKFLOW_UID`), which the chart's WorkflowTemplate passes from `{{workflow.name}}`
///   and `{{workflow.uid}}`.
///
/// A variable that is missing or malformed gives no trailer; values are neutralised (control
/// characters become spaces), never refused: the run must not fail on its own description.
enum Provenance {
    /// The variables read, for `Environment`.
    static let variables = [
        "GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_RUN_ID", "GITHUB_RUN_ATTEMPT", "GITHUB_EVENT_NAME",
        "GITHUB_ACTOR", "ARGO_WORKFLOW_NAME", "ARGO_WORKFLOW_UID",
    ]

    /// The provenance trailers `environment` gives, in a fixed order.
    static func trailers(from environment: [String: String]) -> [CommitTrailer] {
        var found: [(String, String?)] = []
        if environment["GITHUB_ACTIONS"] == "true" {
            found += [
                ("GitHub-Run", gitHubRunURL(environment)), ("GitHub-Event", environment["GITHUB_EVENT_NAME"]),
                ("GitHub-Actor", environment["GITHUB_ACTOR"]),
            ]
        }
        found += [
            ("Argo-Workflow", environment["ARGO_WORKFLOW_NAME"]),
            ("Argo-Workflow-UID", environment["ARGO_WORKFLOW_UID"]),
        ]
        return found.compactMap { key, value in value.flatMap { CommitTrailer(key: key, neutralising: $0) } }
    }

    /// The run's page; nil unless the server is an http(s) address, the repository
    /// `owner/name` and the run id (and attempt, when set) numbers.
    static func gitHubRunURL(_ environment: [String: String]) -> String? {
        guard let server = environment["GITHUB_SERVER_URL"],
              server.hasPrefix("https://") || server.hasPrefix("http://"), !server.contains(where: \.isWhitespace),
              let repository = environment["GITHUB_REPOSITORY"], isRepositoryName(repository),
              let run = environment["GITHUB_RUN_ID"], isNumber(run) else { return nil }
        let base = "\(server.hasSuffix("/") ? String(server.dropLast()) : server)/\(repository)/actions/runs/\(run)"
        guard let attempt = environment["GITHUB_RUN_ATTEMPT"], isNumber(attempt) else { return base }
        return "\(base)/attempts/\(attempt)"
    }

    private static func isNumber(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isASCII && $0.isNumber }
    }

    private static func isRepositoryName(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { part in
            !part.isEmpty && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
        }
    }
}
