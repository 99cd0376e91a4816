import Foundation
import Testing

@testable import ConfigAPI

/// Step outputs, summaries, annotations and masks, with the runner's escaping.
struct GitHubActionsTests {
    @Test func inactiveOutsideGitHubActions() throws {
        var printed: [String] = []
        let actions = GitHubActions(
            environment: ["GITHUB_OUTPUT": "/nonexistent/out"], commands: { printed.append($0) })
        try actions.setOutput("changed", "true")
        try actions.appendSummary("# x")
        actions.error("boom")
        actions.mask("ghp_secret")
        #expect(printed.isEmpty)
    }

    @Test func outputsUseTheMultilineDelimiterForm() throws {
        let folder = try Scratch().folder
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("output")
        try Data("earlier=1\n".utf8).write(to: output)
        let actions = GitHubActions(
            environment: ["GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": output.path], commands: { _ in })
        try actions.setOutput("changed", "true")
        try actions.setOutput("diff", "-a\n+b\nEOF")
        let lines = try String(contentsOf: output, encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false
        ).map(String.init)
        #expect(lines[0] == "earlier=1")
        #expect(lines[1].hasPrefix("changed<<ghadelimiter_"))
        let firstDelimiter = String(lines[1].dropFirst("changed<<".count))
        #expect(lines[2] == "true")
        #expect(lines[3] == firstDelimiter)
        #expect(lines[4].hasPrefix("diff<<ghadelimiter_"))
        #expect(Array(lines[5...7]) == ["-a", "+b", "EOF"])
        #expect(lines[8] == String(lines[4].dropFirst("diff<<".count)))
        #expect(throws: CommandFailure.self) { try actions.setOutput("bad\nname", "x") }
    }

    @Test func summaryAppendsMarkdownWithADiffBlock() throws {
        let folder = try Scratch().folder
        defer { try? FileManager.default.removeItem(at: folder) }
        let summaryFile = folder.appendingPathComponent("summary.md")
        try Data().write(to: summaryFile)
        let actions = GitHubActions(
            environment: ["GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": summaryFile.path], commands: { _ in })
        let diff =
            "--- a/projects/myproject.yaml\n+++ b/projects/myproject.yaml\n@@ -10 +10 @@\n"
            + "-          hash: ~\n+          hash: 3f2c1a9\n"
        let markdown = GitHubActions.summary(
            title: "apply projects/myproject/applications/api",
            facts: [("changed", "true"), ("commit", "`abc1234`")], diff: diff)
        try actions.appendSummary(markdown)
        #expect(
            try String(contentsOf: summaryFile, encoding: .utf8) == """
                ### apply projects/myproject/applications/api

                - **changed**: true
                - **commit**: `abc1234`

                ```diff
                --- a/projects/myproject.yaml
                +++ b/projects/myproject.yaml
                @@ -10 +10 @@
                -          hash: ~
                +          hash: 3f2c1a9
                ```

                """)
        #expect(GitHubActions.summary(title: "t", facts: [], diff: "").hasSuffix("No change.\n"))
        #expect(GitHubActions.summary(title: "t", facts: [], diff: "+ ```yaml\n").contains("````diff\n+ ```yaml\n````"))
    }

    @Test func errorAnnotationsAreEscaped() {
        var printed: [String] = []
        let actions = GitHubActions(environment: ["GITHUB_ACTIONS": "true"], commands: { printed.append($0) })
        actions.error("port 70000\nis 100% wrong\r\n", file: "projects/a,b:c.yaml", line: 9, column: 13)
        actions.error("no location")
        #expect(
            printed == [
                "::error file=projects/a%2Cb%3Ac.yaml,line=9,col=13::port 70000%0Ais 100%25 wrong%0D%0A",
                "::error::no location",
            ])
    }

    @Test func escapingFollowsTheRunner() {
        #expect(GitHubActions.escapeData("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad:e,f")
        #expect(GitHubActions.escapeProperty("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad%3Ae%2Cf")
        #expect(GitHubActions.escapeData("x\r\ny") == "x%0D%0Ay")
    }

    @Test func masksSecrets() {
        var printed: [String] = []
        let actions = GitHubActions(environment: ["GITHUB_ACTIONS": "true"], commands: { printed.append($0) })
        actions.mask("ghp_abc%1")
        actions.mask("")
        #expect(printed == ["::add-mask::ghp_abc%251"])
    }
}
