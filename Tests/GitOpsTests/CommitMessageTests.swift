import Foundation
import GitOps
import TestSupport
import Testing

/// Trailers as `git interpret-trailers` reads them: checked keys and one-line values, written
/// after one blank line, environment values neutralised.
@Suite struct CommitMessageTests {
    @Test func trailersAreParsedAndChecked() throws {
        let trailer = try CommitTrailer(parsing: " Change-Id :  I1234 ")
        #expect(trailer.key == "Change-Id" && trailer.value == "I1234")
        #expect(try CommitTrailer(parsing: "Ref=JIRA-7").description == "Ref: JIRA-7")
        #expect(trailer.hasKey("change-id"))
        let refused = [
            "no separator", "Two Words: x", "-dash: x", "Key:", "Key: a\nSigned-off-by: Mallory <m@example.com>",
            "Key: a\rb", "Key: \u{1B}[31mred", "Key: \u{202E}txt.exe", "Ke_y: x",
            "Key: " + String(repeating: "v", count: 1001),
        ]
        for text in refused {
            #expect(throws: CommitTrailer.Invalid.self, "\(text)") { try CommitTrailer(parsing: text) }
        }
    }

    @Test func environmentValuesAreNeutralisedNotRefused() throws {
        let value = "bot\nSigned-off-by: Mallory <m@example.com>\t\u{1B}[31m"
        let trailer = try #require(CommitTrailer(key: "GitHub-Actor", neutralising: value))
        #expect(trailer.value == "bot Signed-off-by: Mallory <m@example.com> [31m")
        #expect(CommitTrailer(key: "GitHub-Actor", neutralising: "\n\t ") == nil)
        #expect(CommitTrailer(key: "bad key", neutralising: "x") == nil)
    }

    @Test func composedMessagesReadBackWithGitInterpretTrailers() throws {
        let trailers = [
            try CommitTrailer(key: "Change-Id", value: "I1234"),
            try CommitTrailer(key: "GitHub-Run", value: "https://github.com/o/r/actions/runs/1/attempts/1"),
            try CommitTrailer(key: "Signed-off-by", value: "Bot <bot@example.com>"),
            try CommitTrailer(key: "Change-Id", value: "I1234"),
        ]
        let message = CommitMessage.compose("apply projects/p/applications/api\n\nBody line.\n\n\n", trailers: trailers)
        #expect(message == """
            apply projects/p/applications/api

            Body line.

            Change-Id: I1234
            GitHub-Run: https://github.com/o/r/actions/runs/1/attempts/1
            Signed-off-by: Bot <bot@example.com>

            """)
        #expect(CommitMessage.compose("subject  \n", trailers: []) == "subject\n")
        #expect(CommitMessage.subject(of: message) == "apply projects/p/applications/api")

        let folder = try TemporaryFolder()
        let file = folder.child("message")
        try message.write(toFile: file, atomically: true, encoding: .utf8)
        let parsed = try GitCLI.run(["interpret-trailers", "--parse", file])
        #expect(parsed.split(separator: "\n").map(String.init) == trailers.dropLast().map(\.description))
    }
}
