import Foundation
import TestSupport
import Testing

/// Trailers on the pushed commit, read back with `git interpret-trailers --parse`: `--trailer`,
/// `--signoff`, and the provenance trailers from the variables a GitHub Actions runner and an
/// Argo workflow step set; `{trailer:KEY}` in the message template.
@Suite struct TrailerTests {
    /// The variables a hosted runner sets for a `repository_dispatch` run (re-run once).
    static let runner = [
        "GITHUB_ACTIONS": "true", "CI": "true", "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_REPOSITORY": "injunweb/projects-gitops", "GITHUB_RUN_ID": "12345678901", "GITHUB_RUN_ATTEMPT": "2",
        "GITHUB_EVENT_NAME": "repository_dispatch", "GITHUB_ACTOR": "injunweb-ci",
        "GITHUB_WORKFLOW": "Configuration API",
    ]
    /// What the chart's update-config step passes from `{{workflow.name}}` and `{{workflow.uid}}`.
    static let argo = [
        "ARGO_WORKFLOW_NAME": "myproject-api-build-workflow-template-x7k2p",
        "ARGO_WORKFLOW_UID": "6f1c1d0e-6a4b-4b8e-9c3a-2f1e0d9c8b7a",
    ]

    @Test(arguments: SigningWorkspace.Remote.allCases)
    func givenSignOffAndGitHubProvenanceTrailersAreOnThePushedCommit(remote: SigningWorkspace.Remote) throws {
        let setting = try SigningWorkspace(verifying: false)
        let result = try setting.bump(
            "3f2c1a9", via: remote,
            ["--trailer", "Change-Id: I8d2c4f1", "--trailer", "Reviewed-by: Ops <ops@example.com>", "--signoff",
             "--message", "deploy {name} {trailer:GitHub-Run}"],
            environment: Self.runner)

        #expect(result.status == 0, "\(result.standardError)")
        let tip = try setting.remote.tip()
        let run = "https://github.com/injunweb/projects-gitops/actions/runs/12345678901/attempts/2"
        #expect(try setting.trailers(of: tip) == [
            "Change-Id: I8d2c4f1", "Reviewed-by: Ops <ops@example.com>", "GitHub-Run: \(run)",
            "GitHub-Event: repository_dispatch", "GitHub-Actor: injunweb-ci",
            "Signed-off-by: Test Writer <writer@example.com>",
        ])
        #expect(try setting.message(of: tip).hasPrefix("deploy api \(run)\n\nChange-Id: I8d2c4f1\n"))
        #expect(result.standardOutput.contains("pushed \(tip.prefix(12)) deploy api \(run) (1 attempt)"))
    }

    @Test func argoWorkflowProvenanceTrailers() throws {
        let setting = try SigningWorkspace(verifying: false)
        let result = try setting.bump("3f2c1a9", environment: Self.argo)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(try setting.trailers(of: try setting.remote.tip()) == [
            "Argo-Workflow: myproject-api-build-workflow-template-x7k2p",
            "Argo-Workflow-UID: 6f1c1d0e-6a4b-4b8e-9c3a-2f1e0d9c8b7a",
        ])
    }

    @Test func noProvenanceLeavesOnlyTheGivenTrailers() throws {
        let setting = try SigningWorkspace(verifying: false)
        let result = try setting.bump("3f2c1a9", ["--no-provenance", "--trailer", "Ticket: OPS-7"],
                                      environment: Self.runner.merging(Self.argo) { $1 })
        #expect(result.status == 0, "\(result.standardError)")
        #expect(try setting.trailers(of: try setting.remote.tip()) == ["Ticket: OPS-7"])
        let plain = try setting.bump("3f2c1b9")
        #expect(plain.status == 0)
        #expect(try setting.message(of: try setting.remote.tip()) == "apply projects/myproject/applications/api")
    }

    /// A variable holding a line break cannot add a trailer of its own: its value is one line.
    @Test func aHostileVariableIsNeutralisedIntoOneTrailer() throws {
        let setting = try SigningWorkspace(verifying: false)
        let hostile = Self.runner.merging(["GITHUB_ACTOR": "bot\nSigned-off-by: Mallory <m@example.com>"]) { $1 }
        let result = try setting.bump("3f2c1a9", environment: hostile)
        #expect(result.status == 0, "\(result.standardError)")
        let trailers = try setting.trailers(of: try setting.remote.tip())
        #expect(trailers.contains("GitHub-Actor: bot Signed-off-by: Mallory <m@example.com>"))
        #expect(!trailers.contains { $0.hasPrefix("Signed-off-by:") })
    }

    @Test(arguments: ["no separator", "Two Words: x", "Key: one\ntwo", "Key:", "Key: \u{1B}[31m"])
    func aMalformedTrailerIsAUsageErrorAndNothingIsPushed(trailer: String) throws {
        let setting = try SigningWorkspace(verifying: false)
        let result = try setting.bump("3f2c1a9", ["--trailer", trailer])
        #expect(result.status == 64, "\(result.standardError)")
        #expect(result.standardError.contains("--trailer: "))
        #expect(!result.standardError.contains("\u{1B}"))
        #expect(try setting.remote.commitCount() == 1)
    }
}
