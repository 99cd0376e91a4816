import Foundation
import Testing

/// `create` and `delete` on the example project file keep every comment and blank line that
/// does not belong to the item.
@Suite struct ResourceRoundTripTests {
    static let file = "projects/myproject.yaml"

    @Test func createThenDeleteRestoresTheFileByteForByte() throws {
        let workspace = try GitWorkspace()
        let original = try workspace.remote.content(of: Self.file)
        let git = #"{"type": "github", "owner": "myorg", "repo": "my-worker", "branch": "main", "hash": null}"#
        let spec = #"{"git": \#(git), "port": 9090}"#
        let created = try workspace.run([
            "apply", "--path", "projects/myproject/applications/worker", "--action", "create", "--spec", spec,
        ])
        #expect(created.status == 0, "\(created.standardError)")
        let withWorker = try workspace.remote.content(of: Self.file)
        #expect(withWorker.hasPrefix(original.components(separatedBy: "\ndatabases:")[0]))
        #expect(withWorker.contains("\n    - name: worker\n      git:\n          type: github\n"))
        #expect(withWorker.contains("      port: 9090\n"))

        let deleted = try workspace.run([
            "apply", "--path", "projects/myproject/applications/worker", "--action", "delete",
        ])
        #expect(deleted.status == 0, "\(deleted.standardError)")
        #expect(try workspace.remote.content(of: Self.file) == original)
        #expect(try workspace.remote.commitCount() == 3)
        #expect(try workspace.status().isEmpty)
    }

    /// The item's lines, its comment, and the blank line that separated it from `databases:`
    /// (the one above it stays): every other line is kept, in order.
    @Test func deleteRemovesOnlyTheItemItsCommentAndOneSeparator() throws {
        let workspace = try GitWorkspace()
        let original = try workspace.remote.content(of: Self.file).split(
            separator: "\n", omittingEmptySubsequences: false)
        let result = try workspace.run([
            "apply", "--path", "projects/myproject/applications/frontend", "--action", "delete",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let after = try workspace.remote.content(of: Self.file).split(separator: "\n", omittingEmptySubsequences: false)
        let first = try #require(original.firstIndex { $0.contains("# The public web site.") })
        let last = try #require(original.firstIndex { $0.contains("- example.com") })
        #expect(original[last + 1].isEmpty && original[first - 1].isEmpty)
        #expect(Array(after) == Array(original[..<first] + original[(last + 2)...]))
    }
}
