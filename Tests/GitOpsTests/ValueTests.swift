import Foundation
@testable import GitOps
import Testing

/// The small value types of the public API, and remote address classification.
@Suite struct ValueTests {
    @Test func credentialsComeFromTheEnvironmentInOrder() {
        #expect(Credentials.fromEnvironment(["CONFIG_API_TOKEN": "a", "GITHUB_TOKEN": "b"]).token == "a")
        #expect(Credentials.fromEnvironment(["CONFIG_API_TOKEN": "", "GITHUB_TOKEN": "b"]).token == "b")
        #expect(Credentials.fromEnvironment([:]).token == nil)
        #expect(Credentials.fromEnvironment(["GITHUB_TOKEN": "b"]).username == "x-access-token")
    }

    @Test func credentialsNeverPrintTheToken() {
        let credentials = Credentials(token: "ghs_secretvalue")
        var dumped = ""
        dump(credentials, to: &dumped)
        let texts = [credentials.description, credentials.debugDescription, "\(credentials)",
                     String(reflecting: credentials), dumped]
        #expect(texts.allSatisfy { !$0.contains("ghs_secretvalue") && $0.contains("redacted") })
    }

    @Test func errorsAndAddressesAreRedacted() {
        let error = GitOpsError.libgit2(code: -1, message: "failed for https://x:ghs_secret@host/r")
            .redacting("ghs_secret")
        #expect(error == .libgit2(code: -1, message: "failed for https://x:***@host/r"))
        #expect(displayableURL("https://x-access-token:ghs_secret@github.com/o/r.git") == "https://github.com/o/r.git")
        #expect(displayableURL("https://github.com/o/r@x.git") == "https://github.com/o/r@x.git")
        #expect(displayableURL("git@github.com:o/r.git") == "git@github.com:o/r.git")
    }

    @Test func commitIdentityParsesGitAuthorSyntax() {
        #expect(CommitIdentity(parsing: "Jane Doe <jane@example.com>")
                == CommitIdentity(name: "Jane Doe", email: "jane@example.com"))
        #expect(CommitIdentity(parsing: "  bot <b@x>  ")?.description == "bot <b@x>")
        #expect(CommitIdentity(parsing: "no email") == nil)
        #expect(CommitIdentity(parsing: "<only@email>") == nil)
        #expect(CommitIdentity(parsing: "Name <>") == nil)
        #expect(CommitIdentity.fallback.description == "config-api <config-api@users.noreply.github.com>")
    }

    @Test func retryDelaysStayWithinTheirBounds() {
        let policy = RetryPolicy(maxAttempts: 5, baseDelay: 0.05, maxDelay: 2)
        var previous: Double?
        var delays: [Double] = []
        for _ in 0..<200 {
            let delay = policy.nextDelay(after: previous)
            #expect(delay >= 0.05 && delay <= 2 && delay <= max(0.05, (previous ?? 0.05) * 3))
            delays.append(delay)
            previous = delay
        }
        #expect(Set(delays).count > 100)
        #expect(RetryPolicy(maxAttempts: 0, baseDelay: -1, maxDelay: -1)
                == RetryPolicy(maxAttempts: 1, baseDelay: 0, maxDelay: 0))
    }

    @Test func localRemoteAddressesAreRecognised() {
        #expect(LocalRemoteUpdate.repositoryPath(of: "/srv/git/r.git") == "/srv/git/r.git")
        #expect(LocalRemoteUpdate.repositoryPath(of: "../r.git") == "../r.git")
        #expect(LocalRemoteUpdate.repositoryPath(of: "file:///srv/my%20r.git") == "/srv/my r.git")
        #expect(LocalRemoteUpdate.repositoryPath(of: "r.git") == "r.git")
        #expect(LocalRemoteUpdate.repositoryPath(of: "https://github.com/o/r.git") == nil)
        #expect(LocalRemoteUpdate.repositoryPath(of: "ssh://git@github.com/o/r.git") == nil)
        #expect(LocalRemoteUpdate.repositoryPath(of: "git@github.com:o/r.git") == nil)
    }

    @Test func filePathsAreNormalisedOrRefused() throws {
        #expect(try PushTransaction.treePath("./projects//p.yaml") == "projects/p.yaml")
        #expect(try PushTransaction.treePath("/projects/p.yaml") == "projects/p.yaml")
        for bad in ["", ".", "/", "../p.yaml", "projects/../../p.yaml"] {
            #expect(throws: GitOpsError.invalidPath(bad)) { try PushTransaction.treePath(bad) }
        }
    }

    @Test func unifiedDiffLooksLikeGitDiff() throws {
        let diff = try UnifiedDiff.make(old: Array("a: 1\nb: 2\n".utf8), new: Array("a: 1\nb: 3\n".utf8),
                                        path: "projects/p.yaml")
        #expect(diff.hasPrefix("diff --git a/projects/p.yaml b/projects/p.yaml\n"))
        #expect(diff.contains("--- a/projects/p.yaml\n+++ b/projects/p.yaml\n"))
        #expect(diff.contains("@@ -1,2 +1,2 @@\n a: 1\n-b: 2\n+b: 3\n"))
        #expect(try UnifiedDiff.make(old: Array("x\n".utf8), new: Array("x\n".utf8), path: "p") == "")
        let created = try UnifiedDiff.make(old: nil, new: Array("new\n".utf8), path: "p.yaml")
        #expect(created.contains("new file mode 100644\n") && created.contains("--- /dev/null\n+++ b/p.yaml\n"))
        #expect(created.hasSuffix("@@ -0,0 +1 @@\n+new\n"))
    }
}
